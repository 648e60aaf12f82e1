"""Server-side SVG charts for the monthly board digest and the annual Local Account.

Pure: a chart is a string built from `reports.spc`'s figures or a table's display
cells, so the web page, the PDF and the tests all get the same picture and no
browser or script is needed to draw it.

Every SVG here is made for people who cannot see it well, or at all:

- role="img" with a <title> and <desc> named by aria-labelledby; the ids come from the
  caller's `id_prefix`, so two charts on one page never share an id;
- it scales: a viewBox, width="100%" and a max-width, never a fixed pixel width that
  would overflow a 320px phone or stop the chart growing at 200% zoom;
- meaning is never in colour or length alone: special-cause months have their own
  shapes, and every bar, limit and average has its number written beside it;
- text is Arial at 12 or more user units at the default width;
- nothing is fetched or run: no scripts, links, images or event handlers.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from reports.spc import RECOMMENDED_POINTS, Direction, SpcChart

FONT = "arial, sans-serif"
FONT_SIZE = 14
SMALL_FONT_SIZE = 12
# Arial's average glyph is about 0.6 of the font size wide: enough to lay out labels
# without measuring text, with room to spare for wide letters.
CHAR_WIDTH = 0.6
INK = "#0b0c0c"
GREY = "#505a5f"  # 7:1 on white
GRID = "#b1b4b6"  # gridlines carry no meaning of their own, so they may be faint
# Making Data Count's blue and orange. MDC's own orange (#ed8b00) is 2.5:1 on white,
# below the 3:1 WCAG asks of graphics, so ours is darker (4.5:1); the blue is 5.2:1.
IMPROVEMENT_COLOUR = "#1d70b8"
CONCERN_COLOUR = "#c45500"
BAR_COLOUR = "#1d70b8"

_LEGEND = (
    (None, "Usual ups and downs"),
    (Direction.IMPROVEMENT, "Improvement"),
    (Direction.CONCERN, "Concern"),
)
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Characters XML 1.0 forbids even when escaped; a stray one in a team name would
# otherwise make the whole digest unparseable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def svg_document(
    *,
    id_prefix: str,
    title: str,
    description: str,
    width: float,
    height: float,
    body: Iterable[str],
    max_width: float | None = None,
) -> str:
    """The accessible shell every chart and picture shares: role, title, desc, viewBox."""
    if not _ID.fullmatch(id_prefix):
        # aria-labelledby is a space-separated list of ids: a space would break it.
        raise ValueError("id_prefix must be a letter then letters, digits, - or _")
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="100%" style="max-width: {_n(max_width or width)}px; height: auto" '
        f'font-family="{FONT}">'
        f'<title id="{title_id}">{_escape(title)}</title>'
        f'<desc id="{desc_id}">{_escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def spc_chart_svg(
    chart: SpcChart,
    labels: Sequence[str],
    *,
    title: str,
    description: str,
    percent: bool = True,
    width: int = 640,
    height: int = 320,
    id_prefix: str = "spc",
) -> str:
    """A Making Data Count XmR chart: the months, their average and process limits.

    A board reads it as MDC teaches: points inside the dashed limits are the usual ups
    and downs; a square (improvement) or a downward triangle (concern) is a month the
    rules in `reports.spc` flag as special cause. `labels` names each month, oldest
    first. Values are proportions shown as whole percentages unless `percent=False`.
    """
    if len(labels) != len(chart.points):
        raise ValueError(f"{len(chart.points)} months need {len(chart.points)} labels")
    if not chart.points:
        return _no_data(id_prefix=id_prefix, title=title, description=description, width=width)

    values = [point.value for point in chart.points]
    lines = _reference_lines(chart)
    low, high, ticks = _value_axis(values + [value for _, value, _ in lines], percent)
    line_labels = [f"{name} {_format(value, percent)}" for name, value, _ in lines]
    note = _limits_note(chart)

    left = 12 + _text_width(max((_format(t, percent) for t in ticks), key=len), SMALL_FONT_SIZE)
    right = width - 12 - _text_width(max(line_labels, key=len, default=""), SMALL_FONT_SIZE)
    top, bottom = 40, height - (58 if note else 40)

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    inset = 12
    step = (right - left - 2 * inset) / (len(values) - 1) if len(values) > 1 else 0
    xs = [left + inset + i * step for i in range(len(values))] if step else [(left + right) / 2]

    body = [_legend()]
    for tick in ticks:
        y = y_of(tick)
        body.append(_line(left, y, right, y, stroke=GRID, width=1))
        body.append(_text(left - 6, y + 4, _format(tick, percent), anchor="end"))
    for y, label, (_, value, dashed) in zip(
        _spread([y_of(value) for _, value, _ in lines], 14, bottom),
        line_labels,
        lines,
        strict=True,
    ):
        body.append(_line(left, y_of(value), right, y_of(value), dashed=dashed))
        body.append(_text(right + 6, y + 4, label))

    points = " ".join(f"{_n(x)},{_n(y_of(v))}" for x, v in zip(xs, values, strict=True))
    body.append(f'<polyline points="{points}" fill="none" stroke="{GREY}" stroke-width="2"/>')
    for x, point, label in zip(xs, chart.points, labels, strict=True):
        words = f"{label}: {_format(point.value, percent)}"
        if point.direction is not None:
            words += f", {point.direction}"
        marker = _marker(x, y_of(point.value), point.direction)
        body.append(f'<g class="month"><title>{_escape(words)}</title>{marker}</g>')
    body.extend(_month_labels(xs, labels, step, bottom))
    if note:
        body.append(_text(left, height - 8, note))
    return svg_document(
        id_prefix=id_prefix,
        title=title,
        description=description,
        width=width,
        height=height,
        body=body,
    )


def bar_chart_svg(
    rows: Sequence[tuple[str, int | None, str]],
    *,
    title: str,
    description: str,
    id_prefix: str,
    width: int = 640,
) -> str:
    """Horizontal bars, one per (label, value, display) row, each with its number beside it.

    A suppressed row (value None, display "*") draws no bar, so its length cannot give
    away the number `reports.suppression` hid. Labels sit above their bars, wrapped,
    so a long team name is never cut short; the chart grows taller instead.
    """
    if not rows:
        return _no_data(id_prefix=id_prefix, title=title, description=description, width=width)
    if any(value is not None and value < 0 for _, value, _ in rows):
        raise ValueError("a bar cannot be negative")

    pad = 12
    most = max((value for _, value, _ in rows if value is not None), default=0)
    widest_value = max((display for _, _, display in rows), key=len)
    bar_room = width - 2 * pad - _text_width(widest_value, FONT_SIZE) - 8
    chars_per_line = max(10, int((width - 2 * pad) / (CHAR_WIDTH * FONT_SIZE)))

    body = []
    y = pad
    for label, value, display in rows:
        label_lines = textwrap.wrap(label, chars_per_line) or [""]
        parts = [
            _text(pad, y + 14 + i * 18, line, size=FONT_SIZE) for i, line in enumerate(label_lines)
        ]
        bar_top = y + 6 + 18 * len(label_lines)
        length = value / most * bar_room if value and most else 0
        if length:
            parts.append(
                f'<rect class="bar" x="{pad}" y="{_n(bar_top)}" width="{_n(max(length, 2))}" '
                f'height="22" fill="{BAR_COLOUR}"/>'
            )
        value_x = pad + (max(length, 2) + 8 if length else 0)
        parts.append(_text(value_x, bar_top + 16, display, size=FONT_SIZE, bold=True))
        body.append(f'<g class="row">{"".join(parts)}</g>')
        y = bar_top + 22 + 14
    return svg_document(
        id_prefix=id_prefix,
        title=title,
        description=description,
        width=width,
        height=y + pad - 14,
        body=body,
    )


def _no_data(*, id_prefix: str, title: str, description: str, width: int) -> str:
    """Say so, in words, rather than draw empty axes that look like a chart of zeros."""
    height = 96
    return svg_document(
        id_prefix=id_prefix,
        title=title,
        description=description,
        width=width,
        height=height,
        body=[
            f'<rect x="1" y="1" width="{width - 2}" height="{height - 2}" fill="#ffffff" '
            f'stroke="{GREY}" stroke-width="2"/>',
            _text(width / 2, height / 2 + 6, "No data", size=18, anchor="middle", bold=True),
        ],
    )


def _reference_lines(chart: SpcChart) -> list[tuple[str, float, bool]]:
    """(label, value, dashed) for the average and, when there are any, the limits."""
    lines = []
    if chart.upper_limit is not None:
        lines.append(("Upper limit", chart.upper_limit, True))
    if chart.mean is not None:
        lines.append(("Average", chart.mean, False))
    if chart.lower_limit is not None:
        lines.append(("Lower limit", chart.lower_limit, True))
    return lines


def _limits_note(chart: SpcChart) -> str | None:
    if chart.upper_limit is None:
        return "Too few months to draw process limits."
    if chart.limits_provisional:
        return (
            f"Limits are provisional: {len(chart.points)} months so far, "
            f"{RECOMMENDED_POINTS} or more recommended."
        )
    return None


def _value_axis(values: list[float], percent: bool) -> tuple[float, float, list[float]]:
    """A y range on round numbers that holds every value, and its ticks."""
    low, high = min(values), max(values)
    if high - low < 1e-9:
        spread = 0.05 if percent else max(abs(high) * 0.1, 1.0)
        low, high = low - spread, high + spread
    raw = (high - low) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if percent:
        # Ticks are labelled in whole percent: finer steps would repeat a label.
        step = max(step, 0.01)
    low = math.floor(low / step + 1e-9) * step
    high = math.ceil(high / step - 1e-9) * step
    if percent:
        low, high = max(0.0, low), min(1.0, high)
    ticks = [low + i * step for i in range(round((high - low) / step) + 1)]
    return low, high, ticks


def _format(value: float, percent: bool) -> str:
    if percent:
        # Half up, as `reports.fft.whole_percent` shows a result; the nudge absorbs
        # float error such as 0.145 × 100 = 14.499….
        return f"{math.floor(value * 100 + 0.5 + 1e-9)}%"
    return f"{value:,.1f}".removesuffix(".0")


def _spread(ys: list[float], gap: float, bottom: float) -> list[float]:
    """Move label positions (already in order, top first) apart so no two overlap."""
    placed = list(ys)
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    if placed and placed[-1] > bottom:
        placed[-1] = bottom
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    return placed


def _legend() -> str:
    """What each marker shape means, so the chart never relies on its colours."""
    parts, x = [], 20.0
    for direction, words in _LEGEND:
        parts.append(_marker(x, 16, direction))
        parts.append(_text(x + 12, 20, words))
        x += 12 + _text_width(words, SMALL_FONT_SIZE) + 24
    return f'<g class="legend">{"".join(parts)}</g>'


def _marker(x: float, y: float, direction: Direction | None) -> str:
    """A month's point: circle for common cause, square or downward triangle for special."""
    if direction is Direction.IMPROVEMENT:
        return (
            f'<rect class="marker improvement" x="{_n(x - 6)}" y="{_n(y - 6)}" width="12" '
            f'height="12" fill="{IMPROVEMENT_COLOUR}" stroke="{INK}" stroke-width="1"/>'
        )
    if direction is Direction.CONCERN:
        return (
            f'<path class="marker concern" d="M{_n(x - 7)},{_n(y - 5)} H{_n(x + 7)} '
            f'L{_n(x)},{_n(y + 7)} Z" fill="{CONCERN_COLOUR}" stroke="{INK}" stroke-width="1"/>'
        )
    return f'<circle class="marker common" cx="{_n(x)}" cy="{_n(y)}" r="4" fill="{GREY}"/>'


