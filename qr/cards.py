"""The print-ready PDF of a batch of feedback cards, N-up with bleed and crop marks.

Each sheet is two pages: fronts, then backs laid out for a long-edge duplex flip
(see ``qr.imposition``). Text is black, the one brand colour is used for the
heading band, and the QR code is drawn as vector rectangles in 100% black.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from qr.codes import qr_matrix
from qr.drawing import (
    BLACK,
    BOLD,
    REGULAR,
    WHITE,
    Cmyk,
    Line,
    binary_streams,
    draw_lines,
    draw_qr,
    lines_height,
    register_fonts,
    wrap,
)
from qr.imposition import BLEED, card_space, draw_crop_marks, impose
from qr.poster import render_poster_pdf
from qr.reference import CardReference, card_url, parse_reference
from qr.settings import CARD_SIZES_MM, CardSettings, CardSpec

__all__ = ["CardSettings", "CardSpec", "render_batch_pdf", "render_poster_pdf"]

FFT_QUESTION = "Overall, how was your experience of our service?"
FFT_ANSWERS = ("Very good", "Good", "Neither good nor poor", "Poor", "Very poor", "Don't know")
WHY_QUESTION = "Please can you tell us why you gave your answer?"
WHO_QUESTION = "Who is giving feedback?"
WHO_ANSWERS = (
    "The person who uses our services",
    "A carer",
    "A family member or friend",
    "Someone else",
    "Prefer not to say",
)
POST_IT_BACK = "or fill in this card and post it back —\u00a0no\u00a0stamp\u00a0needed"


@dataclass(frozen=True)
class _Style:
    margin: float
    body: float
    title: float
    tick_pitch: float
    box: float
    qr_side: float
    min_comment: float


_STYLES = {
    "a6": _Style(5 * mm, 12, 24, 5.5 * mm, 4 * mm, 56 * mm, 14 * mm),
    "a5": _Style(7 * mm, 16, 36, 7.5 * mm, 5.5 * mm, 80 * mm, 20 * mm),
    "85x55": _Style(3.5 * mm, 12, 16, 0, 0, 33 * mm, 0),
}


@dataclass(frozen=True)
class _Card:
    spec: CardSpec
    reference: CardReference
    url: str
    short_url: str


class _Page:
    """Text drawing in one card's space, with the card's style."""

    def __init__(self, canvas: Canvas, style: _Style, width: float, height: float) -> None:
        self.canvas, self.style, self.width, self.height = canvas, style, width, height
        self.forms: dict[tuple, str] = {}

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.style.margin

    def lines(self, text: str, *, bold: bool = False, size: float = 0, width: float = 0):
        return wrap(
            text, BOLD if bold else REGULAR, size or self.style.body, width or self.text_width
        )

    def height_of(self, lines: Sequence[Line]) -> float:
        return lines_height(lines)

    def draw(self, lines: Sequence[Line], x: float, top: float, *, centre: bool = False) -> float:
        return draw_lines(self.canvas, lines, x, top, centre=centre)

    def static(self, key: tuple, draw: Callable[[], None]) -> None:
        """Draw what is the same on many cards once, as a form, and place it here."""
        name = self.forms.get(key)
        if name is None:
            name = self.forms[key] = f"static{len(self.forms)}"
            self.canvas.beginForm(name, -BLEED, -BLEED, self.width + BLEED, self.height + BLEED)
            draw()
            self.canvas.endForm()
        self.canvas.doForm(name)

    def band(self, bottom: float, top: float, colour: Cmyk) -> None:
        """A brand-colour band running into the bleed on the sides it touches."""
        self.canvas.setFillColorCMYK(*colour)
        self.canvas.rect(-BLEED, bottom, self.width + 2 * BLEED, top - bottom, stroke=0, fill=1)


def render_batch_pdf(cards: Sequence[CardSpec], settings: CardSettings, out: BinaryIO) -> None:
    """Write the batch as one PDF: per sheet a page of fronts then a page of backs."""
    if not cards:
        raise ValueError("There are no cards to print")
    with binary_streams():
        _render_batch(cards, settings, out)


def _render_batch(cards: Sequence[CardSpec], settings: CardSettings, out: BinaryIO) -> None:
    register_fonts()
    fmt = settings.card_format
    width_mm, height_mm = CARD_SIZES_MM[fmt]
    imposition = impose(settings.sheet, width_mm, height_mm)
    style = _STYLES[fmt]
    canvas = Canvas(
        out,
        pagesize=(imposition.sheet_width, imposition.sheet_height),
        # Otherwise every page names unembedded Helvetica, which preflight rejects.
        initialFontName=REGULAR,
        initialFontSize=style.body,
        # The same batch always gives the same bytes: a reprint is the identical file.
        invariant=True,
    )
    canvas.setTitle(f"{settings.council_name}: How did we do? cards")
    canvas.setCreator("How Did We Do")
    canvas.setAuthor(settings.council_name)
    page = _Page(canvas, style, imposition.card_width, imposition.card_height)
    draw_front, draw_back = (
        (_front_pocket, _back_pocket) if fmt == "85x55" else (_front_reply, _back_reply)
    )
    per_sheet = imposition.per_sheet
    for start in range(0, len(cards), per_sheet):
        group = [_prepare(spec, settings) for spec in cards[start : start + per_sheet]]
        for index, card in enumerate(group):
            with card_space(canvas, imposition, imposition.slots[index], back=False):
                draw_front(page, card, settings)
        draw_crop_marks(canvas, imposition)
        canvas.showPage()
        for index, card in enumerate(group):
            with card_space(canvas, imposition, imposition.back_slot(index), back=True):
                draw_back(page, card, settings)
        draw_crop_marks(canvas, imposition)
        canvas.showPage()
    canvas.save()


def _prepare(spec: CardSpec, settings: CardSettings) -> _Card:
    reference = parse_reference(spec.reference)
    if reference.is_source_only:
        raise ValueError(f"{spec.reference} names a source, not a card: use a card reference")
    return _Card(
        spec,
        reference,
        card_url(settings.base_url, reference),
        card_url(settings.short_base_url, reference),
    )


def _heading(page: _Page, settings: CardSettings, team_name: str | None):
    """Council name, "How did we do?" and the team: the lines and the band's bottom."""
    style = page.style
    lines = page.lines(settings.council_name, bold=True)
    lines += page.lines("How did we do?", bold=True, size=style.title)
    if team_name is not None:
        lines += page.lines(f"Tell us about {team_name}")
    bottom = page.height - style.margin - page.height_of(lines) - 0.8 * style.margin
    return lines, bottom


