"""Flag a comment that may disclose abuse, neglect or a risk of harm, in one of two tiers.

- **alert**: a clear, present, serious disclosure ("my son takes her pension", "left on the
  floor all night", "I want to end my life"). The duty team is emailed at once.
- **review**: a possible or indirect disclosure a person should read today ("she's scared
  of him", "he's not allowed to see anyone", "I'm saving my tablets for when I've had
  enough" is an alert, but "when I've had enough" alone is review). No email.

What to look for comes from the Care Act 2014 statutory guidance (chapter 14: the ten types
of abuse and neglect and their indicators), plus self-harm and suicide, falls with someone
left on the floor, and risk from other people (cuckooing, exploitation). It lives as data in
concepts.toml: word groups (who, what they did, to what) combined into concepts matched
within a sentence; see concepts.py for the format and matcher.py for the guards against
negation, figures of speech, look-alike words and concerns already dealt with.

A comment no concept matches is also read by a linear model trained on comments from several
writers (model.py, train.py). What only the model finds goes to review, never to alert.

Both read English only. A comment written in another language (the form comes in several)
goes to review as "another language", so a person reads it the same day instead of nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .concepts import TIERS, Concept, ConceptError, Lexicon, build, default_lexicon
from .matcher import Finding, Matcher
from .model import Model, default_model
from .text import sentences

__all__ = [
    "CATEGORIES",
    "SAFEGUARDING_VERSION",
    "TIERS",
    "Concept",
    "ConceptError",
    "Finding",
    "Lexicon",
    "Matcher",
    "Model",
    "Safeguarding",
    "build",
    "check_safeguarding",
]

SAFEGUARDING_VERSION = "2.1"

# "unclear": the model read it as a possible disclosure but no concept says of what kind.
# "other-language": written in a language the detector cannot read.
CATEGORIES = (*default_lexicon().categories, "unclear", "other-language")
COMMON_WORDS = Path(__file__).parent.parent / "data" / "common_words.txt"
# Below this share of everyday English words a comment is taken as written in another
# language: none of the 10,110 dev comments, nor of the writers' English sets, fall below it.
ENGLISH_SHARE = 0.3
# English words the list leaves out (it keeps words of two letters or more) and text speak.
TEXT_SPEAK = frozenset({"a", "i", "n", "r", "x", "xx", "xxx", "lil", "pls", "plz", "thx", "lol"})
_LETTERS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Safeguarding:
    """What was found. `flagged` is true for either tier; only `alert` means email now."""

    flagged: bool
    categories: tuple[str, ...]
    reasons: tuple[str, ...]  # the words that matched, one per finding
    tier: str | None = None  # "alert", "review" or None
    findings: tuple[Finding, ...] = ()  # concept, category, tier, words and sentence

    @property
    def alert(self) -> bool:
        return self.tier == "alert"

    @property
    def review(self) -> bool:
        return self.tier == "review"


NOT_FLAGGED = Safeguarding(False, (), ())
# Separate indirect signs in one comment ("he takes her phone" and "won't let her go out")
# add up to a clear disclosure.
INDICATORS_FOR_ALERT = 2
_MATCHER = Matcher(default_lexicon())


def check_safeguarding(
    text: str, matcher: Matcher | None = None, model: Model | None = None, use_model: bool = True
) -> Safeguarding:
    """Flag `text` if it may disclose harm; say which tier, which kinds and why."""
    findings = tuple((matcher or _MATCHER).find(text or ""))
    if not findings and not reads_as_english(text or ""):
        return _other_language(text or "")
    if not findings and use_model:
        return _by_model(text or "", model or default_model())
    if not findings:
        return NOT_FLAGGED
    return Safeguarding(
        flagged=True,
        categories=tuple(c for c in CATEGORIES if any(c in f.categories for f in findings)),
        reasons=tuple(dict.fromkeys(f.phrase for f in findings)),
        tier=_tier(findings),
        findings=findings,
    )


def _tier(findings: tuple[Finding, ...]) -> str:
    """Alert if any finding is; two different present-day indicators together are too."""
    if any(f.tier == "alert" for f in findings):
        return "alert"
    current = {f.concept for f in findings if not f.dated}
    return "alert" if len(current) >= INDICATORS_FOR_ALERT else "review"


def _by_model(text: str, model: Model) -> Safeguarding:
    if not text.strip() or model.probability(text) < model.threshold:
        return NOT_FLAGGED
    words = model.strongest(text)
    phrase = ", ".join(f"'{w}'" for w in words) if words else "the comment as a whole"
    finding = Finding("model", ("unclear",), "review", phrase, text.strip()[:500])
    return Safeguarding(
        flagged=True,
        categories=("unclear",),
        reasons=(f"no concept matched; reads like a possible disclosure: {phrase}",),
        tier="review",
        findings=(finding,),
    )


@cache
def _english_words() -> frozenset[str]:
    lines = COMMON_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def reads_as_english(text: str) -> bool:
    """True unless the comment has three or more lower-case words and few are everyday
    English. Words are read as the concepts read them ("don't" is "do not"); capitalised
    words are left out, since names and places belong to no language."""
    words = [
        word
        for sentence in sentences(text[:5000])
        for word, capital in zip(sentence.words, sentence.capitals, strict=True)
        if not capital and _LETTERS.fullmatch(word)
    ]
    if len(words) < 3:
        return True
    english = _english_words()
    return sum(w in english or w in TEXT_SPEAK for w in words) / len(words) >= ENGLISH_SHARE


def _other_language(text: str) -> Safeguarding:
    reason = "written in another language: the detector reads English only"
    finding = Finding("other-language", ("other-language",), "review", reason, text.strip()[:500])
    return Safeguarding(
        flagged=True,
        categories=("other-language",),
        reasons=(reason,),
        tier="review",
        findings=(finding,),
    )
