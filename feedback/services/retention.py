"""Retention: residents' own words go after FEEDBACK_RETENTION_MONTHS; the counts stay.

For every response received before the cutoff (the London midnight that
starts the day `FEEDBACK_RETENTION_MONTHS` months ago), these are cleared (set
to NULL):

- `response.comment`: what the person wrote.
- `response.redacted_comment`: the same words with personal data masked.
- `response.quote_text`: the moderated quote written from them.
- `response.sentiment_reasons`: the analyser's reasons quote the comment's
  words ("rude" (word)).
- In the audit log, the "before" and "after" values of a corrected comment
  (`card.corrected` events about the response). The change itself stays: that
  the comment was corrected, by whom and when.
- `safeguarding_alert.findings`: why an alert was raised, which quotes the
  sentences of the comment.

Kept, so every count, rate, trend and theme figure stays as it was:

- On the response: rating, channel, team (source), card reference, who gave it
  (respondent type), whether we helped, language, when it arrived, sentiment
  label and score, themes, the personal-data and safeguarding flags, analyser
  version and time, keying batch and keyer, moderation status (see below), and
  who moderated it and when.
- Every audit event, with its actor, time, action, target and every other value.
- Safeguarding alerts: tier, categories, times, email attempts and
  acknowledgements. No other alert column holds the comment's words (the alert
  page reads the comment from the response, so it then shows none), and
  `last_email_error` is the mail server's reply.
- "You said, we did" actions (`you_said`, `we_did`) and their links to
  responses: staff wrote them, for publication, in their own words; they are
  not a resident's free text.
- Stored reports (digests, Local Accounts) stay as issued, with any approved
  quotes they published.
- Staff search words recorded with an export (`feedback.exported`): typed by
  staff and about no one response.

One run clears everything due, a batch at a time, each batch committed on its
own, and records one `retention.applied` audit event if it cleared anything.
A second run finds nothing left and records nothing, so the nightly job and a
backfill command can call `apply_retention` as often as they like.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, cast, literal, null, or_, select, update
from sqlalchemy.orm import Session

from ..models import AuditEvent, Response, SafeguardingAlert, StaffUser
from ..times import as_utc, london_midnight, london_today, next_month
from . import audit
from .drafts import forget_expired

# A keying correction records each changed field's before and after values;
# of the fields a keyer can correct (keying._CORRECTABLE), only these are free text.
_CORRECTED_TEXT_FIELDS = ("comment",)
_CORRECTION_ACTION = "card.corrected"

# Moderation status is kept when the quote goes. It records a decision that was
# made (so "how many were approved or rejected" stays true for the old months),
# and a cleared quote can never be published: approved_quotes() needs quote_text.
_RESPONSE_TEXT = (
    Response.comment,
    Response.redacted_comment,
    Response.quote_text,
    Response.sentiment_reasons,
)


@dataclass(frozen=True)
class RetentionResult:
    cutoff: datetime
    responses_cleared: int = 0
    audit_events_cleared: int = 0
    alerts_cleared: int = 0
    # Committed batches, of responses and of audit events together.
    batches: int = 0
    oldest_received_at: datetime | None = None
    newest_received_at: datetime | None = None

    @property
    def cleared_anything(self) -> bool:
        return bool(self.responses_cleared or self.audit_events_cleared or self.alerts_cleared)


def cutoff_for(today_or_now: date | datetime, months: int) -> datetime:
    """The UTC instant before which free text goes: London midnight, `months` months ago.

    A datetime is taken as an instant (naive means UTC) and turned into its
    London day; a date is a London day already. A day the earlier month lacks
    becomes that month's last day: 31 May less 3 months is 28 (or 29) February.
    """
    if isinstance(months, bool) or not isinstance(months, int) or months < 1:
        raise ValueError(f"months must be a whole number of at least 1, not {months!r}")
    if isinstance(today_or_now, datetime):
        today = london_today(as_utc(today_or_now))
    else:
        today = today_or_now
    month_index = today.year * 12 + (today.month - 1) - months
    first = date(month_index // 12, month_index % 12 + 1, 1)
    last_day = (next_month(first) - timedelta(days=1)).day
    return london_midnight(first.replace(day=min(today.day, last_day)))


def apply_retention(
    session: Session,
    *,
    cutoff: datetime,
    batch_size: int = 500,
    actor: StaffUser | None = None,
) -> RetentionResult:
    """Clear the free text of every response received before `cutoff`, a batch at a time."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size!r}")
    cutoff = as_utc(cutoff)  # type: ignore[assignment]
    responses, response_batches, oldest, newest = _clear_responses(session, cutoff, batch_size)
    events, event_batches = _clear_corrections(session, cutoff, batch_size)
    alerts, alert_batches = _clear_alert_findings(session, cutoff, batch_size)
    # A keyed card kept after a sign-out holds a comment too; it never lives past a day.
    forget_expired(session)
    session.commit()
    result = RetentionResult(
        cutoff=cutoff,
        responses_cleared=responses,
        audit_events_cleared=events,
        alerts_cleared=alerts,
        batches=response_batches + event_batches + alert_batches,
        oldest_received_at=oldest,
        newest_received_at=newest,
    )
    if result.cleared_anything:
        audit.record(
            session,
            actor,
            "retention.applied",
            None,
            cutoff=cutoff.isoformat(),
            period={
                "from": oldest.isoformat() if oldest else None,
                "to": newest.isoformat() if newest else None,
            },
            responses=responses,
            audit_events=events,
            alerts=alerts,
            batches=result.batches,
        )
        session.commit()
    return result