def _draw_heading(page: _Page, settings: CardSettings, lines, bottom: float) -> None:
    page.band(bottom, page.height + BLEED, settings.brand_cmyk)
    page.canvas.setFillColorCMYK(*WHITE)
    page.draw(lines, page.style.margin, page.height - page.style.margin)


def _front_reply(page: _Page, card: _Card, settings: CardSettings) -> None:
    style = page.style
    heading, band_bottom = _heading(page, settings, card.spec.team_name)
    scan = page.lines("Scan the code with your phone camera,") + page.lines("or go to")
    url = page.lines(card.short_url, bold=True)
    post = page.lines(POST_IT_BACK)
    footer_top = style.margin + page.height_of(scan + url + post)
    url_top = footer_top - page.height_of(scan)
    centre = page.width / 2

    def static() -> None:
        _draw_heading(page, settings, heading, band_bottom)
        page.canvas.setFillColorCMYK(*BLACK)
        page.draw(scan, centre, footer_top, centre=True)
        page.draw(post, centre, url_top - page.height_of(url), centre=True)

    page.static(("front", card.spec.team_name, len(url)), static)
    page.canvas.setFillColorCMYK(*BLACK)
    page.draw(url, centre, url_top, centre=True)
    room = band_bottom - footer_top - 2 * mm
    side = min(style.qr_side, room, page.width - 4 * mm)
    y = footer_top + 1 * mm + (room - side) / 2
    draw_qr(page.canvas, qr_matrix(card.url), (page.width - side) / 2, y, side)


def _back_reply(page: _Page, card: _Card, settings: CardSettings) -> None:
    style = page.style
    reference = page.lines(f"Card reference: {card.reference}", bold=True)
    page.static(("back", len(reference)), lambda: _back_reply_static(page, settings, reference))
    page.canvas.setFillColorCMYK(*BLACK)
    page.draw(reference, style.margin, style.margin + page.height_of(reference))


