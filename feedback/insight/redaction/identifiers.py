"""Structured identifiers: email, phone, NHS and National Insurance numbers, postcodes,
addresses, dates of birth and vehicle registrations.

Each is found with a bounded regular expression and then checked (digit counts, the NHS
modulus-11 check digit, a real postcode area, a top-level domain). Every pattern is compiled
once, at import.
"""

from __future__ import annotations

import re
from functools import cache

from .spans import Found
from .vehicles import find_vehicles
from .words import word_lists, words

EMAIL = re.compile(
    r"(?<![\w.%+'-])[\w.%+'-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![\w-])"
)

# Written out to dodge spam filters: "john dot smith at gmail dot com", "jo(at)btinternet.com".
_DOT = r"(?:\s{0,2}\.\s{0,2}|\s{1,2}dot\s{1,2}|\s{0,2}[(\[]\s?dot\s?[)\]]\s{0,2})"
_AT = r"(?:\s{0,2}@\s{0,2}|\s{1,2}at\s{1,2}|\s{0,2}[(\[]\s?at\s?[)\]]\s{0,2})"
# "peter underscore m 1952 at ...": a number said after a space is part of the name too.
_LOCAL_SEP = r"(?:\s{0,2}[._]\s{0,2}|\s{1,2}(?:dot|underscore|dash|hyphen)\s{1,2}|\s(?=\d))"
SPELLED_EMAIL = re.compile(
    rf"(?<![\w.@'-])([A-Za-z0-9+-]{{1,40}}(?:{_LOCAL_SEP}[A-Za-z0-9+-]{{1,40}}){{0,3}})"
    rf"({_AT})([A-Za-z0-9-]{{1,40}}(?:{_DOT}[A-Za-z0-9-]{{1,40}}){{1,4}})",
    re.IGNORECASE,
)
DOT_SEPARATOR = re.compile(_DOT, re.IGNORECASE)
SPELLED_HINT = re.compile(r"\bdot\b|[(\[]\s?at\s?[)\]]|\s@|@\s|\sat\s", re.IGNORECASE)
TOP_LEVEL_DOMAINS = words(
    """
    com org net uk co gov nhs ac edu info biz me io eu ie de fr es it nl pl pk in us ca au nz
    email online
    """
)
MAIL_PROVIDERS = words(
    """
    gmail googlemail hotmail yahoo outlook live msn aol btinternet btopenworld sky virgin
    virginmedia talktalk icloud me mac protonmail proton ntlworld blueyonder tiscali
    """
)

# A run that starts like a UK number; digits are counted afterwards.
# A number may be split over two lines of a keyed-in card: "07700\n900123".
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0 ?)\d[\d ().\n-]{6,20}")
# An extension goes with its number: "0113 496 0123 ext 204".
EXTENSION = re.compile(r"\s{0,3}(?:ext\.?|extn\.?|extension|x)\s{0,3}\d{2,5}\b", re.IGNORECASE)

# Printed 3-3-4; sometimes written 4-3-3 ("4862 057 985").
NHS_NUMBER = re.compile(r"(?<![\d-])(?:\d{3}[ -]?\d{3}[ -]?\d{4}|\d{4}[ -]\d{3}[ -]\d{3})(?![\d-])")
NHS_CONTEXT = re.compile(r"\bnhs\b[^\d\n]{0,20}$", re.IGNORECASE)

NI_NUMBER = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d](?![A-Za-z0-9])")

POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?) ?(\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})"
    r"(?![A-Za-z0-9])"
)
POSTCODE_AREAS = (
    "AB|AL|B|BA|BB|BD|BF|BH|BL|BN|BR|BS|BT|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN"
    "|DT|DY|E|EC|EH|EN|EX|FK|FY|G|GL|GU|GY|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY"
    "|L|LA|LD|LE|LL|LN|LS|LU|M|ME|MK|ML|N|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM"
    "|S|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|UB|W|WA|WC|WD|WF|WN"
    "|WR|WS|WV|YO|ZE"
)
# Odd spacing, only with a real postcode area: "S60  2TB", "S 60 2TB", "s60 2 tb", "S60-2TB".
POSTCODE_LOOSE = re.compile(
    rf"(?<![A-Za-z0-9])(?i:({POSTCODE_AREAS}))( ?)(\d[A-Za-z\d]?)(?:\s{{0,3}}|\s?-\s?)"
    r"(\d)( ?)([ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2})(?![A-Za-z0-9])"
)
POSTCODE_WORD = re.compile(r"\b(?:post\s?code|address)\b\W{0,3}(?:is\W{1,3})?$", re.IGNORECASE)
ORDINAL_SUFFIX = re.compile(r"\d(?:st|nd|rd|th)$", re.IGNORECASE)

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"  # 1938-03-12
    rf"|{_DAY}-{MONTH}-(?:\d{{4}}|\d{{2}})"  # 12-Mar-1938
    rf"|{_DAY}\s{{1,3}}(?:of\s{{1,3}})?{MONTH},?(?:\s{{1,3}}(?:\d{{4}}|'?\d{{2}}))?"
    rf"|{MONTH}\s{{1,3}}{_DAY},?(?:\s{{1,3}}\d{{4}})?)"
)
_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORDINAL_DAY = (
    rf"(?:{_UNITS}|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth"
    rf"|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ]?(?:{_UNITS})|thirtieth"
    r"|thirty[- ]?first)"
)
# After a word that says so, also "12031938", a month and year ("born March 1938") and a
# day in words with its year ("born on the twelfth of May 1930").
_DOB_ONLY = (
    rf"(?:[0-3]\d[01]\d(?:19|20)\d{{2}}|{MONTH}\s{{1,3}}(?:19|20)\d{{2}}"
    rf"|(?:the\s{{1,3}})?{_ORDINAL_DAY}\s{{1,3}}(?:of\s{{1,3}})?{MONTH},?\s{{1,3}}(?:19|20)?\d{{2}})"
)
DOB_INTRODUCED = re.compile(
    r"\b(?:d\.?\s?o\.?\s?b\b\.?|date\s{1,3}of\s{1,3}birth|born(?:\s{1,3}on)?|birthday"
    r"|born\s{1,3}in(?=\s{1,3}[a-z]{3,9}\.?\s{1,3}(?:19|20)\d\d\b))"
    # "born on the 9th of November 1932": the "the" goes with the date.
    r"(?:\s{0,3}(?:is|was|-|:|,)){0,2}\s{0,3}"
    rf"((?:the\s{{1,3}}(?=\d))?(?:{DATE}|{_DOB_ONLY}))(?![\w/])",
    re.IGNORECASE,
)
# A year of birth on its own: "Dad was born in 1934"; not "born in the 1930s".
BORN_IN_YEAR = re.compile(r"\bborn\s{1,3}in\s{1,3}((?:19|20)\d{2})(?![\w'’])", re.IGNORECASE)
FULL_DATE = re.compile(rf"(?<![\w/.]){DATE}(?![\w/])", re.IGNORECASE)
YEAR = re.compile(r"(\d{2}|\d{4})$")

# A case, client, account or other record number, only after a word that says so: "case
# number 4417823", "Mosaic ID 1204477", "ref BB/2026/08812", "alarm number is TC-30918". A
# record number finds the person's file as surely as a name does.
REFERENCE = re.compile(
    r"\b(?:ref(?:erence)?|case|client|customer|account|acct|a/c|mosaic|complaint|application"
    r"|claim|job|order|invoice|enquiry|referral|request|repair"
    r"|badge|alarm|pendant|telecare|careline|tenancy|tenant|council\s{1,3}tax|person|patient"
    r"|hospital|crime|incident|log|ticket|record|file|membership|card|carer|user|id)"
    r"(?:\s{1,3}(?:ref(?:erence)?|number|num|no|id|code)(?:\b\.?|(?=\d))){0,2}"
    # "reference number on your letter is 00938471"
    r"(?:\s{1,3}(?:on|in|from)\s{1,3}(?:your|the|my|our)\s{1,3}"
    r"(?:letter|email|e-mail|form|invoice|bill|card|statement)\b)?"
    r"\s{0,3}(?:(?:is|was|:|-|#|\()\s{0,3}){0,2}"  # "blue badge (BB 55120934)"
    r"((?:(?-i:[A-Z]{1,5})\s?[/-]?\s?|[A-Za-z]{1,5}[/-])?\d[A-Za-z\d]*(?:[/-]\s?[A-Za-z\d]+|\s\d+){0,3})"
    r"(?![\w/-])",
    re.IGNORECASE,
)
# A bare year or a count is no record number: "complaint 2024", "case 12".
MIN_REFERENCE_DIGITS = 5
DATE_SEPARATOR = re.compile(r"[/.-]")
NON_DIGIT = re.compile(r"\D")
DIGIT = re.compile(r"\d")
LAST_DIGIT = re.compile(r"\d(?!\d)")


