"""Keying drafts: a card sent after the keyer's session ended, kept until they sign in again.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 12:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "keying_draft",
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["staff_user.id"],
            name=op.f("fk_keying_draft_account_id_staff_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_keying_draft")),
    )
    op.create_index(op.f("ix_keying_draft_created_at"), "keying_draft", ["created_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_keying_draft_created_at"), table_name="keying_draft")
    op.drop_table("keying_draft")
