"""Text on cards and posters in every language the form has.

Each character is set in the font for its script, runs of Arabic and Gurmukhi are
shaped with HarfBuzz (through reportlab and ``uharfbuzz``) so that Arabic letters
join and Gurmukhi vowel signs sit where they belong, and a line is put in visual
order by the Unicode bidirectional algorithm (``python-bidi``), so an Urdu
sentence reads from the right with a card reference inside it reading from the left.

The fonts are Noto, under the SIL Open Font License 1.1 (``fonts/OFL.txt``), and
ship with this package, so a print file is the same wherever it is made: Noto Sans
(Latin, Greek, Cyrillic), Noto Naskh Arabic (Arabic and Urdu) and Noto Sans
Gurmukhi (Punjabi). Each is embedded as a subset, as print shops ask.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from bidi import algorithm as bidi
from bidi.mirror import MIRRORED
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, shapeStr
from reportlab.pdfgen.canvas import Canvas

FONTS = Path(__file__).parent / "fonts"
REGULAR = "HowDidWeDo-Sans"
BOLD = "HowDidWeDo-Sans-Bold"

# The font files for each script, regular then bold; "main" is every other letter.
_FILES = {
    "main": ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    "arabic": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "gurmukhi": ("NotoSansGurmukhi-Regular.ttf", "NotoSansGurmukhi-Bold.ttf"),
}
_RANGES = (
    ("arabic", 0x0600, 0x06FF),
    ("arabic", 0x0750, 0x077F),
    ("arabic", 0x08A0, 0x08FF),
    ("arabic", 0xFB50, 0xFDFF),
    ("arabic", 0xFE70, 0xFEFF),
    ("gurmukhi", 0x0A00, 0x0A7F),
)
# Marks that steer the bidirectional algorithm and are not drawn.
_BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c"
    + "".join(map(chr, range(0x202A, 0x202F)))
    + "".join(map(chr, range(0x2066, 0x206A)))
)


@dataclass(frozen=True)
class _Metrics:
    """Multiples of the type size: top of the line to the baseline, and line to line.
    Naskh's marks sit far above and below its letters, so Arabic lines need more room."""

    ascent: float
    leading: float


_METRICS = {
    "main": _Metrics(0.95, 1.22),
    "gurmukhi": _Metrics(1.0, 1.45),
    "arabic": _Metrics(1.15, 1.75),
}


def font_name(style: str, script: str) -> str:
    """The registered font for ``style`` (REGULAR or BOLD) in ``script``."""
    return style if script == "main" else style.replace("Sans", script.capitalize())


@cache
def register_fonts() -> None:
    for script, files in _FILES.items():
        for style, file in zip((REGULAR, BOLD), files, strict=True):
            pdfmetrics.registerFont(TTFont(font_name(style, script), str(FONTS / file)))


@cache
def _glyphs(script: str) -> frozenset[int]:
    register_fonts()
    regular, bold = (pdfmetrics.getFont(font_name(s, script)) for s in (REGULAR, BOLD))
    return frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)


def _script(char: str) -> str | None:
    """The script whose font draws ``char``; None for what takes its neighbours' font
    (spaces, digits, punctuation, joiners)."""
    code = ord(char)
    for script, low, high in _RANGES:
        if low <= code <= high:
            return script
    return "main" if unicodedata.category(char)[0] in "LM" else None


def _invisible(char: str) -> bool:
    return char in _BIDI_CONTROLS or (unicodedata.category(char) == "Cf" and char != "\u00ad")


def _scripts(text: str) -> list[str | None]:
    """A script for each character; None where no font has it."""
    found = [_script(char) for char in text]
    strong = next((script for script in found if script), "main")
    resolved: list[str | None] = []
    for char, script in zip(text, found, strict=True):
        script = script or strong
        strong = script
        if ord(char) not in _glyphs(script) and not _invisible(char):
            script = "main" if ord(char) in _glyphs("main") else None
        resolved.append(script)
    return resolved


