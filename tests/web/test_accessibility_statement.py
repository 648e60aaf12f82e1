"""The accessibility statement has what the 2018 regulations' model statement asks for."""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from .pages import page, text_of


def _statement(client):  # type: ignore[no-untyped-def]
    response = client.get("/accessibility")
    assert response.status_code == 200
    return page(response)


def test_the_statement_has_each_part_of_the_model_statement(client):
    soup = _statement(client)

    assert text_of(soup, "h1") == "Accessibility statement"
    headings = [h.get_text(strip=True) for h in soup.select("main h2, main h3")]
    assert headings == [
        "Other formats and languages",
        "How accessible this service is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Technical information about this service’s accessibility",
        "Compliance status",
        "Non-accessible content",
        "How we tested this service",
        "Preparation of this accessibility statement",
    ]
    assert "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA" in (
        text_of(soup, "main")
    )
    enforcement = text_of(soup, "main")
    assert "Equality and Human Rights Commission (EHRC)" in enforcement
    assert "Equality Commission for Northern Ireland (ECNI)" in enforcement
    assert "Equality Advisory and Support Service (EASS)" in enforcement


def test_known_problems_are_named_honestly(client):
    problems = text_of(_statement(client), "main")

    assert "are not tagged PDFs" in problems
    assert "translations of the form were drafted by the project" in problems
    assert "not yet had the service audited by an independent accessibility specialist" in (
        problems
    )


def test_the_contact_and_dates_come_from_settings(make_app):
    app = make_app(
        FEEDBACK_ACCESSIBILITY_CONTACT="email a11y@rotherham.example or call 01709 111222",
        FEEDBACK_ACCESSIBILITY_TESTED_ON="2027-02-01",
        FEEDBACK_ACCESSIBILITY_PREPARED_ON="2026-11-30",
        FEEDBACK_ACCESSIBILITY_REVIEWED_ON="2027-02-03",
    )
    soup = _statement(app.test_client())
    text = text_of(soup, "main")

    assert "contact us: email a11y@rotherham.example or call 01709 111222" in text
    assert soup.select_one("main a[href='tel:+441709111222']") is not None
    assert "This service was last tested on 1 February 2027." in text
    assert (
        "This statement was prepared on 30 November 2026. It was last reviewed on 3 February 2027."
        in text
    )


def test_it_offers_only_formats_the_service_has(client):
    from feedback.services.cards import VARIANTS

    soup = _statement(client)
    text = text_of(soup, "main")

    # Each format it names is one the code has: the easy read form, each catalogue, the cards.
    assert soup.select_one("main a[href='/easy-read']") is not None
    assert client.get("/easy-read").status_code == 200
    for code in ("ar", "pa", "pl", "ro", "sk", "ur"):
        assert soup.select_one(f"main li[lang='{code}']") is not None
    assert {"large", "easy"} <= set(VARIANTS)
    assert "The card also comes in large print and in easy read." in text
    for never_made in ("braille", "audio", "British Sign Language", "BSL"):
        assert never_made not in text


def test_a_card_variant_the_service_lacks_is_not_offered(client, monkeypatch):
    from feedback.resident import views

    monkeypatch.setattr(views, "CARD_VARIANTS", {"a6": "A6 reply card"})
    text = text_of(_statement(client), "main")

    assert "large print" not in text
    assert "The card also comes in" not in text


def test_on_a_translated_page_the_statement_is_in_that_language(client):
    soup = page(client.get("/accessibility?lang=pl"))

    assert soup.select_one("main [lang='en']") is None
    headings = [heading.get_text(strip=True) for heading in soup.select("main h2")]
    assert "Procedura egzekwowania" in headings and "Enforcement procedure" not in headings
    assert "Ta usługa jest częściowo zgodna" in text_of(soup, "main")


def test_a_language_without_the_statement_marks_it_english(make_app, tmp_path):
    # A council's own language whose catalogue does not yet have the statement.
    catalog = Catalog(locale="cy")
    catalog.add("Accessibility statement", "Datganiad hygyrchedd")
    (tmp_path / "cy" / "LC_MESSAGES").mkdir(parents=True)
    with (tmp_path / "cy" / "LC_MESSAGES" / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    app = make_app(FEEDBACK_TRANSLATIONS_DIR=str(tmp_path))
    soup = page(app.test_client().get("/accessibility?lang=cy"))

    assert text_of(soup, "h1") == "Datganiad hygyrchedd"
    body = soup.select_one("main div[lang='en']")
    assert body is not None and body["dir"] == "ltr"
    assert "Enforcement procedure" in body.get_text()
    # A date in Welsh inside it keeps its own language.
    assert body.select_one("span[lang='cy']") is not None
