"""The first schema: meetings, agenda items, conversation references.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_key", sa.String(32), nullable=True),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("place", sa.String(200), nullable=False),
        sa.Column("cancel_reason", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_meetings"),
        sa.UniqueConstraint("plan_key", name="uq_meetings_plan_key"),
    )
    op.create_table(
        "agenda_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, nullable=True),
        sa.Column("late_for_meeting_id", sa.Integer, nullable=True),
        sa.Column("title", sa.String(400), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("submitted_by", sa.String(64), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_agenda_items"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name="fk_agenda_items_meeting_id_meetings"),
        sa.ForeignKeyConstraint(
            ["late_for_meeting_id"], ["meetings.id"], name="fk_agenda_items_late_for_meeting_id_meetings"
        ),
    )
    op.create_index("ix_agenda_items_meeting_state", "agenda_items", ["meeting_id", "state"])
    op.create_table(
        "conversations",
        sa.Column("conversation_id", sa.String(400), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("aad_id", sa.String(64), nullable=True),
        sa.Column("reference", sa.JSON, nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("conversation_id", name="pk_conversations"),
    )
    op.create_index("ix_conversations_aad_id", "conversations", ["aad_id"])


def downgrade() -> None:
    op.drop_index("ix_conversations_aad_id", table_name="conversations")
    op.drop_table("conversations")
    op.drop_index("ix_agenda_items_meeting_state", table_name="agenda_items")
    op.drop_table("agenda_items")
    op.drop_table("meetings")
