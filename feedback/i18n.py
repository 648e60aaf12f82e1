"""Languages. Every resident-facing string goes through gettext so translations can follow.

The language comes from `?lang=` (or the form's language buttons, which post
what has been typed so nothing is lost), remembered in the session cookie the
form already needs; else the browser's preference among the languages we have.

Catalogues are compiled `.mo` files under `feedback/translations/`; a council
adds or corrects a language in `FEEDBACK_TRANSLATIONS_DIR`, whose messages win.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from babel import Locale
from flask import Flask, current_app, has_request_context, request, session
from flask_babel import get_locale, gettext
from markupsafe import Markup
from werkzeug.exceptions import RequestEntityTooLarge

RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ps", "ur", "yi"})
PACKAGED_TRANSLATIONS = "translations"
STAFF_PATH = "/staff"  # every staff page lives under it, in English only


def available_languages() -> list[str]:
    folders = current_app.config.get("BABEL_TRANSLATION_DIRECTORIES", PACKAGED_TRANSLATIONS)
    return _languages_in(current_app.root_path, folders)


@cache
def _languages_in(root: str, folders: str) -> list[str]:
    found: set[str] = set()
    for folder in folders.split(";"):
        path = Path(root) / folder
        if path.is_dir():
            found |= {
                child.name for child in path.iterdir() if any((child / "LC_MESSAGES").glob("*.mo"))
            }
    return ["en", *sorted(found - {"en"})]


def select_locale() -> str:
    if not has_request_context() or _staff_page():
        # Commands, jobs and staff pages speak the default language.
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = available_languages()
    chosen = request.args.get("lang")
    if chosen is None and request.method == "POST":
        try:
            chosen = request.form.get("lang")  # the form's own language buttons
        except RequestEntityTooLarge:  # the page saying so still needs a language
            chosen = None
    if chosen in languages:
        session["lang"] = chosen
        return chosen
    remembered = session.get("lang")
    if remembered in languages:
        return remembered
    return request.accept_languages.best_match(languages) or "en"


def _staff_page() -> bool:
    return request.path == STAFF_PATH or request.path.startswith(f"{STAFF_PATH}/")


def direction(language: str) -> str:
    return "rtl" if language.split("_")[0].split("-")[0] in RIGHT_TO_LEFT else "ltr"


@cache  # Locale.parse on every page, for each language in the chooser, adds up
def language_name(language: str) -> str:
    """The language named in itself, capitalised where its script has capitals: "Polski"."""
    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class LanguageChoice:
    code: str
    name: str
    dir: str
    href: str
    current: bool


def language_choices() -> list[LanguageChoice]:
    """Every language, each linking to this page in it (other query values kept).

    None on staff pages, which are in English only.
    """
    if _staff_page():
        return []
    current = str(get_locale() or "en")
    choices = []
    for code in available_languages():
        query = {key: value for key, value in request.args.items() if key != "lang"}
        query["lang"] = code
        choices.append(
            LanguageChoice(
                code=code,
                name=language_name(code),
                dir=direction(code),
                href=f"{request.path}?{urlencode(query)}",
                current=code == current,
            )
        )
    return choices


def setting_text(key: str) -> str:
    """A resident-facing setting in the page's language where a catalogue has it."""
    english = current_app.config[key] or ""
    return gettext(english) if english else english  # gettext("") is the catalogue's header


def setting_markup(key: str) -> Markup:
    """A resident-facing setting for a page's body: marked lang="en" when left in English.

    So a screen reader reading an Urdu page reads an untranslated council name or
    "call 999" in an English voice rather than as Urdu.
    """
    english = current_app.config[key] or ""
    translated = setting_text(key)
    if translated != english:
        return Markup.escape(translated)
    return staff_words(english)


def staff_words(text: str) -> Markup:
    """Words staff or the council typed (a team's name, "You said, we did"), which are in
    the default language: on a page in another language they carry their own lang."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if str(get_locale() or default) == default:
        return Markup.escape(text)
    return Markup('<span lang="{}" dir="ltr">{}</span>').format(default, text)


def plural_categories(text_for: Callable[[int], str]) -> dict[str, str]:
    """One text per CLDR plural category of the page's language, for GOV.UK Frontend's scripts.

    `text_for(n)` is an ngettext call, so the catalogue's plural forms decide the
    words; a sample number for each category picks which form it uses.
    """
    return {
        category: text_for(number)
        for category, number in _plural_samples(str(get_locale() or "en")).items()
    }


@cache
def _plural_samples(language: str) -> dict[str, int]:
    """The first number of each plural category: a few ngettext calls a page, not 200."""
    rule = Locale.parse(language).plural_form
    samples: dict[str, int] = {}
    for number in range(200):
        samples.setdefault(rule(number), number)
    samples.setdefault("other", 5)  # "other" is only for fractions in some languages
    return samples


def _page_language() -> dict[str, object]:
    language = str(get_locale() or "en")
    return {
        "page_lang": language.replace("_", "-"),
        "page_dir": direction(language),
        "council_name": setting_text("FEEDBACK_COUNCIL_NAME"),
        "service_name": setting_text("FEEDBACK_SERVICE_NAME"),
        "setting_markup": setting_markup,
        "staff_words": staff_words,
        "language_choices": language_choices,
    }


def init_app(app: Flask) -> None:
    app.context_processor(_page_language)
