"""Find and redact personal data in a feedback comment.

Structured identifiers (email, phone, NHS and National Insurance numbers, postcodes,
addresses, dates of birth) are found with bounded regular expressions and then checked
(digit counts, the NHS modulus-11 check digit): see `identifiers`. Names are found from
context: honorifics, a role before the name ("my son John"), a thank-you, and a list of
common UK given names gated by capitalisation, because many names are also ordinary words
("Will", "Hope"): see `names`.

Every pattern has bounded repetition so the work is linear in the length of the comment.
"""

from __future__ import annotations

from dataclasses import dataclass

from .identifiers import find_structured
from .names import NameFinder
from .spans import Found, overlaps

__all__ = ["PLACEHOLDERS", "REDACTOR_VERSION", "Found", "Redaction", "redact"]

REDACTOR_VERSION = "1.0"

PLACEHOLDERS = {
    "name": "[name]",
    "phone": "[phone]",
    "email": "[email]",
    "postcode": "[postcode]",
    "address": "[address]",
    "nhs number": "[nhs number]",
    "ni number": "[ni number]",
    "date of birth": "[date of birth]",
}


@dataclass(frozen=True)
class Redaction:
    text: str
    items: tuple[Found, ...]


def redact(text: str) -> Redaction:
    """Replace personal data in `text` with typed placeholders such as "[phone]"."""
    chosen: list[Found] = []
    for item in find_structured(text):
        if not overlaps(item.start, item.end, [(f.start, f.end) for f in chosen]):
            chosen.append(item)
    claimed = [(f.start, f.end) for f in chosen]
    for start, end in NameFinder(text, claimed).find():
        if not overlaps(start, end, claimed):
            chosen.append(Found("name", start, end, text[start:end]))
    chosen.sort(key=lambda f: f.start)
    parts, pos = [], 0
    for f in chosen:
        parts.append(text[pos : f.start])
        parts.append(PLACEHOLDERS[f.kind])
        pos = f.end
    parts.append(text[pos:])
    return Redaction("".join(parts), tuple(chosen))