_SUFFIXES = (
    "Road|Rd|Street|St|Avenue|Ave|Close|Lane|Ln|Drive|Dr|Way|Crescent|Cres|Grove|Court|Ct"
    "|Place|Pl|Terrace|Gardens|Gdns|View|Walk|Rise|Hill|Park|Mews|Square|Row|Green|Vale"
    "|Parade|Gate|Croft|Fold|Bank|Meadows|Mount|Garth|Wynd|Chase|Boulevard|Approach|Villas"
    "|Wharf|Quay|Yard|End|Brow|Nook|Causeway|Cl|Tce|Sq|Pde|Gr|Grn|Cottages"
)
# In capitals too: "22 WELLINGTON CRESCENT".
STREET_SUFFIXES = f"{_SUFFIXES}|{_SUFFIXES.upper()}"
BUILDING_SUFFIXES = "Court|House|Lodge|Mews|Gardens|Tower|Heights|Place|Hall|Buildings|Flats|Estate"
_CAP = r"[A-Z][A-Za-z'’-]{0,30}\.?"
_HOUSE = (
    r"(?:(?i:no\.?|number)\s{0,3})?\d{1,4}(?:/\d{1,3})?[A-Za-z]?,?\s{1,3}"  # "3/2 Main Street"
    rf"(?:The\s{{1,3}}(?:{_CAP}\s{{1,3}}){{0,2}}|(?:{_CAP}\s{{1,3}}){{1,3}})(?:{STREET_SUFFIXES})\b\.?"
)
_LOWER_STREETS = (
    "road|street|avenue|crescent|terrace|gardens|grove|lane|close|drive|walk|mews|row|rise"
    "|court|place|view|square|parade|vale|way"
)
_HOUSE_LOWER = (
    r"\d{1,4}[a-z]?,?\s{1,3}(?:(?!(?:the|a|an|to|of|on|in|up|down|for|from|and|miles|hours|"
    r"minutes|days|weeks|months|times|yards|metres|mile|hour|minute|min|mins|hr|hrs|km|second"
    r"|seconds|car|bus|taxi|long|short|hard|steep|quick)\b)[a-z'’]{2,30}\s{1,3}){1,3}"
    rf"(?:{_LOWER_STREETS}|rd|ave)\b"
)
_FLAT = (
    r"(?i:flat|apartment|apt)\.?\s{0,3}(?:\d{1,4}(?:/\d{1,2})?[A-Za-z]?|[A-Z](?=,))\b"
    # "flat 6b kestrel court": a building in lower case after the flat
    r"(?:,?\s{1,3}[a-z]{3,20}\s{1,3}(?:court|house|lodge|mews|towers?|heights|gardens)\b)?"
    rf"(?:,?\s{{1,3}}(?:{_HOUSE}|(?:{_CAP}\s{{1,3}}){{1,3}}(?:{BUILDING_SUFFIXES})\b"
    # "Flat 4a Crossley Street", "Flat 2, The Maltings"
    rf"|(?:{_CAP}\s{{1,3}}){{1,3}}(?:{STREET_SUFFIXES})\b|The\s{{1,3}}[A-Z][a-z]{{3,20}}\b))?"
)
# A house with a name before its number and street: "Ivy Cottage, 3 Chapel Row"; or before
# a street alone: "Rose Cottage, Mill Lane", "The Old Forge, Church Lane".
_HOUSE_NAMES = (
    "Cottage|Cottages|Farm|Farmhouse|Bungalow|Villa|Barn|Lodge|House|Forge|Mill|Grange"
    "|Manor|Rectory|Vicarage|Smithy|Granary|Stables|Coach House|Old School|Schoolhouse"
)
_NAMED_HOUSE = (
    rf"(?:{_CAP}\s{{1,3}}){{1,2}}(?:Cottage|Farm|Farmhouse|Bungalow|Villa|Barn|Lodge|House)"
    rf",\s{{1,3}}{_HOUSE}"
)
NAMED_HOUSE_STREET = re.compile(
    rf"(?<![\w£$.,/])(?:(?:The\s{{1,3}}(?:{_CAP}\s{{1,3}}){{0,2}}(?:{_HOUSE_NAMES})"
    rf"|(?:{_CAP}\s{{1,3}}){{1,2}}(?:{_HOUSE_NAMES})"
    # Welsh house names open with the house: "Ty Gwyn", "Bryn Awel", "Plas Newydd"
    rf"|(?:Ty|Tŷ|Bryn|Plas|Hafod|Cartref|Pen[- ]y)\s{{1,3}}{_CAP}(?:\s{{1,3}}{_CAP})?)"
    rf",\s{{1,3}}(?:{_CAP}\s{{1,3}}){{1,3}}(?:{STREET_SUFFIXES})\b"
    # in lower case: "send it to the old forge, church lane"
    rf"|(?:the\s{{1,3}})?(?:[a-z]{{3,20}}\s{{1,3}}){{0,2}}(?:{_HOUSE_NAMES.lower()}),\s{{1,3}}"
    rf"(?:[a-z]{{3,20}}\s{{1,3}}){{1,2}}(?:{_LOWER_STREETS})\b)"
)
# A Yorkshire street named "-gate" needs no "Road": "16 Kirkgate", "4 Westgate".
_GATE_STREET = r"\d{1,4}[A-Za-z]?\s{1,3}[A-Z][a-z]{1,20}gate\b"
# A number and a street named "The ...": "6 The Spinney", "14 The Maltings".
_THE_STREET = r"\d{1,4}[A-Za-z]?,?\s{1,3}The\s{1,3}[A-Z][a-z]{3,20}\b(?!\s{1,3}[A-Z])"
# "number 12 on Hollin Lane": the house number before its street.
_NUMBER_ON = (
    r"(?i:number|no\.?)\s{1,3}\d{1,4}[A-Za-z]?\s{1,3}on\s{1,3}"
    rf"(?:{_CAP}\s{{1,3}}){{1,3}}(?:{STREET_SUFFIXES})\b"
)
# A flat's number and its block: "14 Beech House", "22 Clydesdale Tower".
_BLOCK = rf"\d{{1,4}}[A-Za-z]?,?\s{{1,3}}(?:{_CAP}\s{{1,3}}){{1,2}}(?:House|Tower|Heights|Flats)\b"
ADDRESS = re.compile(
    rf"(?<![\w£$.,/])(?:{_NAMED_HOUSE}|{_FLAT}|{_NUMBER_ON}|{_HOUSE}|{_BLOCK}|{_THE_STREET}"
    rf"|{_HOUSE_LOWER}"
    rf"|{_GATE_STREET})"
)
# A street with no "Road" in its name is an address only when a known town follows it:
# "88 Hollowgate, Rotherham". The town itself is kept: on its own it identifies nobody.
_HOUSE_BARE = rf"(?<![\w£$.,/])\d{{1,4}}[A-Za-z]?\s{{1,3}}(?:{_CAP}\s{{1,3}}){{0,2}}({_CAP})"
# A house number and a street with no "Road" in its name, after words that say an address
# follows: "I live at 117 Wellgate", "mum lives at flat 6, 117 Wellgate", "moved to 9 Sitwell".
ADDRESS_INTRODUCED = re.compile(
    r"\b(?:(?:live|lives|lived|living|stay|stays|staying|reside|resides)\s{1,3}at"
    r"|moved\s{1,3}(?:in\s{1,3})?to|address\s{1,3}is|address:)\s{1,3}"
    r"((?:(?i:flat|apartment|apt)\.?\s{0,3}\d{1,4}[A-Za-z]?,?\s{1,3})?"
    rf"\d{{1,4}}[A-Za-z]?,?\s{{1,3}}(?:(?-i:{_CAP}(?:\s{{1,3}}{_CAP}){{0,2}})"
    # in lower case, only a street with its suffix: "lives at 3 oak tree close"
    rf"|(?-i:(?:[a-z'’-]{{2,30}}\s{{1,3}}){{1,3}}(?i:{STREET_SUFFIXES})\b)))",
    re.IGNORECASE,
)
STREET_WORD = re.compile(r"[A-Za-z'’-]{2,}")
# What continues an address after a comma: "Flat 12, Beech House, Chapel Walk".
ADDRESS_MORE = re.compile(
    rf"(?:,\s{{1,3}}(?:\d{{1,4}}[A-Za-z]?\s{{1,3}})?(?:(?:{_CAP}\s{{1,3}}){{1,3}}"
    rf"(?:{STREET_SUFFIXES}|{BUILDING_SUFFIXES})"
    # in lower case: "flat 6 dale house, manor estate"
    rf"|(?-i:(?:[a-z]{{3,20}}\s{{1,3}}){{1,2}}(?:{_LOWER_STREETS}|estate|house|court|lodge))"
    r")\b)*"
)


