"""Understanding a comment: sentiment, themes, personal data and safeguarding.

Pure functions only: nothing here may import Flask or touch the database, so the
analysis can be tested, benchmarked and run from the command line on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .redaction import REDACTOR_VERSION, Redaction, redact
from .safeguarding import SAFEGUARDING_VERSION, Safeguarding, check_safeguarding
from .sentiment import LABELLERS, MIXED_READINGS, Sentiment, analyser_version, score_sentiment
from .themes import Taxonomy, ThemeMatch, tag_themes


def analysis_version(mixed: str = LABELLERS) -> str:
    """The version stored with every result (`mixed` is how mixed comments are read)."""
    return f"{analyser_version(mixed)}+redact-{REDACTOR_VERSION}+safe-{SAFEGUARDING_VERSION}"


# Stored with every result, so a re-score with a newer analyser can be told apart.
ANALYSIS_VERSION = analysis_version()


@dataclass(frozen=True)
class Analysis:
    sentiment: Sentiment
    themes: tuple[ThemeMatch, ...]
    redaction: Redaction
    safeguarding: Safeguarding
    version: str = ANALYSIS_VERSION

    @property
    def has_personal_data(self) -> bool:
        return bool(self.redaction.items)


def analyse(
    text: str | None,
    rating: int | None = None,
    question: str | None = None,
    taxonomy: Taxonomy | None = None,
    keep: Iterable[str] | None = None,
    mixed: str = LABELLERS,
) -> Analysis:
    """Everything we learn from one comment (and its tick-box rating).

    `keep`: a council's own place and organisation names that redaction leaves in
    (see `redaction.load_keep_terms`). `mixed`: how a comment that praises and
    complains is labelled (`sentiment.MIXED_READINGS`).
    """
    text = text or ""
    return Analysis(
        sentiment=score_sentiment(text, rating=rating, question=question, mixed=mixed),
        themes=tag_themes(text, taxonomy) if text else (),
        redaction=redact(text, keep=keep),
        safeguarding=check_safeguarding(text),
        version=analysis_version(mixed),
    )


__all__ = ["ANALYSIS_VERSION", "MIXED_READINGS", "Analysis", "analyse", "analysis_version"]
