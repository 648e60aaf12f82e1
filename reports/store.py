"""Store: a report is claimed for its period before it is built, then frozen.

The claim is the row itself. Inserting (kind, period, version) is atomic under
the unique constraint, so when two schedulers, a retry and the backfill command
race for a period, one builds and the others step aside. A builder that died
mid-build leaves a `building` row; after `STALE_AFTER` another may take it over.

Scheduled builds take version 1 only: a period already built is never built
again by the schedule. Re-issuing (the command's `--reissue`) adds the next
version and keeps every earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from feedback.models import AuditEvent, Report, ReportDelivery, StaffUser
from feedback.services import audit
from feedback.times import as_utc, utcnow

STALE_AFTER = timedelta(minutes=30)
BUILDING, BUILT = "building", "built"


@dataclass(frozen=True)
class Claim:
    report_id: int
    version: int


def latest(session: Session, kind: str, period: str, *, built_only: bool = False) -> Report | None:
    query = select(Report).where(Report.kind == kind, Report.period == period)
    if built_only:
        query = query.where(Report.status == BUILT)
    return session.scalars(query.order_by(Report.version.desc()).limit(1)).first()


def claim(
    session: Session,
    kind: str,
    period: str,
    *,
    reissue: bool = False,
    by: StaffUser | None = None,
    reason: str | None = None,
    now: datetime | None = None,
) -> Claim | None:
    """Take the period for building, or None when it is built or being built elsewhere."""
    now = now or utcnow()
    current = latest(session, kind, period)
    if current is not None and current.status == BUILDING:
        if as_utc(current.claimed_at) > now - STALE_AFTER:
            return None  # someone is building it now
        taken = session.execute(
            update(Report)
            .where(Report.id == current.id, Report.claimed_at == current.claimed_at)
            .values(claimed_at=now, built_by_id=by.id if by else None)
        )
        session.commit()
        return Claim(current.id, current.version) if taken.rowcount == 1 else None
    if current is not None and not reissue:
        return None
    version = (current.version + 1) if current is not None else 1
    report = Report(
        kind=kind, period=period, version=version, status=BUILDING, claimed_at=now,
        built_by_id=by.id if by else None, reason=reason,
    )  # fmt: skip
    session.add(report)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()  # another builder inserted this version first
        return None
    return Claim(report.id, version)


def finish(
    session: Session,
    claimed: Claim,
    *,
    content: dict[str, Any],
    counts: dict[str, int],
    analyser_version: str | None,
    pdf: bytes | None,
    recipients: str | None,
    send_after: datetime | None,
    by: StaffUser | None = None,
) -> Report:
    """Freeze the figures and, when there is a list to send to, queue its email."""
    report = session.get(Report, claimed.report_id)
    assert report is not None
    report.content = content
    report.counts = counts
    report.analyser_version = analyser_version
    report.pdf = pdf
    report.status = BUILT
    report.built_at = utcnow()
    if recipients and send_after is not None:
        session.add(ReportDelivery(report=report, recipients=recipients, send_after=send_after))
    audit.record(
        session, by, "report.built", f"report:{report.id}",
        kind=report.kind, period=report.period, version=report.version,
    )  # fmt: skip
    session.commit()
    return report


def release(session: Session, claimed: Claim) -> None:
    """Give a claim back after a failed build, so the next run can try again at once."""
    session.rollback()
    session.execute(
        update(Report)
        .where(Report.id == claimed.report_id, Report.status == BUILDING)
        .values(claimed_at=datetime(2000, 1, 1, tzinfo=utcnow().tzinfo))
    )
    session.commit()


def built_reports(session: Session, kind: str | None = None) -> list[Report]:
    """Every built version, newest period first, then newest version."""
    query = select(Report).where(Report.status == BUILT)
    if kind is not None:
        query = query.where(Report.kind == kind)
    return list(session.scalars(query.order_by(Report.period.desc(), Report.version.desc())))


def built_periods(session: Session, kind: str) -> set[str]:
    query = select(Report.period).where(Report.kind == kind, Report.status == BUILT)
    return set(session.scalars(query.group_by(Report.period)))


def version_count(session: Session, kind: str, period: str) -> int:
    query = select(func.count()).where(Report.kind == kind, Report.period == period)
    return session.scalar(query) or 0


def history(session: Session, report_id: int) -> list[AuditEvent]:
    """The report's log, oldest first: built, each email try, held, released."""
    return audit.for_target(session, f"report:{report_id}")


def delivery_for(session: Session, report_id: int) -> ReportDelivery | None:
    query = select(ReportDelivery).where(ReportDelivery.report_id == report_id)
    return session.scalars(query).first()


def has_pdf(session: Session, report_id: int) -> bool:
    """Whether a PDF was stored, without loading it."""
    return bool(session.scalar(select(Report.pdf.is_not(None)).where(Report.id == report_id)))
