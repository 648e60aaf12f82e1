"""Stored reports (monthly digests, annual accounts) and their email to the board.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 12:54:58.378929
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("built_by_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("analyser_version", sa.String(length=60), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.Column("content", sa.JSON(), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.CheckConstraint("kind IN ('monthly', 'annual')", name=op.f("ck_report_kind_known")),
        sa.CheckConstraint("status IN ('building', 'built')", name=op.f("ck_report_status_known")),
        sa.ForeignKeyConstraint(
            ["built_by_id"], ["staff_user.id"], name=op.f("fk_report_built_by_id_staff_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
        sa.UniqueConstraint("kind", "period", "version", name="uq_report_kind_period_version"),
    )
    op.create_table(
        "report_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("recipients", sa.String(length=1000), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("send_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("held_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('waiting', 'held', 'sent')", name=op.f("ck_report_delivery_status_known")
        ),
        sa.ForeignKeyConstraint(
            ["held_by_id"], ["staff_user.id"], name=op.f("fk_report_delivery_held_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_report_delivery_report_id_report")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_delivery")),
        sa.UniqueConstraint("report_id", name=op.f("uq_report_delivery_report_id")),
    )
    with op.batch_alter_table("report_delivery", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_delivery_send_after"), ["send_after"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("report_delivery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_delivery_send_after"))

    op.drop_table("report_delivery")
    op.drop_table("report")
