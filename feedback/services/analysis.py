"""Applying insight to stored responses: scores, themes, redaction and safeguarding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..insight import Analysis, analyse
from ..insight.safeguarding import Finding, Safeguarding
from ..insight.sentiment import LABELLERS
from ..insight.themes import Taxonomy
from ..models import ALERT_TIER, REVIEW_TIER, Response, SafeguardingAlert
from ..times import as_utc, utcnow
from .safeguarding import alert_id_for

# Every stored comment answers the FFT follow-up, "Please can you tell us why you
# gave your answer?": the web form asks it under the tick boxes and the paper card
# prints it above the comment space. Scoring on arrival and re-scoring later both
# use this, so a card scores the same however often it is re-scored.
ANSWERED_QUESTION = "why"

# A re-score that finds a disclosure in an older comment puts it in the queue for
# review rather than emailing the duty team about something that may be long past;
# a comment from the last day is still news, so it keeps its own tier.
RESCORE_STILL_NEWS = timedelta(days=1)


@dataclass(frozen=True)
class AnalysisSetup:
    """What an app's analysis uses besides the comment: its themes, and the place and
    organisation names its administrator listed for redaction to keep."""

    taxonomy: Taxonomy | None = None
    keep: frozenset[str] = frozenset()
    # How a comment that praises and complains is labelled (insight MIXED_READINGS).
    mixed: str = LABELLERS


def analysis_columns(
    comment: str | None, rating: int | None, setup: AnalysisSetup
) -> tuple[dict[str, object], Analysis]:
    """The analysis of an answer, as the response's column values, and the analysis."""
    result = analyse(
        comment,
        rating=rating,
        question=ANSWERED_QUESTION,
        taxonomy=setup.taxonomy,
        keep=setup.keep,
        mixed=setup.mixed,
    )
    columns: dict[str, object] = {
        "sentiment_label": result.sentiment.label,
        "sentiment_score": round(result.sentiment.score, 4),
        "sentiment_reasons": list(result.sentiment.reasons),
        "themes": [theme.slug for theme in result.themes],
        "redacted_comment": result.redaction.text if comment else None,
        "has_personal_data": result.has_personal_data,
        "safeguarding_flag": result.safeguarding.flagged,
        "analyser_version": result.version,
        "analysed_at": utcnow(),
    }
    return columns, result


def apply_analysis(
    session: Session,
    response: Response,
    setup: AnalysisSetup,
    *,
    rescored_at: datetime | None = None,
) -> Analysis:
    """Fill a stored response's analysis columns and raise a safeguarding alert if needed.

    Runs inside the caller's transaction, so the answer and its alert are
    stored together or not at all. `rescored_at` is set by a re-score: an alert
    it raises for a comment older than RESCORE_STILL_NEWS is only for review.
    """
    columns, result = analysis_columns(response.comment, response.rating, setup)
    for name, value in columns.items():
        setattr(response, name, value)
    if result.safeguarding.flagged:
        tier = alert_tier(result.safeguarding)
        if rescored_at is not None and not _still_news(response, rescored_at):
            tier = REVIEW_TIER
        _raise_alert(session, response, result.safeguarding, tier)
    return result


def alert_tier(found: Safeguarding) -> str:
    # Flagged without a tier is read as the more urgent one: emailing is the safe side.
    return found.tier or ALERT_TIER


def _still_news(response: Response, now: datetime) -> bool:
    received = as_utc(response.received_at)
    return received is not None and received > now - RESCORE_STILL_NEWS


def _raise_alert(session: Session, response: Response, found: Safeguarding, tier: str) -> None:
    """One alert per response: the first one raised stands, whatever a later re-score finds."""
    if response.id is not None and alert_id_for(session, response.id) is not None:
        return
    session.add(new_alert(found, tier, response=response))


def new_alert(found: Safeguarding, tier: str, **row: object) -> SafeguardingAlert:
    """The alert for a response: `response=` a response object or `response_id=` its id."""
    return SafeguardingAlert(
        raised_at=utcnow(),
        categories=list(found.categories),
        tier=tier,
        findings=[_finding_row(finding) for finding in found.findings],
        email_attempts=0,
        **row,
    )


def _finding_row(finding: Finding) -> dict[str, object]:
    return {
        "concept": finding.concept,
        "categories": list(finding.categories),
        "tier": finding.tier,
        "phrase": finding.phrase,
        "sentence": finding.sentence,
        "dated": finding.dated,
    }


@dataclass(frozen=True)
class Rescored:
    responses: int = 0
    # New alerts the re-score raised, by tier: "review" ones wait in the queue, unemailed.
    alerts: int = 0
    reviews: int = 0


def reanalyse_all(
    session: Session,
    setup: AnalysisSetup,
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
) -> Rescored:
    """Re-score every stored response with the current analyser, a batch at a time.

    Walks by id so memory stays flat however many responses there are; each
    batch is committed on its own, so an interrupted run keeps what it did. A
    response that already has a safeguarding alert keeps it and gets no other.
    """
    done = alerts = reviews = 0
    last_id = 0
    while True:
        batch = list(
            session.scalars(
                select(Response)
                .where(Response.id > last_id)
                .order_by(Response.id)
                .limit(batch_size)
            )
        )
        if not batch:
            return Rescored(responses=done, alerts=alerts, reviews=reviews)
        now = utcnow()
        for response in batch:
            apply_analysis(session, response, setup, rescored_at=now)
        raised = [item.tier for item in session.new if isinstance(item, SafeguardingAlert)]
        session.commit()
        session.expunge_all()
        done += len(batch)
        alerts += raised.count(ALERT_TIER)
        reviews += raised.count(REVIEW_TIER)
        last_id = batch[-1].id
        if progress:
            progress(done)
