"""Jobs for the summaries: the scheduler, `flask reports …` and the tests call these.

- `build_monthly(month)` / `build_annual(year)` claim the period, compose it, render
  its PDF and store it; they return None when it is built or being built elsewhere.
- `build_due()` builds every finished month and financial year not yet built (daily
  at 07:00, so the 1st builds last month, and on the scheduler's start, so a period
  missed while it was down is caught up).
- `deliver_due()` emails each built digest to the board once its preview window has
  passed, unless a manager held it; a failed email is retried with a growing wait.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from feedback.db import get_session
from feedback.insight import analysis_version
from feedback.mail import Attachment, Mailer, MailNotSent
from feedback.models import Report, ReportDelivery, Response, StaffUser
from feedback.services import audit
from feedback.taxonomy import current_taxonomy
from feedback.times import in_london, london_today, month_start, utcnow

from . import annual, render, store
from .annual import compose_annual
from .monthly import Composed, DigestSettings, compose_monthly, period_of, previous_month

log = logging.getLogger(__name__)

MONTHLY, ANNUAL = "monthly", "annual"
# How far back the catch-up looks: older months are built only on request (backfill).
CATCH_UP_MONTHS = 24
CATCH_UP_YEARS = 2
SEND_HOLD = timedelta(minutes=10)
FIRST_RETRY = timedelta(minutes=5)
LONGEST_RETRY = timedelta(hours=6)


def digest_settings() -> DigestSettings:
    config = current_app.config
    return DigestSettings(
        threshold=int(config["FEEDBACK_REPORT_THRESHOLD"]),
        quotes_per_team=int(config["FEEDBACK_REPORT_QUOTES_PER_TEAM"]),
        acknowledge_within_hours=int(config["FEEDBACK_ESCALATE_AFTER_MINUTES"]) / 60,
        taxonomy=current_taxonomy(),
    )


def build_monthly(
    month: date,
    *,
    reissue: bool = False,
    by: StaffUser | None = None,
    reason: str | None = None,
) -> Report | None:
    """The board's digest for a London month; emailed to the board after its preview."""

    def compose(session: Session) -> Composed:
        return compose_monthly(session, month, digest_settings())

    return _build(
        MONTHLY, period_of(month), compose, emailed=True, reissue=reissue, by=by, reason=reason
    )


def build_annual(
    year: int,
    *,
    reissue: bool = False,
    by: StaffUser | None = None,
    reason: str | None = None,
) -> Report | None:
    """The Local Account pack for the financial year from April `year`; not emailed."""

    def compose(session: Session) -> Composed:
        return compose_annual(session, year, digest_settings())

    return _build(
        ANNUAL,
        annual.period_of(year),
        compose,
        emailed=False,
        reissue=reissue,
        by=by,
        reason=reason,
    )


def _build(
    kind: str,
    period: str,
    compose: Callable[[Session], Composed],
    *,
    emailed: bool,
    reissue: bool,
    by: StaffUser | None,
    reason: str | None,
) -> Report | None:
    session = get_session()
    claimed = store.claim(session, kind, period, reissue=reissue, by=by, reason=reason)
    if claimed is None:
        return None
    try:
        composed = compose(session)
        draft = Report(kind=kind, period=period, version=claimed.version, built_at=utcnow())
        draft.content, draft.counts = composed.content, composed.counts
        pdf = render.pdf_bytes(render.document_html(draft))
        config = current_app.config
        preview = timedelta(hours=int(config["FEEDBACK_REPORT_PREVIEW_HOURS"]))
        report = store.finish(
            session,
            claimed,
            content=composed.content,
            counts=composed.counts,
            analyser_version=analysis_version(config["FEEDBACK_MIXED_READING"]),
            pdf=pdf,
            recipients=(config["FEEDBACK_BOARD_EMAIL"] or None) if emailed else None,
            send_after=utcnow() + preview,
            by=by,
        )
    except Exception:
        store.release(session, claimed)
        raise
    log.info("Built the %s %s summary, version %s", period, kind, report.version)
    return report


def due_months(today: date, first_answer: date | None, built: set[str]) -> list[date]:
    """Finished London months from the first answer (at most CATCH_UP_MONTHS back), not built."""
    if first_answer is None:
        return []
    last = previous_month(today)
    months = []
    month = last
    for _ in range(CATCH_UP_MONTHS):
        if month < month_start(first_answer):
            break
        if period_of(month) not in built:
            months.append(month)
        month = previous_month(month)
    return sorted(months)


def due_years(today: date, first_answer: date | None, built: set[str]) -> list[int]:
    """Finished financial years (after 31 March) from the first answer, not yet built."""
    if first_answer is None:
        return []
    last = today.year - 1 if today.month >= 4 else today.year - 2
    first = first_answer.year if first_answer.month >= 4 else first_answer.year - 1
    first = max(first, last - CATCH_UP_YEARS + 1)
    return [year for year in range(first, last + 1) if annual.period_of(year) not in built]


