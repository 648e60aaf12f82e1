"""The theme taxonomy an app uses: the packaged one, or FEEDBACK_THEMES_FILE's.

Kept on the app rather than in a module global, so two apps in one process (the
tests, a CLI beside a server) each use their own themes file everywhere:
analysis, the action form and the summaries.
"""

from __future__ import annotations

from flask import Flask, current_app

from .insight.themes import Taxonomy, load_taxonomy

_KEY = "feedback.taxonomy"


def init_app(app: Flask) -> None:
    # A bad themes file stops start-up with a message naming the bad entry.
    app.extensions[_KEY] = load_taxonomy(app.config["FEEDBACK_THEMES_FILE"] or None)


def current_taxonomy() -> Taxonomy:
    return current_app.extensions[_KEY]
