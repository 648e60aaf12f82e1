"""Names, found from context: honorifics, a role before the name ("my son John"), a
thank-you, and a list of common UK given names gated by capitalisation, because many names
are also ordinary words ("Will", "Hope").

The word lists live in feedback/insight/data/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .spans import overlaps

DATA_DIR = Path(__file__).parent.parent / "data"


@dataclass(frozen=True)
class _Lists:
    given: frozenset[str]
    surnames: frozenset[str]
    person_first: frozenset[str]
    word_first: frozenset[str]
    keep_words: frozenset[str]
    common_words: frozenset[str]
    keep_phrases: re.Pattern[str] | None


def _read_list(name: str) -> list[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def _lists() -> _Lists:
    sections: dict[str, set[str]] = {}
    current = ""
    for line in _read_list("name_lookalikes.txt"):
        if line.startswith("["):
            current = line.strip("[]")
            continue
        sections.setdefault(current, set()).add(line.lower())
    keep = _read_list("keep_terms.txt")
    phrases = sorted((t for t in keep if " " in t or "-" in t), key=len, reverse=True)
    pattern = "|".join(re.escape(p).replace(r"\ ", r"\s{1,3}") for p in phrases)
    return _Lists(
        given=frozenset(w.lower() for w in _read_list("given_names.txt")),
        surnames=frozenset(w.lower() for w in _read_list("surnames.txt")),
        person_first=frozenset(sections.get("person-first", ())),
        word_first=frozenset(sections.get("word-first", ())),
        keep_words=frozenset(t.lower() for t in keep if " " not in t),
        common_words=frozenset(_read_list("common_words.txt")),
        keep_phrases=re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) if pattern else None,
    )


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


HONORIFICS = _words(
    """
    mr mrs ms miss mx dr sir dame prof professor rev revd cllr councillor
    """
)
ROLES = _words(
    """
    worker carer carers ot physio physiotherapist therapist nurse doctor gp manager
    officer assessor advocate coordinator co-ordinator befriender volunteer receptionist
    handyman driver son daughter husband wife partner brother sister mum mam mother dad
    father nan nana gran grandma granny grandad grandpa granddaughter grandson neighbour
    friend aunt auntie aunty uncle nephew niece cousin daughter-in-law son-in-law
    stepdaughter stepson stepmum stepdad lodger fiance fiancee lady man gentleman woman
    girl lad chap guy colleague boss keyworker psychologist psychiatrist cpn consultant
    paramedic pharmacist dietitian podiatrist
    """
)
NAMING_VERBS = frozenset({"called", "named", "is"})
CALLED = frozenset({"called", "named"})
AND = frozenset({"and"})
PERSON_VERBS = _words(
    """
    listened listens phoned rang rings said says told came comes visited visits explained
    helped helps sorted arranged called asked spoke answered advised understood smiled
    laughed talked chatted organised rang apologised promised
    """
)
BE_VERBS = frozenset({"was", "is", "has", "had", "did", "does", "went", "from", "at", "in"})
CALENDAR = _words(
    """
    may june april august march january february july september october november december
    monday tuesday wednesday thursday friday saturday sunday summer autumn christmas
    easter
    """
)
PLACE_AFTER = _words(
    """
    road street lane avenue close drive way crescent grove court place terrace gardens
    house lodge centre center ward unit hospital hospice home surgery clinic school
    college award hall park street view walk rise hill mews square row green
    """
)
STOP_CAPS = _words(
    """
    i the a an and but or so if we he she they it my our his her their you your this that
    these those there here when then what who why how where very thank thanks thankyou
    please yes no not all also just great good excellent lovely brilliant ot gp cpn nhs
    team service services surgery centre office hospital council department ward unit home
    house day night morning evening always never has had was is were are would could
    should did does dob nhs ni ref after before since during with without from for at by
    on in of to about over under everyone everybody nobody someone social care carer
    carers staff dept
    """
)
SENTENCE_END = ".!?\n"
# Endings of ordinary words ("Basically", "Exercises"), so an unknown word with one is no name.
WORD_ENDINGS = re.compile(r"(?:[^l]ly|ing|ed|tion|ness|ment|ful|ous|ive|able|ies|ses)$")

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]{0,40}")
POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


@dataclass
class _Token:
    start: int
    end: int  # excludes a possessive 's
    word: str
    lower: str
    cap: bool
    upper: bool
    possessive: bool


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for m in TOKEN.finditer(text):
        raw = m.group().rstrip("-'’")
        word = POSSESSIVE.sub("", raw) or raw
        tokens.append(
            _Token(
                m.start(),
                m.start() + len(word),
                word,
                word.lower(),
                word[0].isupper(),
                word.isupper() and len(word) > 1,
                word != raw,
            )
        )
    return tokens


class NameFinder:
    """Walks the tokens of one comment deciding which are people's names."""

    def __init__(self, text: str, claimed: list[tuple[int, int]]) -> None:
        self.text = text
        self.lists = _lists()
        self.tokens = _tokens(text)
        protected = list(claimed)
        if self.lists.keep_phrases:
            protected += [(m.start(), m.end()) for m in self.lists.keep_phrases.finditer(text)]
        self.free = [not overlaps(t.start, t.end, protected) for t in self.tokens]
        letters = [c for c in text if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        self.shouting = len(letters) >= 8 and upper > 0.7 * len(letters)
        caps = sum(t.cap for t in self.tokens)
        self.title_case = len(self.tokens) >= 6 and caps > 0.6 * len(self.tokens)

    # --- helpers
    def _is(self, i: int, words: frozenset[str]) -> bool:
        return 0 <= i < len(self.tokens) and self.tokens[i].lower in words

    def _gap(self, i: int) -> str:
        """The text between token i-1 and token i."""
        return self.text[self.tokens[i - 1].end : self.tokens[i].start] if i > 0 else ""

    def _adjacent(self, i: int) -> bool:
        return i > 0 and self._gap(i) in (" ", ", ", ",", " ,", " & ", "&")

    def _sentence_start(self, i: int) -> bool:
        before = self.text[: self.tokens[i].start].rstrip(" \t\"'‘“(*-•")
        if not before:
            return True
        if before[-1] not in SENTENCE_END:
            return False
        # "Mrs. Smith", "Dr. Khan": the full stop belongs to the honorific.
        return not (before[-1] == "." and self._is(i - 1, HONORIFICS | {"st", "no"}))

    def _namelike(self, i: int) -> bool:
        """Could token i be part of a name at all?"""
        t = self.tokens[i]
        if ("'" in t.word or "’" in t.word) and not re.match(r"[A-Z]['’][A-Z]", t.word):
            return False  # I've, Don't; but O'Neil
        if t.upper and not self.shouting and not self._is(i - 1, HONORIFICS):
            return False  # acronyms: CBT, ED, IRIS
        return (
            (t.cap or t.upper)
            and t.lower not in STOP_CAPS
            and t.lower not in ROLES
            and t.lower not in HONORIFICS
            and (t.lower not in self.lists.keep_words or t.lower in CALENDAR)
        )

    def _known(self, t: _Token) -> bool:
        first = t.lower.split("-")[0]
        return (
            t.lower in self.lists.given
            or first in self.lists.given
            or t.lower in self.lists.person_first
            or t.lower in self.lists.word_first
        )

    def _unknown_word(self, t: _Token) -> bool:
        """Capitalised, on no list and not an ordinary word: perhaps a rarer name."""
        return (
            t.cap
            and not t.upper
            and len(t.word) > 2
            and not WORD_ENDINGS.search(t.lower)
            and not self._known(t)
            and t.lower not in self.lists.common_words
            and t.lower not in self.lists.keep_words
        )

    def _place_follows(self, i: int) -> bool:
        """ "Dale Road", "Winifred 2" (a ward), "St Luke's": a name used for a place."""
        after = self.text[self.tokens[i].end : self.tokens[i].end + 8]
        ward_number = re.match(r" (?:\d{1,2}\b(?![ -]?\d)|(?:19|20)\d\d\b)", after)
        return (
            self._is(i + 1, PLACE_AFTER)
            or self._is(i - 1, frozenset({"st", "saint"}))
            or ward_number is not None
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
        if not t.cap and not t.upper:
            return t.lower in self.lists.given and self._is(i - 1, ROLES)
        if t.lower in CALENDAR:
            return t.lower in {"may", "june", "april", "august"} and self._is(i - 1, ROLES)
        plausible = self._known(t) or self._unknown_word(t)
        if self._is(i - 1, NAMING_VERBS):
            return plausible and (self._is(i - 2, ROLES) or self._is(i - 1, CALLED))
        return plausible and self._is(i - 1, ROLES)

    def _after_thanks(self, i: int) -> bool:
        t = self.tokens[i]
        if not self._adjacent(i) or not t.cap:
            return False
        prev = self.tokens[i - 1].lower if i else ""
        thanked = prev in {"thanks", "thankyou", "cheers"} or (
            prev in {"you", "to"} and self._is(i - 2, frozenset({"thank", "thanks"}))
        )
        return thanked and (self._known(t) or self._unknown_word(t))

    def _by_list(self, i: int) -> bool:
        t = self.tokens[i]
        lists = self.lists
        if self._place_follows(i) or t.lower in lists.keep_words:
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
        if t.lower not in lists.person_first or self.title_case or self._sentence_start(i):
            return False
        if self._is(i - 1, frozenset({"the", "a", "an"})):
            return False
        if nxt is not None and nxt.cap and self._gap(i + 1) == " ":
            return nxt.lower in lists.surnames  # "Will Smith", but "Rose Court"
        return True

    def find(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        n = len(self.tokens)
        i = 0
        while i < n:
            t = self.tokens[i]
            hit = self.free[i] and (
                (
                    self._namelike(i)
                    and (
                        self._after_honorific(i)
                        or self._after_role(i)
                        or self._after_thanks(i)
                        or self._by_list(i)
                    )
                )
                or (not t.cap and self._after_role(i))
            )
            if not hit:
                i += 1
                continue
            start = self.tokens[i - 1].start if self._after_honorific(i) else t.start
            end, i = t.end, i + 1
            while (
                i < n
                and self.free[i]
                and not self.tokens[i - 1].possessive
                and self._gap(i) in (" ", "-")
                and self._surname_like(i)
            ):
                end, i = self.tokens[i].end, i + 1
            spans.append((start, end))
        return self._join_pairs(spans)

    def _surname_like(self, i: int) -> bool:
        t = self.tokens[i]
        if len(t.word) == 1:
            return t.word.isupper() and (t.word not in "IA" or self._is(i - 1, HONORIFICS))
        if not t.cap or t.upper != self.shouting or not self._namelike(i):
            return False
        if t.lower in CALENDAR or self._is(i + 1, PLACE_AFTER):
            return False
        if t.lower in self.lists.surnames:
            return True
        return not self.shouting and (t.lower in self.lists.given or self._unknown_word(t))

    def _join_pairs(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """ "Kath and Mags": a capitalised word joined by "and" or "&" to a name is a name."""
        found = list(spans)

        def is_found(j: int) -> bool:
            return 0 <= j < len(self.tokens) and any(
                s <= self.tokens[j].start < e for s, e in found
            )

        for _ in range(2):  # a short chain: "Kath, Mags and Jo"
            for i, t in enumerate(self.tokens):
                if is_found(i) or not self.free[i] or not t.cap or not self._namelike(i):
                    continue
                if not (self._known(t) or self._unknown_word(t)) or t.lower in CALENDAR:
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
