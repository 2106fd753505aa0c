"""The protocol: draft and versions, approvals, the rendered PDF, the recording and the deletion log.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _meeting_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=f"fk_{table}_meeting_id_meetings")


def upgrade() -> None:
    op.create_table(
        "protocols",
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("state", sa.String(32), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("sections", sa.JSON, nullable=True),
        sa.Column("record", sa.JSON, nullable=True),
        sa.Column("content", sa.Text, nullable=True),
        sa.Column("version", sa.String(64), nullable=True),
        sa.Column("submitted_by", sa.String(64), nullable=True),
        sa.Column("submitted_at", UTCDateTime(), nullable=True),
        sa.Column("change_requested_by", sa.String(64), nullable=True),
        sa.Column("change_requested_at", UTCDateTime(), nullable=True),
        sa.Column("change_request", sa.Text, nullable=True),
        sa.Column("adjusted_at", UTCDateTime(), nullable=True),
        sa.Column("reminded_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("meeting_id", name="pk_protocols"),
        _meeting_fk("protocols"),
    )
    op.create_table(
        "protocol_approvals",
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("approver", sa.String(64), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("approved_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "approver", "version", name="pk_protocol_approvals"),
        _meeting_fk("protocol_approvals"),
    )
    op.create_table(
        "protocol_files",
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("pdf", sa.LargeBinary, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "version", name="pk_protocol_files"),
        _meeting_fk("protocol_files"),
    )
    op.create_table(
        "recordings",
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("link", sa.Text, nullable=True),
        sa.Column("drive_id", sa.String(200), nullable=True),
        sa.Column("item_id", sa.String(200), nullable=True),
        sa.Column("registered_by", sa.String(64), nullable=False),
        sa.Column("registered_at", UTCDateTime(), nullable=False),
        sa.Column("warned_at", UTCDateTime(), nullable=True),
        sa.Column("held_back_at", UTCDateTime(), nullable=True),
        sa.Column("deletion_ordered_at", UTCDateTime(), nullable=True),
        sa.Column("deleted_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("meeting_id", name="pk_recordings"),
        _meeting_fk("recordings"),
    )
    op.create_table(
        "deletion_log",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("meeting_id", sa.Integer, nullable=False),
        sa.Column("what", sa.Text, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=False),
        sa.Column("ordered_at", UTCDateTime(), nullable=False),
        sa.Column("deleted_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_deletion_log"),
        sa.UniqueConstraint("meeting_id", name="uq_deletion_log_meeting_id"),
        _meeting_fk("deletion_log"),
    )


def downgrade() -> None:
    op.drop_table("deletion_log")
    op.drop_table("recordings")
    op.drop_table("protocol_files")
    op.drop_table("protocol_approvals")
    op.drop_table("protocols")
