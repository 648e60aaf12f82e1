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
from qr.drawing import BLACK, WHITE, Cmyk, binary_streams, draw_qr
from qr.faces import draw_face
from qr.imposition import BLEED, card_space, draw_crop_marks, impose
from qr.poster import render_poster_pdf
from qr.reference import CardReference, card_path, card_url, parse_reference
from qr.settings import CARD_SIZES_MM, CardSettings, CardSpec, CardTexts
from qr.text import (
    BOLD,
    REGULAR,
    Line,
    check_glyphs,
    draw_lines,
    lines_height,
    reads_right_to_left,
    register_fonts,
    wrap,
    wrap_address,
)

__all__ = ["CardSettings", "CardSpec", "CardTexts", "render_batch_pdf", "render_poster_pdf"]


@dataclass(frozen=True)
class _Style:
    margin: float
    body: float
    title: float
    tick_pitch: float  # from one row of tick boxes to the next
    box: float
    qr_side: float
    min_comment: float
    face: float = 0  # the easy read faces beside the answers; 0 for none
    # The freepost address and privacy line go on the front, so that the back has
    # room for the answers in one column and for the comment.
    footer_on_front: bool = False
    # At 18 pt there is no room for "Who is giving feedback?" (the web form asks it).
    room_for_who: bool = True


_STYLES = {
    "a6": _Style(5 * mm, 12, 24, 5 * mm, 4 * mm, 56 * mm, 14 * mm, footer_on_front=True),
    # Large print: 18 pt, 8 mm boxes with 3 mm between rows.
    "a5": _Style(
        7 * mm, 18, 36, 11 * mm, 8 * mm, 64 * mm, 30 * mm, footer_on_front=True, room_for_who=False
    ),
    "easy": _Style(
        7 * mm,
        18,
        36,
        15 * mm,
        9 * mm,
        64 * mm,
        24 * mm,
        face=13 * mm,
        footer_on_front=True,
        room_for_who=False,
    ),  # fmt: skip
    "85x55": _Style(3.5 * mm, 12, 16, 0, 0, 33 * mm, 0),
}


@dataclass(frozen=True)
class _Card:
    spec: CardSpec
    reference: CardReference
    url: str
    short_url: str
    address_end: str  # the short address from the reference on, never broken


class _Page:
    """Drawing in one card's space, with the card's style. Layouts are written left
    to right; on a right-to-left card the page mirrors every x position."""

    def __init__(
        self, canvas: Canvas, style: _Style, width: float, height: float, rtl: bool
    ) -> None:
        self.canvas, self.style, self.width, self.height = canvas, style, width, height
        self.rtl = rtl
        self.forms: dict[tuple, str] = {}

    @property
    def text_width(self) -> float:
        return self.width - 2 * self.style.margin

    def lines(self, text: str, *, bold: bool = False, size: float = 0, width: float = 0):
        return wrap(
            text,
            BOLD if bold else REGULAR,
            size or self.style.body,
            width or self.text_width,
            self.rtl and reads_right_to_left(text),
        )

    def height_of(self, lines: Sequence[Line]) -> float:
        return lines_height(lines)

    def x(self, left: float, width: float = 0) -> float:
        """Where something ``width`` wide at ``left`` in the left-to-right layout goes."""
        return self.width - left - width if self.rtl else left

    def draw(self, lines: Sequence[Line], x: float, top: float, *, centre: bool = False) -> float:
        """Lines from ``top`` down, starting at ``x`` (ending there, mirrored, on a
        right-to-left card) or centred on it; returns the y below them."""
        if centre:
            return draw_lines(self.canvas, lines, x, top, align="centre")
        if self.rtl:
            return draw_lines(self.canvas, lines, self.width - x, top, align="right")
        return draw_lines(self.canvas, lines, x, top)

    def box(self, x: float, y: float, width: float, height: float) -> None:
        self.canvas.rect(self.x(x, width), y, width, height, stroke=1, fill=0)

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
    style = _STYLES["easy" if settings.easy_read else fmt]
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
    page = _Page(canvas, style, imposition.card_width, imposition.card_height, settings.texts.rtl)
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
    where = {"language": settings.texts.language, "easy_read": settings.easy_read}
    return _Card(
        spec,
        reference,
        card_url(settings.base_url, reference, **where),
        card_url(settings.short_base_url, reference, **where),
        card_path(reference, **where),
    )


