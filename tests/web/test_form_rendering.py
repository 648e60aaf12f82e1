"""The form's fields are drawn once and kept (feedback/widgets.py): the page must not change.

Each language, and a page with errors and typed answers, is compared with the same
page drawn without the kept markup: what a person sees (text, controls, what is
ticked and typed, the errors, lang and dir) and then the whole page. Every language
is drawn before any is compared, so a kept field from another language or another
answer would show up as a difference.
"""

from __future__ import annotations

import pytest

from feedback.widgets import EXTENSION

from .pages import form_fields, page, text_of

LANGUAGES = ["en", "ar", "pa", "pl", "ro", "sk", "ur"]
URL = "/f/FD-B12-0173"
# Markup a person could type, a line break and a character that is not a letter.
TYPED = 'They said <b>"soon"</b> & then\r\nnothing – 3 weeks'


@pytest.fixture
def apps(make_app, source):
    kept = make_app()
    drawn_each_time = make_app()
    drawn_each_time.extensions.pop(EXTENSION)
    return kept, drawn_each_time


def _get(app, language: str):
    client = app.test_client()
    response = client.get(f"{URL}?lang={language}")
    assert response.status_code == 200
    return client, response


def _with_mistakes(app, language: str):
    client, response = _get(app, language)
    fields = form_fields(page(response))
    fields.pop("rating", None)
    fields.update(comment=TYPED, respondent_type="carer", helped="perhaps")
    response = client.post(URL, data=fields)
    assert response.status_code == 400
    return response


def _seen(response) -> dict[str, object]:
    """What a person sees and would send back, without the per-request secrets."""
    soup = page(response)
    fields = form_fields(soup)
    fields.pop("csrf_token")
    fields.pop("token")
    return {
        "lang": (soup.html["lang"], soup.html["dir"]),
        "title": soup.title.get_text(),
        "text": text_of(soup, "main"),
        "fields": fields,
        "controls": [
            (
                tag.name,
                tag.get("name"),
                tag.get("value"),
                tag.get("id"),
                tag.get("aria-describedby"),
            )
            for tag in soup.select("main input, main textarea, main button")
            if tag.get("type") != "hidden"
        ],
        "labels": [
            (label.get("for"), label.get_text(" ", strip=True)) for label in soup.select("label")
        ],
        "errors": [
            (a["href"], a.get_text(strip=True)) for a in soup.select(".govuk-error-summary a")
        ],
    }


def _markup(response) -> str:
    soup = page(response)
    for name in ("csrf_token", "token"):
        soup.select_one(f'input[name="{name}"]')["value"] = ""
    for tag in soup.select("[nonce]"):
        tag["nonce"] = ""
    return str(soup)


def test_each_language_is_the_page_it_was(apps):
    kept, drawn_each_time = apps
    for language in LANGUAGES:
        _get(kept, language)  # every language's fields kept before any is compared
    assert len(kept.extensions[EXTENSION]) >= 3 * len(LANGUAGES)

    for language in LANGUAGES:
        _client, expected = _get(drawn_each_time, language)
        _client, got = _get(kept, language)
        assert _seen(got) == _seen(expected), language
        assert _markup(got) == _markup(expected), language


def test_a_page_with_mistakes_is_the_page_it_was_in_each_language(apps):
    kept, drawn_each_time = apps
    for language in LANGUAGES:
        _with_mistakes(kept, language)
        _get(kept, language)

    for language in LANGUAGES:
        expected = _with_mistakes(drawn_each_time, language)
        got = _with_mistakes(kept, language)
        seen = _seen(got)
        assert seen == _seen(expected), language
        assert _markup(got) == _markup(expected), language
        # The typed words come back as typed, escaped once.
        assert seen["fields"]["comment"] == TYPED
        assert seen["fields"]["respondent_type"] == "carer"
        assert [href for href, _ in seen["errors"]] == ["#rating", "#helped"]


def test_a_kept_field_never_shows_another_persons_answer(apps):
    kept, _drawn_each_time = apps
    _with_mistakes(kept, "en")
    _client, response = _get(kept, "en")
    seen = _seen(response)
    assert seen["fields"] == {"comment": ""}
    assert seen["errors"] == []
    assert TYPED not in response.get_data(as_text=True)
