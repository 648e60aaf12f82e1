"""How the safeguarding pages name what the detector found, in words the duty team uses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

TIER_NAMES = {"alert": "Alert", "review": "Review today"}

# What the duty team found (services.safeguarding.OUTCOMES), as they choose it and as the
# queue shows it.
OUTCOME_CHOICES = {
    "concern": "A possible safeguarding concern: I have passed it on or recorded it",
    "known": "Already known to us, or already dealt with",
    "not-concern": "Not a safeguarding concern",
}
OUTCOME_NAMES = {
    "concern": "a possible concern",
    "known": "already known",
    "not-concern": "not a concern",
}


def item_name(tier: str, number: int) -> str:
    """What the queue calls one entry: "Alert 12" (emailed), "Review 13" (not emailed)."""
    return f"{'Review' if tier == 'review' else 'Alert'} {number}"


# The detector's categories (feedback/insight/safeguarding/concepts.toml).
CATEGORY_NAMES = {
    "physical": "physical abuse",
    "domestic": "domestic abuse",
    "sexual": "sexual abuse",
    "psychological": "psychological abuse",
    "financial": "financial abuse",
    "modern-slavery": "modern slavery",
    "discriminatory": "discriminatory abuse",
    "organisational": "organisational abuse",
    "neglect": "neglect",
    "self-neglect": "self-neglect",
    "self-harm": "self-harm or suicide",
    "fall": "a fall",
    "exploitation": "exploitation",
    "fear": "fear of someone",
    "abuse-unspecified": "abuse, kind not said",
    # The model's own finding, where no concept matched (review tier only).
    "unclear": "possible harm, kind not clear (found by the model, not a concept)",
    "other-language": "written in another language: read it today, the detector reads English only",
    # Not the detector's: a member of staff read the comment and raised it.
    "raised-by-staff": "raised by a member of staff who read the comment",
}


def category_name(category: str) -> str:
    """A category in words; one the detector adds later shows as its own name."""
    return CATEGORY_NAMES.get(category, category.replace("-", " "))


def _first_upper(text: str) -> str:
    """Like str.capitalize, but leaves the rest alone ("English" stays "English")."""
    return text[:1].upper() + text[1:]


def categories_text(categories: Iterable[str]) -> str:
    names = [category_name(category) for category in categories]
    return _first_upper(", ".join(names) or "not recorded")


def concept_name(concept: str, categories: Iterable[str] = ()) -> str:
    """'fall.left-on-floor' → 'A fall: left on floor'; a concept with no detail of its
    own is named by its category alone."""
    group, _, detail = concept.partition(".")
    kind = _first_upper(category_name(next(iter(categories), None) or group))
    return f"{kind}: {detail.replace('-', ' ')}" if detail else kind


@dataclass(frozen=True)
class Reason:
    """One sentence of the comment and what was found in it."""

    sentence: str
    concepts: tuple[str, ...]  # readable names, in the order found
    words: tuple[str, ...]  # the words matched
    in_the_past: bool


def reasons(findings: Iterable[Mapping[str, Any]] | None) -> list[Reason]:
    """The stored findings, one entry per sentence: a sentence often holds several."""
    by_sentence: dict[str, list[Mapping[str, Any]]] = {}
    for finding in findings or ():
        by_sentence.setdefault(finding.get("sentence") or "", []).append(finding)
    return [
        Reason(
            sentence=sentence,
            concepts=tuple(
                dict.fromkeys(concept_name(f["concept"], f.get("categories") or ()) for f in found)
            ),
            words=tuple(dict.fromkeys(f.get("phrase") or "" for f in found if f.get("phrase"))),
            in_the_past=all(f.get("dated") for f in found),
        )
        for sentence, found in by_sentence.items()
    ]
