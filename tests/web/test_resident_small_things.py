"""Small things a resident meets: numbers to tap, the at-risk text once, "You said, we did"."""

from __future__ import annotations

import pytest

from feedback.config import DEFAULTS
from feedback.phones import dial_string, phone_links

from .pages import page, submit

URGENT_TEXT = DEFAULTS["FEEDBACK_URGENT_HELP_TEXT"][0]
DISCLOSURE = "The carer never came and my mum was left on the floor all night."


@pytest.mark.parametrize(
    ("written", "dialled"),
    [
        ("01709 822330", "+441709822330"),
        ("(01709) 822330", "+441709822330"),
        ("0800 123 4567", "+448001234567"),
        ("+44 (0)1709 822330", "+441709822330"),
        ("+44 1709 822330", "+441709822330"),
        ("999", "999"),
        ("2026", None),
        ("01709 82", None),
    ],
)
def test_a_written_number_dials_in_international_form(written, dialled):
    assert dial_string(written) == dialled


def test_only_phone_numbers_become_links_and_text_stays_escaped():
    html = str(phone_links("Call 01709 822330 about card FD-B12-0173 from 2026 <b>now</b>"))

    assert html == (
        'Call <a class="govuk-link council-phone" href="tel:+441709822330" dir="ltr">'
        "01709 822330</a> about card FD-B12-0173 from 2026 &lt;b&gt;now&lt;/b&gt;"
    )


def _thanks(client, comment: str):  # type: ignore[no-untyped-def]
    sent = submit(client, "/f/FD", rating="2", comment=comment)
    assert sent.status_code == 302
    return page(client.get(sent.headers["Location"]))


@pytest.mark.parametrize("comment", ["Kind and quick", DISCLOSURE])
def test_the_thank_you_page_says_who_to_call_once_with_numbers_to_tap(client, source, comment):
    soup = _thanks(client, comment)

    assert soup.get_text(" ").count("If you think someone is at risk of harm") == 1
    calls = {link.get_text(): link["href"] for link in soup.select("a[href^='tel:']")}
    assert calls == {
        "01709 822330": "tel:+441709822330",
        "01709 336080": "tel:+441709336080",
        "999": "tel:999",
        "01709 382121": "tel:+441709382121",  # the complaints line
    }
    assert all("council-phone" in link["class"] for link in soup.select("a[href^='tel:']"))


def test_the_urgent_banner_is_where_the_at_risk_text_goes(client, source):
    soup = _thanks(client, DISCLOSURE)

    banner = soup.select_one(".govuk-notification-banner--urgent")
    assert banner is not None
    assert "If you think someone is at risk of harm" in banner.get_text(" ")
    assert soup.select_one("#urgent-help") is None


def test_the_form_does_not_repeat_the_at_risk_text(client, source):
    soup = page(client.get("/f/FD"))
    assert soup.get_text(" ").count("at risk of harm") <= 1


def test_the_easy_read_thank_you_page_has_numbers_to_tap(client, source):
    soup = page(client.get("/easy-read/thank-you"))
    calls = {link.get_text() for link in soup.select("a[href^='tel:']")}
    assert {"01709 822330", "999"} <= calls
    assert soup.get_text(" ").count("If you think someone is at risk of harm") == 1


def test_a_resident_finds_you_said_we_did_from_the_thank_you_page(client, source):
    soup = _thanks(client, "Kind and quick")

    link = soup.select_one("main a[href='/you-said-we-did']")
    assert link is not None and link.get_text(strip=True) == "See what we changed"
    assert client.get(link["href"]).status_code == 200


@pytest.mark.parametrize("path", ["/", "/f/FD", "/privacy", "/accessibility", "/thank-you"])
def test_every_resident_page_has_you_said_we_did_in_the_footer(client, source, path):
    soup = page(client.get(path))
    link = soup.select_one("footer a[href='/you-said-we-did']")
    assert link is not None and link.get_text(strip=True) == "You said, we did"
