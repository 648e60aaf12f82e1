"""Storing an answer exactly once, whatever its channel.

A resident's web answer, a keyed freepost card and the demo data all come
through `store_answer`, so they share one set of rules: the comment is kept as
typed (a blank box is no comment), it is analysed in the same transaction with
the one question rule re-scoring also uses, a one-time token and a unique
constraint make a double submit store one row, and a briefly locked or
unavailable database is retried before the person is told.

A possible disclosure stores its safeguarding alert in the same transaction;
emailing the duty team is not done here but once the row is committed (see
`feedback.alert_outbox`), so nobody waits for the mail server.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ..fft import Channel, FormFormat
from ..insight.safeguarding import Safeguarding
from ..models import Response
from ..times import utcnow
from .analysis import AnalysisSetup, alert_tier, analysis_columns, apply_analysis, new_alert
from .sources import KnownTeams, resolve_card

log = logging.getLogger(__name__)
T = TypeVar("T")

_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# One row of the response table, written without the ORM's unit of work: that cost twice
# the insert itself on every answer. Compiled once per database, the id read back.
_INSERT_RESPONSE = insert(Response.__table__).returning(Response.__table__.c.id)
# A database that drops a connection or is briefly locked usually answers again
# within a second; after these pauses we give up and tell the person.
RETRY_PAUSES = (0.05, 0.25, 1.0)


class StorageUnavailable(Exception):
    """The database could not take the answer; the person must be told and keep their text."""


@dataclass(frozen=True)
class Answer:
    """What the person said, on the web form or on the card."""

    rating: int | None
    comment: str | None
    respondent_type: str | None = None
    helped: bool | None = None
    language: str | None = "en"  # None: not known (a keyed card from a batch we cannot find)


@dataclass(frozen=True)
class Submission:
    """One answer to store, and where it came from.

    `reference` is the card reference as scanned or keyed. When `source_id` is
    None the reference is resolved here (an unknown or damaged one is kept
    against the UNKNOWN source, never refused); a keyer has already confirmed
    the team, so keying passes it.
    """

    answer: Answer
    channel: Channel
    token: str
    reference: str | None = None
    source_id: int | None = None
    received_at: datetime | None = None
    keying_batch_id: int | None = None
    keyed_by_id: int | None = None
    form_format: FormFormat = FormFormat.STANDARD


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


def store_answer(
    session: Session,
    submission: Submission,
    setup: AnalysisSetup,
    *,
    with_row: Callable[[int], None] | None = None,
    known: KnownTeams | None = None,
) -> Stored:
    """Store the answer once per form view, retrying through a database blip.

    `with_row` runs with the row's id before the commit, for a
    caller that records something in the same transaction (keying's audit
    event); `known` keeps the teams a card reference was resolved to. Raises
    StorageUnavailable when the database will not take it.
    """
    return retrying(session, lambda: store_once(session, submission, setup, with_row, known))


def retrying(
    session: Session, attempt: Callable[[], T], pauses: tuple[float, ...] = RETRY_PAUSES
) -> T:
    """Run `attempt` (one whole transaction) again after a dropped connection or a lock.

    A caller with checks of its own before storing (keying's duplicate check)
    wraps checks and `store_once` together, so the checks are retried too.
    """
    last_error: OperationalError | None = None
    for pause in (0.0, *pauses):
        if pause:
            time.sleep(pause)
        try:
            return attempt()
        except OperationalError as error:
            session.rollback()
            last_error = error
    raise StorageUnavailable("the database did not accept the answer") from last_error


def store_once(
    session: Session,
    submission: Submission,
    setup: AnalysisSetup,
    with_row: Callable[[int], None] | None = None,
    known: KnownTeams | None = None,
) -> Stored:
    """One try at storing the answer: `store_answer` without the retry.

    The one-time token's unique constraint is what stores a form view's answer once:
    a second insert of the token fails, and the answer stored first is returned.
    (Looking for the token beforehand cost a query on every answer, for the rare
    double tap that the constraint catches anyway.)
    """
    source_id, reference = submission.source_id, submission.reference
    if source_id is None:
        origin = resolve_card(session, reference, known)
        source_id, reference = origin.source.id, origin.reference
    answer = submission.answer
    comment = clean_comment(answer.comment)
    row: dict[str, object] = {
        "source_id": source_id,
        "channel": submission.channel.value,
        "form_format": submission.form_format.value,
        "card_reference": reference,
        "rating": answer.rating,
        "comment": comment,
        "respondent_type": answer.respondent_type,
        "helped": answer.helped,
        # Given, so the column's default ("en") never replaces None: not known is NULL.
        "language": answer.language,
        "received_at": submission.received_at or utcnow(),
        "submission_token": submission.token,
        "keying_batch_id": submission.keying_batch_id,
        "keyed_by_id": submission.keyed_by_id,
    }
    analysed = _safely(lambda: analysis_columns(comment, answer.rating, setup))
    found = None
    if analysed is not None:
        row.update(analysed[0])
        found = analysed[1].safeguarding
    try:
        response_id = session.execute(_INSERT_RESPONSE, row).scalar_one()
        if found is not None and found.flagged:
            session.add(new_alert(found, alert_tier(found), response_id=response_id))
        if with_row is not None:
            with_row(response_id)
        session.commit()
    except IntegrityError:
        # A double tap, or two racing: the answer with this token is already stored.
        session.rollback()
        existing = already_stored(session, submission.token)
        if existing is None:
            raise
        return existing
    return Stored(
        response_id=response_id, duplicate=False, safeguarding=bool(found and found.flagged)
    )


def already_stored(session: Session, token: str) -> Stored | None:
    """The answer a form view's token already stored, if any."""
    row = session.execute(
        select(Response.id, Response.safeguarding_flag).where(Response.submission_token == token)
    ).first()
    if row is None:
        return None
    return Stored(response_id=row.id, duplicate=True, safeguarding=bool(row.safeguarding_flag))


def analyse_safely(
    session: Session, response: Response, setup: AnalysisSetup
) -> Safeguarding | None:
    """Analyse before storing; if the analyser itself fails, store the answer unanalysed.

    A fault in scoring must never cost a resident their feedback: `flask --app
    feedback reanalyse` picks up anything left without analysis.
    """
    analysed = _safely(lambda: apply_analysis(session, response, setup))
    return None if analysed is None else analysed.safeguarding


def _safely(analysis: Callable[[], T]) -> T | None:
    try:
        return analysis()
    except Exception:  # noqa: BLE001 - any analyser fault; the answer matters more
        log.exception("Analysis failed; storing the answer without it")
        return None


def clean_comment(comment: str | None) -> str | None:
    """Keep the words exactly as typed, but treat a blank box as no comment."""
    if comment is None or not comment.strip():
        return None
    return comment.replace("\r\n", "\n")
