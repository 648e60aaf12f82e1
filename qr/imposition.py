"""Placing cards N-up on a press sheet: slots, bleed, crop marks and duplex backs.

Every card keeps its own 3 mm bleed, so neighbouring cards sit 6 mm apart and the
guillotine makes two cuts between them. Crop marks sit in the sheet margin on every
trim line, starting clear of the bleed. A card may be turned 90° on the sheet when
that fits more cards.

Backs are printed for a long-edge duplex flip of a portrait sheet: the paper turns
over about its vertical axis, so the back of the card at (x, y) is at (W - x - w, y),
and a card turned on the sheet is turned the other way on the back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

BLEED = 3 * mm
MARK_LENGTH = 5 * mm
MARK_WIDTH = 0.25  # points: a hairline the print shop can see but won't print over

SHEETS_MM = {"a4": (210.0, 297.0), "sra3": (320.0, 450.0)}


@dataclass(frozen=True)
class Slot:
    """Where one card's trim box sits on the front of the sheet, in points."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Imposition:
    """Cards of ``card_width`` x ``card_height`` points, ``columns`` x ``rows`` per sheet."""

    sheet_width: float
    sheet_height: float
    card_width: float
    card_height: float
    columns: int
    rows: int
    turned: bool
    slots: tuple[Slot, ...]

    @property
    def per_sheet(self) -> int:
        return len(self.slots)

    def back_slot(self, index: int) -> Slot:
        """The slot behind front slot ``index`` after a long-edge flip."""
        front = self.slots[index]
        return Slot(self.sheet_width - front.x - front.width, front.y, front.width, front.height)


def impose(sheet: str, card_width_mm: float, card_height_mm: float) -> Imposition:
    """The layout that fits the most cards on ``sheet``, upright when it's a tie."""
    sheet_width, sheet_height = (side * mm for side in SHEETS_MM[sheet])
    card_width, card_height = card_width_mm * mm, card_height_mm * mm
    upright = _grid(sheet_width, sheet_height, card_width, card_height)
    turned = _grid(sheet_width, sheet_height, card_height, card_width)
    use_turned = turned[0] * turned[1] > upright[0] * upright[1]
    columns, rows = turned if use_turned else upright
    if columns * rows == 0:
        raise ValueError(
            f"A {card_width_mm:g} x {card_height_mm:g} mm card does not fit on {sheet}"
        )
    slot_width, slot_height = (card_height, card_width) if use_turned else (card_width, card_height)
    gutter = 2 * BLEED
    block_width = columns * slot_width + (columns - 1) * gutter
    block_height = rows * slot_height + (rows - 1) * gutter
    left = (sheet_width - block_width) / 2
    top = (sheet_height + block_height) / 2
    slots = tuple(
        Slot(
            left + column * (slot_width + gutter),
            top - slot_height - row * (slot_height + gutter),
            slot_width,
            slot_height,
        )
        for row in range(rows)
        for column in range(columns)
    )
    return Imposition(
        sheet_width, sheet_height, card_width, card_height, columns, rows, use_turned, slots
    )


def _grid(sheet_width: float, sheet_height: float, width: float, height: float) -> tuple[int, int]:
    margin = BLEED + MARK_LENGTH  # from the outermost trim line to the sheet edge
    gutter = 2 * BLEED

    def count(space: float, size: float) -> int:
        return max(0, int((space - 2 * margin + gutter) // (size + gutter)))

    return count(sheet_width, width), count(sheet_height, height)


@contextmanager
def card_space(canvas: Canvas, imposition: Imposition, slot: Slot, back: bool) -> Iterator[None]:
    """Draw in the card's own coordinates: (0, 0) bottom left of the trim, upright.

    The trim box is clipped out with its bleed so nothing strays onto a neighbour.
    """
    canvas.saveState()
    if not imposition.turned:
        canvas.translate(slot.x, slot.y)
    elif back:
        canvas.translate(slot.x, slot.y + slot.height)
        canvas.rotate(-90)
    else:
        canvas.translate(slot.x + slot.width, slot.y)
        canvas.rotate(90)
    clip = canvas.beginPath()
    clip.rect(-BLEED, -BLEED, imposition.card_width + 2 * BLEED, imposition.card_height + 2 * BLEED)
    canvas.clipPath(clip, stroke=0, fill=0)
    yield
    canvas.restoreState()


def draw_crop_marks(canvas: Canvas, imposition: Imposition) -> None:
    """Marks on every trim line, in the margin outside the block of cards."""
    slots = imposition.slots
    xs = sorted({edge for s in slots for edge in (s.x, s.x + s.width)})
    ys = sorted({edge for s in slots for edge in (s.y, s.y + s.height)})
    left, right, bottom, top = xs[0], xs[-1], ys[0], ys[-1]
    canvas.saveState()
    canvas.setStrokeColorCMYK(1, 1, 1, 1)  # registration: shows on every plate
    canvas.setLineWidth(MARK_WIDTH)
    marks = canvas.beginPath()
    for x in xs:
        for start, sign in ((top + BLEED, 1), (bottom - BLEED, -1)):
            marks.moveTo(x, start)
            marks.lineTo(x, start + sign * MARK_LENGTH)
    for y in ys:
        for start, sign in ((right + BLEED, 1), (left - BLEED, -1)):
            marks.moveTo(start, y)
            marks.lineTo(start + sign * MARK_LENGTH, y)
    canvas.drawPath(marks, stroke=1, fill=0)
    canvas.restoreState()
