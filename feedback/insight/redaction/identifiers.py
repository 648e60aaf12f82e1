"""Structured identifiers: email, phone, NHS and National Insurance numbers, postcodes,
addresses and dates of birth.

Each is found with a bounded regular expression and then checked (digit counts, the NHS
modulus-11 check digit).
"""

from __future__ import annotations

import re

from .spans import Found

REDACTED_MARK = re.compile(r"\[\s{0,3}names?\s{1,3}(?:redacted|removed)\s{0,3}\]", re.IGNORECASE)

EMAIL = re.compile(
    r"(?<![\w.%+'-])[\w.%+'-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w-])"
)

# A run that starts like a UK number; digits are counted afterwards.
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d[\d ().-]{6,18}")

NHS_NUMBER = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
NHS_CONTEXT = re.compile(r"\bnhs\b[^\d\n]{0,20}$", re.IGNORECASE)

NI_NUMBER = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![A-Za-z0-9])")

POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?) ?(\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})"
    r"(?![A-Za-z0-9])"
)
ORDINAL_SUFFIX = re.compile(r"\d(?:st|nd|rd|th)$", re.IGNORECASE)

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    rf"|{_DAY}\s{{1,3}}(?:of\s{{1,3}})?{MONTH},?(?:\s{{1,3}}(?:\d{{4}}|'?\d{{2}}))?"
    rf"|{MONTH}\s{{1,3}}{_DAY},?(?:\s{{1,3}}\d{{4}})?)"
)
DOB_INTRODUCED = re.compile(
    r"\b(?:d\.?\s?o\.?\s?b\b\.?|date\s{1,3}of\s{1,3}birth|born(?:\s{1,3}on)?|birthday)"
    rf"(?:\s{{0,3}}(?:is|was|-|:|,)){{0,2}}\s{{0,3}}({DATE})(?![\w/])",
    re.IGNORECASE,
)
FULL_DATE = re.compile(rf"(?<![\w/.]){DATE}(?![\w/])", re.IGNORECASE)
YEAR = re.compile(r"(\d{2}|\d{4})$")


STREET_SUFFIXES = (
    "Road|Rd|Street|St|Avenue|Ave|Close|Lane|Ln|Drive|Dr|Way|Crescent|Cres|Grove|Court|Ct"
    "|Place|Pl|Terrace|Gardens|Gdns|View|Walk|Rise|Hill|Park|Mews|Square|Row|Green|Vale"
    "|Parade|Gate|Croft|Fold|Bank|Meadows|Mount|Garth|Wynd|Chase|Boulevard|Approach|Villas"
)
BUILDING_SUFFIXES = "Court|House|Lodge|Mews|Gardens|Tower|Heights|Place|Hall|Buildings|Flats"
_CAP = r"[A-Z][A-Za-z'’-]{0,30}\.?"
_HOUSE = (
    r"(?:(?i:no)\.?\s{0,3})?\d{1,4}[A-Za-z]?,?\s{1,3}"
    rf"(?:The\s{{1,3}}(?:{_CAP}\s{{1,3}}){{0,2}}|(?:{_CAP}\s{{1,3}}){{1,3}})(?:{STREET_SUFFIXES})\b\.?"
)
_HOUSE_LOWER = (
    r"\d{1,4}[a-z]?,?\s{1,3}(?:(?!(?:the|a|an|to|of|on|in|up|down|for|from|and|miles|hours|"
    r"minutes|days|weeks|months|times|yards|metres)\b)[a-z'’]{2,30}\s{1,3}){1,3}"
    r"(?:road|street|avenue|crescent|terrace|gardens|grove)\b"
)
_FLAT = (
    r"(?i:flat|apartment|apt)\.?\s{0,3}\d{1,4}[A-Za-z]?\b"
    rf"(?:,?\s{{1,3}}(?:{_HOUSE}|(?:{_CAP}\s{{1,3}}){{1,3}}(?:{BUILDING_SUFFIXES})\b))?"
)
ADDRESS = re.compile(rf"(?<![\w£$.,/])(?:{_FLAT}|{_HOUSE}|{_HOUSE_LOWER})")


def nhs_check_digit_ok(digits: str) -> bool:
    """The NHS number modulus-11 check on a 10-digit string."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = (11 - total % 11) % 11
    return check != 10 and check == int(digits[9])


def _uk_national_digits(run: str) -> str:
    digits = re.sub(r"\D", "", run)
    bare = run.lstrip("(")
    if bare.startswith("+"):
        digits = digits[2:]
    elif bare.startswith("0044"):
        digits = digits[4:]
    else:
        return digits
    return digits if digits.startswith("0") else "0" + digits


def _phone_length(run: str) -> int:
    """Length of the longest prefix of `run` that is a whole UK number, or 0."""
    best = 0
    for m in re.finditer(r"\d(?!\d)", run):
        digits = _uk_national_digits(run[: m.end()])
        if len(digits) > 11:
            break
        if len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "1235789":
            best = m.end()
    return best


def _looks_like_birth_date(date: str) -> bool:
    year = re.search(r"(\d{2}|\d{4})$", date.strip())
    if not year:
        return False
    value = int(year.group(1))
    if len(year.group(1)) == 4:
        return 1900 <= value <= 2005
    # Two-digit years: "12/03/24" is a service date, "12/03/46" a birth.
    return value >= 30 and re.search(r"[/.-]", date) is not None


def find_structured(text: str) -> list[Found]:
    found: list[Found] = []

    def add(kind: str, start: int, end: int) -> None:
        found.append(Found(kind, start, end, text[start:end]))

    for m in REDACTED_MARK.finditer(text):
        add("name", m.start(), m.end())
    for m in EMAIL.finditer(text):
        add("email", m.start(), m.end())
    for m in PHONE.finditer(text):
        length = _phone_length(m.group())
        if length:
            add("phone", m.start(), m.start() + length)
    for m in NHS_NUMBER.finditer(text):
        digits = "".join(m.groups())
        before = text[max(0, m.start() - 30) : m.start()]
        if digits[0] != "0" and (nhs_check_digit_ok(digits) or NHS_CONTEXT.search(before)):
            add("nhs number", m.start(), m.end())
    for m in NI_NUMBER.finditer(text):
        add("ni number", m.start(), m.end())
    for m in POSTCODE.finditer(text):
        if not ORDINAL_SUFFIX.search(m.group(2)):
            add("postcode", m.start(), m.end())
    for m in DOB_INTRODUCED.finditer(text):
        add("date of birth", m.start(1), m.end(1))
    for m in FULL_DATE.finditer(text):
        if _looks_like_birth_date(m.group()):
            add("date of birth", m.start(), m.end())
    for m in ADDRESS.finditer(text):
        span = m.group().rstrip(",. ")
        add("address", m.start(), m.start() + len(span))
    return found