def _month_labels(xs: list[float], labels: Sequence[str], step: float, bottom: float) -> list[str]:
    """Month names under the axis, on two lines ("Nov" over "2025"), thinned to fit.

    The latest month is always named and the rest counted back from it, so the month a
    board is reading about is never the one left out.
    """
    lines = [label.rsplit(" ", 1) for label in labels]
    widest = max(_text_width(line, SMALL_FONT_SIZE) for parts in lines for line in parts)
    every = max(1, math.ceil((widest + 6) / step)) if step else 1
    out = []
    last = len(labels) - 1
    for i, (x, parts) in enumerate(zip(xs, lines, strict=True)):
        if (last - i) % every:
            continue
        spans = "".join(
            f'<tspan x="{_n(x)}" dy="{0 if j == 0 else 14}">{_escape(part)}</tspan>'
            for j, part in enumerate(parts)
        )
        out.append(
            f'<text x="{_n(x)}" y="{_n(bottom + 16)}" font-size="{SMALL_FONT_SIZE}" '
            f'text-anchor="middle" fill="{INK}">{spans}</text>'
        )
    return out


def _text(
    x: float,
    y: float,
    words: str,
    *,
    size: int = SMALL_FONT_SIZE,
    anchor: str = "start",
    bold: bool = False,
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{INK}"{weight}>{_escape(words)}</text>'
    )


def _line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    *,
    stroke: str = INK,
    width: float = 2,
    dashed: bool = False,
) -> str:
    dash = ' stroke-dasharray="8 5"' if dashed else ""
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}" '
        f'stroke-width="{_n(width)}"{dash}/>'
    )


def _text_width(words: str, size: int) -> float:
    return len(words) * CHAR_WIDTH * size


def _escape(words: str) -> str:
    return escape(_NOT_XML.sub("", words))


def _n(number: float) -> str:
    """A coordinate, short: 12, 12.5, 12.25."""
    return f"{number:.2f}".rstrip("0").rstrip(".")
