"""Which version of the form a response came from: the standard form or easy read.

Every answer before this change came through the standard form (or a standard card),
so existing rows become "standard".

On SQLite the column is added in place, with its check, rather than by a batch
rebuild of `response`: a rebuild would drop the comment-search triggers 0002 put
on that table, and search would silently stop finding new comments.

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

_CHECK = "ck_response_form_format_known"
_KNOWN = "form_format IN ('standard', 'easy_read')"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE response ADD COLUMN form_format VARCHAR(16) DEFAULT 'standard' NOT NULL "
            f"CONSTRAINT {_CHECK} CHECK ({_KNOWN})"
        )
        return
    op.add_column(
        "response",
        sa.Column("form_format", sa.String(length=16), server_default="standard", nullable=False),
    )
    op.create_check_constraint(op.f(_CHECK), "response", _KNOWN)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f(_CHECK), "response", type_="check")
    # SQLite drops a column with the check that belongs to it, and keeps the triggers.
    op.drop_column("response", "form_format")