def missing_glyphs(texts: Iterable[str]) -> set[str]:
    return {
        char
        for text in texts
        for char, script in zip(text, _scripts(text), strict=True)
        if script is None and char != "\n"
    }


def check_glyphs(texts: Iterable[str]) -> None:
    """Refuse text the embedded fonts have no glyph for: it would print as empty boxes."""
    missing = missing_glyphs(texts)
    if missing:
        raise ValueError(
            "The card font has no letters for "
            + " ".join(sorted(missing))
            + ": this text cannot be printed"
        )


def reads_right_to_left(text: str) -> bool:
    """Whether ``text`` has right-to-left letters. A card's own words follow the card's
    direction; settings with none (an English council name or address) stay left to
    right, so their full stops stay at their ends."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def _levels(text: str, rtl: bool) -> list[int]:
    """The embedding level of each character (odd: right to left), rules W1 to I2 and L1."""
    storage = bidi.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    bidi.get_embedding_levels(text, storage, False, False)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    bidi.explicit_embed_and_overrides(storage, False)
    bidi.resolve_weak_types(storage, False)
    bidi.resolve_neutral_types(storage, False)
    bidi.resolve_implicit_levels(storage, False)
    levels: list[int | None] = [None] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    # Characters the algorithm sets aside (joiners, embedding marks) go with the one before.
    previous = storage["base_level"]
    for index, level in enumerate(levels):
        previous = levels[index] = previous if level is None else level
    # L1: white space at the end of the line takes the paragraph's level.
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        levels[end] = storage["base_level"]
    return levels  # type: ignore[return-value]


@dataclass(frozen=True)
class _Piece:
    font: str
    text: str  # a ShapedStr for shaped runs
    width: float


@lru_cache(maxsize=4096)
def _pieces(text: str, style: str, size: float, rtl: bool) -> tuple[_Piece, ...]:
    """The line as runs of one font and direction, left to right as drawn."""
    register_fonts()
    if not rtl and all(_script(char) in ("main", None) for char in text):
        return (_Piece(style, text, pdfmetrics.stringWidth(text, style, size)),)
    scripts = [script or "main" for script in _scripts(text)]
    levels = _levels(text, rtl)
    runs: list[tuple[str, int, str]] = []
    for char, script, level in zip(text, scripts, levels, strict=True):
        if runs and runs[-1][0] == script and runs[-1][1] == level:
            runs[-1] = (script, level, runs[-1][2] + char)
        else:
            runs.append((script, level, char))
    # L2: reverse every sequence of runs at each level from the highest down to the
    # lowest odd one; within a run, odd (right-to-left) text is reversed by HarfBuzz
    # for Arabic and here for anything else.
    odd = [level for _, level, _ in runs if level % 2]
    if odd:
        for level in range(max(level for _, level, _ in runs), min(odd) - 1, -1):
            start = 0
            while start < len(runs):
                if runs[start][1] < level:
                    start += 1
                    continue
                end = start
                while end < len(runs) and runs[end][1] >= level:
                    end += 1
                runs[start:end] = runs[start:end][::-1]
                start = end
    return tuple(_piece(script, level, run, style, size) for script, level, run in runs)


def _piece(script: str, level: int, run: str, style: str, size: float) -> _Piece:
    font = font_name(style, script)
    run = "".join(char for char in run if char not in _BIDI_CONTROLS)
    shaped_by_harfbuzz = script == "arabic" and any(_script(char) == "arabic" for char in run)
    if level % 2 and not shaped_by_harfbuzz:
        run = "".join(MIRRORED.get(char, char) for char in reversed(run))
    if script == "main":
        return _Piece(font, run, pdfmetrics.stringWidth(run, font, size))
    shaped = shapeStr(run, font, size, force=True)
    return _Piece(font, shaped, _shaped_width(shaped, font, size))


def _shaped_width(text: str, font: str, size: float) -> float:
    if isinstance(text, ShapedStr):
        return sum(glyph.x_advance for glyph in text.__shapeData__) * size / 1000
    return pdfmetrics.stringWidth(text, font, size)


def text_width(text: str, style: str, size: float, rtl: bool = False) -> float:
    return sum(piece.width for piece in _pieces(text, style, size, rtl))


@cache
def _line_metrics(text: str) -> _Metrics:
    scripts = {_script(char) for char in text} & {"arabic", "gurmukhi"}
    chosen = [_METRICS[script] for script in scripts] or [_METRICS["main"]]
    return _Metrics(max(m.ascent for m in chosen), max(m.leading for m in chosen))


@dataclass(frozen=True)
class Line:
    """One line of text in a style (REGULAR or BOLD); ``rtl`` when its paragraph
    reads from the right."""

    text: str
    font: str
    size: float
    rtl: bool = False

    @property
    def height(self) -> float:
        return self.size * _line_metrics(self.text).leading

    @property
    def ascent(self) -> float:
        return self.size * _line_metrics(self.text).ascent

    @property
    def width(self) -> float:
        return text_width(self.text, self.font, self.size, self.rtl)


def lines_height(lines: Iterable[Line]) -> float:
    return sum(line.height for line in lines)


def draw_line(canvas: Canvas, line: Line, x: float, baseline: float, align: str = "left") -> None:
    """Draw ``line`` starting at, centred on (``align="centre"``) or ending at
    (``align="right"``) ``x``."""
    pieces = _pieces(line.text, line.font, line.size, line.rtl)
    if align != "left":
        width = sum(piece.width for piece in pieces)
        x -= width / 2 if align == "centre" else width
    for piece in pieces:
        canvas.setFont(piece.font, line.size)
        canvas.drawString(x, baseline, piece.text)
        x += piece.width


def draw_lines(
    canvas: Canvas, lines: Iterable[Line], x: float, top: float, *, align: str = "left"
) -> float:
    """Draw lines from ``top`` down, aligned on ``x``; returns the y below the last line."""
    for line in lines:
        draw_line(canvas, line, x, top - line.ascent, align)
        top -= line.height
    return top


@lru_cache(maxsize=1024)
def wrap(text: str, font: str, size: float, width: float, rtl: bool = False) -> tuple[Line, ...]:
    """Greedy word wrap; a word wider than the line is broken after a '/' or '-'.

    Cached: most lines are the same on every card of a batch."""
    lines: list[Line] = []
    current = ""
    for piece, spaced in _words(text, font, size, width, rtl):
        candidate = f"{current} {piece}" if current and spaced else current + piece
        if current and text_width(candidate, font, size, rtl) > width:
            lines.append(Line(current, font, size, rtl))
            current = piece
        else:
            current = candidate
    if current:
        lines.append(Line(current, font, size, rtl))
    return tuple(lines)


def wrap_address(
    address: str, font: str, size: float, width: float, *, keep_whole: str = "", rtl: bool = False
) -> tuple[Line, ...]:
    """A web address over as few lines as needed, never broken inside ``keep_whole``,
    the end of the address (a card reference, whose hyphens are part of it)."""
    if text_width(address, font, size, rtl) <= width or not keep_whole:
        return wrap(address, font, size, width, rtl)
    if not address.endswith(keep_whole):
        raise ValueError(f"{address} does not end with {keep_whole}")
    head = list(wrap(address[: -len(keep_whole)], font, size, width, rtl))
    if head and text_width(head[-1].text + keep_whole, font, size, rtl) <= width:
        head[-1] = Line(head[-1].text + keep_whole, font, size, rtl)
    else:
        head.append(Line(keep_whole, font, size, rtl))
    return tuple(head)


def _words(text: str, font: str, size: float, width: float, rtl: bool) -> list[tuple[str, bool]]:
    """(piece, follows a space) for each word or part of an over-long word."""
    pieces: list[tuple[str, bool]] = []
    # Split on plain spaces only, so that a no-break space holds words together.
    for word in filter(None, text.split(" ")):
        spaced = True
        while text_width(word, font, size, rtl) > width:
            fits = next(
                (
                    end
                    for end in range(len(word), 0, -1)
                    if text_width(word[:end], font, size, rtl) <= width
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