def build_due(today: date | None = None) -> list[Report]:
    """Every finished month and financial year not yet built: the schedule and its catch-up."""
    session = get_session()
    first = session.scalar(select(Response.received_at).order_by(Response.received_at).limit(1))
    first_day = None if first is None else in_london(first).date()
    today = today or london_today()
    months = due_months(today, first_day, store.built_periods(session, MONTHLY))
    years = due_years(today, first_day, store.built_periods(session, ANNUAL))
    built = [report for month in months if (report := build_monthly(month)) is not None]
    built += [report for year in years if (report := build_annual(year)) is not None]
    return built


@dataclass(frozen=True)
class Sent:
    sent: int
    failed: int


def deliver_due(now: datetime | None = None) -> Sent:
    """Email every digest whose preview window has passed and that nobody held."""
    session = get_session()
    now = now or utcnow()
    due = session.scalars(
        select(ReportDelivery.id).where(
            ReportDelivery.status == "waiting",
            ReportDelivery.send_after <= now,
            or_(ReportDelivery.claimed_until.is_(None), ReportDelivery.claimed_until < now),
        )
    ).all()
    mailer = Mailer.from_config(current_app.config)
    sent = failed = 0
    for delivery_id in due:
        if not _claim(delivery_id, now):
            continue
        if _send(delivery_id, mailer, now):
            sent += 1
        else:
            failed += 1
    return Sent(sent, failed)


def _claim(delivery_id: int, now: datetime) -> bool:
    """One UPDATE decides who sends: two schedulers never email the board twice."""
    session = get_session()
    taken = session.execute(
        update(ReportDelivery)
        .where(
            ReportDelivery.id == delivery_id,
            ReportDelivery.status == "waiting",
            or_(ReportDelivery.claimed_until.is_(None), ReportDelivery.claimed_until < now),
        )
        .values(claimed_until=now + SEND_HOLD)
    )
    session.commit()
    return taken.rowcount == 1


def _send(delivery_id: int, mailer: Mailer, now: datetime) -> bool:
    session = get_session()
    delivery = session.get(ReportDelivery, delivery_id)
    assert delivery is not None
    report = delivery.report
    title = report.content["title"] if report.content else report.period
    link = f"{current_app.config['FEEDBACK_BASE_URL'].rstrip('/')}/staff/summaries/{report.id}"
    body = (
        f"The How Did We Do digest for {title} is ready.\n\n"
        f"Read it, its easy read version and its figures at {link}\n"
        + ("The PDF is attached.\n" if report.pdf else "")
        + "\nIt holds counts and approved, anonymised quotes only.\n"
    )
    attachments = (
        [Attachment(f"how-did-we-do-{report.period}-v{report.version}.pdf", report.pdf)]
        if report.pdf
        else []
    )
    try:
        mailer.send(delivery.recipients, f"How Did We Do: {title} digest", body, attachments)
    except MailNotSent as problem:
        delivery.attempts += 1
        delivery.last_error = str(problem)[:300]
        delivery.send_after = now + min(FIRST_RETRY * 2 ** (delivery.attempts - 1), LONGEST_RETRY)
        delivery.claimed_until = None
        audit.record(
            session, None, "report.email_failed", f"report:{report.id}",
            attempt=delivery.attempts, error=delivery.last_error,
        )  # fmt: skip
        session.commit()
        log.warning("Digest %s not sent (try %s): %s", report.period, delivery.attempts, problem)
        return False
    delivery.attempts += 1
    delivery.status = "sent"
    delivery.sent_at = utcnow()
    delivery.claimed_until = None
    audit.record(
        session, None, "report.emailed", f"report:{report.id}",
        to=delivery.recipients, attempt=delivery.attempts,
    )  # fmt: skip
    session.commit()
    return True


def hold(delivery: ReportDelivery, by: StaffUser) -> bool:
    """A manager stops the email before it goes; False when it has already gone."""
    return _set_status(delivery, by, "waiting", "held", "report.held")


def release(delivery: ReportDelivery, by: StaffUser) -> bool:
    return _set_status(delivery, by, "held", "waiting", "report.released")


def _set_status(
    delivery: ReportDelivery, by: StaffUser, before: str, after: str, action: str
) -> bool:
    session = get_session()
    changed = session.execute(
        update(ReportDelivery)
        .where(ReportDelivery.id == delivery.id, ReportDelivery.status == before)
        .values(status=after, held_by_id=by.id if after == "held" else None)
    )
    if changed.rowcount == 1:
        audit.record(session, by, action, f"report:{delivery.report_id}")
    session.commit()
    session.refresh(delivery)
    return changed.rowcount == 1
