"""Jobs: the scheduler, the commands and the request path call these same functions."""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from .db import get_session
from .mail import Mailer
from .models import SafeguardingAlert
from .services import safeguarding

log = logging.getLogger(__name__)


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


def notify_duty_team(response_id: int) -> None:
    """Try the email straight away; if the mail server is down, the scheduler retries it."""
    session = get_session()
    alert_id = session.scalar(
        select(SafeguardingAlert.id).where(SafeguardingAlert.response_id == response_id)
    )
    if alert_id is None:
        return
    try:
        deliver_alerts(only_id=alert_id)
    except Exception:  # noqa: BLE001 - the alert is stored; the resident must still be thanked
        session.rollback()
        log.exception("Could not try the duty email for alert %s now; it will be retried", alert_id)
