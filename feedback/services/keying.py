"""Keying freepost cards: batches, storing each card once, duplicates and corrections.

A keyer types what the card says; these functions decide what that means and
store it. Every card keyed, corrected or skipped, and every batch opened or
closed, is written to the audit log in the same transaction as the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..fft import Channel
from ..models import AuditEvent, KeyingBatch, Response, StaffUser
from ..times import utcnow
from . import audit, tone
from .analysis import AnalysisSetup
from .answers import (
    Answer,
    Submission,
    already_stored,
    analyse_safely,
    clean_comment,
    retrying,
    store_once,
)
from .card_references import EarlierAnswer, KeyedReference, earlier_answers, printed_language


class BatchClosed(Exception):
    """Cards cannot be keyed into a batch after it is closed."""


@dataclass(frozen=True)
class Card:
    """What the keyer read off one card. Rating None means no box (or several) was ticked."""

    reference: KeyedReference
    rating: int | None
    comment: str | None
    respondent_type: str | None
    helped: bool | None


@dataclass(frozen=True)
class Keyed:
    """What happened to a card: stored (response_id), or held back for a decision."""

    response_id: int | None = None
    earlier: tuple[EarlierAnswer, ...] = ()
    already_stored: bool = False
    # The comment may disclose harm: an alert for the duty team was stored with the card.
    safeguarding: bool = False

    @property
    def needs_decision(self) -> bool:
        return self.response_id is None and bool(self.earlier)


# ---------------------------------------------------------------- batches


def open_batch(
    session: Session, keyer: StaffUser, received_on: date, label: str | None
) -> KeyingBatch:
    batch = KeyingBatch(
        received_on=received_on,
        label=(label or "").strip() or None,
        opened_by_id=keyer.id,
        opened_at=utcnow(),
    )
    session.add(batch)
    session.flush()
    audit.record(
        session,
        keyer,
        "keying_batch.opened",
        _batch_target(batch),
        received_on=received_on.isoformat(),
        label=batch.label,
    )
    session.commit()
    return batch


def close_batch(session: Session, batch: KeyingBatch, keyer: StaffUser) -> int:
    """Close a batch so nothing more is keyed into it; returns how many cards it holds."""
    keyed = count_cards(session, batch.id)
    if batch.closed_at is None:
        batch.closed_at = utcnow()
        audit.record(
            session,
            keyer,
            "keying_batch.closed",
            _batch_target(batch),
            cards=keyed,
            skipped=count_skipped(session, batch.id),
        )
        session.commit()
    return keyed


def count_cards(session: Session, batch_id: int) -> int:
    query = select(func.count(Response.id)).where(Response.keying_batch_id == batch_id)
    return session.scalar(query) or 0


def count_skipped(session: Session, batch_id: int) -> int:
    query = select(func.count(AuditEvent.id)).where(
        AuditEvent.action == "card.skipped", AuditEvent.target == _batch_target_id(batch_id)
    )
    return session.scalar(query) or 0


def batch_cards(session: Session, batch_id: int, limit: int | None = None) -> list[Response]:
    """The batch's cards, the latest keyed first: the one just keyed is the one to correct."""
    query = (
        select(Response)
        .where(Response.keying_batch_id == batch_id)
        .order_by(Response.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


@dataclass(frozen=True)
class BatchSummary:
    batch: KeyingBatch
    cards: int


def batches(session: Session, *, open_only: bool, limit: int = 20) -> list[BatchSummary]:
    """Batches with their card counts (counted in SQL), the newest first."""
    counts = (
        select(Response.keying_batch_id, func.count(Response.id).label("cards"))
        .where(Response.keying_batch_id.is_not(None))
        .group_by(Response.keying_batch_id)
        .subquery()
    )
    query = (
        select(KeyingBatch, func.coalesce(counts.c.cards, 0))
        .outerjoin(counts, counts.c.keying_batch_id == KeyingBatch.id)
        .where(KeyingBatch.closed_at.is_(None) if open_only else KeyingBatch.closed_at.is_not(None))
        .order_by(KeyingBatch.id.desc())
        .limit(limit)
    )
    return [BatchSummary(batch=batch, cards=cards) for batch, cards in session.execute(query)]


def _batch_target(batch: KeyingBatch) -> str:
    return _batch_target_id(batch.id)


def _batch_target_id(batch_id: int) -> str:
    return f"keying_batch:{batch_id}"


# ---------------------------------------------------------------- keying and correcting cards


def key_card(
    session: Session,
    batch: KeyingBatch,
    keyer: StaffUser,
    card: Card,
    token: str,
    setup: AnalysisSetup,
    *,
    different_card: bool = False,
) -> Keyed:
    """Store one card once per form view, unless the same card was answered before.

    A card seen before is held back (nothing stored) until the keyer says it is a
    different card. Storing goes through the same service as a web answer: the
    one-time token, the analysis (so a disclosure on paper reaches the duty
    team), the retry. The audit event is written in the same transaction.
    """

    def attempt() -> Keyed:
        stored = already_stored(session, token)
        if stored is not None:
            return Keyed(response_id=stored.response_id, already_stored=True)
        if batch.closed_at is not None:
            raise BatchClosed
        if not different_card:
            earlier = earlier_answers(session, card.reference)
            if earlier:
                return Keyed(earlier=tuple(earlier))

        def audit_keyed(response_id: int) -> None:
            audit.record(
                session,
                keyer,
                "card.keyed",
                f"response:{response_id}",
                batch=batch.id,
                reference=card.reference.reference,
                confirmed_different=different_card or None,
            )

        submission = Submission(
            answer=Answer(
                rating=card.rating,
                comment=card.comment,
                respondent_type=card.respondent_type,
                helped=card.helped,
                # None for a card from a batch we cannot find: its language is not known.
                language=printed_language(session, card.reference),
            ),
            channel=Channel.PAPER,
            token=token,
            reference=card.reference.reference,
            source_id=card.reference.source.id,
            keying_batch_id=batch.id,
            keyed_by_id=keyer.id,
        )
        result = store_once(session, submission, setup, with_row=audit_keyed)
        return Keyed(
            response_id=result.response_id,
            already_stored=result.duplicate,
            safeguarding=result.safeguarding,
        )

    return retrying(session, attempt)


def skip_duplicate(
    session: Session, batch: KeyingBatch, keyer: StaffUser, reference: KeyedReference, token: str
) -> None:
    """Record that a card was put aside as a duplicate: nothing is stored from it.

    Counted so the batch total still adds up to the pile. A resubmitted form
    (same token) is not counted twice.
    """
    target = _batch_target(batch)
    earlier = session.scalars(
        select(AuditEvent.detail).where(
            AuditEvent.action == "card.skipped", AuditEvent.target == target
        )
    )
    if any((detail or {}).get("token") == token for detail in earlier):
        return
    audit.record(session, keyer, "card.skipped", target, reference=reference.reference, token=token)
    session.commit()


_CORRECTABLE = ("card_reference", "source", "rating", "comment", "respondent_type", "helped")


def correct_card(
    session: Session, response: Response, corrector: StaffUser, card: Card, setup: AnalysisSetup
) -> list[str]:
    """Change a keyed card; the audit log keeps each changed field's value before and after."""
    before = _snapshot(response)
    response.card_reference = card.reference.reference
    response.source_id = card.reference.source.id
    response.source = card.reference.source
    response.rating = card.rating
    response.comment = clean_comment(card.comment)
    response.respondent_type = card.respondent_type
    response.helped = card.helped
    after = _snapshot(response)
    changes = {
        field: {"before": before[field], "after": after[field]}
        for field in _CORRECTABLE
        if before[field] != after[field]
    }
    if not changes:
        session.rollback()
        return []
    if "comment" in changes or "rating" in changes:
        # The analysis read the old words and rating; it is redone from the new ones.
        analyse_safely(session, response, setup)
    if "comment" in changes and response.sentiment_checked:
        # Staff read the tone of other words: the new ones are the analyser's until checked.
        changes["sentiment_checked"] = {"before": tone.forget_check(response), "after": None}
    audit.record(session, corrector, "card.corrected", f"response:{response.id}", changes=changes)
    session.commit()
    return list(changes)


def _snapshot(response: Response) -> dict[str, Any]:
    return {
        "card_reference": response.card_reference,
        "source": response.source.code,
        "rating": response.rating,
        "comment": response.comment,
        "respondent_type": response.respondent_type,
        "helped": response.helped,
    }


def corrections(session: Session, response_id: int) -> list[AuditEvent]:
    """A card's corrections, oldest first: the first one's "before" values are as first keyed."""
    query = (
        select(AuditEvent)
        .where(
            AuditEvent.action == "card.corrected", AuditEvent.target == f"response:{response_id}"
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return list(session.scalars(query))
