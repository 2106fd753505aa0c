"""The recording as checked and confirmed (its file's eTag, name, size), and a log that says what happened.

Revision ID: 0007_recording_checks
Revises: 0005
Create Date: 2026-12-04

A deletion now ends in one of three outcomes (deleted, not found, changed); after "changed" the
secretary may register the right file and a second line is logged, so a meeting may have more
than one line in the log. Recordings registered before keep no eTag: the deletion reads it then.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0007_recording_checks"
down_revision = "0006_vote_day_end"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recordings") as table:
        table.add_column(sa.Column("etag", sa.String(400), nullable=True))
        table.add_column(sa.Column("name", sa.Text, nullable=True))
        table.add_column(sa.Column("size", sa.BigInteger, nullable=True))
        table.add_column(sa.Column("outcome", sa.String(16), nullable=True))
    with op.batch_alter_table("deletion_log") as table:
        table.drop_constraint("uq_deletion_log_meeting_id", type_="unique")
        table.add_column(sa.Column("size", sa.BigInteger, nullable=True))
        table.add_column(sa.Column("retention_decision", sa.Text, nullable=True))
        table.add_column(sa.Column("outcome", sa.String(16), nullable=True))
        table.add_column(sa.Column("settled_at", UTCDateTime(), nullable=True))
        table.add_column(sa.Column("attempted_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deletion_log") as table:
        for column in ("attempted_at", "settled_at", "outcome", "retention_decision", "size"):
            table.drop_column(column)
        table.create_unique_constraint("uq_deletion_log_meeting_id", ["meeting_id"])
    with op.batch_alter_table("recordings") as table:
        for column in ("outcome", "size", "name", "etag"):
            table.drop_column(column)
