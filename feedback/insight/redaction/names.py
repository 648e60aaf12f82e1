"""Names: which words of a comment are people's names, and how far each name runs
("Mrs P. Walker", "Maria da Silva", "[name] Smith", "Sunny Rai", "Kath and Mags").

The questions asked of each word (an honorific, a role, a thank-you, "X the carer", a
listed given name...) are in `name_rules`; the word lists live in feedback/insight/data/
(see `words`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from .name_rules import ARTICLES, PARTICLES, RANK_FIRST, RANKS, NameRules
from .person_context import DATE_BEFORE
from .spans import overlaps
from .tokens import Token
from .words import (
    AND,
    CALENDAR,
    CALLED,
    HONORIFICS,
    PUBLIC_AFTER,
    PUBLIC_TITLES,
    WordLists,
)

# Titles that are also jobs, kept when a word comes before them ("District Nurse").
JOB_TITLES = frozenset({"nurse", "sister", "matron", "pastor", "canon"})
INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]\. $")
MIDDLE_NAME = re.compile(r" [A-ZÀ-Þ][a-zß-ÿ]{1,12} ")  # "Máire Ní Bhriain"
NAME_WORD = re.compile(r"[A-Z][A-Za-z'-]{1,30}")
LIST_GOES_ON = re.compile(r"\s*(?:,|&|and\b|n\b)", re.IGNORECASE)
SecondOpinion = Callable[["NameFinder", set[int]], list[tuple[int, int]]]


class NameFinder(NameRules):
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
        identifiers: list[tuple[int, int]] = (),
        contacts: list[tuple[int, int]] = (),
    ) -> None:
        super().__init__(text, tokens, lists, keep_words, shouting, identifiers)
        self.contact_starts = frozenset(s for s, _ in contacts)
        # A comment with no capital at all: capitalisation says nothing, as in one in capitals.
        self.lower_case = len(tokens) >= 3 and not any(c.isupper() for c in text)
        self.starts = [t.start for t in tokens]
        self.anchors = anchors
        self.free = _outside(tokens, protected)
        self.in_organisation = [
            t.lower in keep_words or not free
            for t, free in zip(tokens, _outside(tokens, organisation), strict=True)
        ]

    def _starts_name(self, i: int) -> bool:
        if not self.free[i]:
            return False
        t = self.tokens[i]
        if (
            not t.cap
            and t.lower in self.lists.common_words
            and t.lower not in PARTICLES
            and not self._known(t)
        ):
            return False  # most words: no rule below takes an ordinary word in lower case
        if self._family_name(i):
            return True  # "the Okafor family", "the singh family"
        if not t.cap:
            if self._is(i, PARTICLES):  # "Dr van der Berg"
                return self._after_honorific(i) and self._spaced(i + 1)
            if self.lower_case and self._lower_case_name(i):
                return True
            if self._lower_given(i) or self._lower_lookalike_appositive(i):
                return True
            if self._kin_lookalike(i) or self._role_lookalike(i) or self._owner(i):
                return True  # "nanna joy", "sues team"
            if self._named_as(i) or self._thanked_for(i) or self._lower_after_honorific(i):
                return True
            return self._lower_name(t) and (
                self._after_role(i)
                or self._lower_appositive(i)
                or self._introduced(i)
                or self._after_thanks(i)
                or self._our_given(i)
                or self._beside_contact(i)  # "please ring sue on 07700 900123"
            )
        if t.upper and not self.shouting and self._known(t) and self._after_thanks(i):
            return True  # "thanks RAY": a name in capitals in a comment that is not
        if t.upper and len(t.word) > 2 and self._known(t) and self._is(i - 1, CALLED):
            return True  # "the worker called KATHRYN with a K"
        if self._owner(i) or self._contrasted(i) or self._asked_about(i) or self._singled_out(i):
            return True  # "Sues team were brilliant", "Patience has the patience of a saint"
        if t.word == "A" and self._initial_surname(i):
            return True  # signing off: "... could have been a disaster. A. Pickles"
        return self._namelike(i) and (
            self._after_honorific(i)
            or self._after_role(i)
            or self._after_thanks(i)
            or self._introduced(i)
            or self._by_list(i)
            or self._appositive(i)
            or self._affiliated(i)
            or self._named_pair(i)
            or self._named_list(i)
            or self._beside_contact(i)
            or self._family_plural(i)
            or self._asked_to_call(i)
            or self._named_as(i)
            or self._initial_surname(i)
            or self._contacted(i)
            or self._companion(i)
            or self._asked(i)
        )

    def find(self, second_opinion: SecondOpinion | None = None) -> list[tuple[int, int]]:
        """The names' spans. `second_opinion`, given this finder and the tokens the rules
        took, may add words, which it takes only where `free` says (so keep terms and
        identifiers win); they are joined and merged like the rules' finds
        (train_name_scorer tries a learned one this way)."""
        spans = self.rule_spans() + self._split_by_a_line() + self._run_on()
        if second_opinion is not None:
            spans += second_opinion(self, self.covered(spans))
        spans = [self._with_first_name(s) for s in spans]
        spans = [s for s in spans if not self._public_figure(*s)]
        spans = self._repeated(self._join_pairs(spans))
        return self._run_together(_merged(spans, self.text))

    def _repeated(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A name found once is a name wherever else the comment uses it: "Ms Rudd told
        dad ... Rudd owes him an apology", "my uncle Terry ... terry has dementia". Not a
        look-alike or an ordinary word: "Rose the carer" leaves "Rose Court" alone."""
        covered = self.covered(spans)
        names = {
            self.tokens[k].lower
            for k in covered
            if self.tokens[k].cap and len(self.tokens[k].word) > 1 and self.free[k]
        } - HONORIFICS
        if not names:
            return spans
        found = list(spans)
        for i, t in enumerate(self.tokens):
            if i in covered or t.lower not in names or not self.free[i]:
                continue
            if self.in_organisation[i] or self._place_follows(i):
                continue  # "Kingsley ... Kingsley Ward"
            if t.lower in self.lists.common_words or self._lookalike_word(t.lower):
                continue
            if not t.cap and (t.lower in self.lists.given_words or self._is(i - 1, ARTICLES)):
                continue  # "Carol ... I sang them a carol"
            found.append((t.start, t.end))
        return sorted(found)

    def _run_on(self) -> list[tuple[int, int]]:
        """A name with the next word run into it by a keying slip: "Suewas brilliant",
        "Mandyand Jo came"; only a listed name before one of a few short words."""
        spans = []
        for i, t in enumerate(self.tokens):
            if not t.cap or t.upper or not self.free[i] or self._known(t):
                continue
            if t.lower in self.lists.common_words or t.lower in self.keep_words:
                continue
            for word in RUN_ON_WORDS:
                name = t.lower[: -len(word)]
                if t.lower.endswith(word) and len(name) >= 3 and self._known_name(name):
                    spans.append((t.start, t.start + len(name)))
                    break
        return spans

    def _split_by_a_line(self) -> list[tuple[int, int]]:
        """A name broken over two lines of a keyed-in card: "Mar\ngaret", "Deb\nbie"; or by
        a stray space: "Mar garet", "Dav id" (where the second part is no word, or the
        first is no name: not "Jo an angel")."""
        spans = []
        for i in range(1, len(self.tokens)):
            a, b = self.tokens[i - 1], self.tokens[i]
            gap = self.text[a.end : b.start]
            if gap not in ("\n", " ") or not (self.free[i - 1] and self.free[i]) or b.cap:
                continue
            joined = a.lower + b.lower
            if not self._given(joined) or joined in self.lists.common_words:
                continue
            if gap == " " and not (
                a.cap
                and len(joined) >= 5
                and joined in self.lists.given
                and (b.lower not in self.lists.common_words or not self._given(a.lower))
                # not two words: "GIve more" is no "Givemore"
                and not (a.lower in self.lists.common_words and b.lower in self.lists.common_words)
            ):
                continue
            spans.append((a.start, b.end))
        return spans

    def _surname_first(self, first: tuple[int, int], second: tuple[int, int]) -> bool:
        """ "Hutchinson, Claire": a surname (no given name) then a given name, the end of
        no longer list ("Smith, Jones and Patel")."""
        surname = _single_word(self.text[first[0] : first[1]])
        given = _single_word(self.text[second[0] : second[1]])
        if surname is None or given is None or LIST_GOES_ON.match(self.text, second[1]):
            return False
        return (
            surname in self.lists.surnames
            and surname not in self.lists.given
            and given in self.lists.given
            and given not in self.lists.surnames
        )

    def _run_together(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """One span for one person: "A. Hussain" (an initial with a full stop straight
        before a name; "A" alone is a word), "Li Na Chen" (a capitalised word between two
        names that is no ordinary word is a middle name) and "Hutchinson, Claire"."""
        out: list[tuple[int, int]] = []
        for start, end in spans:
            initial = INITIAL_BEFORE.search(self.text, max(0, start - 4), start)
            if initial and self._free_at(start - 3):
                start -= 3  # not the last letter of "QQ 44 19 72 B. Brian Sheard"
            if out:
                middle = self.text[out[-1][1] : start]
                word = middle.strip().lower()
                if (
                    MIDDLE_NAME.fullmatch(middle)
                    and word not in self.lists.common_words
                    and word not in self.keep_words
                ):
                    out[-1] = (out[-1][0], end)
                    continue
                if middle == ", " and self._surname_first(out[-1], (start, end)):
                    out[-1] = (out[-1][0], end)  # "Hutchinson, Claire" is one person
                    continue
            out.append((start, end))
        return out

    def _job_before_rank(self, i: int) -> bool:
        return self._is(i - 1, JOB_TITLES) and self._spaced(i - 1) and self.tokens[i - 2].cap

    def _rank_before(self, i: int) -> bool:
        """A capitalised rank or title-like job just before a name, with no capitalised word
        before it ("Ward Sister", "District Nurse" stay)."""
        return (
            self._is(i - 1, RANKS)
            and self.tokens[i - 1].cap
            and self._gap(i) == " "
            and self.free[i - 1]
            and not (i >= 2 and self.tokens[i - 2].cap and self._spaced(i - 1))
        )

    def _free_at(self, pos: int) -> bool:
        """Is the token starting at `pos` free to be a name (no identifier, no keep term)?"""
        k = bisect_left(self.starts, pos)
        return k < len(self.tokens) and self.tokens[k].start == pos and self.free[k]

    def covered(self, spans: list[tuple[int, int]]) -> set[int]:
        """The indexes of the tokens inside `spans`."""
        found: set[int] = set()
        for start, end in spans:
            k = bisect_left(self.starts, start)
            while k < len(self.tokens) and self.tokens[k].start < end:
                found.add(k)
                k += 1
        return found

    def rule_spans(self) -> list[tuple[int, int]]:
        """What the rules find, before names are joined ("Kath and Mags") and merged."""
        spans: list[tuple[int, int]] = []
        n = len(self.tokens)
        i = 0
        while i < n:
            if not self._starts_name(i):
                i += 1
                continue
            t = self.tokens[i]
            start = t.start
            if not t.cap and self._lower_after_honorific(i):
                start = self.tokens[i - 1].start  # "dr patel", "mr singh"
            elif self._after_honorific(i):
                start = self.tokens[i - 1].start
                if self._is(i - 2, RANK_FIRST) and self.tokens[i - 2].cap:
                    start = self.tokens[i - 2].start  # "Wing Commander Hammond"
                elif self._job_before_rank(i):
                    start = t.start  # "District Nurse [name]": the job stays
                elif self._is(i - 2, AND) and self._is(i - 3, HONORIFICS):
                    start = self.tokens[i - 3].start  # "Mr and Mrs Sidhu"
                elif self._is(i - 2, HONORIFICS) and self._gap(i - 1) == " & ":
                    start = self.tokens[i - 2].start  # "Mr & Mrs Lee"
            elif self._rank_before(i):
                start = self.tokens[i - 1].start  # "Sister O'Hare", "Matron Fairclough"
            end, i = self._extend(i + 1, t.end)
            spans.append((start, end))
        return spans + self._after_anchors()

    def _with_first_name(self, span: tuple[int, int]) -> tuple[int, int]:
        """ "Sunny Rai": a listed name (even a look-alike) just before a name found from
        its surname is the first name."""
        i = bisect_left(self.starts, span[0]) - 1
        if i < 0 or not self.free[i] or self._gap(i + 1) != " " or self.tokens[i].end > span[0]:
            return span
        t = self.tokens[i]
        if self.text[t.end : span[0]] != " " or not t.cap or not self._known(t):
            return span
        if t.lower in CALENDAR:
            # "Monday Okoro did the calls": a day or month before a listed surname that is
            # no ordinary word, with no date word before it ("on Monday Smith came").
            surname = self.text[span[0] : span[1]].lower()
            if (
                self._is(i - 1, DATE_BEFORE)
                or surname not in self.lists.surnames
                or surname in self.lists.common_words
            ):
                return span
        return (t.start, span[1])

    def _extend(self, i: int, end: int) -> tuple[int, int]:
        """Take in the surnames after a name; returns the new end and the next token."""
        n = len(self.tokens)
        while i < n and self.free[i] and self._joins(end, i):
            if i > 0 and self.tokens[i - 1].possessive and self.tokens[i - 1].end == end:
                break
            j = i
            # "Maria da Silva", "Dr van der Berg"
            while j < n and j - i < 2 and self._is(j, PARTICLES) and self._spaced(j + 1):
                j += 1
            if not (self._surname_like(j) or self._lower_surname(j) or self._signed_surname(j)):
                break
            if not all(self.free[i : j + 1]):
                break
            end, i = self.tokens[j].end, j + 1
        return end, i

    def _signed_surname(self, j: int) -> bool:
        """A listed surname that is also a word, just before the writer's address or number:
        "Eileen Ward, 4 Mill Lane"."""
        t = self.tokens[j]
        return (
            t.cap
            and t.lower in self.lists.surnames
            and self._contact_follows(t.end, (", ", " - ", ". "))
        )

    def _lower_surname(self, j: int) -> bool:
        """In a comment with no capitals, a listed surname or an O' or Mc one after a name:
        "mrs ann-marie o'sullivan"."""
        t = self.tokens[j]
        return (
            self.lower_case
            and t.lower not in self.lists.common_words
            and (t.lower in self.lists.surnames or IRISH_SCOTTISH.fullmatch(t.lower) is not None)
        )

    def _joins(self, end: int, i: int) -> bool:
        """Token i continues a name ending at `end`: "Mary Smith", "Smith-Jones", and after
        an initial "P. Walker"."""
        gap = self.text[end : self.tokens[i].start]
        if gap in (" ", "-"):
            return True
        initial = i > 0 and len(self.tokens[i - 1].word) == 1 and self.tokens[i - 1].end == end
        return gap in (". ", ".") and initial and self.tokens[i - 1].word.isupper()

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
        if not found and not self.anchors:
            return found
        # The tokens inside a name, or inside a placeholder already there ("Del and [name]").
        covered = self.covered(found + [(s, e) for s, e, _ in self.anchors])

        def is_found(j: int) -> bool:
            return j in covered

        for _ in range(2):  # a short chain: "Kath, Mags and Jo"
            for i, t in enumerate(self.tokens):
                if is_found(i) or not self.free[i]:
                    continue
                if not t.cap:  # "thanks to dave and bev", and with no capitals "gracie n lil"
                    if not (self._lower_name(t) or (self.lower_case and self._unlisted(t))):
                        continue
                elif not self._namelike(i) or not (
                    self._plausible(t) or self._calendar_person(i)  # "Summer and Kath"
                ):
                    continue
                if self._place_follows(i) or self._place_tail(i):
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
                    covered.add(i)
        return sorted(set(found))


RUN_ON_WORDS = ("and", "was", "is", "has", "had", "came", "said", "did", "from")
IRISH_SCOTTISH = re.compile(r"(?:o'|o’|mc|mac)[a-z]{3,20}")


def _single_word(text: str) -> str | None:
    return text.lower() if NAME_WORD.fullmatch(text) else None


def _merged(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """One span for overlapping finds ("[name] Smith" found as a whole and as "Smith") and
    for names side by side ("MARGARET ANN SYKES" found as two), also across one line break
    ("Anne\nMarie")."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start < merged[-1][1] or text[merged[-1][1] : start] in (" ", "\n")):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _outside(tokens: list[Token], spans: list[tuple[int, int]]) -> list[bool]:
    """For each token, whether it overlaps none of `spans`."""
    if not spans:
        return [True] * len(tokens)
    return [not overlaps(t.start, t.end, spans) for t in tokens]
