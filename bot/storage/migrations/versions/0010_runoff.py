"""Run-offs: a second round between the two proposals with most votes when none had a majority.

Revision ID: 0010_runoff
Revises: 0009_cancel_outside_formalia
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_runoff"
down_revision = "0009_cancel_outside_formalia"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN and a unique index rather than a foreign key: SQLite adds a constraint
    # only by copying the table, and dropping the old `votes` fails while ballots point at it.
    op.add_column("votes", sa.Column("runoff_of", sa.Integer, nullable=True))
    op.create_index("ix_votes_runoff_of", "votes", ["runoff_of"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_votes_runoff_of", table_name="votes")
    op.drop_column("votes", "runoff_of")
