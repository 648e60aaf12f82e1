"""Applying insight to stored responses: scores, themes, redaction and safeguarding."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..insight import Analysis, analyse
from ..insight.themes import Taxonomy
from ..models import Response, SafeguardingAlert
from ..times import utcnow

# Every stored comment answers the FFT follow-up, "Please can you tell us why you
# gave your answer?": the web form asks it under the tick boxes and the paper card
# prints it above the comment space. Scoring on arrival and re-scoring later both
# use this, so a card scores the same however often it is re-scored.
ANSWERED_QUESTION = "why"


def apply_analysis(session: Session, response: Response, taxonomy: Taxonomy) -> Analysis:
    """Fill the response's analysis columns and raise a safeguarding alert if needed.

    Runs inside the caller's transaction, so the answer and its alert are
    stored together or not at all.
    """
    result = analyse(
        response.comment, rating=response.rating, question=ANSWERED_QUESTION, taxonomy=taxonomy
    )
    response.sentiment_label = result.sentiment.label
    response.sentiment_score = round(result.sentiment.score, 4)
    response.sentiment_reasons = list(result.sentiment.reasons)
    response.themes = [theme.slug for theme in result.themes]
    response.redacted_comment = result.redaction.text if response.comment else None
    response.has_personal_data = result.has_personal_data
    response.safeguarding_flag = result.safeguarding.flagged
    response.analyser_version = result.version
    response.analysed_at = utcnow()
    if result.safeguarding.flagged:
        _raise_alert(session, response, list(result.safeguarding.categories))
    return result


def _raise_alert(session: Session, response: Response, categories: list[str]) -> None:
    if response.id is not None:
        existing = session.scalar(
            select(SafeguardingAlert).where(SafeguardingAlert.response_id == response.id)
        )
        if existing is not None:
            return
    session.add(
        SafeguardingAlert(
            response=response, raised_at=utcnow(), categories=categories, email_attempts=0
        )
    )


def reanalyse_all(
    session: Session,
    taxonomy: Taxonomy,
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Re-score every stored response with the current analyser, a batch at a time.

    Walks by id so memory stays flat however many responses there are; each
    batch is committed on its own, so an interrupted run keeps what it did.
    """
    done = 0
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
            return done
        for response in batch:
            apply_analysis(session, response, taxonomy)
        session.commit()
        session.expunge_all()
        done += len(batch)
        last_id = batch[-1].id
        if progress:
            progress(done)
