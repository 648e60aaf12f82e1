"""Find the concepts in a comment, then drop the ones the context takes back.

Per sentence: every word is looked up once (cached) to find which groups start there;
figures of speech ("I'd kill for a cuppa") hide the words they cover; then each concept
whose first part is present is searched for in order with bounded gaps. A match is taken
back when a negation governs it ("he has never hit her"), when a word the concept names
as a look-alike sits next to it ("abuse of the system"), or when the sentence says it was
in the past and dealt with ("years ago ... it was sorted"). A past concern not said to be
dealt with is kept, but only for review.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .concepts import SPECIAL_GROUPS, Concept, Lexicon
from .text import Sentence, sentences

Span = tuple[int, int]
Occurrences = dict[str, list[Span]]

NEGATION_REACH = 3  # words before a match that a "not" or "never" can govern
# "not sorted", "never dealt with": how far before a resolution a negation undoes it
RESOLVED_REACH = 2
OR_REACH = 3  # extra reach when the match follows "or"/"nor"
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
# A figure of speech hides content words, not the context words ("dealt with" is both).
UNMASKED = frozenset(SPECIAL_GROUPS)
CONTEXT = ("past", "resolved", "settled", "ongoing")  # what a sentence says of a match
ATTEMPT_LIMIT = 64  # candidate matches tried per concept per sentence


@dataclass(frozen=True)
class Finding:
    """One concept found in one sentence: what it was and where, for the person reading."""

    concept: str
    categories: tuple[str, ...]
    tier: str
    phrase: str  # the words matched, normalised
    sentence: str  # the sentence as written
    dated: bool = False  # said to be in the past, so lowered to review

    @property
    def category(self) -> str:
        return self.categories[0]


class Matcher:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def occurrences(self, sentence: Sentence) -> Occurrences:
        """Where each group's entries start and end in the sentence."""
        words, capitals = sentence.words, sentence.capitals
        n = len(words)
        occ: Occurrences = {}
        given = self.lexicon.given_names
        starts = self.lexicon.root.children
        for i, word in enumerate(words):
            frontier = starts(word)
            end = i + 1
            while frontier:
                for node in frontier:
                    for key in node.keys:
                        occ.setdefault(key, []).append((i, end))
                if end >= n:
                    break
                following = words[end]
                frontier = [c for node in frontier for c in node.children(following)]
                end += 1
            name_end = 0
            if capitals[i] and word in given:
                name_end = i + 1
            elif word in HONORIFICS and i + 1 < n and capitals[i + 1]:
                name_end = i + 2
            if name_end:
                for key in self.lexicon.name_groups:
                    occ.setdefault(key, []).append((i, name_end))
        for spans in occ.values():
            spans.sort()
        figures = occ.pop("figure", None)
        if figures:
            hidden = {p for start, end in figures for p in range(start, end)}
            for key, spans in list(occ.items()):
                if key in UNMASKED:
                    continue
                kept = [s for s in spans if not any(p in hidden for p in range(*s))]
                if kept:
                    occ[key] = kept
                else:
                    del occ[key]
        return occ

    def find(self, text: str) -> list[Finding]:
        parsed = sentences(text)
        occs = [self.occurrences(s) for s in parsed]
        findings: list[Finding] = []
        for index, (sentence, occ) in enumerate(zip(parsed, occs, strict=True)):
            negations = _negations(occ)
            tried: set[str] = set()
            present = occ.keys()
            for key in occ:
                for concept in self.lexicon.by_key.get(key, ()):
                    if concept.id in tried:
                        continue
                    tried.add(concept.id)
                    if not present >= concept.required:
                        continue  # nearly every candidate: a part is missing
                    parts = _match(concept, occ, negations, sentence.words)
                    if parts is None:
                        continue
                    tier = _tier_in_context(concept, occs, index, parts)
                    if tier is None:
                        continue
                    phrase = " ".join(sentence.words[parts[0][0] : parts[-1][1]])
                    findings.append(
                        Finding(
                            concept.id,
                            concept.categories,
                            tier,
                            phrase,
                            sentence.text,
                            dated=tier != concept.tier,
                        )
                    )
        return findings


