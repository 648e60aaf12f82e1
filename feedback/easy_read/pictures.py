"""The easy read journey's pictures: a face for each Friends and Family Test answer, and a few more.

Drawn the way `reports.pictures` draws the digest's pictures (a 48 × 48 grid, thick
dark outlines, one idea each, nothing fetched) and reusing its drawings where the
idea is the same. The faces differ in their mouths and brows, not only in colour.

Every picture here sits beside its words, so it is hidden from screen readers
(aria-hidden): the words are read once, never a picture's name as well. Pure: no
Flask, no database.
"""

from __future__ import annotations

from reports.charts import IMPROVEMENT_COLOUR, INK
from reports.pictures import drawing

_LINE = (
    f'fill="none" stroke="{INK}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"'
)
_EYES = (
    f'<circle cx="17" cy="19" r="2.6" fill="{INK}"/><circle cx="31" cy="19" r="2.6" fill="{INK}"/>'
)

# FFT code → (face colour, mouth and brows). Light fills keep the dark features clear.
_FACES: dict[int, tuple[str, str]] = {
    # Very good: a wide open smile.
    1: (
        "#a8d5b8",
        f'<path d="M13 27 C15 39 33 39 35 27 Z" fill="{INK}" stroke="{INK}" stroke-width="3" '
        'stroke-linejoin="round"/>',
    ),
    # Good: a smile.
    2: ("#d2ecd9", f'<path d="M15 29 C19 35 29 35 33 29" {_LINE}/>'),
    # Neither good nor poor: a straight mouth.
    3: ("#f3f2f1", f'<path d="M16 31 H32" {_LINE}/>'),
    # Poor: a frown.
    4: ("#f9d9c9", f'<path d="M15 35 C19 29 29 29 33 35" {_LINE}/>'),
    # Very poor: a deep frown and sad brows.
    5: (
        "#f4b6a8",
        f'<path d="M14 37 C17 27 31 27 34 37" {_LINE}/>'
        f'<path d="M12 15 L20 12 M36 15 L28 12" {_LINE}/>',
    ),
    # Don't know: a wavy mouth and raised brows.
    6: (
        "#d9e6f5",
        f'<path d="M15 32 C18 28 21 36 24 32 C27 28 30 36 33 32" {_LINE}/>'
        f'<path d="M13 13 Q17 9 21 13 M27 13 Q31 9 35 13" {_LINE}/>',
    ),
}

# The one person on their own, beside "No, nobody helped me".
_ONE_PERSON = (
    f'<circle cx="24" cy="14" r="7" fill="{IMPROVEMENT_COLOUR}" stroke="{INK}" stroke-width="3"/>'
    f'<path d="M14 44 V32 C14 23 34 23 34 32 V44 Z" fill="{IMPROVEMENT_COLOUR}" '
    f'stroke="{INK}" stroke-width="3" stroke-linejoin="round"/>'
)

# Pictures shared with the digest's easy read: the same idea has the same picture.
_SHARED = ("people", "speech", "shield", "check", "chart", "letter")
FACE_CODES: tuple[int, ...] = tuple(_FACES)
PICTURES: tuple[str, ...] = ("one_person", *_SHARED)


def face_svg(code: int) -> str:
    """The face for FFT answer `code` (1 Very good … 6 Don't know), hidden from screen readers."""
    if code not in _FACES:
        raise ValueError(f"no face for answer {code!r}; the answers are 1 to 6")
    colour, features = _FACES[code]
    return _decorative(
        f'<circle cx="24" cy="24" r="21" fill="{colour}" stroke="{INK}" stroke-width="3"/>'
        + _EYES
        + features
    )


def picture_svg(name: str) -> str:
    """A picture beside a sentence (one of PICTURES), hidden from screen readers."""
    if name == "one_person":
        return _decorative(_ONE_PERSON)
    if name not in _SHARED:
        raise ValueError(f"no picture called {name!r}; the pictures are {', '.join(PICTURES)}")
    return _decorative(drawing(name))


def _decorative(body: str) -> str:
    # Sized by the stylesheet (.easy-read-picture): an inline style would break the CSP.
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" class="easy-read-picture" viewBox="0 0 48 48" '
        f'aria-hidden="true" focusable="false">{body}</svg>'
    )
