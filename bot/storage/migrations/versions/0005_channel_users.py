"""Who each person is in the chat channel, for cards refreshed per person.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "channel_users",
        sa.Column("aad_id", sa.String(64), nullable=False),
        sa.Column("channel_user_id", sa.String(200), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("aad_id", name="pk_channel_users"),
    )


def downgrade() -> None:
    op.drop_table("channel_users")
