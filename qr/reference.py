"""Card references: ``FD-B12-0173-X`` = source code, batch, serial, check character.

Every character of a reference comes from Crockford's base-32 alphabet (digits and
letters without I, L, O and U), so a keyer can't confuse 0 with O or 1 with I/L;
when they type O, I or L anyway we read it as 0 or 1, which is never ambiguous
because those letters are not in the alphabet.

The check character makes the weighted sum of the reference's characters zero in
the finite field GF(32), the characters being its 32 elements. With weights
w_k = a**k (a primitive, k counted from the right, the check character's weight 1):

* a single substitution x -> y at position k changes the sum by w_k * (x + y),
  a product of two non-zero field elements, so never zero;
* swapping x and y at positions j and k changes the sum by (w_j + w_k) * (x + y),
  non-zero whenever x != y because the weights of a reference (at most 17
  characters) are distinct powers of an element of order 31.

So every single substitution and every transposition, adjacent or not, is caught.
Dashes and spaces are ignored when reading, so they play no part in the check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
# What a person might type for a character that is not in the alphabet.
_TYPED_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212_]+")

MAX_BATCH = 99_999
MAX_SERIAL = 9_999
SERIAL_DIGITS = 4
EXAMPLE = "FD-B12-0173-X"

_SOURCE = rf"[{ALPHABET}]{{2,6}}"
_FULL = re.compile(rf"({_SOURCE})B([1-9][0-9]{{0,4}})([0-9]{{{SERIAL_DIGITS}}})([{ALPHABET}])")
_SOURCE_ONLY = re.compile(_SOURCE)

# GF(32) built on the primitive polynomial x^5 + x^2 + 1.
_EXP = [0] * 62
_x = 1
for _power in range(31):
    _EXP[_power] = _EXP[_power + 31] = _x
    _x <<= 1
    if _x & 0b100000:
        _x ^= 0b100101
del _x, _power
_LOG = {_EXP[power]: power for power in range(31)}


class InvalidReference(ValueError):
    """A card reference that can't be read; ``str(error)`` is a message for a person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CardReference:
    """A parsed reference. ``batch_no``, ``serial`` and ``check`` are None for a
    source-level reference (a poster), which names a source and not a card."""

    source_code: str
    batch_no: int | None
    serial: int | None
    check: str | None
    canonical: str

    @property
    def is_source_only(self) -> bool:
        return self.batch_no is None

    def __str__(self) -> str:
        return self.canonical


def check_character(body: str) -> str:
    """The check character for ``body`` (alphabet characters only, no dashes)."""
    total = 0
    for power, char in enumerate(reversed(body), start=1):
        value = _VALUE[char]
        if value:
            # Multiplying a**power by a**log(value) adds the exponents.
            total ^= _EXP[(power + _LOG[value]) % 31]
    return ALPHABET[total]


def make_reference(source_code: str, batch_no: int, serial: int) -> str:
    """The printed reference for card ``serial`` of batch ``batch_no`` from a source."""
    source = checked_source_code(source_code)
    if not 1 <= batch_no <= MAX_BATCH:
        raise InvalidReference(f"Batch number must be between 1 and {MAX_BATCH}")
    if not 1 <= serial <= MAX_SERIAL:
        raise InvalidReference(f"Serial number must be between 1 and {MAX_SERIAL}")
    body = f"{source}B{batch_no}{serial:0{SERIAL_DIGITS}d}"
    return f"{source}-B{batch_no}-{serial:0{SERIAL_DIGITS}d}-{check_character(body)}"


def parse_reference(text: str) -> CardReference:
    """Read a reference as printed or as typed by a person.

    Case, spaces and dashes don't matter and O, I, L are read as 0, 1, 1. A bare
    source code such as ``FD`` is a source-level reference; whether that source
    exists is for the caller to decide.
    """
    compact = _SEPARATORS.sub("", text or "").upper().translate(_TYPED_AS)
    if not compact:
        raise InvalidReference("Enter the card reference")
    if "U" in compact:
        raise InvalidReference(
            "Card references do not use the letter U — check the reference for a typo"
        )
    if any(char not in _VALUE for char in compact):
        raise InvalidReference("The card reference can only contain letters, numbers and dashes")
    if _SOURCE_ONLY.fullmatch(compact):
        return CardReference(compact, None, None, None, compact)
    match = _FULL.fullmatch(compact)
    if match is None:
        raise InvalidReference(
            f"Enter the card reference exactly as it is printed on the card, like {EXAMPLE}"
        )
    source, batch, serial, check = match.groups()
    if check_character(compact[:-1]) != check:
        raise InvalidReference("The check letter does not match — check the reference for a typo")
    return CardReference(
        source_code=source,
        batch_no=int(batch),
        serial=int(serial),
        check=check,
        canonical=f"{source}-B{batch}-{serial}-{check}",
    )


def card_url(
    base_url: str,
    reference: str | CardReference,
    *,
    language: str = "en",
    easy_read: bool = False,
) -> str:
    """The web address a card's QR code carries: ``{base_url}/f/{reference}``, with
    ``/easy-read`` for the easy read form and ``?lang=`` for a card not in English,
    so that a Polish card opens the form in Polish."""
    return (
        f"{base_url.rstrip('/')}/f/{card_path(reference, language=language, easy_read=easy_read)}"
    )


def card_path(
    reference: str | CardReference, *, language: str = "en", easy_read: bool = False
) -> str:
    """The end of a card's address, from the reference on: ``FD-B12-0173-X/easy-read?lang=pl``."""
    path = parse_reference(str(reference)).canonical + ("/easy-read" if easy_read else "")
    return path if language == "en" else f"{path}?lang={language}"


def checked_source_code(source_code: str) -> str:
    source = source_code.strip().upper()
    if not _SOURCE_ONLY.fullmatch(source):
        raise InvalidReference(
            "A source code must be 2 to 6 letters or numbers, without the letters "
            "I, L, O or U (they are easily mistaken for 1, 0 and V)"
        )
    return source
