"""UK vehicle registrations: current (AB12 CDE), prefix (A123 BCD), suffix (ABC 123D) and,
after "reg" or "number plate", dateless ones (ABC 123, 1234 AB).

A shape alone is weak evidence ("the X5 bus", "B12 JAB", "BAY 12A"), so each match is
checked against the letters and age identifiers the DVLA issues, and a letter group that is
an ordinary word, a plate not in capitals, or an older-style plate in a comment written in
capitals needs a word like "car" or "reg" before it.
"""

from __future__ import annotations

import re

from .spans import Found
from .tokens import is_shouting
from .words import word_lists, words

_EDGE_BEFORE = r"(?<![A-Za-z0-9])"
_EDGE_AFTER = r"(?![A-Za-z0-9])"
CURRENT = re.compile(rf"{_EDGE_BEFORE}([A-Za-z]{{2}})( ?)(\d\d) ?([A-Za-z]{{3}}){_EDGE_AFTER}")
PREFIX = re.compile(rf"{_EDGE_BEFORE}([A-Za-z])( ?)([1-9]\d{{0,2}}) ?([A-Za-z]{{3}}){_EDGE_AFTER}")
SUFFIX = re.compile(rf"{_EDGE_BEFORE}([A-Za-z]{{3}}) ?([1-9]\d{{0,2}})([A-Za-z]){_EDGE_AFTER}")
# Only after "reg" or "number plate": on their own these are bus routes and model numbers,
# and "a plate of 2 hot dogs" is dinner.
DATELESS = re.compile(
    r"\b(?:reg(?:istration\s{1,3}(?:no\b\.?|number|mark|plate))?"
    r"|(?:number|private|personal|personalised|reg)\s?plate|plate\s{1,3}(?:no\b\.?|number))"
    r"(?:\s{1,3}(?:no\b\.?|number|plate))?[\s:,.-]{0,3}(?:(?:is|was)[\s:,-]{1,3})?"
    rf"((?:[A-Za-z]{{1,3}} ?[1-9]\d{{0,3}}|[1-9]\d{{0,3}} ?[A-Za-z]{{1,3}}){_EDGE_AFTER})",
    re.IGNORECASE,
)
# "car", "van", "reg" just before: enough to accept a lower-case or word-like plate.
CONTEXT = re.compile(
    r"\b(?:reg(?:istration)?|plate|car|cars|van|vehicle|taxi|motorbike|lorry|scooter)\b"
    r"[^.!?\n]{0,20}$",
    re.IGNORECASE,
)

AREA_FIRST = set("ABCDEFGHKLMNOPRSVWY")  # current format: the region letter
NOT_ISSUED = set("IQ")
UNITS = words("am pm hr hrs min mins day days wk wks yr yrs mg ml kg mm cm km st nd rd th")
AGE_LETTERS = set("ABCDEFGHJKLMNPRSTVWXY")  # prefix and suffix years: no I, O, Q, U, Z


def _current_ok(area: str, age: str, letters: str) -> bool:
    year = int(age)
    return (
        area[0] in AREA_FIRST
        and area[1] not in "IQZ"
        and (2 <= year <= 29 or 51 <= year <= 79)
        and not NOT_ISSUED & set(letters)
    )


def _prefix_ok(age: str, _digits: str, letters: str) -> bool:
    return age in AGE_LETTERS and not NOT_ISSUED & set(letters)


def _suffix_ok(letters: str, _digits: str, age: str) -> bool:
    return age in AGE_LETTERS and not (NOT_ISSUED | {"Z"}) & set(letters)


def _wordy(groups: tuple[str, ...]) -> bool:
    """A letter group that is an ordinary word: "BUS", "JAB", "BAY"."""
    common = word_lists().common_words
    return any(len(g) == 3 and g.lower() in common for g in groups if g.isalpha())


def find_vehicles(text: str) -> list[Found]:
    found: list[Found] = []
    shouting: bool | None = None  # worked out only when a plate-shaped word is found
    for pattern, valid, check_case in (
        (CURRENT, _current_ok, False),
        (PREFIX, _prefix_ok, True),
        (SUFFIX, _suffix_ok, True),
    ):
        for m in pattern.finditer(text):
            plate = m.group()
            groups = tuple(g for g in m.groups() if g.strip())
            if not valid(*(g.upper() for g in groups)):
                continue
            risky = _wordy(groups) or not (plate.isupper() or plate.islower())
            if m.group(2) == " " and not plate.isupper():
                risky = True  # "YT 67 MWB" is written spaced; "at 12 mph" is not a plate
            if check_case and shouting is None:
                shouting = is_shouting(text)
            if check_case and (shouting or not plate.isupper()):
                risky = True  # in a comment in capitals, "X5 BUS" is a bus
            if risky and not CONTEXT.search(text, max(0, m.start() - 40), m.start()):
                continue
            found.append(Found("vehicle", m.start(), m.end(), plate))
    for m in DATELESS.finditer(text):
        if any(g.lower() in UNITS for g in m.group(1).split()):
            continue  # "registration number took 10 days"
        found.append(Found("vehicle", m.start(1), m.end(1), m.group(1)))
    return found
