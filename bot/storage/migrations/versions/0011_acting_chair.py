"""The acting chair (tjänstgörande ordförande) the secretary appointed for a meeting the chair is absent from.

Revision ID: 0011_acting_chair
Revises: 0009_cancel_outside_formalia
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_acting_chair"
down_revision = "0010_runoff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch would copy the table on SQLite.
    op.add_column("meeting_days", sa.Column("acting_chair_aad_id", sa.String(64), nullable=True))
    op.add_column("meeting_days", sa.Column("acting_chair_appointed_by", sa.String(64), nullable=True))


def downgrade() -> None:
    op.drop_column("meeting_days", "acting_chair_appointed_by")
    op.drop_column("meeting_days", "acting_chair_aad_id")
