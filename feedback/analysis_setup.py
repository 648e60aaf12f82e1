"""What this app's analysis uses: its themes and the names its administrator keeps.

The themes come from FEEDBACK_THEMES_FILE (see taxonomy.py). FEEDBACK_KEEP_TERMS_FILE
lists local organisations and places ("Cloverleaf Advocacy", "Maltby") that
redaction must not take for people's names. FEEDBACK_MIXED_READING says how a comment
that praises and complains is labelled. Both are read once, at start-up, so
a bad file stops the app with a message naming the file and the line instead of
surfacing on a resident's answer; both are kept on the app, so two apps in one
process each analyse with their own.
"""

from __future__ import annotations

from flask import Flask, current_app

from .insight import MIXED_READINGS
from .insight.redaction import KeepTermsError, load_keep_terms
from .services.analysis import AnalysisSetup
from .taxonomy import current_taxonomy

_KEY = "feedback.keep_terms"


def init_app(app: Flask) -> None:
    reading = app.config["FEEDBACK_MIXED_READING"]
    if reading not in MIXED_READINGS:
        raise ValueError(
            f"FEEDBACK_MIXED_READING is {reading!r}: set it to one of "
            + " or ".join(MIXED_READINGS)
        )
    path = app.config["FEEDBACK_KEEP_TERMS_FILE"]
    try:
        app.extensions[_KEY] = load_keep_terms(path) if path else frozenset()
    except KeepTermsError as problem:
        raise KeepTermsError(f"FEEDBACK_KEEP_TERMS_FILE: {problem}") from problem


def keep_terms() -> frozenset[str]:
    return current_app.extensions[_KEY]


def analysis_setup() -> AnalysisSetup:
    """Everything the analysis of a stored answer needs from this app's settings."""
    return AnalysisSetup(
        taxonomy=current_taxonomy(),
        keep=keep_terms(),
        mixed=current_app.config["FEEDBACK_MIXED_READING"],
    )
