"""Meetings cancelled outside the formalia (§3 allows only an empty meeting, from a week before).

Revision ID: 0009_cancel_outside_formalia
Revises: 0008_handled_activities
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_cancel_outside_formalia"
down_revision = "0008_handled_activities"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch: SQLite would copy the table, and dropping the old
    # `meetings` fails while agenda items and votes point at it.
    op.add_column(
        "meetings",
        sa.Column("cancelled_outside_formalia", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    op.drop_column("meetings", "cancelled_outside_formalia")