def _back_reply_static(page: _Page, settings: CardSettings, reference: Sequence[Line]) -> None:
    """Everything on the back but the reference, which takes the ``reference`` lines."""
    style, canvas = page.style, page.canvas
    band_bottom = page.height - 4 * mm
    page.band(band_bottom, page.height + BLEED, settings.brand_cmyk)
    canvas.setFillColorCMYK(*BLACK)
    left = style.margin
    top = page.draw(page.lines(FFT_QUESTION, bold=True), left, band_bottom - 2 * mm)
    top = _tick_boxes(page, FFT_ANSWERS, top - 0.5 * mm)
    top = page.draw(page.lines(WHY_QUESTION, bold=True), left, top - 1.5 * mm)

    footer = [line for text in settings.freepost_address for line in page.lines(text)]
    footer += page.lines(settings.privacy_line)
    bottom = style.margin + page.height_of(reference) + page.height_of(footer)
    page.draw(footer, left, bottom)
    if settings.ask_who_is_giving_feedback:
        bottom += 1.5 * mm + len(WHO_ANSWERS) * style.tick_pitch
        _tick_boxes(page, WHO_ANSWERS, bottom)
        who = page.lines(WHO_QUESTION, bold=True)
        bottom += page.height_of(who)
        page.draw(who, left, bottom)

    comment_top, comment_bottom = top - 1 * mm, bottom + 2 * mm
    if comment_top - comment_bottom < style.min_comment:
        raise ValueError(
            "The back of the card is too full to leave room for comments: shorten the "
            "freepost address or privacy line, or leave out 'Who is giving feedback?'"
        )
    canvas.setStrokeColorCMYK(*BLACK)
    canvas.setLineWidth(0.75)
    canvas.rect(
        left, comment_bottom, page.text_width, comment_top - comment_bottom, stroke=1, fill=0
    )


def _tick_boxes(page: _Page, answers: Sequence[str], top: float) -> float:
    """One answer a row, box on the left; returns the y below the last row."""
    style, canvas = page.style, page.canvas
    canvas.setStrokeColorCMYK(*BLACK)
    canvas.setLineWidth(0.75)
    canvas.setFont(REGULAR, style.body)
    label_x = style.margin + style.box + 2.5 * mm
    for answer in answers:
        box_bottom = top - (style.tick_pitch + style.box) / 2
        canvas.rect(style.margin, box_bottom, style.box, style.box, stroke=1, fill=0)
        # Centre the x-height of the label on the box.
        canvas.drawString(label_x, box_bottom + style.box / 2 - style.body * 0.27, answer)
        top -= style.tick_pitch
    return top


def _front_pocket(page: _Page, card: _Card, settings: CardSettings) -> None:
    """85 x 55 mm: too small to post, so the front leads to the web address only."""
    style = page.style
    heading, band_bottom = _heading(page, settings, None)
    # The QR square's own white border is its quiet zone; 3 mm more keeps that
    # border on the card when the guillotine drifts.
    side = min(style.qr_side, band_bottom - 2 * mm)
    column_x = 3 * mm + side + 1 * mm
    column_width = page.width - column_x - style.margin
    scan = page.lines("Scan the code", width=column_width)
    scan += page.lines("or go to", width=column_width)
    url = page.lines(card.short_url, bold=True, width=column_width)
    top = (band_bottom + page.height_of(scan + url)) / 2

    def static() -> None:
        _draw_heading(page, settings, heading, band_bottom)
        page.canvas.setFillColorCMYK(*BLACK)
        page.draw(scan, column_x, top)

    page.static(("pocket front", len(url)), static)
    page.canvas.setFillColorCMYK(*BLACK)
    page.draw(url, column_x, top - page.height_of(scan))
    draw_qr(page.canvas, qr_matrix(card.url), 3 * mm, (band_bottom - side) / 2, side)


def _back_pocket(page: _Page, card: _Card, settings: CardSettings) -> None:
    style = page.style
    band_bottom = page.height - 3 * mm
    lines = page.lines(FFT_QUESTION, bold=True)
    lines += page.lines("Scan the code on the other side to tell us.")
    lines += page.lines(settings.privacy_line)
    reference = page.lines(f"Card reference: {card.reference}", bold=True)
    if page.height_of(lines + reference) > band_bottom - 2 * style.margin:
        raise ValueError("The back of the pocket card is too full: shorten the privacy line")

    def static() -> None:
        page.band(band_bottom, page.height + BLEED, settings.brand_cmyk)
        page.canvas.setFillColorCMYK(*BLACK)
        page.draw(lines, style.margin, band_bottom - style.margin)

    page.static(("pocket back",), static)
    page.canvas.setFillColorCMYK(*BLACK)
    page.draw(reference, style.margin, band_bottom - style.margin - page.height_of(lines))
