"""Safeguarding alerts in two tiers (emailed alerts, and reviews for today) with their findings.

Alerts raised before this change were all emailed, so they become "alert".

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("safeguarding_alert", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tier", sa.String(length=8), server_default="alert", nullable=False)
        )
        batch_op.add_column(sa.Column("findings", sa.JSON(), nullable=True))
        batch_op.create_check_constraint(
            op.f("ck_safeguarding_alert_tier_known"), "tier IN ('alert', 'review')"
        )


def downgrade() -> None:
    with op.batch_alter_table("safeguarding_alert", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_safeguarding_alert_tier_known"), type_="check")
        batch_op.drop_column("findings")
        batch_op.drop_column("tier")
