"""Drawing primitives shared by cards and posters: colours and the vector QR code.

Text (fonts, shaping, right to left) is in ``qr.text``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from qr.codes import QUIET_ZONE, Matrix, dark_runs

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
