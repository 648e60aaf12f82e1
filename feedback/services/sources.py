"""Sources (teams) and reading the card reference a QR code or keyer gives us."""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qr.reference import InvalidReference, parse_reference

from ..models import UNKNOWN_SOURCE_CODE, Source

_REFERENCE_MAX = 40
_NOT_REFERENCE_CHARS = re.compile(r"[^A-Z0-9-]+")


@dataclass(frozen=True)
class Team:
    """A source as an answer needs it: nothing the service ever changes once it is made
    (retiring a team changes `active`, which a card's answers do not look at)."""

    id: int
    code: str
    name: str

    @classmethod
    def of(cls, source: Source) -> Team:
        return cls(id=source.id, code=source.code, name=source.name)


@dataclass(frozen=True)
class CardOrigin:
    """Where an answer came from: the team, and the card reference as we will store it."""

    source: Team
    reference: str | None
    recognised: bool


class KnownTeams:
    """Teams by code, kept for a minute: a resident's GET and POST each looked theirs up.

    Only teams found are kept, so a team added a moment ago is found at once; the
    minute bounds how long a name edited by hand in the database takes to show.
    """

    def __init__(self, seconds: float = 60.0, size: int = 4096) -> None:
        self.seconds = seconds
        self.size = size
        self._teams: dict[str, tuple[float, Team]] = {}
        self._lock = threading.Lock()

    def get(self, code: str) -> Team | None:
        with self._lock:
            kept = self._teams.get(code)
        if kept is None or kept[0] < time.monotonic():
            return None
        return kept[1]

    def put(self, team: Team) -> None:
        with self._lock:
            if len(self._teams) >= self.size:
                self._teams.clear()
            self._teams[team.code] = (time.monotonic() + self.seconds, team)


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


def resolve_card(
    session: Session, raw_reference: str | None, known: KnownTeams | None = None
) -> CardOrigin:
    """Find the team a card belongs to. Retired teams still resolve: old cards keep working.

    A reference we cannot read still gives an origin (the unknown source), so a
    resident with a damaged card is never turned away. `known` keeps teams found.
    """
    reference = normalise_reference(raw_reference)
    if reference:
        code = reference.split("-", 1)[0]
        if code != UNKNOWN_SOURCE_CODE:
            team = _team_by_code(session, code, known)
            if team is not None:
                return CardOrigin(source=team, reference=reference, recognised=True)
    team = (known.get(UNKNOWN_SOURCE_CODE) if known else None) or Team.of(unknown_source(session))
    if known is not None:
        known.put(team)
    return CardOrigin(source=team, reference=reference, recognised=False)


def _team_by_code(session: Session, code: str, known: KnownTeams | None) -> Team | None:
    team = known.get(code) if known is not None else None
    if team is not None:
        return team
    source = session.scalars(select(Source).where(Source.code == code)).first()
    if source is None:
        return None
    team = Team.of(source)
    if known is not None:
        known.put(team)
    return team


def add_source(session: Session, code: str, name: str, *, active: bool = True) -> Source:
    source = Source(code=code.upper(), name=name, active=active)
    session.add(source)
    session.commit()
    return source