@cache
def _bare_street() -> re.Pattern[str]:
    places = sorted(word_lists().places, key=len, reverse=True)
    town = "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s{1,3}") for p in places) + r")\b"
    return re.compile(rf"{_HOUSE_BARE}(?=,\s{{1,3}}{town})")


def nhs_check_digit_ok(digits: str) -> bool:
    """The NHS number modulus-11 check on a 10-digit string."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = (11 - total % 11) % 11
    return check != 10 and check == int(digits[9])


def _uk_national_digits(run: str) -> str:
    digits = NON_DIGIT.sub("", run)
    bare = run.lstrip("(")
    if bare.startswith("+"):
        digits = digits[2:]
    elif bare.startswith("0044"):
        digits = digits[4:]
    else:
        return digits
    return digits if digits.startswith("0") else "0" + digits


# Numbers only organisations have: 03 (public bodies and charities), freephone 080,
# 084 and 087 (businesses), 09 (premium). A person's own number is never one, and the
# council's or a helpline's number says which line a resident rang.
ORGANISATION_RANGES = ("03", "080", "084", "087", "09")


def _phone_length(run: str) -> int:
    """Length of the longest prefix of `run` that is a whole UK number, or 0."""
    best = 0
    for m in LAST_DIGIT.finditer(run):
        digits = _uk_national_digits(run[: m.end()])
        if len(digits) > 11:
            break
        if len(digits) in (10, 11) and digits[0] == "0" and digits[1] in "1235789":
            best = m.end()
    return best


# A house's name before its number, after words that say an address follows: "Our address
# is Ashcroft, 22 Longlands Row".
HOUSE_NAME_BEFORE = re.compile(r"(?:\b(?:is|at|to)|:)\s{1,3}([A-Z][a-z'’-]{2,20}),\s{1,3}$")


def _house_name_before(text: str, start: int) -> int:
    m = HOUSE_NAME_BEFORE.search(text, max(0, start - 30), start)
    if m is None:
        return start
    lists = word_lists()
    word = m.group(1).lower()
    if word in lists.common_words or lists.is_name_word(word) or word in lists.surnames:
        return start
    if m.group(1) in lists.keep_terms or m.group(1) in lists.places:
        return start
    return m.start(1)


def _reference_like(code: str) -> bool:
    """Five digits or more; or three with letters and a separator: "CMP/2291/KT"."""
    digits = len(NON_DIGIT.sub("", code))
    if digits >= MIN_REFERENCE_DIGITS:
        return True
    letters = sum(c.isalpha() for c in code)
    return digits >= 3 and letters >= 2 and ("/" in code or "-" in code)


def _looks_like_birth_date(date: str) -> bool:
    year = YEAR.search(date.strip())
    if not year:
        return False
    value = int(year.group(1))
    if len(year.group(1)) == 4:
        return 1900 <= value <= 2005
    # Two-digit years: "12/03/24" is a service date, "12/03/46" a birth.
    return value >= 30 and DATE_SEPARATOR.search(date) is not None


def find_structured(text: str) -> list[Found]:
    found: list[Found] = []

    def add(kind: str, start: int, end: int) -> None:
        found.append(Found(kind, start, end, text[start:end]))

    for m in EMAIL.finditer(text):
        add("email", m.start(), m.end())
    if SPELLED_HINT.search(text):
        pos = 0
        while (m := SPELLED_EMAIL.search(text, pos)) is not None:
            length = _spelled_email_length(m)
            if length:
                add("email", m.start(), m.start() + length)
                pos = m.start() + length
            else:  # "me at mary dot jones at ...": the address may start after the "at"
                pos = m.end(2)
    named = [(m.start(), m.end()) for m in NAMED_HOUSE_STREET.finditer(text)]
    if DIGIT.search(text) is None:
        for start, end in named:
            add("address", start, ADDRESS_MORE.match(text, end).end())
        return found  # everything below has a digit in it; most comments have none
    for m in PHONE.finditer(text):
        length = _phone_length(m.group())
        if length and not _uk_national_digits(m.group()[:length]).startswith(ORGANISATION_RANGES):
            end = m.start() + length
            if (ext := EXTENSION.match(text, end)) is not None:
                end = ext.end()
            add("phone", m.start(), end)
    for m in NHS_NUMBER.finditer(text):
        digits = NON_DIGIT.sub("", m.group())
        before = text[max(0, m.start() - 30) : m.start()]
        if digits[0] != "0" and (nhs_check_digit_ok(digits) or NHS_CONTEXT.search(before)):
            add("nhs number", m.start(), m.end())
    for m in NI_NUMBER.finditer(text):
        add("ni number", m.start(), m.end())
    for m in POSTCODE.finditer(text):
        if not ORDINAL_SUFFIX.search(m.group(2)):
            add("postcode", m.start(), m.end())
    for m in POSTCODE_LOOSE.finditer(text):
        area, gap, split = m.group(1), m.group(2), m.group(5)
        spaced = m.end(3) < m.start(4)
        introduced = POSTCODE_WORD.search(text, max(0, m.start() - 20), m.start())
        if (
            (not gap or area.isupper() or introduced)
            and (not split or spaced)  # "E39 as" is ward E39
            and not ORDINAL_SUFFIX.search(m.group(4) + m.group(6))
        ):
            add("postcode", m.start(), m.end())
    for m in DOB_INTRODUCED.finditer(text):
        add("date of birth", m.start(1), m.end(1))
    for m in BORN_IN_YEAR.finditer(text):
        add("date of birth", m.start(1), m.end(1))
    for m in FULL_DATE.finditer(text):
        if _looks_like_birth_date(m.group()):
            add("date of birth", m.start(), m.end())
    streets = [
        (m.start(), m.start() + len(m.group().rstrip(",. "))) for m in ADDRESS.finditer(text)
    ]
    common = word_lists().common_words
    for m in _bare_street().finditer(text):
        if m.group(1).lower() not in common and not any(s <= m.start() < e for s, e in streets):
            streets.append((m.start(), m.end()))
    for m in ADDRESS_INTRODUCED.finditer(text):
        street = STREET_WORD.findall(m.group(1))
        if all(word.lower() in common for word in street):
            continue  # "we moved to 3 Bedrooms": a street has a name that is no plain word
        start, end = m.start(1), m.start(1) + len(m.group(1).rstrip(",. "))
        joined = [(s, e) for s, e in streets if s < end and start < e]
        streets = [(s, e) for s, e in streets if not (s < end and start < e)]
        streets.append((min([start, *(s for s, _ in joined)]), max([end, *(e for _, e in joined)])))
    streets = [(_house_name_before(text, start), end) for start, end in streets]
    # "Rose Cottage, Mill Lane"; inside "Flat 12, Beech House, Park Road" the flat has it.
    streets += [(s, e) for s, e in named if not any(s < e2 and s2 < e for s2, e2 in streets)]
    for start, end in streets:
        add("address", start, ADDRESS_MORE.match(text, end).end())
    found.extend(find_vehicles(text))
    for m in REFERENCE.finditer(text):
        code = m.group(1)
        if _reference_like(code) and not FULL_DATE.fullmatch(code):
            add("reference", m.start(1), m.end(1))
    return found


def _spelled_email_length(m: re.Match[str]) -> int:
    """How much of a written-out address is one, or 0: "john dot smith at gmail dot com"."""
    local, at, domain = m.group(1), m.group(2), m.group(3)
    labels, pos = [], 0
    for sep in DOT_SEPARATOR.finditer(domain):
        labels.append((domain[pos : sep.start()], sep.start()))
        pos = sep.end()
    labels.append((domain[pos:], len(domain)))
    last = max(
        (i for i, (label, _) in enumerate(labels) if label.lower() in TOP_LEVEL_DOMAINS), default=0
    )
    if last == 0:
        return 0
    used = domain[: labels[last][1]]
    if (
        at == "@"
        and not any(c.isspace() or c in "()[]" for c in used)
        and "dot" not in used.lower()
    ):
        return 0  # an ordinary address: EMAIL has it
    provider = labels[0][0].lower() in MAIL_PROVIDERS
    one_word = not any(c in local for c in "._ ") and local.lower() in word_lists().common_words
    if one_word and not provider:
        return 0  # "look at nhs dot uk"
    return len(local) + len(at) + len(used)
