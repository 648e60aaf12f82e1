"""The blank form is drawn once per language and team and kept (feedback/resident/blank_form.py).

A kept page must be the page drawn afresh, and nothing that belongs to one resident
(the CSRF token, the one-time token, the CSP nonce, the card reference, what they
typed) may reach another resident's page.
"""

from __future__ import annotations

import re

import pytest

from feedback.resident.blank_form import EXTENSION
from feedback.services.sources import add_source

from .pages import form_fields, page, text_of

LANGUAGES = ["en", "ar", "pl", "ur"]
TYPED = 'They said <b>"soon"</b> & then nothing'


@pytest.fixture
def apps(make_app, source, session):
    add_source(session, "HT", "Home <Care> & Support")
    kept = make_app()
    drawn_each_time = make_app()
    drawn_each_time.extensions.pop(EXTENSION)
    return kept, drawn_each_time


def _get(app, url: str):
    client = app.test_client()
    response = client.get(url)
    assert response.status_code == 200
    return client, response


def _without_secrets(response) -> str:
    soup = page(response)
    for name in ("csrf_token", "token"):
        soup.select_one(f'input[name="{name}"]')["value"] = ""
    for tag in soup.select("[nonce]"):
        tag["nonce"] = ""
    return str(soup)


URLS = [
    "/f/FD-B12-0173",
    "/f/HT-B2-0001",
    "/f/ZZ-B1-0001",  # a team we do not know
    "/f/",
    "/f/FD-B12-0173?other=1",
]


def test_a_kept_page_is_the_page_drawn_afresh(apps):
    kept, drawn_each_time = apps
    for url in URLS:
        for language in LANGUAGES:
            _get(kept, f"{url}{'&' if '?' in url else '?'}lang={language}")
    assert len(kept.extensions[EXTENSION].pages) >= 3 * len(LANGUAGES)

    for url in URLS:
        for language in LANGUAGES:
            address = f"{url}{'&' if '?' in url else '?'}lang={language}"
            _client, expected = _get(drawn_each_time, address)
            _client, got = _get(kept, address)
            assert _without_secrets(got) == _without_secrets(expected), address


def test_each_card_gets_its_own_addresses_and_team(apps):
    kept, _drawn_each_time = apps
    for serial in ("0001", "0002"):
        _client, response = _get(kept, f"/f/FD-B1-{serial}")
        soup = page(response)
        assert soup.select_one("form#feedback-form")["action"] == f"/f/FD-B1-{serial}"
        assert soup.select_one("a.easy-read-link")["href"] == f"/f/FD-B1-{serial}/easy-read"
        assert text_of(soup, "#team") == "Front Door"
    _client, response = _get(kept, "/f/HT-B2-0001")
    assert text_of(page(response), "#team") == "Home <Care> & Support"
    assert "Home &lt;Care&gt; &amp; Support" in response.get_data(as_text=True)


def test_a_reference_with_odd_characters_is_escaped_as_the_template_would(apps):
    kept, drawn_each_time = apps
    url = "/f/FD-B1-1%22%3E%3Cb%3Ex%20y&amp;%C3%A9"  # FD-B1-1"><b>x y&amp;é
    _get(kept, "/f/FD-B1-0001")  # the page is kept before the odd one asks for it
    _client, expected = _get(drawn_each_time, url)
    _client, got = _get(kept, url)
    assert _without_secrets(got) == _without_secrets(expected)
    assert "<b>x" not in got.get_data(as_text=True)


def test_two_residents_never_share_a_token_or_a_nonce(apps):
    kept, _drawn_each_time = apps
    seen = []
    for _ in range(3):
        client, response = _get(kept, "/f/FD-B1-0001")
        soup = page(response)
        nonces = {tag["nonce"] for tag in soup.select("[nonce]")}
        assert len(nonces) == 1
        (nonce,) = nonces
        # The page's nonce is the one the browser is told to trust.
        assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
        fields = form_fields(soup)
        seen.append((client, fields, nonce))
    for kind in (lambda s: s[1]["csrf_token"], lambda s: s[1]["token"], lambda s: s[2]):
        assert len({kind(s) for s in seen}) == len(seen)
    html = "".join(str(s) for s in seen)
    assert not re.search(r"hdwd[0-9a-f]{24}", html)

    # Each resident's own tokens send their answer; another's CSRF token does not.
    (first, first_fields, _), (_second, second_fields, _) = seen[0], seen[1]
    stolen = {**first_fields, "csrf_token": second_fields["csrf_token"], "rating": "1"}
    assert first.post("/f/FD-B1-0001", data=stolen).status_code == 400
    response = first.post("/f/FD-B1-0001", data={**first_fields, "rating": "1"})
    assert response.status_code == 302


def test_an_error_page_shows_that_residents_own_answers(apps):
    kept, _drawn_each_time = apps
    client, response = _get(kept, "/f/FD-B1-0001")
    fields = form_fields(page(response))
    fields.update(comment=TYPED, respondent_type="carer")
    response = client.post("/f/FD-B1-0001", data=fields)
    assert response.status_code == 400
    soup = page(response)
    assert form_fields(soup)["comment"] == TYPED
    assert form_fields(soup)["token"] == fields["token"]

    # The next resident gets a blank form: no answers, no errors.
    _client, response = _get(kept, "/f/FD-B1-0001")
    soup = page(response)
    assert form_fields(soup)["comment"] == ""
    assert "respondent_type" not in form_fields(soup)
    assert soup.select(".govuk-error-summary") == []
    assert TYPED not in response.get_data(as_text=True)
    assert "soon" not in response.get_data(as_text=True)
