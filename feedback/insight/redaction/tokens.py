"""The words of a comment, with their positions: what the name and organisation rules read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Letters in any alphabet: "Łukasz", "Wiśniewska", "Zoë" are names like any other.
TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-]){0,40}")
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


# A keying slip that runs a word into a name: "wasEmma", "thanksPat" (a word in lower case,
# then a capital). "McDonald" and "DeVito" start with a capital, so they stay whole; a capital
# I is left alone, since some forms come back with every i made one ("provIde", "chIldren").
RUN_INTO_NAME = re.compile(r"(?<=[a-z]{2})(?=[A-HJ-Z][a-z]{2})")


def tokenize(text: str) -> list[Token]:
    tokens = []
    for m in _words(text):
        raw = m.group().rstrip("-'’")
        possessive = len(raw) > 2 and raw[-1] in "sS" and raw[-2] in "'’"  # "Sue's"
        word = raw[:-2] if possessive else raw
        start = m.start()
        lower = word.lower()
        tokens.append(
            Token(
                start,
                start + len(word),
                word,
                lower if lower.isascii() else plain(lower),
                word[0].isupper(),
                len(word) > 1 and word.isupper(),
                possessive,
            )
        )
    return tokens


def _words(text: str):  # type: ignore[no-untyped-def]
    """The word matches of `text`, a word in lower case run into a capitalised one split."""
    if RUN_INTO_NAME.search(text) is None:
        return TOKEN.finditer(text)  # nearly every comment: nothing to split
    return _split_words(text)


def _split_words(text: str):  # type: ignore[no-untyped-def]
    for m in TOKEN.finditer(text):
        word = m.group()
        if word[0].isupper() or RUN_INTO_NAME.search(word) is None:
            yield m
            continue
        start = 0
        for cut in RUN_INTO_NAME.finditer(word):
            yield TOKEN.match(text, m.start() + start, m.start() + cut.start())
            start = cut.start()
        yield TOKEN.match(text, m.start() + start, m.end())


def is_shouting(text: str) -> bool:
    """Written in capitals, where capitals say nothing about names."""
    letters = len(list(filter(str.isalpha, text)))
    return letters >= 8 and len(list(filter(str.isupper, text))) > 0.7 * letters
