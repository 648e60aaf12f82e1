"""The base of every form here: one a browser posts, read from the form body only."""

from __future__ import annotations

from functools import cache

from babel.support import NullTranslations, Translations
from flask import current_app, has_request_context, request
from flask_babel import get_locale
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
from werkzeug.datastructures import MultiDict
from wtforms.i18n import messages_path


class HtmlForm(FlaskForm):
    """Flask-WTF would also read a JSON body as the form, where a value can be a number,
    a list or null; the fields expect text and failed with a server error. No page here
    posts JSON, so such a body reads as an empty form and gets the form's own errors.

    NUL characters are dropped from every value: no one types one, and PostgreSQL
    refuses text that holds one (a server error where SQLite stored it).

    WTForms' own messages come in the page's language, as with Flask-WTF, but from a
    catalogue read once per language rather than from disk on every request."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):  # type: ignore[no-untyped-def]
            if not has_request_context() or not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return _wtforms_messages(str(get_locale()))

        def wrap_formdata(self, form, formdata):  # type: ignore[no-untyped-def]
            if formdata is _Auto and request.is_json:
                return None
            formdata = super().wrap_formdata(form, formdata)
            if formdata is None:
                return None
            items = list(formdata.items(multi=True))
            if not any(isinstance(value, str) and "\x00" in value for _key, value in items):
                return formdata
            return MultiDict(
                (key, value.replace("\x00", "") if isinstance(value, str) else value)
                for key, value in items
            )


@cache
def _wtforms_messages(language: str) -> NullTranslations:
    return Translations.load(messages_path(), [language], domain="wtforms")
