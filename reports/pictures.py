"""Easy-read pictures: one plain drawing beside each short sentence of the Local Account.

Easy read pairs every idea with a picture a reader can lean on, so the pictures are
few, bold and always mean the same thing: thick dark outlines on white, one idea each,
nothing fine enough to vanish on a phone or a poor print. They are drawn here, on a
48 × 48 grid, rather than taken from an icon set, so there is no licence to track and
nothing to fetch. Each carries role="img", a <title> (the caller's words, such as
"Good") and a <desc> saying what is drawn, through the same shell as the charts.
"""

from __future__ import annotations

from reports.charts import IMPROVEMENT_COLOUR, INK, svg_document

GOOD = "#00703c"  # 6.2:1 on white
BAD = "#d4351c"  # 4.9:1 on white
LINE = f'fill="none" stroke="{INK}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"'
OUTLINE = f'stroke="{INK}" stroke-width="3" stroke-linejoin="round"'

# A fist with the thumb up; thumbs down is the same hand turned over, so the two
# always match.
_HAND = (
    f'<rect x="5" y="22" width="9" height="20" rx="2" fill="{INK}"/>'
    '<path d="M17 22 L24 7 C26 3 31 4 31 9 L29 19 H39 C43 19 44 23 42 26 '
    'C44 28 43 31 41 32 C43 34 42 37 40 38 C41 41 39 43 36 43 H17 Z" '
    f'fill="{{fill}}" {OUTLINE}/>'
    f'<path d="M30 26 H41 M30 32 H40 M30 38 H38" {LINE}/>'
)


def _person(x: int) -> str:
    """Head and shoulders, 16 wide, centred on `x`."""
    return (
        f'<circle cx="{x}" cy="14" r="6" fill="{IMPROVEMENT_COLOUR}" {OUTLINE}/>'
        f'<path d="M{x - 8} 42 V31 C{x - 8} 23 {x + 8} 23 {x + 8} 31 V42 Z" '
        f'fill="{IMPROVEMENT_COLOUR}" {OUTLINE}/>'
    )


# name → (what is drawn, the drawing)
_DRAWINGS: dict[str, tuple[str, str]] = {
    "thumbs_up": ("A hand giving a thumbs up.", _HAND.format(fill=GOOD)),
    "thumbs_down": (
        "A hand giving a thumbs down.",
        f'<g transform="rotate(180 24 24)">{_HAND.format(fill=BAD)}</g>',
    ),
    "people": ("Two people side by side.", _person(14) + _person(34)),
    "letter": (
        "An envelope, for a card sent by post.",
        f'<rect x="4" y="11" width="40" height="27" rx="2" fill="#ffffff" {OUTLINE}/>'
        f'<path d="M5 13 L24 28 L43 13" {LINE}/>',
    ),
    "phone": (
        "A mobile phone showing a form to fill in.",
        f'<rect x="12" y="3" width="24" height="42" rx="4" fill="#ffffff" {OUTLINE}/>'
        f'<path d="M17 12 H31 M17 19 H31 M17 26 H25" {LINE}/>'
        f'<rect x="17" y="31" width="14" height="5" rx="1" fill="{IMPROVEMENT_COLOUR}"/>'
        f'<circle cx="24" cy="41" r="1.8" fill="{INK}"/>',
    ),
    "speech": (
        "A speech bubble, for what people said.",
        f'<path d="M8 6 H40 C43 6 45 8 45 11 V29 C45 32 43 34 40 34 H20 L10 43 V34 H8 '
        f'C5 34 3 32 3 29 V11 C3 8 5 6 8 6 Z" fill="#ffffff" {OUTLINE}/>'
        f'<circle cx="14" cy="20" r="3" fill="{INK}"/><circle cx="24" cy="20" r="3" '
        f'fill="{INK}"/><circle cx="34" cy="20" r="3" fill="{INK}"/>',
    ),
    "shield": (
        "A shield with a person inside it, for keeping people safe.",
        f'<path d="M24 3 L42 9 V22 C42 33 35 40 24 45 C13 40 6 33 6 22 V9 Z" '
        f'fill="#ffffff" {OUTLINE}/>'
        f'<circle cx="24" cy="18" r="5" fill="{IMPROVEMENT_COLOUR}" {OUTLINE}/>'
        f'<path d="M15 36 C15 24 33 24 33 36 Z" fill="{IMPROVEMENT_COLOUR}" {OUTLINE}/>',
    ),
    "check": (
        "A tick in a circle, for things we did.",
        f'<circle cx="24" cy="24" r="20" fill="{GOOD}" {OUTLINE}/>'
        '<path d="M14 25 L21 32 L35 17" fill="none" stroke="#ffffff" stroke-width="5" '
        'stroke-linecap="round" stroke-linejoin="round"/>',
    ),
    "calendar": (
        "A calendar page, for the month.",
        f'<rect x="5" y="8" width="38" height="36" rx="3" fill="#ffffff" {OUTLINE}/>'
        f'<path d="M5 11 C5 9 6 8 8 8 H40 C42 8 43 9 43 11 V18 H5 Z" fill="{BAD}" '
        f"{OUTLINE}/>"
        f'<path d="M15 4 V12 M33 4 V12" {LINE}/>'
        + "".join(
            f'<rect x="{x}" y="{y}" width="6" height="5" fill="{INK}"/>'
            for y in (24, 33)
            for x in (11, 21, 31)
        ),
    ),
    "chart": (
        "A line chart going up, for how things change over time.",
        f'<path d="M6 4 V42 H44" {LINE}/>'
        f'<path d="M11 34 L20 26 L28 30 L39 12" fill="none" stroke="{IMPROVEMENT_COLOUR}" '
        'stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>'
        + "".join(
            f'<circle cx="{x}" cy="{y}" r="3" fill="{INK}"/>'
            for x, y in ((11, 34), (20, 26), (28, 30), (39, 12))
        ),
    ),
}

PICTURES: tuple[str, ...] = tuple(_DRAWINGS)


def drawing(name: str) -> str:
    """The bare drawing of picture `name` on its 48 × 48 grid, for a page that frames it itself.

    The resident's easy read pages put each picture beside its words and hide it
    from screen readers, so they need the drawing without picture_svg's title.
    """
    return _look_up(name)[1]


def picture_svg(name: str, *, label: str, size: int = 96, id_prefix: str | None = None) -> str:
    """The easy-read picture `name` (one of PICTURES), titled with the reader's words.

    `size` is the largest it is drawn, in CSS pixels; it shrinks with a narrow screen.
    Give `id_prefix` when one page shows the same picture twice, so ids stay unique.
    """
    description, body = _look_up(name)
    return svg_document(
        id_prefix=id_prefix or f"picture-{name.replace('_', '-')}",
        title=label,
        description=description,
        width=48,
        height=48,
        body=[f'<rect width="48" height="48" fill="#ffffff"/>{body}'],
        max_width=size,
    )


def _look_up(name: str) -> tuple[str, str]:
    if name not in _DRAWINGS:
        raise ValueError(f"no picture called {name!r}; the pictures are {', '.join(PICTURES)}")
    return _DRAWINGS[name]
