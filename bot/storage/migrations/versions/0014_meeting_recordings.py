"""The bot's looks for each meeting's transcript and recording after the meeting.

Revision ID: 0014_meeting_recordings
Revises: 0013_meeting_progress
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0014_meeting_recordings"
down_revision = "0013_meeting_progress"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "artifact_looks",
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("artifact", sa.String(32), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_look_at", UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("settled_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("meeting_id", "artifact", name="pk_artifact_looks"),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name="fk_artifact_looks_meeting_id_meetings"
        ),
    )


def downgrade() -> None:
    op.drop_table("artifact_looks")
