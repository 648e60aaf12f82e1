"""Sources (teams), responses and staff accounts, with the catch-all source for unknown cards.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    source = op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sa.UniqueConstraint("code", name=op.f("uq_source_code")),
    )
    op.create_table(
        "response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("card_reference", sa.String(length=40), nullable=True),
        sa.Column("rating", sa.SmallInteger(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("respondent_type", sa.String(length=24), nullable=True),
        sa.Column("helped", sa.Boolean(), nullable=True),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submission_token", sa.String(length=64), nullable=True),
        sa.Column("sentiment_label", sa.String(length=12), nullable=True),
        sa.Column("sentiment_score", sa.Float(), nullable=True),
        sa.Column("sentiment_reasons", sa.JSON(), nullable=True),
        sa.Column("themes", sa.JSON(), nullable=True),
        sa.Column("redacted_comment", sa.Text(), nullable=True),
        sa.Column("has_personal_data", sa.Boolean(), nullable=True),
        sa.Column("safeguarding_flag", sa.Boolean(), nullable=True),
        sa.Column("analyser_version", sa.String(length=40), nullable=True),
        sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("channel IN ('web', 'paper')", name=op.f("ck_response_channel_known")),
        sa.CheckConstraint("rating BETWEEN 1 AND 6", name=op.f("ck_response_rating_range")),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_response_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_response")),
        sa.UniqueConstraint("submission_token", name=op.f("uq_response_submission_token")),
    )
    with op.batch_alter_table("response") as batch_op:
        batch_op.create_index(batch_op.f("ix_response_card_reference"), ["card_reference"])
        batch_op.create_index(batch_op.f("ix_response_received_at"), ["received_at"])
        batch_op.create_index("ix_response_source_received", ["source_id", "received_at"])

    op.create_table(
        "staff_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('admin', 'manager', 'keyer', 'board')", name=op.f("ck_staff_user_role_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_user")),
        sa.UniqueConstraint("email", name=op.f("uq_staff_user_email")),
    )

    # Answers from damaged or unknown cards are kept against this source.
    op.bulk_insert(
        source,
        [
            {
                "code": "UNKNOWN",
                "name": "Unknown card",
                "active": False,
                "created_at": datetime.now(UTC),
            }
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("response") as batch_op:
        batch_op.drop_index("ix_response_source_received")
        batch_op.drop_index(batch_op.f("ix_response_received_at"))
        batch_op.drop_index(batch_op.f("ix_response_card_reference"))
    op.drop_table("staff_user")
    op.drop_table("response")
    op.drop_table("source")
