"""Easy read cards: a card batch's variant may be "easy".

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08 15:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

NAME = "ck_card_batch_variant_known"


def upgrade() -> None:
    with op.batch_alter_table("card_batch", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(NAME), type_="check")
        batch_op.create_check_constraint(op.f(NAME), "variant IN ('a6', 'large', 'easy', '85x55')")


def downgrade() -> None:
    with op.batch_alter_table("card_batch", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(NAME), type_="check")
        batch_op.create_check_constraint(op.f(NAME), "variant IN ('a6', 'large', '85x55')")
