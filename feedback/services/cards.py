"""Sources (teams) and card batches: what gets printed, for whom, and the print files."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any, BinaryIO

from babel import Locale
from flask_babel import force_locale, gettext
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qr.cards import render_batch_pdf
from qr.codes import qr_png, qr_svg
from qr.poster import render_poster_pdf
from qr.reference import InvalidReference, card_url, checked_source_code, make_reference
from qr.settings import CardSettings, CardSpec, CardTexts

from .. import fft
from ..i18n import available_languages
from ..models import UNKNOWN_SOURCE_CODE, CardBatch, Source, StaffUser
from . import audit

VARIANTS = {
    "a6": "A6 reply card",
    "large": "Large print (A5) reply card",
    "85x55": "Pocket card 85×55 mm (scan only)",
}
SHEETS = {"a4": "A4", "sra3": "SRA3"}
MAX_QUANTITY = 9999


class CardError(ValueError):
    """A request about sources or batches that cannot be done; the message says why."""


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
    config: dict[str, Any],
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
    if language not in available_languages():
        raise CardError(
            f"Cards cannot be printed in {language!r}: choose one of "
            + ", ".join(available_languages())
        )
    _check_printable(source, config, variant, sheet, language)
    batch = CardBatch(
        source_id=source.id,
        quantity=quantity,
        variant=variant,
        sheet=sheet,
        language=language,
        ordered_on=ordered_on or date.today(),
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
    source: Source, config: dict[str, Any], variant: str, sheet: str, language: str
) -> None:
    """Lay out one card now, so a design that cannot print is refused before it is ordered."""
    try:
        settings = card_settings(config, variant, sheet, language)
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


def language_names() -> dict[str, str]:
    """Each language cards can be printed in, named in itself."""
    return {code: Locale.parse(code).get_display_name(code) for code in available_languages()}


def card_texts(language: str = "en") -> CardTexts:
    """The card's words in ``language``, from the same translations as the resident site."""
    with force_locale(language):
        return CardTexts(
            fft_question=str(fft.QUESTION),
            fft_answers=tuple(str(label) for label in fft.RATINGS.values()),
            why_question=str(fft.WHY_QUESTION),
            who_question=gettext("Who is giving feedback?"),
            who_answers=tuple(str(label) for label in fft.RESPONDENT_LABELS.values()),
            how_did_we_do=gettext("How did we do?"),
            # The card fills in the team's name.
            tell_us_about=gettext("Tell us about %(team)s"),
            scan_with_phone=gettext("Scan the code with your phone camera,"),
            or_go_to=gettext("or go to"),
            # The no-break spaces keep "no stamp needed" together on the card.
            post_it_back=gettext(
                "or fill in this card and post it back —\u00a0no\u00a0stamp\u00a0needed"
            ),
            scan_the_code=gettext("Scan the code"),
            scan_other_side=gettext("Scan the code on the other side to tell us."),
            ask_for_a_card=gettext(
                "You can also ask us for a paper card —\u00a0no\u00a0stamp\u00a0needed."
            ),
            card_reference=gettext("Card reference"),
        )


def card_settings(
    config: dict[str, Any], variant: str = "a6", sheet: str = "a4", language: str = "en"
) -> CardSettings:
    base_url = config["FEEDBACK_BASE_URL"].rstrip("/")
    short = config["FEEDBACK_SHORT_BASE_URL"] or re.sub(r"^https?://", "", base_url)
    return CardSettings(
        council_name=config["FEEDBACK_COUNCIL_NAME"],
        base_url=base_url,
        short_base_url=short,
        freepost_address=tuple(
            line.strip() for line in config["FEEDBACK_FREEPOST_ADDRESS"].split("|") if line.strip()
        ),
        privacy_line=config["FEEDBACK_CARD_PRIVACY_LINE"],
        size="85x55" if variant == "85x55" else "a6",
        sheet=sheet,  # type: ignore[arg-type]
        large_print=variant == "large",
        texts=card_texts(language),
    )


def write_batch_pdf(batch: CardBatch, config: dict[str, Any], out: BinaryIO) -> None:
    specs: Sequence[CardSpec] = [
        CardSpec(reference=reference, team_name=batch.source.name)
        for reference in batch_references(batch)
    ]
    settings = card_settings(config, batch.variant, batch.sheet, batch.language or "en")
    render_batch_pdf(specs, settings, out)


def write_poster_pdf(source: Source, config: dict[str, Any], out: BinaryIO) -> None:
    render_poster_pdf(source.code, source.name, card_settings(config), out)


def source_url(source: Source, config: dict[str, Any]) -> str:
    return card_url(config["FEEDBACK_BASE_URL"], source.code)


def source_qr_svg(source: Source, config: dict[str, Any]) -> str:
    return qr_svg(source_url(source, config))


def source_qr_png(source: Source, config: dict[str, Any]) -> bytes:
    return qr_png(source_url(source, config))
