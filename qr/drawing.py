"""Drawing primitives shared by cards and posters: fonts, colours, text, vector QR."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from qr.codes import QUIET_ZONE, Matrix, dark_runs

# Bitstream Vera ships with reportlab; embedding it (subset) is what print shops
# ask for, where the unembedded standard Helvetica would be substituted.
REGULAR = "HowDidWeDo-Sans"
BOLD = "HowDidWeDo-Sans-Bold"

Cmyk = tuple[float, float, float, float]
BLACK: Cmyk = (0, 0, 0, 1)
WHITE: Cmyk = (0, 0, 0, 0)


@contextmanager
def binary_streams() -> Iterator[None]:
    """Leave page streams as compressed binary rather than ASCII85 text: smaller
    files, and reportlab's pure-Python ASCII85 encoder took a fifth of the time."""
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous


@cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(REGULAR, "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))


def check_glyphs(texts: Iterable[str]) -> None:
    """Refuse text the embedded fonts have no glyph for: it would print as empty boxes."""
    register_fonts()
    faces = [pdfmetrics.getFont(name).face.charToGlyph for name in (REGULAR, BOLD)]
    missing = {
        char
        for text in texts
        for char in text
        if char != "\n" and not all(ord(char) in face for face in faces)
    }
    if missing:
        raise ValueError(
            "The card font has no letters for "
            + " ".join(sorted(missing))
            + ": this text cannot be printed"
        )


def cmyk_to_rgb(colour: Cmyk) -> tuple[float, float, float]:
    """A plain conversion, close enough on uncoated stock to judge contrast."""
    c, m, y, k = colour
    return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)


def contrast_with_white(colour: Cmyk) -> float:
    """WCAG 2 contrast ratio between ``colour`` and white paper."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(channel) for channel in cmyk_to_rgb(colour))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


@dataclass(frozen=True)
class Line:
    text: str
    font: str
    size: float


LEADING = 1.22  # line spacing as a multiple of the type size


def lines_height(lines: Sequence[Line]) -> float:
    return sum(line.size * LEADING for line in lines)


def draw_lines(
    canvas: Canvas, lines: Sequence[Line], x: float, top: float, *, centre: bool = False
) -> float:
    """Draw lines from ``top`` down, left-aligned at or centred on ``x``; returns the
    y below the last line."""
    for line in lines:
        canvas.setFont(line.font, line.size)
        baseline = top - line.size * 0.95  # Vera's ascent
        if centre:
            canvas.drawCentredString(x, baseline, line.text)
        else:
            canvas.drawString(x, baseline, line.text)
        top -= line.size * LEADING
    return top


@lru_cache(maxsize=1024)
def wrap(text: str, font: str, size: float, width: float) -> tuple[Line, ...]:
    """Greedy word wrap; a word wider than the line is broken after a '/' or '-'.

    Cached: most lines are the same on every card of a batch."""
    lines: list[Line] = []
    current = ""
    for piece, spaced in _pieces(text, font, size, width):
        candidate = f"{current} {piece}" if current and spaced else current + piece
        if current and pdfmetrics.stringWidth(candidate, font, size) > width:
            lines.append(Line(current, font, size))
            current = piece
        else:
            current = candidate
    if current:
        lines.append(Line(current, font, size))
    return tuple(lines)


def wrap_address(
    address: str, font: str, size: float, width: float, *, keep_whole: str = ""
) -> tuple[Line, ...]:
    """A web address over as few lines as needed, never broken inside ``keep_whole``,
    the end of the address (a card reference, whose hyphens are part of it)."""
    if pdfmetrics.stringWidth(address, font, size) <= width or not keep_whole:
        return wrap(address, font, size, width)
    if not address.endswith(keep_whole):
        raise ValueError(f"{address} does not end with {keep_whole}")
    head = list(wrap(address[: -len(keep_whole)], font, size, width))
    if head and pdfmetrics.stringWidth(head[-1].text + keep_whole, font, size) <= width:
        head[-1] = Line(head[-1].text + keep_whole, font, size)
    else:
        head.append(Line(keep_whole, font, size))
    return tuple(head)


def _pieces(text: str, font: str, size: float, width: float) -> list[tuple[str, bool]]:
    """(piece, follows a space) for each word or part of an over-long word."""
    pieces: list[tuple[str, bool]] = []
    # Split on plain spaces only, so that a no-break space holds words together.
    for word in filter(None, text.split(" ")):
        spaced = True
        while pdfmetrics.stringWidth(word, font, size) > width:
            fits = next(
                (
                    end
                    for end in range(len(word), 0, -1)
                    if pdfmetrics.stringWidth(word[:end], font, size) <= width
                ),
                1,
            )
            cut = max(word.rfind("/", 0, fits), word.rfind("-", 0, fits))
            if cut <= 0:
                break
            pieces.append((word[: cut + 1], spaced))
            word, spaced = word[cut + 1 :], False
        pieces.append((word, spaced))
    return pieces


def draw_qr(canvas: Canvas, matrix: Matrix, x: float, y: float, side: float) -> None:
    """The symbol as black vector rectangles in a white square of ``side`` points whose
    bottom-left corner is (x, y); the square includes the quiet zone."""
    modules = len(matrix) + 2 * QUIET_ZONE
    module = side / modules
    canvas.saveState()
    canvas.setFillColorCMYK(*WHITE)
    canvas.rect(x, y, side, side, stroke=0, fill=1)
    canvas.setFillColorCMYK(*BLACK)
    # Work in module units, y down from the symbol's top-left corner, so that each
    # run is a rectangle with small whole-number coordinates.
    canvas.translate(x + QUIET_ZONE * module, y + side - QUIET_ZONE * module)
    canvas.scale(module, -module)
    # One filled path of "re" operators, written directly: reportlab's path objects
    # format every number as a float, which made this the slowest part of a batch.
    runs = "\n".join(f"{column} {row} {length} 1 re" for row, column, length in dark_runs(matrix))
    canvas.addLiteral(f"{runs}\nf")
    canvas.restoreState()
