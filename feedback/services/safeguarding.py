"""Possible disclosures of harm: tell the duty team at once, chase until acknowledged.

Two tiers share one queue. An "alert" is emailed to the duty team at once and
escalated if nobody acknowledges it in time; a "review" is for a person to read
today and is never emailed or escalated. The email says only that something
needs looking at and where: never the comment, which stays inside the staff area.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..mail import Mailer, MailNotSent
from ..models import ALERT_TIER, REVIEW_TIER, Response, SafeguardingAlert, StaffUser
from ..times import as_utc, utcnow
from . import audit

log = logging.getLogger(__name__)


def alert_link(base_url: str, alert: SafeguardingAlert) -> str:
    return f"{base_url.rstrip('/')}/staff/safeguarding/{alert.id}"


def _duty_message(alert: SafeguardingAlert, link: str) -> tuple[str, str]:
    subject = f"Possible safeguarding disclosure in feedback (alert {alert.id})"
    body = (
        "A comment left through How did we do? may disclose that someone is at risk of harm.\n\n"
        f"Please read it and acknowledge it today: {link}\n\n"
        "The comment is not included in this email. Feedback is usually anonymous, so "
        "the person cannot be contacted by reply.\n"
    )
    return subject, body


def _escalation_message(alert: SafeguardingAlert, link: str, waited: timedelta) -> tuple[str, str]:
    hours = waited.total_seconds() / 3600
    subject = f"Unacknowledged safeguarding alert {alert.id} ({hours:.1f} hours)"
    body = (
        f"Safeguarding alert {alert.id} was raised {hours:.1f} hours ago and nobody has "
        f"acknowledged it yet.\n\nPlease make sure the duty team has seen it: {link}\n"
    )
    return subject, body


def deliver_pending(
    session: Session, mailer: Mailer, duty_email: str, base_url: str, only_id: int | None = None
) -> int:
    """Email the duty team about every alert not yet sent; failures stay pending for a retry.

    The request that raised an alert and the scheduler may both try at once:
    each alert is claimed first, so only one of them sends it.
    """
    query = select(SafeguardingAlert.id).where(
        SafeguardingAlert.tier == ALERT_TIER, SafeguardingAlert.notified_at.is_(None)
    )
    if only_id is not None:
        query = query.where(SafeguardingAlert.id == only_id)
    sent = 0
    for alert_id in session.scalars(query.order_by(SafeguardingAlert.id)).all():
        claimed = _claim(
            session,
            alert_id,
            hold=timedelta(seconds=mailer.timeout * 3),
            still_due=SafeguardingAlert.notified_at.is_(None),
            email_attempts=SafeguardingAlert.email_attempts + 1,
        )
        if not claimed:
            continue
        alert = session.get(SafeguardingAlert, alert_id)
        assert alert is not None
        try:
            mailer.send(duty_email, *_duty_message(alert, alert_link(base_url, alert)))
        except MailNotSent as problem:
            alert.last_email_error = str(problem)
            log.warning("Safeguarding alert %s email not sent yet: %s", alert.id, problem)
        else:
            alert.notified_at = utcnow()
            alert.last_email_error = None
            sent += 1
        alert.claimed_until = None
        session.commit()
    return sent


def _claim(
    session: Session, alert_id: int, hold: timedelta, *, still_due: ColumnElement[bool], **counts
) -> bool:
    """Take the alert for sending unless another sender holds it; one UPDATE decides.

    Every email about an alert (the first, an escalation) is claimed this way,
    so the request's background try, `send-alerts` and the scheduler (on one
    machine or several) never send the same one twice. A sender that dies
    mid-send loses its claim after `hold`.
    """
    now = utcnow()
    claimed = session.execute(
        update(SafeguardingAlert)
        .where(
            SafeguardingAlert.id == alert_id,
            still_due,
            or_(SafeguardingAlert.claimed_until.is_(None), SafeguardingAlert.claimed_until < now),
        )
        .values(claimed_until=now + hold, **counts)
    )
    session.commit()
    return claimed.rowcount == 1


def escalate_overdue(
    session: Session,
    mailer: Mailer,
    escalation_email: str,
    base_url: str,
    after: timedelta,
    now: datetime | None = None,
) -> int:
    now = now or utcnow()
    overdue = (
        SafeguardingAlert.tier == ALERT_TIER,
        SafeguardingAlert.acknowledged_at.is_(None),
        SafeguardingAlert.escalated_at.is_(None),
        SafeguardingAlert.raised_at <= now - after,
    )
    query = select(SafeguardingAlert.id).where(*overdue).order_by(SafeguardingAlert.id)
    escalated = 0
    for alert_id in session.scalars(query).all():
        claimed = _claim(
            session,
            alert_id,
            hold=timedelta(seconds=mailer.timeout * 3),
            still_due=and_(*overdue),
        )
        if not claimed:
            continue
        alert = session.get(SafeguardingAlert, alert_id)
        assert alert is not None
        waited = now - as_utc(alert.raised_at)  # type: ignore[operator]
        try:
            mailer.send(
                escalation_email, *_escalation_message(alert, alert_link(base_url, alert), waited)
            )
        except MailNotSent as problem:
            log.warning("Escalation for alert %s not sent yet: %s", alert.id, problem)
        else:
            alert.escalated_at = now
            escalated += 1
        alert.claimed_until = None
        session.commit()
    return escalated


# What the duty team found when they read an alert: a possible concern they passed on or
# recorded, one already known or dealt with, or not a safeguarding concern at all.
OUTCOMES = ("concern", "known", "not-concern")
# The category of an alert a member of staff raised by hand (the detector had not).
STAFF_RAISED = "raised-by-staff"


class AlertError(ValueError):
    """The alert cannot be raised or acknowledged as asked; the message says why."""


def acknowledge(session: Session, alert: SafeguardingAlert, by: StaffUser, outcome: str) -> bool:
    """Mark an alert read, with what the reader found; False when someone already had.

    A second acknowledgement, even one made at the very same moment from another page,
    changes nothing: the first reader's outcome stands.
    """
    if outcome not in OUTCOMES:
        raise AlertError("Select what you found when you read it")
    # One conditional UPDATE: two readers tapping at the same moment cannot both write,
    # and the second finds the row already read and changes nothing.
    claimed = session.execute(
        update(SafeguardingAlert)
        .where(SafeguardingAlert.id == alert.id, SafeguardingAlert.acknowledged_at.is_(None))
        .values(acknowledged_at=utcnow(), acknowledged_by_id=by.id, outcome=outcome)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed:
        audit.record(session, by, "safeguarding.acknowledged", f"alert:{alert.id}", outcome=outcome)
    session.commit()
    session.refresh(alert)
    return bool(claimed)


def raise_by_staff(
    session: Session, response: Response, by: StaffUser, tier: str
) -> SafeguardingAlert:
    """Put a comment the detector did not flag in the queue, as a member of staff read it.

    An "alert" is emailed to the duty team like any other (alert_outbox sees the
    commit); a "review" waits in the queue. A response keeps one alert at most.
    """
    if tier not in (ALERT_TIER, REVIEW_TIER):
        raise AlertError("Select whether to email the duty team now or to read it today")
    if not response.comment:
        raise AlertError("This response has no comment to raise")
    if alert_id_for(session, response.id) is not None:
        raise AlertError("This comment is already in the safeguarding queue")
    alert = SafeguardingAlert(
        response_id=response.id,
        raised_at=utcnow(),
        categories=[STAFF_RAISED],
        tier=tier,
        findings=[],
        email_attempts=0,
        raised_by_id=by.id,
    )
    session.add(alert)
    audit.record(session, by, "safeguarding.raised", f"response:{response.id}", tier=tier)
    try:
        session.commit()
    except IntegrityError:
        # The detector (a re-score) raised one for this response at the same moment.
        session.rollback()
        raise AlertError("This comment is already in the safeguarding queue") from None
    return alert


def alert_id_for(session: Session, response_id: int) -> int | None:
    """The id of the response's alert, if it has one (it never has more than one)."""
    query = select(SafeguardingAlert.id).where(SafeguardingAlert.response_id == response_id)
    return session.scalar(query)


def alerts(session: Session, open_only: bool = True) -> list[SafeguardingAlert]:
    query = select(SafeguardingAlert).order_by(SafeguardingAlert.raised_at.desc())
    if open_only:
        query = query.where(SafeguardingAlert.acknowledged_at.is_(None))
    return list(session.scalars(query.limit(500)))


@dataclass(frozen=True)
class AlertCounts:
    raised: int
    acknowledged: int


def counts(session: Session, start: datetime, end: datetime) -> AlertCounts:
    """What the board may see: how many were raised and handled, never what they said."""
    row = session.execute(
        select(
            func.count(SafeguardingAlert.id),
            func.count(SafeguardingAlert.acknowledged_at),
        ).where(SafeguardingAlert.raised_at >= start, SafeguardingAlert.raised_at < end)
    ).one()
    return AlertCounts(raised=row[0], acknowledged=row[1])
