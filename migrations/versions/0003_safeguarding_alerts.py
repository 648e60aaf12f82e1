"""Safeguarding alerts: possible disclosures of harm, their emails, acknowledgement and escalation.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:16:22.756563
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safeguarding_alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("email_attempts", sa.Integer(), nullable=False),
        sa.Column("last_email_error", sa.String(length=300), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["staff_user.id"],
            name=op.f("fk_safeguarding_alert_acknowledged_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["response.id"],
            name=op.f("fk_safeguarding_alert_response_id_response"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safeguarding_alert")),
        sa.UniqueConstraint("response_id", name=op.f("uq_safeguarding_alert_response_id")),
    )
    with op.batch_alter_table("safeguarding_alert", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_safeguarding_alert_raised_at"), ["raised_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("safeguarding_alert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safeguarding_alert_raised_at"))

    op.drop_table("safeguarding_alert")
