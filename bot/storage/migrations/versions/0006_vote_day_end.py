"""Votes the bot closed because the meeting day ended while they were open.

Revision ID: 0006_vote_day_end
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_vote_day_end"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("votes") as batch:
        batch.add_column(
            sa.Column("closed_at_day_end", sa.Boolean, nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("votes") as batch:
        batch.drop_column("closed_at_day_end")
