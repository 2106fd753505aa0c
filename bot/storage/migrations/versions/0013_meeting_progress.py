"""Mötets gång (when each point of the agenda was taken up) and the transcript's excerpts.

Revision ID: 0013_meeting_progress
Revises: 0012_attendance_report
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0013_meeting_progress"
down_revision = "0012_attendance_report"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting_progress",
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), primary_key=True),
        sa.Column("point", sa.String(40), primary_key=True),
        sa.Column("taken_up_at", UTCDateTime(), nullable=False),
        sa.Column("taken_up_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "transcript_cues",
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("excerpt", sa.String(40), nullable=False),
        sa.Column("said_at", UTCDateTime(), nullable=False),
        sa.Column("speaker", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("transcript_cues")
    op.drop_table("meeting_progress")