def _negations(occ: Occurrences) -> list[tuple[int, int]]:
    """Where a negation starts and how far it reaches, leaving out "not sure" and the like."""
    exempt = {start for start, _ in occ.get("not_negating", ())}
    found = {(start, NEGATION_REACH) for start, _ in occ.get("negator", ())}
    found |= {(start, 1) for start, _ in occ.get("negator_near", ())}
    return sorted((start, reach) for start, reach in found if start not in exempt)


def _match(
    concept: Concept, occ: Occurrences, negations: list, words: tuple[str, ...]
) -> list[Span] | None:
    """The first acceptable placing of the concept's parts (all present: `find` checks)."""
    if any(k in occ for k in concept.unless):
        return None
    attempts = 0
    for order in concept.orders:
        for first in occ[order[0]]:
            for parts in _extend(order, [first], occ, concept.gap):
                attempts += 1
                if _acceptable(concept, parts, occ, negations, words):
                    return parts
                if attempts >= ATTEMPT_LIMIT:
                    return None
    return None


def _extend(order: tuple[str, ...], parts: list[Span], occ: Occurrences, gap: int):
    """Yield each way to place the remaining parts after `parts`, gaps at most `gap`."""
    if len(parts) == len(order):
        yield list(parts)
        return
    spans = occ[order[len(parts)]]
    end = parts[-1][1]
    at = bisect_left(spans, (end, end))
    while at < len(spans) and spans[at][0] <= end + gap:
        parts.append(spans[at])
        yield from _extend(order, parts, occ, gap)
        parts.pop()
        at += 1


def _acceptable(
    concept: Concept, parts: list[Span], occ: Occurrences, negations, words: tuple[str, ...]
) -> bool:
    lo, hi = parts[0][0], parts[-1][1]
    near = concept.near
    for key in concept.unless_before:
        if any(lo - near <= start < lo for start, _ in occ.get(key, ())):
            return False
    for key in concept.unless_after:
        if any(hi <= start < hi + concept.near_after for start, _ in occ.get(key, ())):
            return False
    if concept.negatable and negations:
        inside = {p for start, end in parts for p in range(start, end)}
        # "did not feel unsafe or uncared for": a negation carries across "or"
        extra = OR_REACH if lo > 0 and words[lo - 1] in ("or", "nor") else 0
        for p, reach in negations:
            if lo - reach - extra <= p < hi and p not in inside:
                return False
    return True


def _outside(occ: Occurrences, lo: int, hi: int) -> Occurrences:
    """The context groups of `occ` with the spans inside words lo..hi left out."""
    inside = [k for k in CONTEXT if any(lo <= s and e <= hi for s, e in occ.get(k, ()))]
    if not inside:
        return occ
    trimmed = dict(occ)
    for key in inside:
        kept = [(s, e) for s, e in occ[key] if not (lo <= s and e <= hi)]
        if kept:
            trimmed[key] = kept
        else:
            del trimmed[key]
    return trimmed


def _ongoing(occ: Occurrences) -> bool:
    """Still happening, said outside a resolution: "again" in "never came again" is not."""
    resolved = occ.get("resolved", ())
    return any(
        not any(s <= start and end <= e for s, e in resolved)
        for start, end in occ.get("ongoing", ())
    )


def _has(occ: Occurrences, key: str) -> bool:
    return key in occ


def _resolved(occ: Occurrences) -> bool:
    """The sentence says it was dealt with, and not "never dealt with"."""
    spans = occ.get("resolved")
    if not spans:
        return False
    negations = _negations(occ)
    return any(
        not any(start - min(reach, RESOLVED_REACH) <= p < start for p, reach in negations)
        for start, _ in spans
    )


def _tier_in_context(
    concept: Concept, occs: list[Occurrences], index: int, parts: list[Span]
) -> str | None:
    """The concept's tier; None if dealt with in the past; "review" if only in the past.
    The match's own words say nothing of its context: "I've sorted my affairs" is no
    concern "sorted"."""
    here = _outside(occs[index], parts[0][0], parts[-1][1])
    after = occs[index + 1] if index + 1 < len(occs) else {}
    if _ongoing(here) or _ongoing(after):
        return concept.tier
    past = _has(here, "past")
    if _resolved(here) or (
        past and (_resolved(after) or _has(here, "settled") or _has(after, "settled"))
    ):
        return None
    if past and concept.downgrade_past:
        return "review"
    return concept.tier
