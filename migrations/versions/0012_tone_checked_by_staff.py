"""A comment's tone as a member of staff read it, beside the analyser's reading.

The analyser's label (`sentiment_label`) is redone by every re-score; the tone a
person chose (`sentiment_checked`) is never overwritten by analysis, and the
summaries count it in place of the analyser's. Who checked it is in the audit log.

On SQLite the columns are added in place, with their check, rather than by a batch
rebuild of `response`: a rebuild would drop the comment-search triggers 0002 put
on that table (as 0008 explains).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 23:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_CHECK = "ck_response_sentiment_checked_known"
_KNOWN = "sentiment_checked IN ('positive', 'mixed', 'neutral', 'negative')"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE response ADD COLUMN sentiment_checked VARCHAR(12) "
            f"CONSTRAINT {_CHECK} CHECK ({_KNOWN})"
        )
        op.execute("ALTER TABLE response ADD COLUMN sentiment_checked_at DATETIME")
        return
    op.add_column("response", sa.Column("sentiment_checked", sa.String(length=12), nullable=True))
    op.add_column(
        "response", sa.Column("sentiment_checked_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.create_check_constraint(op.f(_CHECK), "response", _KNOWN)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f(_CHECK), "response", type_="check")
    op.drop_column("response", "sentiment_checked_at")
    # SQLite drops a column with the check that belongs to it, and keeps the triggers.
    op.drop_column("response", "sentiment_checked")
