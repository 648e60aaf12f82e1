"""Names, found from context: honorifics, a role before the name ("my son John"), a
thank-you, "ask for Sue", "X the carer", "X from Age UK", and a list of common UK given
names and nicknames gated by capitalisation, because many names are also ordinary words
("Will", "Hope").

The word lists live in feedback/insight/data/ (see `words`).
"""

from __future__ import annotations

from bisect import bisect_left

from .context import CommentWords
from .spans import overlaps
from .tokens import Token
from .words import (
    AND,
    ASKING,
    BE_VERBS,
    CALENDAR,
    CALLED,
    DETERMINERS,
    HONORIFICS,
    NAMING_VERBS,
    PAST_OR_BE,
    PERSON_VERBS,
    PUBLIC_AFTER,
    PUBLIC_TITLES,
    ROLES,
    SINGLE_ROLES,
    SPEAKING,
    VERB_LOOKALIKES,
    WORKPLACES,
    WordLists,
)

THANKS = frozenset({"thanks", "thankyou", "cheers"})
THANK = frozenset({"thank", "thanks"})
ARTICLES = frozenset({"the", "a", "an"})
PARTICLES = frozenset(
    {"de", "da", "di", "van", "von", "der", "den", "le", "la", "du", "del", "bin"}
)
FOR = frozenset({"for"})
TO_WITH = frozenset({"to", "with"})
FROM_AT = frozenset({"from", "at"})
PLACE_BEFORE = ARTICLES | frozenset({"at", "to", "in", "into", "from", "near", "on", "by", "of"})


