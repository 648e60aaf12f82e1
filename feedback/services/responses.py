"""Storing answers exactly once, and reading them back out."""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, Select, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ..db import as_utc, utcnow
from ..fft import RATINGS, Channel
from ..insight.safeguarding import Safeguarding
from ..models import Response, Source
from .analysis import apply_analysis
from .sources import resolve_card

log = logging.getLogger(__name__)

_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# A database that drops a connection or is briefly locked usually answers again
# within a second; after these pauses we give up and tell the person.
_RETRY_PAUSES = (0.05, 0.25, 1.0)


class StorageUnavailable(Exception):
    """The database could not take the answer; the person must be told and keep their text."""


@dataclass(frozen=True)
class Answer:
    rating: int | None
    comment: str | None
    respondent_type: str | None = None
    helped: bool | None = None
    language: str = "en"


@dataclass(frozen=True)
class Stored:
    response_id: int
    duplicate: bool
    # The comment may disclose harm: the person is shown where to get help now.
    safeguarding: bool = False


def new_submission_token() -> str:
    return secrets.token_urlsafe(24)


def usable_token(token: str | None) -> str:
    """The form's one-time token, or a fresh one when it is missing or mangled.

    A mangled token only costs double-tap protection for that one answer; the
    answer itself is still kept.
    """
    if token and _TOKEN_SHAPE.match(token):
        return token
    return new_submission_token()


def record_web_answer(
    session: Session, raw_reference: str | None, answer: Answer, token: str
) -> Stored:
    """Store a resident's answer once per form view, retrying through a database blip."""
    last_error: OperationalError | None = None
    for pause in (0.0, *_RETRY_PAUSES):
        if pause:
            time.sleep(pause)
        try:
            return _store_once(session, raw_reference, answer, token)
        except OperationalError as error:
            session.rollback()
            last_error = error
    raise StorageUnavailable("the database did not accept the answer") from last_error


def _store_once(session: Session, raw_reference: str | None, answer: Answer, token: str) -> Stored:
    existing = _already_stored(session, token)
    if existing is not None:
        return existing
    origin = resolve_card(session, raw_reference)
    response = Response(
        source_id=origin.source.id,
        channel=Channel.WEB.value,
        card_reference=origin.reference,
        rating=answer.rating,
        comment=_clean_comment(answer.comment),
        respondent_type=answer.respondent_type,
        helped=answer.helped,
        language=answer.language,
        received_at=utcnow(),
        submission_token=token,
    )
    session.add(response)
    analysed = analyse_safely(session, response)
    try:
        session.commit()
    except IntegrityError:
        # Two taps raced: the other request stored it first.
        session.rollback()
        existing = _already_stored(session, token)
        if existing is None:
            raise
        return existing
    return Stored(
        response_id=response.id, duplicate=False, safeguarding=bool(analysed and analysed.flagged)
    )


def _already_stored(session: Session, token: str) -> Stored | None:
    row = session.execute(
        select(Response.id, Response.safeguarding_flag).where(Response.submission_token == token)
    ).first()
    if row is None:
        return None
    return Stored(response_id=row.id, duplicate=True, safeguarding=bool(row.safeguarding_flag))


def analyse_safely(session: Session, response: Response) -> Safeguarding | None:
    """Analyse before storing; if the analyser itself fails, store the answer unanalysed.

    A fault in scoring must never cost a resident their feedback: `flask --app
    feedback reanalyse` picks up anything left without analysis.
    """
    try:
        return apply_analysis(session, response).safeguarding
    except Exception:  # noqa: BLE001 - any analyser fault; the answer matters more
        log.exception("Analysis failed; storing the answer without it")
        return None


def _clean_comment(comment: str | None) -> str | None:
    """Keep the words exactly as typed, but treat a blank box as no comment."""
    if comment is None or not comment.strip():
        return None
    return comment.replace("\r\n", "\n")


EXPORT_COLUMNS = (
    "id",
    "received",
    "channel",
    "source_code",
    "card_reference",
    "rating",
    "respondent_type",
    "helped",
    "comment",
)


def export_select() -> Select:
    """The columns of an export (EXPORT_COLUMNS), for callers to filter and order."""
    return select(
        Response.id,
        Response.received_at,
        Response.channel,
        Source.code,
        Response.card_reference,
        Response.rating,
        Response.respondent_type,
        Response.helped,
        Response.comment,
    ).join(Source, Source.id == Response.source_id)


def export_row(row: Row) -> tuple[object, ...]:
    """One row of export_select() as spreadsheet cells: labels, not codes."""
    received: datetime = as_utc(row.received_at)  # type: ignore[assignment]
    return (
        row.id,
        received.isoformat(timespec="seconds"),
        row.channel,
        row.code,
        row.card_reference or "",
        "" if row.rating is None else str(RATINGS[row.rating]),
        row.respondent_type or "",
        "" if row.helped is None else ("yes" if row.helped else "no"),
        row.comment or "",
    )


def export_rows(session: Session, batch_size: int = 1000) -> Iterator[tuple[object, ...]]:
    """Every stored response, oldest first, streamed in batches rather than loaded whole."""
    query = export_select().order_by(Response.id).execution_options(yield_per=batch_size)
    for row in session.execute(query):
        yield export_row(row)
