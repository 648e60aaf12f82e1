"""Sources (teams) and card batches: what gets printed, for whom, and the print files."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from babel import Locale
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qr.cards import render_batch_pdf
from qr.codes import qr_png, qr_svg
from qr.poster import render_poster_pdf
from qr.reference import InvalidReference, card_url, checked_source_code, make_reference
from qr.settings import CardSettings, CardSpec, CardTexts

from ..models import UNKNOWN_SOURCE_CODE, CardBatch, Source, StaffUser
from ..times import london_today
from . import audit

VARIANTS = {
    "a6": "A6 reply card",
    "large": "Large print (A5) reply card",
    "easy": "Easy read (A5) reply card, with faces; its code opens the easy read form",
    "85x55": "Pocket card 85×55 mm (scan only)",
}
SHEETS = {"a4": "A4", "sra3": "SRA3"}
MAX_QUANTITY = 9999


class CardError(ValueError):
    """A request about sources or batches that cannot be done; the message says why."""


@dataclass(frozen=True)
class CardSetup:
    """What every card is printed with: the council's details and its words in each language.

    Built at the edge (`feedback.cards.setup`) from the settings and the
    translations, so this module needs neither Flask nor its translation layer.
    """

    council_name: str
    base_url: str
    short_base_url: str
    freepost_address: tuple[str, ...]
    privacy_line: str
    languages: tuple[str, ...]
    texts: Callable[[str], CardTexts]


def all_sources(session: Session) -> list[Source]:
    query = select(Source).where(Source.code != UNKNOWN_SOURCE_CODE).order_by(Source.code)
    return list(session.scalars(query))


def source_by_code(session: Session, code: str) -> Source:
    source = session.scalar(select(Source).where(Source.code == code.strip().upper()))
    if source is None or source.code == UNKNOWN_SOURCE_CODE:
        raise CardError(f"There is no source with the code {code.strip().upper()}")
    return source


def create_source(session: Session, code: str, name: str, by: StaffUser | None) -> Source:
    try:
        code = checked_source_code(code)
    except InvalidReference as problem:
        raise CardError(problem.message) from None
    name = name.strip()
    if not name:
        raise CardError("Enter the team's name")
    if session.scalar(select(Source.id).where(Source.code == code)) is not None:
        raise CardError(f"The code {code} is already used")
    source = Source(code=code, name=name, active=True)
    session.add(source)
    session.flush()
    audit.record(session, by, "source.created", f"source:{source.id}", code=code, name=name)
    session.commit()
    return source


def set_source_active(session: Session, source: Source, active: bool, by: StaffUser) -> None:
    """Retiring a source stops new batches; its printed cards keep working."""
    source.active = active
    audit.record(
        session, by, "source.reactivated" if active else "source.retired", f"source:{source.id}"
    )
    session.commit()


def order_batch(
    session: Session,
    source: Source,
    quantity: int,
    *,
    setup: CardSetup,
    variant: str = "a6",
    sheet: str = "a4",
    language: str = "en",
    ordered_on: date | None = None,
    by: StaffUser | None = None,
) -> CardBatch:
    if not source.active:
        raise CardError(f"{source.name} is retired: reactivate it before ordering cards")
    if not 1 <= quantity <= MAX_QUANTITY:
        raise CardError(f"Enter a quantity between 1 and {MAX_QUANTITY:,}")
    if variant not in VARIANTS or sheet not in SHEETS:
        raise CardError("Choose a card type and sheet size")
    if language not in setup.languages:
        raise CardError(
            f"Cards cannot be printed in {language!r}: choose one of " + ", ".join(setup.languages)
        )
    _check_printable(source, setup, variant, sheet, language)
    batch = CardBatch(
        source_id=source.id,
        quantity=quantity,
        variant=variant,
        sheet=sheet,
        language=language,
        # The day it was ordered in London, not on the server's clock.
        ordered_on=ordered_on or london_today(),
        ordered_by_id=by.id if by else None,
    )
    session.add(batch)
    session.flush()
    audit.record(
        session, by, "cards.ordered", f"batch:{batch.id}", source=source.code, quantity=quantity
    )
    session.commit()
    return batch


def _check_printable(
    source: Source, setup: CardSetup, variant: str, sheet: str, language: str
) -> None:
    """Lay out one card now, so a design that cannot print is refused before it is ordered."""
    try:
        settings = card_settings(setup, variant, sheet, language)
        sample = CardSpec(reference=make_reference(source.code, 1, 1), team_name=source.name)
        render_batch_pdf([sample], settings, io.BytesIO())
    except (ValueError, InvalidReference) as problem:
        raise CardError(f"These cards cannot be printed as set up: {problem}") from None


def batches_for(session: Session, source: Source) -> list[CardBatch]:
    query = select(CardBatch).where(CardBatch.source_id == source.id).order_by(CardBatch.id.desc())
    return list(session.scalars(query))


def card_counts(session: Session) -> dict[int, int]:
    """Cards ordered so far, per source id."""
    rows = session.execute(
        select(CardBatch.source_id, func.sum(CardBatch.quantity)).group_by(CardBatch.source_id)
    )
    return {source_id: int(total) for source_id, total in rows}


def batch_references(batch: CardBatch) -> list[str]:
    return [
        make_reference(batch.source.code, batch.id, serial)
        for serial in range(1, batch.quantity + 1)
    ]


def language_names(setup: CardSetup) -> dict[str, str]:
    """Each language cards can be printed in, named in itself."""
    return {code: Locale.parse(code).get_display_name(code) for code in setup.languages}


def card_settings(
    setup: CardSetup, variant: str = "a6", sheet: str = "a4", language: str = "en"
) -> CardSettings:
    return CardSettings(
        council_name=setup.council_name,
        base_url=setup.base_url,
        short_base_url=setup.short_base_url,
        freepost_address=setup.freepost_address,
        privacy_line=setup.privacy_line,
        size="85x55" if variant == "85x55" else "a6",
        sheet=sheet,  # type: ignore[arg-type]
        large_print=variant == "large",
        easy_read=variant == "easy",
        texts=setup.texts(language),
    )


def write_batch_pdf(batch: CardBatch, setup: CardSetup, out: BinaryIO) -> None:
    specs: Sequence[CardSpec] = [
        CardSpec(reference=reference, team_name=batch.source.name)
        for reference in batch_references(batch)
    ]
    settings = card_settings(setup, batch.variant, batch.sheet, batch.language or "en")
    render_batch_pdf(specs, settings, out)


def write_poster_pdf(source: Source, setup: CardSetup, out: BinaryIO) -> None:
    render_poster_pdf(source.code, source.name, card_settings(setup), out)


def source_url(source: Source, setup: CardSetup) -> str:
    return card_url(setup.base_url, source.code)


def source_qr_svg(source: Source, setup: CardSetup) -> str:
    return qr_svg(source_url(source, setup))


def source_qr_png(source: Source, setup: CardSetup) -> bytes:
    return qr_png(source_url(source, setup))
