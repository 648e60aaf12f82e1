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
from reportlab.pdfbase import pdfmetrics
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
    check_glyphs,
    draw_lines,
    draw_qr,
    lines_height,
    register_fonts,
    wrap,
    wrap_address,
)
from qr.imposition import BLEED, card_space, draw_crop_marks, impose
from qr.poster import render_poster_pdf
from qr.reference import CardReference, card_url, parse_reference
from qr.settings import CARD_SIZES_MM, CardSettings, CardSpec, CardTexts

__all__ = ["CardSettings", "CardSpec", "CardTexts", "render_batch_pdf", "render_poster_pdf"]


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
    check_glyphs([*settings.printed_text(), *{card.team_name for card in cards}])
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
    canvas.setTitle(f"{settings.council_name}: {settings.texts.how_did_we_do}")
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


def _address(page: _Page, card: _Card, width: float = 0) -> tuple[Line, ...]:
    """The short address in bold, broken if need be before the reference, not inside it."""
    return wrap_address(
        card.short_url,
        BOLD,
        page.style.body,
        width or page.text_width,
        keep_whole=card.reference.canonical,
    )


def _heading(page: _Page, settings: CardSettings, team_name: str | None):
    """Council name, "How did we do?" and the team: the lines and the band's bottom."""
    style = page.style
    lines = page.lines(settings.council_name, bold=True)
    lines += page.lines(settings.texts.how_did_we_do, bold=True, size=style.title)
    if team_name is not None:
        lines += page.lines(settings.texts.about(team_name))
    bottom = page.height - style.margin - page.height_of(lines) - 0.8 * style.margin
    return lines, bottom


def _draw_heading(page: _Page, settings: CardSettings, lines, bottom: float) -> None:
    page.band(bottom, page.height + BLEED, settings.brand_cmyk)
    page.canvas.setFillColorCMYK(*WHITE)
    page.draw(lines, page.style.margin, page.height - page.style.margin)


def _front_reply(page: _Page, card: _Card, settings: CardSettings) -> None:
    style = page.style
    heading, band_bottom = _heading(page, settings, card.spec.team_name)
    texts = settings.texts
    scan = page.lines(texts.scan_with_phone) + page.lines(texts.or_go_to)
    url = _address(page, card)
    post = page.lines(texts.post_it_back)
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
    reference = page.lines(f"{settings.texts.card_reference}: {card.reference}", bold=True)
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
    texts = settings.texts
    top = page.draw(page.lines(texts.fft_question, bold=True), left, band_bottom - 2 * mm)
    top = _tick_boxes(page, texts.fft_answers, top - 1 * mm)
    top = page.draw(page.lines(texts.why_question, bold=True), left, top - 1.5 * mm)

    footer = [line for text in settings.freepost_address for line in page.lines(text)]
    footer += page.lines(settings.privacy_line)
    bottom = style.margin + page.height_of(reference) + page.height_of(footer)
    page.draw(footer, left, bottom)
    if settings.ask_who_is_giving_feedback:
        answers_top = bottom + 1.5 * mm + _answer_columns(page, texts.who_answers)[1]
        who = page.lines(texts.who_question, bold=True)
        bottom = answers_top + 0.5 * mm + page.height_of(who)
        # Question before answers, so that the text reads in order when extracted.
        page.draw(who, left, bottom)
        _tick_boxes(page, texts.who_answers, answers_top)

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


@dataclass(frozen=True)
class _Column:
    x: float
    answers: tuple[tuple[Line, ...], ...]