class NameFinder(CommentWords):
    """Walks the tokens of one comment deciding which are people's names.

    `protected` spans (identifiers already found, keep terms, organisations) are never
    names. `organisation` marks tokens inside a kept organisation, which is context:
    "Hope from Age UK". `anchors` are placeholders already in the text, as (start, end,
    always): a surname after one is joined to it ("[name] Smith" becomes "[name]"); an
    upstream "[Name redacted]" mark is reported even with no surname after it.
    """

    def __init__(
        self,
        text: str,
        tokens: list[Token],
        lists: WordLists,
        keep_words: frozenset[str],
        protected: list[tuple[int, int]],
        organisation: list[tuple[int, int]],
        anchors: list[tuple[int, int, bool]],
        shouting: bool,
    ) -> None:
        super().__init__(text, tokens, lists, keep_words, shouting)
        self.starts = [t.start for t in tokens]
        self.anchors = anchors
        self.free = _outside(tokens, protected)
        self.in_organisation = [
            t.lower in keep_words or not free
            for t, free in zip(tokens, _outside(tokens, organisation), strict=True)
        ]

    def _surname_not_place(self, i: int) -> bool:
        """ "Julie Hall rang me", "Sarah Green was lovely": a surname that is also a place
        word, then a person's verb; but "we went to Victoria Park"."""
        return (
            self._is(i + 1, self.lists.surnames)
            and self.tokens[i + 1].cap
            and self._spaced(i + 1)
            and self._spaced(i + 2)
            and self._is(i + 2, PAST_OR_BE)
            and not self._is(i - 1, PLACE_BEFORE)
        )

    # --- rules, strongest first
    def _after_honorific(self, i: int) -> bool:
        return (
            self._is(i - 1, HONORIFICS)
            and self.tokens[i - 1].cap
            and self._gap(i) in (" ", ". ", ".", "  ")
        )

    def _after_role(self, i: int) -> bool:
        """ "my son John", "a carer called Dave", "the OT, Mark," and "carer tina"."""
        t = self.tokens[i]
        if not self._adjacent(i):
            return False
        if not t.cap and not t.upper:  # "a lady called bev"
            named = self._is(i - 1, CALLED) and self._is(i - 2, ROLES)
            return self._lower_name(t) and (self._is(i - 1, ROLES) or named)
        if t.lower in CALENDAR:
            return t.lower in {"may", "june", "april", "august"} and self._is(i - 1, ROLES)
        plausible = self._known(t) or self._unknown_word(t)
        if self._is(i - 1, NAMING_VERBS):
            return plausible and (self._is(i - 2, ROLES) or self._is(i - 1, CALLED))
        return plausible and self._is(i - 1, ROLES)

    def _after_thanks(self, i: int) -> bool:
        t = self.tokens[i]
        if not self._adjacent(i):
            return False
        prev = self.tokens[i - 1].lower if i else ""
        thanked = prev in THANKS or (prev in {"you", "to"} and self._is(i - 2, THANK))
        if not t.cap:
            return thanked and not t.upper and self._lower_name(t)
        return thanked and (self._known(t) or self._unknown_word(t))

    def _introduced(self, i: int) -> bool:
        """ "ask for Sue", "asked for will" is not, "spoke to Hope", "talk with Kaz"."""
        if not self._spaced(i) or not self._spaced(i - 1):
            return False
        asked = self._is(i - 1, FOR) and self._is(i - 2, ASKING)
        spoke = self._is(i - 1, TO_WITH) and self._is(i - 2, SPEAKING)
        if not (asked or spoke):
            return False
        t = self.tokens[i]
        return self._lower_name(t) if not t.cap else self._plausible(t)

    def _run_end(self, i: int) -> int:
        """The last token of a name starting at i: "Mick Hill", "Sue Bottomley"."""
        j = i
        while j - i < 2 and self._spaced(j + 1) and self._surname_like(j + 1):
            j += 1
        return j

    def _appositive(self, i: int) -> bool:
        """ "Mark the carer was on time", "Tez, our handyman, fitted it"."""
        t = self.tokens[i]
        if not t.cap or not self._plausible_here(i):
            return False
        j = self._run_end(i) + 1
        if j >= len(self.tokens) or self._gap(j) not in (" ", ", ") or not self._is(j, DETERMINERS):
            return False
        role = next((k for k in (j + 1, j + 2) if self._is(k, SINGLE_ROLES)), None)
        if role is None or not all(self._spaced(k) for k in range(j + 1, role + 1)):
            return False
        if self._gap(j) == ", " and not self._closed(role):
            return False  # "Additionally, my brother has": an opening word, not a name
        if self._sentence_start(i) and t.lower in VERB_LOOKALIKES:
            # "Will the carer come?", "Hope the nurse rings": a verb, unless a person's
            # verb follows ("Mark the carer was brilliant").
            return self._is(role + 1, PAST_OR_BE)
        return True

    def _affiliated(self, i: int) -> bool:
        """ "Hope from Age UK", "Grace at the front door", "Joy from reablement"."""
        t = self.tokens[i]
        if not t.cap or not self._plausible(t) or not self._spaced(i + 1):
            return False
        j = self._run_end(i) + 1
        if not self._is(j, FROM_AT) or not self._spaced(j + 1):
            return False
        k = j + 1
        if self._is(k, DETERMINERS) and self._spaced(k + 1):
            k += 1
        if k >= len(self.tokens):
            return False
        if self.in_organisation[k]:  # a named organisation: "Tayo from Age UK"
            return True
        # "Paperwork from the council" opens with a noun, so a listed name is needed there.
        return self._is(k, WORKPLACES) and self._plausible_here(i)

    def _by_list(self, i: int) -> bool:
        t = self.tokens[i]
        lists = self.lists
        if t.lower in self.keep_words:
            return False
        if self._place_follows(i) and not self._surname_not_place(i):
            return False
        first = t.lower.split("-")[0]
        if t.lower in lists.given or (first in lists.given and "-" in t.lower):
            return t.cap and (not self.shouting or len(t.word) > 2)
        if self.shouting or not t.cap or t.lower in CALENDAR:
            return False
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        lookalike = t.lower in lists.person_first or t.lower in lists.word_first
        if nxt is not None and self._gap(i + 1) == " ":
            if nxt.lower in PERSON_VERBS and (lookalike or self._unknown_word(t)):
                return True  # "Grace listened to me", "Tayo explained"
            if nxt.lower in BE_VERBS and t.lower in lists.person_first:
                return True  # "Will was great", "Sue in the office"
            if nxt.lower == "who" and lookalike and not self._is(i - 1, ARTICLES):
                return True  # "Grace who came on Tuesday"
        if t.lower not in lists.person_first or self.title_case:
            return False
        if nxt is not None and nxt.cap and self._spaced(i + 1) and self._surname_word(nxt):
            return True  # "Sue Smith-Jones was my carer", even opening a sentence
        if self._sentence_start(i):
            return False
        if self._is(i - 1, ARTICLES):
            return False
        if nxt is not None and nxt.cap and self._gap(i + 1) == " ":
            return nxt.lower in lists.surnames  # "Will Smith", but "Rose Court"
        return True

    def _starts_name(self, i: int) -> bool:
        if not self.free[i]:
            return False
        if not self.tokens[i].cap:
            if self._is(i, PARTICLES):  # "Dr van der Berg"
                return self._after_honorific(i) and self._spaced(i + 1)
            return self._lower_name(self.tokens[i]) and (
                self._after_role(i) or self._introduced(i) or self._after_thanks(i)
            )
        return self._namelike(i) and (
            self._after_honorific(i)
            or self._after_role(i)
            or self._after_thanks(i)
            or self._introduced(i)
            or self._by_list(i)
            or self._appositive(i)
            or self._affiliated(i)
        )

    def find(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        n = len(self.tokens)
        i = 0
        while i < n:
            if not self._starts_name(i):
                i += 1
                continue
            t = self.tokens[i]
            start = self.tokens[i - 1].start if self._after_honorific(i) else t.start
            end, i = self._extend(i + 1, t.end)
            spans.append((start, end))
        spans += self._after_anchors()
        spans = [s for s in spans if not self._public_figure(*s)]
        return _merged(self._join_pairs(spans))

    def _extend(self, i: int, end: int) -> tuple[int, int]:
        """Take in the surnames after a name; returns the new end and the next token."""
        n = len(self.tokens)
        while i < n and self.free[i] and self.text[end : self.tokens[i].start] in (" ", "-"):
            if i > 0 and self.tokens[i - 1].possessive and self.tokens[i - 1].end == end:
                break
            j = i
            # "Maria da Silva", "Dr van der Berg"
            while j < n and j - i < 2 and self._is(j, PARTICLES) and self._spaced(j + 1):
                j += 1
            if not self._surname_like(j) or not all(self.free[i : j + 1]):
                break
            end, i = self.tokens[j].end, j + 1
        return end, i

    def _after_anchors(self) -> list[tuple[int, int]]:
        spans = []
        for start, end, always in self.anchors:
            new_end, _ = self._extend(bisect_left(self.starts, end), end)
            if always or new_end > end:
                spans.append((start, new_end))
        return spans

    def _public_figure(self, start: int, end: int) -> bool:
        """ "Sarah Champion MP", "King Charles", "the mayor, Oliver Coppard"."""
        after = bisect_left(self.starts, end)
        before = bisect_left(self.starts, start) - 1
        if self._is(after, PUBLIC_AFTER) and self.tokens[after].upper:
            return self.text[end : self.tokens[after].start] in (" ", ", ")
        return self._is(before, PUBLIC_TITLES) and (
            self.text[self.tokens[before].end : start] in (" ", ", ")
        )

    def _join_pairs(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """ "Kath and Mags": a capitalised word joined by "and" or "&" to a name is a name."""
        found = list(spans)
        if not found:
            return found

        def is_found(j: int) -> bool:
            return 0 <= j < len(self.tokens) and any(
                s <= self.tokens[j].start < e for s, e in found
            )

        for _ in range(2):  # a short chain: "Kath, Mags and Jo"
            for i, t in enumerate(self.tokens):
                if is_found(i) or not self.free[i]:
                    continue
                if not t.cap:  # "thanks to dave and bev"
                    if not self._lower_name(t):
                        continue
                elif not self._namelike(i) or not self._plausible(t):
                    continue
                if self._place_follows(i):
                    continue
                left = (self._gap(i).strip() in ("&", ",") and is_found(i - 1)) or (
                    self._is(i - 1, AND) and self._gap(i) == " " and is_found(i - 2)
                )
                right = i + 1 < len(self.tokens) and (
                    (self._gap(i + 1).strip() in ("&", ",") and is_found(i + 1))
                    or (self._is(i + 1, AND) and self._gap(i + 1) == " " and is_found(i + 2))
                )
                if left or right:
                    found.append((t.start, t.end))
        return sorted(set(found))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One span for overlapping finds: "[name] Smith" found as a whole and as "Smith"."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _outside(tokens: list[Token], spans: list[tuple[int, int]]) -> list[bool]:
    """For each token, whether it overlaps none of `spans`."""
    if not spans:
        return [True] * len(tokens)
    return [not overlaps(t.start, t.end, spans) for t in tokens]
