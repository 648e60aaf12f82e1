"""Sources (teams) and reading the card reference a QR code or keyer gives us."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qr.reference import InvalidReference, parse_reference

from ..models import UNKNOWN_SOURCE_CODE, Source

_REFERENCE_MAX = 40
_NOT_REFERENCE_CHARS = re.compile(r"[^A-Z0-9-]+")


@dataclass(frozen=True)
class CardOrigin:
    """Where an answer came from: the team, and the card reference as we will store it."""

    source: Source
    reference: str | None
    recognised: bool


def normalise_reference(raw: str | None) -> str | None:
    """The printed form of a card reference, so a scanned card and a keyed one match.

    A full reference with a valid check character is rewritten as printed; anything
    else is upper-cased, cut to letters, digits and dashes and capped in length,
    so even a damaged reference is kept for staff to look at. None when empty.
    """
    if not raw:
        return None
    try:
        parsed = parse_reference(raw)
    except InvalidReference:
        parsed = None
    # A bare code is left as typed: older codes may use letters card references avoid.
    if parsed is not None and not parsed.is_source_only:
        return parsed.canonical
    cleaned = _NOT_REFERENCE_CHARS.sub("", raw.strip().upper().replace(" ", "-"))
    cleaned = cleaned.strip("-")[:_REFERENCE_MAX]
    return cleaned or None


def unknown_source(session: Session) -> Source:
    """The catch-all source for damaged or unknown references, created if missing."""
    source = session.scalars(select(Source).where(Source.code == UNKNOWN_SOURCE_CODE)).first()
    if source is not None:
        return source
    source = Source(code=UNKNOWN_SOURCE_CODE, name="Unknown card", active=False)
    session.add(source)
    try:
        session.commit()
    except IntegrityError:  # another worker created it first
        session.rollback()
        return session.scalars(select(Source).where(Source.code == UNKNOWN_SOURCE_CODE)).one()
    return source


def resolve_card(session: Session, raw_reference: str | None) -> CardOrigin:
    """Find the team a card belongs to. Retired teams still resolve: old cards keep working.

    A reference we cannot read still gives an origin (the unknown source), so a
    resident with a damaged card is never turned away.
    """
    reference = normalise_reference(raw_reference)
    if reference:
        code = reference.split("-", 1)[0]
        source = session.scalars(
            select(Source).where(Source.code == code, Source.code != UNKNOWN_SOURCE_CODE)
        ).first()
        if source is not None:
            return CardOrigin(source=source, reference=reference, recognised=True)
    return CardOrigin(source=unknown_source(session), reference=reference, recognised=False)


def add_source(session: Session, code: str, name: str, *, active: bool = True) -> Source:
    source = Source(code=code.upper(), name=name, active=active)
    session.add(source)
    session.commit()
    return source
