"""Alembic environment: always run with a connection handed in by `bot.storage.migrate`."""

from __future__ import annotations

from alembic import context

from bot.storage.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - guarded so a bare `alembic upgrade` explains itself
    raise SystemExit("Kör migreringar med `python -m bot migrate`.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
