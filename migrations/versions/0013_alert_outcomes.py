"""What the duty team found when they read an alert, and alerts raised by staff.

`outcome` is chosen when an alert is acknowledged: a possible concern passed on, one
already known or dealt with, or not a safeguarding concern. Alerts acknowledged
before this change have none. `raised_by_id` is the member of staff who raised an
alert by hand for a comment the detector did not flag; NULL means the detector
raised it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 23:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

_CHECK = "ck_safeguarding_alert_outcome_known"
_KNOWN = "outcome IN ('concern', 'known', 'not-concern')"


def upgrade() -> None:
    with op.batch_alter_table("safeguarding_alert", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("raised_by_id", sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f(_CHECK), _KNOWN)
        batch_op.create_foreign_key(
            op.f("fk_safeguarding_alert_raised_by_id_staff_user"),
            "staff_user",
            ["raised_by_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("safeguarding_alert", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("fk_safeguarding_alert_raised_by_id_staff_user"), type_="foreignkey"
        )
        batch_op.drop_constraint(op.f(_CHECK), type_="check")
        batch_op.drop_column("raised_by_id")
        batch_op.drop_column("outcome")