def _address(page: _Page, card: _Card, width: float = 0) -> tuple[Line, ...]:
    """The short address in bold, broken if need be before the reference, not inside it.
    An address reads left to right whatever the card's language."""
    return wrap_address(
        card.short_url,
        BOLD,
        page.style.body,
        width or page.text_width,
        keep_whole=card.address_end,
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


def _freepost_and_privacy(page: _Page, settings: CardSettings) -> list[Line]:
    lines = [line for text in settings.freepost_address for line in page.lines(text)]
    return lines + list(page.lines(settings.privacy_line))


def _front_reply(page: _Page, card: _Card, settings: CardSettings) -> None:
    style = page.style
    heading, band_bottom = _heading(page, settings, card.spec.team_name)
    texts = settings.texts
    scan = page.lines(texts.scan_with_phone) + page.lines(texts.or_go_to)
    url = _address(page, card)
    post = page.lines(texts.post_it_back)
    footer = _freepost_and_privacy(page, settings) if style.footer_on_front else []
    footer_gap = 3 * mm if footer else 0
    footer_top = style.margin + page.height_of(footer) + footer_gap
    footer_top += page.height_of(scan + url + post)
    url_top = footer_top - page.height_of(scan)
    centre = page.width / 2

    def static() -> None:
        _draw_heading(page, settings, heading, band_bottom)
        page.canvas.setFillColorCMYK(*BLACK)
        page.draw(scan, centre, footer_top, centre=True)
        below = page.draw(post, centre, url_top - page.height_of(url), centre=True)
        page.draw(footer, centre, below - footer_gap, centre=True)

    page.static(("front", card.spec.team_name, len(url)), static)
    page.canvas.setFillColorCMYK(*BLACK)
    page.draw(url, centre, url_top, centre=True)
    room = band_bottom - footer_top - 2 * mm
    side = min(style.qr_side, room, page.width - 4 * mm)
    if side < 30 * mm:
        raise ValueError(
            "The front of the card is too full to leave room for the QR code: shorten "
            "the freepost address or privacy line"
        )
    y = footer_top + 1 * mm + (room - side) / 2
    draw_qr(page.canvas, qr_matrix(card.url), (page.width - side) / 2, y, side)


def _back_reply(page: _Page, card: _Card, settings: CardSettings) -> None:
    style = page.style
    reference = page.lines(f"{settings.texts.card_reference}: {card.reference}", bold=True)
    page.static(("back", len(reference)), lambda: _back_reply_static(page, settings, reference))
    page.canvas.setFillColorCMYK(*BLACK)
    page.draw(reference, style.margin, style.margin + page.height_of(reference))


def _back_reply_static(page: _Page, settings: CardSettings, reference: Sequence[Line]) -> None:
    """Everything on the back but the reference, which takes the ``reference`` lines.

    From the top: the FFT question and its six answers in one column, in the
    order of the scale; the comment box; then, from the bottom up, the freepost
    address and privacy line (unless they are on the front), "Did someone help
    you?" and "Who is giving feedback?" (unless left out; large print and easy
    read cards have no room for it at 18 pt)."""
    style, canvas = page.style, page.canvas
    band_bottom = page.height - 4 * mm
    page.band(band_bottom, page.height + BLEED, settings.brand_cmyk)
    canvas.setFillColorCMYK(*BLACK)
    left = style.margin
    texts = settings.texts
    top = page.draw(page.lines(texts.fft_question, bold=True), left, band_bottom - 2 * mm)
    top = _tick_boxes(page, texts.fft_answers, top - 1 * mm, one_column=True, faces=True)
    top = page.draw(page.lines(texts.why_question, bold=True), left, top - 1.5 * mm)

    bottom = style.margin + page.height_of(reference)
    if not style.footer_on_front:
        footer = _freepost_and_privacy(page, settings)
        bottom += page.height_of(footer)
        page.draw(footer, left, bottom)
    questions = [(texts.helped_question, texts.helped_answers)]
    if settings.ask_who_is_giving_feedback and style.room_for_who:
        questions.insert(0, (texts.who_question, texts.who_answers))
    for question, answers in reversed(questions):
        answers_top = bottom + 1.5 * mm + _answer_columns(page, answers)[1]
        lines = page.lines(question, bold=True)
        bottom = answers_top + 0.5 * mm + page.height_of(lines)
        # Question before answers, so that the text reads in order when extracted.
        page.draw(lines, left, bottom)
        _tick_boxes(page, answers, answers_top)

    comment_top, comment_bottom = top - 1 * mm, bottom + 2 * mm
    if comment_top - comment_bottom < style.min_comment:
        raise ValueError(
            "The back of the card is too full to leave room for comments: shorten the "
            "questions or answers, or leave out 'Who is giving feedback?'"
        )
    canvas.setStrokeColorCMYK(*BLACK)
    canvas.setLineWidth(0.75)
    page.box(left, comment_bottom, page.text_width, comment_top - comment_bottom)


@dataclass(frozen=True)
class _Column:
    x: float
    answers: tuple[tuple[Line, ...], ...]


def _indent(style: _Style, faces: bool) -> float:
    """From a row's left edge to its words: the box, and the face when there is one."""
    return style.box + 2.5 * mm + (style.face + 2.5 * mm if faces and style.face else 0)


def _answer_columns(
    page: _Page, answers: Sequence[str], *, one_column: bool = False, faces: bool = False
) -> tuple[list[_Column], float]:
    """Answers as one column, or two read down the first and then the second, whichever
    is shorter; a label too long for its column wraps under itself. A scale is always
    one column, so that it reads in order. Returns the columns and their height."""
    style = page.style
    indent = _indent(style, faces)
    gap = 4 * mm
    full = page.text_width

    def column(x: float, width: float, texts: Sequence[str]) -> _Column | None:
        labels = tuple(page.lines(text, width=width - indent) for text in texts)
        widest = max(line.width for label in labels for line in label)
        return _Column(x, labels) if widest <= width - indent + 0.01 else None

    def height(col: _Column) -> float:
        return sum(max(style.tick_pitch, _row_height(page, label)) for label in col.answers)

    def natural(texts: Sequence[str]) -> float:
        return indent + max(line.width for text in texts for line in page.lines(text, width=1e6))

    def lines(columns: list[_Column]) -> int:
        return sum(len(label) for col in columns for label in col.answers)

    layouts: list[tuple[float, int, list[_Column]]] = []
    one = column(style.margin, full, answers)
    if one:
        layouts.append((height(one), lines([one]), [one]))
    for split in range(1, 1 if one_column else len(answers)):
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


def _row_height(page: _Page, label: Sequence[Line]) -> float:
    """A row is as tall as the pitch, or as its label when that wraps: the label's
    first line sits level with the box, the rest below it."""
    return page.style.tick_pitch + page.height_of(label[1:])


def _tick_boxes(
    page: _Page,
    answers: Sequence[str],
    top: float,
    *,
    one_column: bool = False,
    faces: bool = False,
) -> float:
    """Each answer with a box before it (and on easy read cards its face), in columns;
    returns the y below the lowest row."""
    style, canvas = page.style, page.canvas
    faces = faces and bool(style.face)
    columns, tall = _answer_columns(page, answers, one_column=one_column, faces=faces)
    canvas.setStrokeColorCMYK(*BLACK)
    canvas.setLineWidth(1.0 if style.box >= 8 * mm else 0.75)
    indent = _indent(style, faces)
    answer = 0
    for col in columns:
        row_top = top
        for label in col.answers:
            answer += 1
            middle = row_top - style.tick_pitch / 2
            page.box(col.x, middle - style.box / 2, style.box, style.box)
            if faces:
                face_x = page.x(col.x + style.box + 2.5 * mm, style.face)
                draw_face(canvas, answer, face_x, middle - style.face / 2, style.face)
            # Centre the x-height of the label's first line on the box.
            first = label[0]
            baseline = middle - first.size * 0.27
            page.draw(label, col.x + indent, baseline + first.ascent)
            row_top -= _row_height(page, label)
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
    x = page.x(3 * mm, side)  # beside the words: on their right on a right-to-left card
    draw_qr(page.canvas, qr_matrix(card.url), x, (band_bottom - side) / 2, side)


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
