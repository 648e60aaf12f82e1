"""Find and redact personal data in a feedback comment.

Structured identifiers (email, also written out as "john dot smith at gmail dot com";
phone; NHS and National Insurance numbers; postcodes; addresses; dates of birth; vehicle
registrations) are found with bounded regular expressions and then checked (digit counts,
the NHS modulus-11 check digit, a real postcode area): see `identifiers` and `vehicles`.
Names are found from context: honorifics, a role before the name ("my son John"), a
thank-you, "ask for Sue", "Mark the carer", "Hope from Age UK", "Precious is a carer",
"Daisy (my niece)", a name beside a phone number or e-mail address, "her surname is X",
"I emailed Heather", "Grace and I", and lists of given names, nicknames and surnames from
the many communities in the UK, gated by capitalisation, because many names are also
ordinary words ("Will", "Hope"): see `names`, `name_rules` and `person_context`. A
comment in capitals or with no capitals at all is read with that in mind.

Places, organisations and public figures are kept: the packaged keep terms, services
written out in full ("Speak Up Advocacy", see `organisations`), and a council's own terms
passed as `keep` (read them with `load_keep_terms`, see `keep`).

Every pattern is compiled once and has bounded repetition, so the work is linear in the
length of the comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .identifiers import find_structured
from .keep import KeepList, KeepTermsError, check_term, load_keep_terms
from .names import NameFinder, SecondOpinion
from .organisations import organisation_spans
from .spans import Found, overlaps
from .tokens import is_shouting, tokenize
from .words import word_lists

__all__ = [
    "PLACEHOLDERS",
    "REDACTOR_VERSION",
    "Found",
    "KeepTermsError",
    "Redaction",
    "Redactor",
    "load_keep_terms",
    "redact",
]

REDACTOR_VERSION = "2.7"

PLACEHOLDERS = {
    "name": "[name]",
    "phone": "[phone]",
    "email": "[email]",
    "postcode": "[postcode]",
    "address": "[address]",
    "nhs number": "[nhs number]",
    "ni number": "[ni number]",
    "date of birth": "[date of birth]",
    "vehicle": "[vehicle]",
    "reference": "[reference]",
}

# Placeholders already in a comment: upstream's "[Name redacted]" (reported as a name) and
# our own "[name]" (reported only when a surname was left after it: "[name] Smith").
UPSTREAM_MARK = re.compile(r"\[\s{0,3}names?\s{1,3}(?:redacted|removed)\s{0,3}\]", re.IGNORECASE)
OWN_MARK = re.compile(r"\[\s{0,3}name\s{0,3}\]", re.IGNORECASE)
# "Reg AB12 CDE": the word before a registration is not a man called Reg.
# A name written just before one of these is the person to contact: "Joy Bramall, jb@...".
CONTACT_KINDS = frozenset({"phone", "email", "address"})
INTRODUCER = re.compile(r"\b(?:reg|registration|plate)\W{0,3}$", re.IGNORECASE)


@dataclass(frozen=True)
class Redaction:
    text: str
    items: tuple[Found, ...]


# One or two words after an address and a comma, then the end, a comma or a postcode.
TOWN_AFTER = re.compile(
    r",\s{1,3}([A-Za-z][a-z'’-]{2,20}(?:\s[A-Z][a-z'’-]{2,20})?)(?=\s*(?:[,.\n]|$|[A-Z]{1,2}\d))"
)


class Redactor:
    """A redactor that also keeps a council's own place and organisation names.

    Build one at start-up and reuse it: the keep terms are checked and compiled here, once.
    Raises KeepTermsError (a ValueError) for a term that cannot be kept, such as a given
    name on its own ("Hope" would leave every Hope in).
    """

    def __init__(
        self, keep: Iterable[str] = (), second_opinion: SecondOpinion | None = None
    ) -> None:
        extra = frozenset(" ".join(term.split()) for term in keep)
        for term in sorted(extra):
            reason = check_term(term)
            if reason:
                raise KeepTermsError(f"keep term {term!r} {reason}")
        self.keep_terms = extra
        self._lists = word_lists()
        self._keep = KeepList(self._lists.keep_terms | extra)
        # Only for trying a finder of names beside the rules (see `NameFinder.find`).
        self.second_opinion = second_opinion

    def redact(self, text: str) -> Redaction:
        """Replace personal data in `text` with typed placeholders such as "[phone]"."""
        chosen, finder = self.read(text)
        claimed = [(f.start, f.end) for f in chosen]
        for start, end in finder.find(self.second_opinion):
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

    def read(self, text: str) -> tuple[list[Found], NameFinder]:
        """The identifiers found in `text`, and a name finder over its words that knows
        what is protected (train_name_scorer reads these too)."""
        chosen: list[Found] = []
        for item in find_structured(text):
            if not overlaps(item.start, item.end, [(f.start, f.end) for f in chosen]):
                chosen.append(item)
        claimed = [(f.start, f.end) for f in chosen]
        anchors = [(m.start(), m.end(), True) for m in UPSTREAM_MARK.finditer(text)]
        anchors += [(m.start(), m.end(), False) for m in OWN_MARK.finditer(text)]
        introducers = [
            (m.start(), m.end())
            for f in chosen
            if f.kind == "vehicle"
            and (m := INTRODUCER.search(text, max(0, f.start - 16), f.start)) is not None
        ]
        tokens = tokenize(text)
        shouting = is_shouting(text)
        kept = self._keep.spans(text) + organisation_spans(text, tokens, self._lists, shouting)
        # The town after an address: "22 Mill Lane, Clayton, BD14 6AB" (kept, as a place).
        for f in chosen:
            if f.kind == "address" and (m := TOWN_AFTER.match(text, f.end)) is not None:
                kept.append((m.start(1), m.end(1)))
        finder = NameFinder(
            text,
            tokens,
            self._lists,
            self._keep.words,
            protected=claimed + kept + introducers + [a[:2] for a in anchors],
            organisation=kept,
            anchors=anchors,
            shouting=shouting,
            identifiers=claimed,
            contacts=[(f.start, f.end) for f in chosen if f.kind in CONTACT_KINDS],
        )
        return chosen, finder


@lru_cache(maxsize=16)
def _redactor(keep: frozenset[str]) -> Redactor:
    return Redactor(keep)


def redact(text: str, keep: Iterable[str] | None = None) -> Redaction:
    """Replace personal data in `text` with typed placeholders such as "[phone]".

    `keep`: extra place or organisation names to leave in, as from `load_keep_terms`. A
    redactor is built and cached for each distinct set; a long-running caller can build a
    `Redactor` once instead.
    """
    return _redactor(keep if isinstance(keep, frozenset) else frozenset(keep or ())).redact(text)
