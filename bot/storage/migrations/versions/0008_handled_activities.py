"""The activities the bot has taken, so that one Teams delivers again is handled once.

Revision ID: 0008_handled_activities
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0008_handled_activities"
down_revision = "0007_recording_checks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handled_activities",
        sa.Column("conversation_id", sa.String(400), nullable=False),
        sa.Column("activity_id", sa.String(400), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id", "activity_id", name="pk_handled_activities"),
    )
    op.create_index("ix_handled_activities_received_at", "handled_activities", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_handled_activities_received_at", table_name="handled_activities")
    op.drop_table("handled_activities")
