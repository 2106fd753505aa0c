"""What the bot has looked up of each meeting's Teams attendance report, and what it found.

Revision ID: 0012_attendance_report
Revises: 0011_acting_chair
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0012_attendance_report"
down_revision = "0011_acting_chair"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attendance_reports",
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_look_at", UTCDateTime(), nullable=True),
        sa.Column("online_meeting_id", sa.String(400), nullable=True),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("settled_at", UTCDateTime(), nullable=True),
        sa.Column("reports", sa.JSON, nullable=True),
        sa.Column("found", sa.JSON, nullable=True),
        sa.PrimaryKeyConstraint("meeting_id", name="pk_attendance_reports"),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name="fk_attendance_reports_meeting_id_meetings"
        ),
    )


def downgrade() -> None:
    op.drop_table("attendance_reports")
