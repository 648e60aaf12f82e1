"""Card batches: print runs of QR cards per source.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 13:22:23.440625
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(length=8), nullable=False),
        sa.Column("sheet", sa.String(length=8), nullable=False),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("ordered_on", sa.Date(), nullable=False),
        sa.Column("ordered_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("sheet IN ('a4', 'sra3')", name=op.f("ck_card_batch_sheet_known")),
        sa.CheckConstraint(
            "variant IN ('a6', 'large', '85x55')", name=op.f("ck_card_batch_variant_known")
        ),
        sa.CheckConstraint(
            "quantity BETWEEN 1 AND 9999", name=op.f("ck_card_batch_quantity_range")
        ),
        sa.ForeignKeyConstraint(
            ["ordered_by_id"],
            ["staff_user.id"],
            name=op.f("fk_card_batch_ordered_by_id_staff_user"),
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_card_batch_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_batch")),
    )
    with op.batch_alter_table("card_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_batch_source_id"), ["source_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("card_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_batch_source_id"))

    op.drop_table("card_batch")
