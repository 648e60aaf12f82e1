"""Languages. Every resident-facing string goes through gettext so translations can follow.

The language comes from `?lang=` (remembered in the session cookie the form
already needs), else the browser's preference among the languages we have.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ps", "ur", "yi"})


def available_languages() -> list[str]:
    folders = current_app.config.get("BABEL_TRANSLATION_DIRECTORIES", "translations")
    return _languages_in(current_app.root_path, folders)


@cache
def _languages_in(root: str, folders: str) -> list[str]:
    found: set[str] = set()
    for folder in folders.split(";"):
        path = Path(root) / folder
        if path.is_dir():
            found |= {child.name for child in path.iterdir() if (child / "LC_MESSAGES").is_dir()}
    return ["en", *sorted(found - {"en"})]


def select_locale() -> str:
    if not has_request_context():  # commands and jobs speak the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = available_languages()
    chosen = request.args.get("lang")
    if chosen in languages:
        session["lang"] = chosen
        return chosen
    remembered = session.get("lang")
    if remembered in languages:
        return remembered
    return request.accept_languages.best_match(languages) or "en"


def _page_language() -> dict[str, str]:
    language = str(get_locale() or "en")
    return {
        "page_lang": language.replace("_", "-"),
        "page_dir": "rtl" if language.split("_")[0] in RIGHT_TO_LEFT else "ltr",
        "council_name": current_app.config["FEEDBACK_COUNCIL_NAME"],
        "service_name": current_app.config["FEEDBACK_SERVICE_NAME"],
    }


def init_app(app: Flask) -> None:
    app.context_processor(_page_language)