def _clear_responses(
    session: Session, cutoff: datetime, batch_size: int
) -> tuple[int, int, datetime | None, datetime | None]:
    """Responses due, `batch_size` at a time: cleared, batches, oldest and newest touched."""
    due = select(Response.id, Response.received_at).where(
        Response.received_at < cutoff, or_(*(column.is_not(None) for column in _RESPONSE_TEXT))
    )
    cleared = batches = 0
    oldest: datetime | None = None
    newest: datetime | None = None
    while True:
        rows = session.execute(due.order_by(Response.id).limit(batch_size)).all()
        if not rows:
            return cleared, batches, oldest, newest
        # null(), not None: None in a JSON column would store JSON 'null', which IS NOT NULL.
        outcome = session.execute(
            update(Response)
            .where(Response.id.in_([row.id for row in rows]))
            .values({column: null() for column in _RESPONSE_TEXT})
            .execution_options(synchronize_session="fetch")
        )
        session.commit()
        cleared += outcome.rowcount
        batches += 1
        times = [as_utc(row.received_at) for row in rows]
        oldest = min(t for t in (oldest, *times) if t is not None)
        newest = max(t for t in (newest, *times) if t is not None)


def _clear_corrections(session: Session, cutoff: datetime, batch_size: int) -> tuple[int, int]:
    """Corrections to old responses that still hold comment text: cleared, batches.

    A separate pass rather than part of the responses' one, so a comment
    corrected to nothing (the response has no text left, its audit trail has)
    is still found.
    """
    about_old_response = AuditEvent.target == literal("response:") + cast(Response.id, String)
    due = (
        select(AuditEvent)
        .join(Response, about_old_response)
        .where(
            AuditEvent.action == _CORRECTION_ACTION,
            Response.received_at < cutoff,
            or_(*_text_in_changes()),
        )
        .order_by(AuditEvent.id)
        .limit(batch_size)
    )
    cleared = batches = 0
    while True:
        events = list(session.scalars(due))
        if not events:
            return cleared, batches
        for event in events:
            # A new dict, so the ORM sees the JSON value change.
            event.detail = _without_text(event.detail or {})
        session.commit()
        cleared += len(events)
        batches += 1


def _clear_alert_findings(session: Session, cutoff: datetime, batch_size: int) -> tuple[int, int]:
    """Alerts about old responses that still say why they were raised: cleared, batches."""
    due = (
        select(SafeguardingAlert.id)
        .join(Response, Response.id == SafeguardingAlert.response_id)
        .where(Response.received_at < cutoff, SafeguardingAlert.findings.is_not(None))
        .order_by(SafeguardingAlert.id)
        .limit(batch_size)
    )
    cleared = batches = 0
    while True:
        ids = list(session.scalars(due))
        if not ids:
            return cleared, batches
        session.execute(
            update(SafeguardingAlert)
            .where(SafeguardingAlert.id.in_(ids))
            .values(findings=null())
            .execution_options(synchronize_session="fetch")
        )
        session.commit()
        cleared += len(ids)
        batches += 1


def _text_in_changes() -> list[ColumnElement[bool]]:
    """Conditions true while a correction still holds a text field's before or after value.

    JSON paths work on SQLite and PostgreSQL alike; a JSON null reads as SQL NULL.
    """
    return [
        AuditEvent.detail[("changes", field, side)].as_string().is_not(None)
        for field in _CORRECTED_TEXT_FIELDS
        for side in ("before", "after")
    ]


def _without_text(detail: dict[str, Any]) -> dict[str, Any]:
    """The correction with its text values set to None; which fields changed stays."""
    changes = dict(detail.get("changes") or {})
    for field in _CORRECTED_TEXT_FIELDS:
        if isinstance(changes.get(field), dict):
            changes[field] = dict.fromkeys(changes[field])
    return {**detail, "changes": changes}
