"""One comment's words as the name rules see them: the gaps between them, where sentences
start, and what each word could be (a listed given name, an ordinary word, an acronym).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .tokens import Token
from .words import CALENDAR, HONORIFICS, PLACE_AFTER, ROLES, STOP_CAPS, WordLists

SENTENCE_END = ".!?\n"
# Endings of ordinary words ("Basically", "Exercises"), so an unknown word with one is no name.
WORD_ENDINGS = re.compile(r"(?:[^l]ly|ing|ed|tion|ness|ment|ful|ous|ive|able|ies|ses)$")
INNER_CAPITAL = re.compile(r"[A-Z]['’][A-Z]")  # O'Neil
WARD_NUMBER = re.compile(r" (?:\d{1,2}\b(?![ -]?\d)|(?:19|20)\d\d\b)")
ADJACENT_GAPS = (" ", ", ", ",", " ,", " & ", "&")
SAINT = frozenset({"st", "saint"})
ABBREVIATIONS = HONORIFICS | {"st", "no"}  # a full stop after these ends no sentence
CLOSING = ("", ",", ".", ";", ")", "!", "?", "\n")


def _start(t: Token) -> int:
    return t.start


class CommentWords:
    """Read-only questions about token i of one comment; the name rules build on these."""

    def __init__(
        self,
        text: str,
        tokens: list[Token],
        lists: WordLists,
        keep_words: frozenset[str],
        shouting: bool,
        identifiers: list[tuple[int, int]] = (),
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.lists = lists
        self.keep_words = keep_words
        self.shouting = shouting
        # Words of an address or e-mail are capitalised by nature; they say nothing about
        # whether the writer capitalises every word.
        inside = 0
        caps = 0
        for start, end in identifiers:
            for t in tokens[bisect_left(tokens, start, key=_start) :]:
                if t.start >= end:
                    break
                inside += 1
                caps += t.cap
        words = len(tokens) - inside
        caps = sum(t.cap for t in tokens) - caps
        self.title_case = words >= 6 and caps > 0.6 * words

    def _is(self, i: int, words: frozenset[str]) -> bool:
        return 0 <= i < len(self.tokens) and self.tokens[i].lower in words

    def _gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.tokens[i - 1].end : self.tokens[i].start] if i > 0 else ""

    def _spaced(self, i: int) -> bool:
        return 0 < i < len(self.tokens) and self._gap(i) == " "

    def _adjacent(self, i: int) -> bool:
        return i > 0 and self._gap(i) in ADJACENT_GAPS

    def _sentence_start(self, i: int) -> bool:
        before = self.text[: self.tokens[i].start].rstrip(" \t\"'‘“(*-•")
        if not before:
            return True
        if before[-1] not in SENTENCE_END:
            return False
        # "Mrs. Smith", "Dr. Khan": the full stop belongs to the honorific.
        return not (before[-1] == "." and self._is(i - 1, ABBREVIATIONS))

    def _namelike(self, i: int) -> bool:
        """Could token i be part of a name at all?"""
        t = self.tokens[i]
        if ("'" in t.word or "’" in t.word) and not INNER_CAPITAL.match(t.word):
            return False  # I've, Don't; but O'Neil
        if t.upper and not self.shouting and not self._is(i - 1, HONORIFICS):
            return False  # acronyms: CBT, ED, IRIS
        if self._is(i - 1, HONORIFICS) and self.tokens[i - 1].cap and self._gap(i) in (" ", ". "):
            # "Ms Ward", "Dr Day": a surname that is also a word, but not "Dr Ward 3"
            after = self.text[t.end : t.end + 8]
            if t.cap and t.lower in self.lists.surnames and WARD_NUMBER.match(after) is None:
                return True
        return (
            (t.cap or t.upper)
            and t.lower not in STOP_CAPS
            and t.lower not in ROLES
            and t.lower not in HONORIFICS
            # A place after an honorific is a surname: "Mrs Wentworth", "Mr Dalton".
            and (
                t.lower not in self.keep_words or t.lower in CALENDAR or self._is(i - 1, HONORIFICS)
            )
        )

    def _known(self, t: Token) -> bool:
        return self.lists.is_name_word(t.lower)

    def _unknown_word(self, t: Token) -> bool:
        """Capitalised, on no list and not an ordinary word: perhaps a rarer name."""
        return (
            t.cap
            and not t.upper
            and len(t.word) > 2
            and (not WORD_ENDINGS.search(t.lower) or self._ing_name(t.lower))
            and not self._known(t)
            and t.lower not in self.lists.common_words
            # a plural of an ordinary word, "Dogs"; "Abs" is too short to be one
            and not (
                len(t.word) > 3 and t.lower[-1] == "s" and t.lower[:-1] in self.lists.common_words
            )
            and t.lower not in self.keep_words
        )

    def _ing_name(self, lower: str) -> bool:
        """ "Xiaoling", "Jing": an -ing ending on no verb ("Hoovering" has "hoover")."""
        if not lower.endswith("ing") or lower in self.lists.common_words:
            return False
        stem = lower[:-3]
        common = self.lists.common_words
        if len(stem) < 3:
            return len(stem) > 0 and lower not in STOP_CAPS  # "Jing", "Ming"; "Sing" is a word
        return not (
            stem in common
            or stem + "e" in common
            or (stem[-1] == stem[-2] and stem[:-1] in common)  # "Shopping"
            or stem.endswith(("ll", "rr", "ck", "ss", "tt", "nn", "mm", "pp", "dd", "gg"))
        )

    def _plural_of_word(self, t: Token) -> bool:
        """ "Dogs", "Dads": an ordinary word with an s; "Abs" is too short to tell."""
        return len(t.word) > 3 and t.lower[-1] == "s" and t.lower[:-1] in self.lists.common_words

    def _plausible(self, t: Token) -> bool:
        """A capitalised word that could be a name once context says so."""
        return t.lower not in CALENDAR and (self._known(t) or self._unknown_word(t))

    def _plausible_here(self, i: int) -> bool:
        """As `_plausible`, but a word opening a sentence must be on a list of names:
        "Meanwhile the carer was..." opens with an adverb, not a name."""
        t = self.tokens[i]
        if self._sentence_start(i):
            return t.lower not in CALENDAR and self._known(t)
        return self._plausible(t)

    def _lower_name(self, t: Token) -> bool:
        """A given name written in lower case: "my son dave", "ask for sue"."""
        # a look-alike listed as lower-case-ok is one even where it is also a word ("pat")
        return t.lower in self.lists.lower_case_ok or (
            t.lower in self.lists.given and t.lower not in self.lists.common_words
        )

    def _place_follows(self, i: int) -> bool:
        """ "Dale Road", "Winifred 2" (a ward), "St Luke's": a name used for a place."""
        after = self.text[self.tokens[i].end : self.tokens[i].end + 8]
        return (
            self._is(i + 1, PLACE_AFTER)
            or self._is(i - 1, SAINT)
            or WARD_NUMBER.match(after) is not None
        )

    def _surname_word(self, t: Token) -> bool:
        """On the surname list, whole or in parts ("Smith-Jones"), and no place word."""
        parts = t.lower.split("-")
        return t.lower not in PLACE_AFTER and all(p in self.lists.surnames for p in parts)

    def _surname_like(self, i: int) -> bool:
        t = self.tokens[i]
        if len(t.word) == 1:
            return t.word.isupper() and (t.word not in "IA" or self._is(i - 1, HONORIFICS))
        if not t.cap or t.upper != self.shouting or t.lower in CALENDAR:
            return False
        if self._is(i + 1, PLACE_AFTER) and self._gap(i + 1) == " ":
            return False  # "Sheard Hill"; but "Brian Sheard, 61 Hill Top Road"
        if t.lower in self.lists.surnames:  # also "Julie Dalton", though Dalton is a place
            return t.lower not in STOP_CAPS and t.lower not in ROLES
        if t.word in self.lists.places and self._given(self.tokens[i - 1].lower):
            # "Mr Roy Eastwood, 4 Mill Lane": a place as a surname, ending a phrase
            return self.tokens[i - 1].cap and self.text[t.end : t.end + 1] in (",", ".", "")
        if not self._namelike(i):
            return False
        if self.shouting:  # "MARGARET ANN SYKES": a given name or a word on no list
            return self._given(t.lower) or (
                t.lower not in self.lists.common_words and t.lower not in self.keep_words
            )
        if self._given(t.lower) or self._unknown_word(t):
            return True
        # After a listed given name, a capitalised word with a word's ending that is no
        # ordinary word: "James Whitely", "Ann Hastings".
        return (
            i > 0
            and self._given(self.tokens[i - 1].lower)
            and self.tokens[i - 1].cap
            and len(t.word) > 3
            and t.lower not in self.lists.common_words
            and t.lower not in self.keep_words
        )

    def _given(self, lower: str) -> bool:
        return lower in self.lists.given or lower in self.lists.more_given

    def _known_name(self, lower: str) -> bool:
        """A listed given name, or a look-alike that is nearly always a person ("Dawn")."""
        return self._given(lower) or lower in self.lists.person_first

    def _closed(self, i: int) -> bool:
        """Token i ends a phrase set off by commas: "Tez, our handyman, fitted it"."""
        after = self.text[self.tokens[i].end : self.tokens[i].end + 1]
        return after in CLOSING
