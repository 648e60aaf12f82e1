"""The six faces of the easy read card, one for each FFT answer, drawn as vector paths.

Always printed beside the answer's words, never alone: a face helps someone find
the answer they mean, the words say what it is.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from qr.drawing import BLACK

# How far the middle of the mouth sits below its ends, as a share of the radius:
# a wide smile for "Very good" down to a deep frown for "Very poor".
_MOUTH_BEND = {1: 0.45, 2: 0.22, 3: 0.0, 4: -0.22, 5: -0.45}
DONT_KNOW = 6


def draw_face(canvas: Canvas, answer: int, x: float, y: float, size: float) -> None:
    """The face for FFT answer ``answer`` (1 Very good … 6 Don't know) in a ``size``
    square whose bottom-left corner is (x, y)."""
    r = size / 2
    cx, cy = x + r, y + r
    canvas.saveState()
    canvas.setStrokeColorCMYK(*BLACK)
    canvas.setFillColorCMYK(*BLACK)
    canvas.setLineWidth(size * 0.055)
    canvas.setLineCap(1)
    canvas.circle(cx, cy, r * 0.93, stroke=1, fill=0)
    for side in (-1, 1):
        canvas.circle(cx + side * r * 0.33, cy + r * 0.25, r * 0.1, stroke=0, fill=1)
    mouth = canvas.beginPath()
    if answer == DONT_KNOW:
        # A question mark for a mouth: a hook, a stem and a dot.
        mouth.arc(
            cx - r * 0.2, cy - r * 0.15, cx + r * 0.2, cy + r * 0.15, startAng=-90, extent=270
        )
        mouth.moveTo(cx, cy - r * 0.15)
        mouth.lineTo(cx, cy - r * 0.38)
        canvas.drawPath(mouth, stroke=1, fill=0)
        canvas.circle(cx, cy - r * 0.6, r * 0.07, stroke=0, fill=1)
    else:
        bend = _MOUTH_BEND[answer] * r
        ends = cy - r * 0.38 + bend / 2
        mouth.moveTo(cx - r * 0.45, ends)
        mouth.curveTo(cx - r * 0.2, ends - bend, cx + r * 0.2, ends - bend, cx + r * 0.45, ends)
        canvas.drawPath(mouth, stroke=1, fill=0)
    canvas.restoreState()
