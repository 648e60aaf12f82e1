"""Services and organisations written out in a comment, which are kept: "Speak Up Advocacy",
"Rotherham Carers Resilience team", "Lifeline", "Parkinson's UK".

Without this an unfamiliar capitalised word in an organisation's name reads like a surname
("Resilience rang me"). A run of capitalised words counts as an organisation when one of
them is a word organisations are named with (Advocacy, Trust, Council...), or when a word
like "team" or "service" follows it. A given name never belongs to a run, so "Julie from
Cloverleaf Advocacy" still loses "Julie"; a job title ends one ("Team Manager Kowalski") and
keeps only its own words ("Tayo Support Worker").
"""

from __future__ import annotations

from .tokens import Token
from .words import HONORIFICS, ROLES, WordLists, words

ORG_HEADS = words(
    """
    advocacy advice service services team trust council centre center society association
    partnership partnerships project network careline lifeline alarm alarms telecare forum
    group hub foundation charity support link connect healthwatch department directorate
    board carers care action aid helpline alliance federation agency ltd limited cic homecare
    healthcare solutions cafe club library clinic surgery practice pharmacy hospital hospice
    college school academy university authority commission bureau housing reablement uk
    infirmary partners solicitors llp plc sons associates accountants stairlifts mobility
    """
)
# After a run in lower case: "Rotherham Carers Resilience team", "Lifeline alarm".
LOWER_HEADS = words(
    "team service services advocacy alarm alarms helpline charity group project scheme club "
    "trust hub network forum"
)
# Strong enough after one unfamiliar word ("Cloverleaf advocacy"); "Tayo team" is not.
STRONG_LOWER_HEADS = words("advocacy alarm alarms helpline charity")
CONNECTORS = words("and of for to the in on")
# One-word names made of a word and an ending: "Lifeline", "Healthwatch", "Homecare".
COMPOUND_ENDINGS = ("line", "watch", "care", "link", "call", "aid", "net", "point", "works")
# Places named after royalty carry a given name: "Royal Victoria Infirmary".
ROYAL = words("royal queen king prince princess duke duchess")
RUN_GAPS = (" ", " & ", "'s ", "’s ")
# A job title ends a run ("Team Manager"), but "Carers" also names a service: "Carers
# Resilience Service".
TITLE_ENDS = ROLES - ORG_HEADS


class _Runs:
    def __init__(self, text: str, tokens: list[Token], lists: WordLists) -> None:
        self.text = text
        self.tokens = tokens
        self.lists = lists

    def gap(self, i: int) -> str:
        return self.text[self.tokens[i - 1].end : self.tokens[i].start]

    def compound(self, t: Token) -> bool:
        if not t.cap or t.upper or self.lists.is_name_word(t.lower):
            return False
        for ending in COMPOUND_ENDINGS:
            stem = t.lower[: -len(ending)]
            if t.lower.endswith(ending) and len(stem) >= 3 and stem in self.lists.common_words:
                return True
        return False

    def in_run(self, i: int) -> bool:
        t = self.tokens[i]
        if not (t.cap or t.upper) or len(t.word) == 1:
            return False
        if t.lower in HONORIFICS or (i > 0 and self.tokens[i - 1].lower in HONORIFICS):
            return False  # "Dr Smith Surgery": the honorific rule decides
        if i > 0 and self.tokens[i - 1].lower in TITLE_ENDS and not self.is_head(t):
            # "one nurse, Hillary Healthcare Manager": after a role comes a name
            return self.gap(i) not in (" ", ", ")
        if i > 0 and self.tokens[i - 1].cap and self.tokens[i - 1].lower in ROYAL:
            return True  # "Royal Victoria Infirmary", "Queen Elizabeth Hospital"
        first = t.lower.split("-")[0]
        return not (
            t.lower in self.lists.given
            or first in self.lists.given
            or t.lower in self.lists.person_first
        )

    def is_head(self, t: Token) -> bool:
        return t.lower in ORG_HEADS or self.compound(t)

    def spans(self) -> list[tuple[int, int]]:
        tokens, n = self.tokens, len(self.tokens)
        found: list[tuple[int, int]] = []
        i = 0
        while i < n:
            if not self.in_run(i):
                i += 1
                continue
            j, head = i, self.is_head(tokens[i])
            while tokens[j].lower not in TITLE_ENDS:  # "Team Manager" ends the name
                k = j + 1
                if (
                    k + 1 < n
                    and tokens[k].lower in CONNECTORS
                    and not tokens[k].cap
                    and self.gap(k) == " "
                    and self.gap(k + 1) == " "
                    and self.in_run(k + 1)
                ):
                    k += 1
                elif not (k < n and self.gap(k) in RUN_GAPS and self.in_run(k)):
                    break
                j = k
                head = head or self.is_head(tokens[j])
            end = j
            while (
                end + 1 < n
                and self.gap(end + 1) == " "
                and tokens[end + 1].lower in LOWER_HEADS
                and not tokens[end + 1].cap
                and (j > i or head or tokens[end + 1].lower in STRONG_LOWER_HEADS)
            ):
                end, head = end + 1, True
            start = i
            if tokens[j].lower in TITLE_ENDS:
                # A job title: "Tayo Support Worker" keeps "Support Worker" only.
                start = next((k for k in range(i, j + 1) if self.is_head(tokens[k])), j)
            if head:
                found.append((tokens[start].start, tokens[end].end))
            i = end + 1
        return found


def organisation_spans(
    text: str, tokens: list[Token], lists: WordLists, shouting: bool
) -> list[tuple[int, int]]:
    """Where the comment names a service or organisation; none in a comment in capitals."""
    if shouting:
        return []
    return _Runs(text, tokens, lists).spans()
