"""Every resident-facing string goes through gettext, and right-to-left languages work.

A pseudo-translation wraps every extracted message in ⟦…⟧; on a page shown in
that language, any visible text left unwrapped was never marked for translation.
"""

from __future__ import annotations

import pytest

from .pages import page, strings_in_page_language, submit


@pytest.fixture
def translated_app(make_app, pseudo_translations):
    return make_app(BABEL_TRANSLATION_DIRECTORIES=str(pseudo_translations))


def _unwrapped_text(html_page, allowed: set[str]) -> list[str]:  # type: ignore[no-untyped-def]
    leftovers = []
    for string in strings_in_page_language(html_page):
        # GOV.UK's error prefix adds a colon after the translated word.
        string = string.removeprefix("© ")
        if string.startswith("⟦") and string.rstrip(":").endswith("⟧"):
            continue
        if string in allowed or string == "!":  # "!" is the warning icon, hidden from readers
            continue
        leftovers.append(string)
    return leftovers


def _config_text(app) -> set[str]:  # type: ignore[no-untyped-def]
    keys = (
        "FEEDBACK_COUNCIL_NAME",
        "FEEDBACK_SERVICE_NAME",
        "FEEDBACK_COMPLAINTS_TEXT",
        "FEEDBACK_URGENT_HELP_TEXT",
    )
    # The chooser names the page's own language in itself.
    return {app.config[key] for key in keys} | {app.config["FEEDBACK_COUNCIL_NAME"], "Esperanto"}


@pytest.mark.parametrize(
    "path", ["/", "/f/FD", "/privacy", "/accessibility", "/thank-you", "/you-said-we-did"]
)
def test_every_visible_string_is_translatable(translated_app, source, path):
    client = translated_app.test_client()
    response = client.get(f"{path}?lang=eo")
    assert response.status_code == 200
    leftovers = _unwrapped_text(page(response), _config_text(translated_app) | {"Front Door"})
    assert leftovers == []


def test_error_messages_are_translatable(translated_app, source):
    client = translated_app.test_client()
    client.get("/f/FD?lang=eo")
    response = submit(client, "/f/FD", comment="x")
    assert response.status_code == 400
    leftovers = _unwrapped_text(page(response), _config_text(translated_app) | {"Front Door", "x"})
    assert leftovers == []


def test_a_right_to_left_language_sets_the_direction(translated_app, source):
    client = translated_app.test_client()
    soup = page(client.get("/f/FD?lang=ar"))
    assert soup.html["dir"] == "rtl"
    assert soup.html["lang"] == "ar"
    # The choice is remembered for the rest of the visit, and English stays the default.
    assert page(client.get("/privacy")).html["dir"] == "rtl"
    assert page(translated_app.test_client().get("/f/FD")).html["dir"] == "ltr"
