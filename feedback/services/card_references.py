"""Reading a card reference as a keyer typed it, and finding answers already given from that card.

A printed reference is source code, batch and serial (``FD-B12-0173``), with a
check character on newer cards (``FD-B12-0173-3``). Both are accepted; the check
character, when present, is verified by ``qr.reference.parse_reference``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from qr.reference import ALPHABET, InvalidReference, check_character, parse_reference

from ..models import UNKNOWN_SOURCE_CODE, CardBatch, KeyingBatch, Response, Source
from ..times import as_utc

EXAMPLE = "FD-B12-0173-3"
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212_./]+")
# Letters a keyer may type for digits in the number parts (the printed alphabet has none of them).
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SOURCE_PART = re.compile(r"^[A-Z0-9]{2,6}$")
_BATCH_PART = re.compile(r"^B([0-9]{1,5})$")
_SERIAL_PART = re.compile(r"^[0-9]{1,4}$")
# Typed without any dashes, a reference with no check character: source, B, batch, serial.
_COMPACT_NO_CHECK = re.compile(r"^([A-Z0-9]{2,6}?)B([1-9][0-9]{0,4})([0-9]{4})$")
_SUGGEST_FROM = 0.5  # difflib ratio: one letter of a two-letter code right
_CRAMPED = "Enter the card reference as it is printed on the card, like " + EXAMPLE


class ReferenceProblem(ValueError):
    """A typed reference we cannot accept; the message tells the keyer what to do."""


@dataclass(frozen=True)
class KeyedReference:
    source: Source
    reference: str  # as stored: with the check character when the card has one
    stem: str  # source, batch and serial: the same card with or without its check character
    check: str | None


@dataclass(frozen=True)
class EarlierAnswer:
    """A stored answer from the same card, shown to the keyer before they decide."""

    response_id: int
    channel: str
    received_at: datetime
    batch_label: str | None
    reference: str


def read_reference(session: Session, typed: str | None) -> KeyedReference:
    """Read a card reference as a keyer typed it, with or without its check character.

    The source code is checked first, so a mistyped team is reported as such, with
    a suggestion, rather than as a check character that does not match.
    """
    text = _SEPARATORS.sub("-", (typed or "").strip().upper()).strip("-")
    if not text:
        raise ReferenceProblem("Enter the card reference")
    parts = text.split("-")
    if len(parts) == 1:
        parts = _split_compact(session, text)
    if len(parts) not in (3, 4):
        raise ReferenceProblem(_CRAMPED)
    code, batch_part, serial_part = parts[0], *(p.translate(_DIGIT_LOOKALIKES) for p in parts[1:3])
    batch_match = _BATCH_PART.match(batch_part)
    if not (_SOURCE_PART.match(code) and batch_match and _SERIAL_PART.match(serial_part)):
        raise ReferenceProblem(_CRAMPED)
    source = _source_for(session, code)
    batch_no, serial = int(batch_match.group(1)), int(serial_part)
    if batch_no == 0 or serial == 0:
        raise ReferenceProblem("The batch and serial numbers start at 1: check the reference")
    stem = f"{code}-B{batch_no}-{serial:04d}"
    if len(parts) == 3:
        return KeyedReference(source=source, reference=stem, stem=stem, check=None)
    try:
        parsed = parse_reference(f"{stem}-{parts[3]}")
    except InvalidReference as problem:
        raise ReferenceProblem(problem.message) from None
    return KeyedReference(source=source, reference=parsed.canonical, stem=stem, check=parsed.check)


def printed_language(session: Session, reference: KeyedReference) -> str | None:
    """The language the card was printed in, from its batch; None for a batch we never ordered."""
    batch_no = int(reference.stem.split("-")[1].removeprefix("B"))
    return session.scalar(
        select(CardBatch.language).where(
            CardBatch.id == batch_no, CardBatch.source_id == reference.source.id
        )
    )


def _split_compact(session: Session, text: str) -> list[str]:
    """Split a reference typed with no dashes, preferring the form with a check character."""
    try:
        parsed = parse_reference(text)
    except InvalidReference:
        parsed = None
    if parsed is not None and not parsed.is_source_only:
        return [
            parsed.source_code,
            f"B{parsed.batch_no}",
            f"{parsed.serial:04d}",
            parsed.check or "",
        ]
    match = _COMPACT_NO_CHECK.match(text.translate(_DIGIT_LOOKALIKES))
    if match:
        return [text[: len(match.group(1))], f"B{match.group(2)}", match.group(3)]
    if _SOURCE_PART.match(text):
        _source_for(session, text)  # a known team's code alone: say the card part is missing
        raise ReferenceProblem(
            f"Enter the whole card reference, not just the team code, like {EXAMPLE}"
        )
    raise ReferenceProblem(_CRAMPED)


def _source_for(session: Session, code: str) -> Source:
    """The team a code names, retired teams included: old cards are still posted back."""
    sources = list(session.scalars(select(Source).where(Source.code != UNKNOWN_SOURCE_CODE)))
    for source in sources:
        if source.code == code:
            return source
    raise ReferenceProblem(_no_such_team(code, sources))


def _no_such_team(code: str, sources: list[Source]) -> str:
    """Suggest the closest teams: a keyer misreads a letter or two, or types initials."""
    scores: dict[int, float] = {}
    for source in sources:
        initials = "".join(word[0] for word in source.name.upper().split() if word[0].isalnum())
        scores[source.id] = max(
            difflib.SequenceMatcher(None, code, candidate).ratio()
            for candidate in (source.code, initials)
        )
    best = max(scores.values(), default=0.0)
    message = f"There is no team with the code {code}."
    if best < _SUGGEST_FROM:
        return f"{message} Check the team code at the start of the card reference."
    # Equally close teams are all offered, teams in use first, rather than guessing one.
    closest = sorted(
        (source for source in sources if scores[source.id] == best),
        key=lambda source: (not source.active, source.code),
    )[:2]
    return f"{message} Did you mean {' or '.join(f'{s.code} ({s.name})' for s in closest)}?"


def _same_card_references(reference: KeyedReference) -> list[str]:
    """Every way the same card can be stored: with or without its check character."""
    forms = {reference.stem, reference.reference}
    body = reference.stem.replace("-", "")
    if all(char in ALPHABET for char in body):
        forms.add(f"{reference.stem}-{check_character(body)}")
    return sorted(forms)


def earlier_answers(
    session: Session, reference: KeyedReference, *, besides: int | None = None
) -> list[EarlierAnswer]:
    """Answers already stored from this card: keyed before, or sent online via its QR code."""
    query = (
        select(Response.id, Response.channel, Response.received_at, Response.card_reference)
        .add_columns(KeyingBatch.label)
        .outerjoin(KeyingBatch, KeyingBatch.id == Response.keying_batch_id)
        .where(Response.card_reference.in_(_same_card_references(reference)))
        .order_by(Response.received_at)
    )
    if besides is not None:
        query = query.where(Response.id != besides)
    return [
        EarlierAnswer(
            response_id=row.id,
            channel=row.channel,
            received_at=as_utc(row.received_at),  # type: ignore[arg-type]
            batch_label=row.label,
            reference=row.card_reference,
        )
        for row in session.execute(query)
    ]
