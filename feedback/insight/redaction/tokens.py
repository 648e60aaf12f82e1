"""The words of a comment, with their positions: what the name and organisation rules read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters in any alphabet: "Łukasz", "Wiśniewska", "Zoë" are names like any other.
TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-]){0,40}")
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# Letters with no accent to take off: "Łukasz" is typed "Lukasz" as often.
PLAIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae"})


def plain(lower: str) -> str:
    """A word in lower case without its accents ("chloé" -> "chloe"); the name lists hold
    both, so a name is found however it was typed."""
    if lower.isascii():
        return lower
    decomposed = unicodedata.normalize("NFKD", lower.translate(PLAIN_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(slots=True)
class Token:
    start: int
    end: int  # excludes a possessive 's
    word: str
    lower: str
    cap: bool
    upper: bool
    possessive: bool


def tokenize(text: str) -> list[Token]:
    tokens = []
    for m in TOKEN.finditer(text):
        raw = m.group().rstrip("-'’")
        word = POSSESSIVE.sub("", raw) or raw
        tokens.append(
            Token(
                m.start(),
                m.start() + len(word),
                word,
                plain(word.lower()),
                word[0].isupper(),
                word.isupper() and len(word) > 1,
                word != raw,
            )
        )
    return tokens


def is_shouting(text: str) -> bool:
    """Written in capitals, where capitals say nothing about names."""
    letters = len(list(filter(str.isalpha, text)))
    return letters >= 8 and len(list(filter(str.isupper, text))) > 0.7 * letters