def _answer_columns(page: _Page, answers: Sequence[str]) -> tuple[list[_Column], float]:
    """Answers as one column, or two read down the first and then the second, whichever
    is shorter; a label too long for its column wraps under itself. Returns the columns
    and their height."""
    style = page.style
    indent = style.box + 2.5 * mm
    gap = 4 * mm
    full = page.text_width

    def column(x: float, width: float, texts: Sequence[str]) -> _Column | None:
        labels = tuple(page.lines(text, width=width - indent) for text in texts)
        widest = max(
            pdfmetrics.stringWidth(line.text, line.font, line.size)
            for label in labels
            for line in label
        )
        return _Column(x, labels) if widest <= width - indent + 0.01 else None

    def height(col: _Column) -> float:
        return sum(style.tick_pitch + page.height_of(label[1:]) for label in col.answers)

    def natural(texts: Sequence[str]) -> float:
        return indent + max(pdfmetrics.stringWidth(text, REGULAR, style.body) for text in texts)

    def lines(columns: list[_Column]) -> int:
        return sum(len(label) for col in columns for label in col.answers)

    layouts: list[tuple[float, int, list[_Column]]] = []
    one = column(style.margin, full, answers)
    if one:
        layouts.append((height(one), lines([one]), [one]))
    for split in range(1, len(answers)):
        first, second = answers[:split], answers[split:]
        widths = {min(natural(first), full - gap - natural(second))}
        widths |= {full * share / 20 for share in range(6, 15)}
        for width in sorted(widths):
            if width <= indent or full - gap - width <= indent:
                continue
            left = column(style.margin, width, first)
            right = column(style.margin + width + gap, full - gap - width, second)
            if left and right:
                pair = [left, right]
                layouts.append((max(height(left), height(right)), lines(pair), pair))
    if not layouts:
        raise ValueError("An answer is too long to fit on the card: shorten it")
    # The shortest; of those as tall, the one with fewest wrapped labels.
    tall, _, columns = min(layouts, key=lambda layout: (round(layout[0], 1), layout[1]))
    return columns, tall


def _tick_boxes(page: _Page, answers: Sequence[str], top: float) -> float:
    """Each answer with a box on its left, in columns; returns the y below the lowest row."""
    style, canvas = page.style, page.canvas
    columns, tall = _answer_columns(page, answers)
    canvas.setStrokeColorCMYK(*BLACK)
    canvas.setLineWidth(0.75)
    label_gap = style.box + 2.5 * mm
    for col in columns:
        row_top = top
        for label in col.answers:
            box_bottom = row_top - (style.tick_pitch + style.box) / 2
            canvas.rect(col.x, box_bottom, style.box, style.box, stroke=1, fill=0)
            # Centre the x-height of the label's first line on the box.
            baseline = box_bottom + style.box / 2 - style.body * 0.27
            page.draw(label, col.x + label_gap, baseline + style.body * 0.95)
            row_top -= style.tick_pitch + page.height_of(label[1:])
    return top - tall


def _front_pocket(page: _Page, card: _Card, settings: CardSettings) -> None:
    """85 x 55 mm: too small to post, so the front leads to the web address only."""
    style = page.style
    heading, band_bottom = _heading(page, settings, None)
    # The QR square's own white border is its quiet zone; 3 mm more keeps that
    # border on the card when the guillotine drifts.
    side = min(style.qr_side, band_bottom - 2 * mm)
    column_x = 3 * mm + side + 1 * mm
    column_width = page.width - column_x - style.margin
    scan = page.lines(settings.texts.scan_the_code, width=column_width)
    scan += page.lines(settings.texts.or_go_to, width=column_width)
    url = _address(page, card, column_width)
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
    texts = settings.texts
    lines = page.lines(texts.fft_question, bold=True)
    lines += page.lines(texts.scan_other_side)
    lines += page.lines(settings.privacy_line)
    reference = page.lines(f"{texts.card_reference}: {card.reference}", bold=True)
    if page.height_of(lines + reference) > band_bottom - 2 * style.margin:
        raise ValueError("The back of the pocket card is too full: shorten the privacy line")

    def static() -> None:
        page.band(band_bottom, page.height + BLEED, settings.brand_cmyk)
        page.canvas.setFillColorCMYK(*BLACK)
        page.draw(lines, style.margin, band_bottom - style.margin)

    page.static(("pocket back",), static)
    page.canvas.setFillColorCMYK(*BLACK)
    page.draw(reference, style.margin, band_bottom - style.margin - page.height_of(lines))
