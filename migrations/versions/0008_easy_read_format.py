"""Which version of the form a response came from: the standard form or easy read.

Every answer before this change came through the standard form (or a standard card),
so existing rows become "standard".

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "form_format", sa.String(length=16), server_default="standard", nullable=False
            )
        )
        batch_op.create_check_constraint(
            op.f("ck_response_form_format_known"), "form_format IN ('standard', 'easy_read')"
        )


def downgrade() -> None:
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_response_form_format_known"), type_="check")
        batch_op.drop_column("form_format")
