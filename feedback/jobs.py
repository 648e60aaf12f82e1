"""Jobs: the scheduler, the commands and the background alert try call these same functions."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from .db import get_session
from .mail import Mailer
from .services import retention, safeguarding
from .times import utcnow


def deliver_alerts(only_id: int | None = None) -> int:
    """Email the duty team about alerts not yet sent. Safe to run again and again."""
    config = current_app.config
    return safeguarding.deliver_pending(
        get_session(),
        Mailer.from_config(config),
        config["FEEDBACK_DUTY_EMAIL"],
        config["FEEDBACK_BASE_URL"],
        only_id=only_id,
    )


def escalate_alerts() -> int:
    config = current_app.config
    return safeguarding.escalate_overdue(
        get_session(),
        Mailer.from_config(config),
        config["FEEDBACK_ESCALATION_EMAIL"],
        config["FEEDBACK_BASE_URL"],
        after=timedelta(minutes=config["FEEDBACK_ESCALATE_AFTER_MINUTES"]),
    )


def apply_retention() -> retention.RetentionResult:
    """Clear free text older than FEEDBACK_RETENTION_MONTHS, in batches; counts stay.

    Safe to run twice or on two machines at once: clearing is an UPDATE to NULL
    of rows that still hold text, so a second run finds nothing left to do.
    """
    months = int(current_app.config["FEEDBACK_RETENTION_MONTHS"])
    return retention.apply_retention(get_session(), cutoff=retention.cutoff_for(utcnow(), months))
