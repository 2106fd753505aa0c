"""The meeting day: attendance, the adjuster, votes with named ballots, reservations.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _meeting_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=f"fk_{table}_meeting_id_meetings")


def _vote_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["vote_id"], ["votes.id"], name=f"fk_{table}_vote_id_votes")


def upgrade() -> None:
    op.create_table(
        "meeting_days",
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("adjuster_municipality", sa.String(100), nullable=True),
        sa.Column("adjuster_aad_id", sa.String(64), nullable=True),
        sa.Column("adjuster_proposed", sa.String(100), nullable=True),
        sa.Column("adjuster_reason", sa.Text, nullable=True),
        sa.Column("adjuster_appointed_by", sa.String(64), nullable=True),
        sa.Column("adjuster_appointed_at", UTCDateTime(), nullable=True),
        sa.Column("submitted_for_adjustment_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("meeting_id", name="pk_meeting_days"),
        _meeting_fk("meeting_days"),
    )
    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("aad_id", sa.String(64), nullable=False),
        sa.Column("present", sa.Boolean, nullable=False),
        sa.Column("marked_by", sa.String(64), nullable=False),
        sa.Column("marked_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "aad_id", name="pk_attendance"),
        _meeting_fk("attendance"),
    )
    op.create_table(
        "votes",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("opened_by", sa.String(64), nullable=False),
        sa.Column("opened_at", UTCDateTime(), nullable=False),
        sa.Column("closed_by", sa.String(64), nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("casting_vote", sa.String(16), nullable=True),
        sa.Column("result_status", sa.String(32), nullable=True),
        sa.Column("winner", sa.String(16), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_votes"),
        _meeting_fk("votes"),
    )
    op.create_index("ix_votes_meeting_id", "votes", ["meeting_id"])
    op.create_table(
        "ballots",
        sa.Column("vote_id", sa.Integer, nullable=False),
        sa.Column("municipality", sa.String(100), nullable=False),
        sa.Column("option", sa.String(16), nullable=False),
        sa.Column("voter", sa.String(64), nullable=False),
        sa.Column("cast_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("vote_id", "municipality", name="pk_ballots"),
        _vote_fk("ballots"),
    )
    op.create_table(
        "reservations",
        sa.Column("vote_id", sa.Integer, nullable=False),
        sa.Column("aad_id", sa.String(64), nullable=False),
        sa.Column("municipality", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("vote_id", "aad_id", name="pk_reservations"),
        _vote_fk("reservations"),
    )


def downgrade() -> None:
    op.drop_table("reservations")
    op.drop_table("ballots")
    op.drop_index("ix_votes_meeting_id", table_name="votes")
    op.drop_table("votes")
    op.drop_table("attendance")
    op.drop_table("meeting_days")
