"""Residents can answer in English, Arabic, Punjabi, Polish, Romanian, Slovak and Urdu.

What a person sees: the page in their language with the right lang and dir, no
English left except where it is marked as English, the chooser keeping what they
typed, and the answer stored with the language it was given in.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from feedback.config import DEFAULTS
from feedback.models import CardBatch, Response
from feedback.services.responses import EXPORT_COLUMNS, export_rows
from qr.reference import make_reference

from .pages import form_fields, open_form, page, strings_in_page_language, submit, text_of

TRANSLATIONS = Path(__file__).resolve().parents[2] / "feedback" / "translations"
TRANSLATED = ["ar", "pa", "pl", "ro", "sk", "ur"]
RIGHT_TO_LEFT = {"ar", "ur"}
# The careful standard translation of the FFT question, per language (exact in English).
QUESTION = {
    "en": "Overall, how was your experience of our service?",
    "ar": "بشكل عام، كيف كانت تجربتك مع خدمتنا؟",
    "pa": "ਕੁੱਲ ਮਿਲਾ ਕੇ, ਸਾਡੀ ਸੇਵਾ ਨਾਲ ਤੁਹਾਡਾ ਤਜਰਬਾ ਕਿਹੋ ਜਿਹਾ ਰਿਹਾ?",
    "pl": "Jak ogólnie oceniasz swoje doświadczenie z naszą usługą?",
    "ro": "Per ansamblu, cum a fost experiența dumneavoastră cu serviciul nostru?",
    "sk": "Celkovo, aká bola vaša skúsenosť s našou službou?",
    "ur": "مجموعی طور پر، ہماری سروس کے ساتھ آپ کا تجربہ کیسا رہا؟",
}
ENGLISH_ANSWERS = ["Very good", "Good", "Neither good nor poor", "Poor", "Very poor", "Don't know"]
DISCLOSURE = "The carer never came and my mum was left on the floor all night."


def _english_phrases(language: str) -> list[re.Pattern[str]]:
    """Every English message a resident page can show, as whole-word patterns.

    Placeholders split a message into the English around them; a one-word piece is
    checked only when it is the whole message ("Yes", "Warning"). A message the
    catalogue translates to the same words ("Important" in Romanian) is not English left.
    """
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    with (TRANSLATIONS / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        same = {message.id for message in read_po(handle) if message.string == message.id}
    ids: set[str] = set()
    for message in template:
        ids.update([message.id] if isinstance(message.id, str) else message.id)
    patterns = []
    for msgid in sorted(ids - same - {""}):
        pieces = [piece.strip(" ,.:—") for piece in re.split(r"%\(\w+\)s|%%\{count\}|%%", msgid)]
        whole = len(pieces) == 1
        for piece in pieces:
            if len(piece) >= 2 and (whole or " " in piece):
                patterns.append(re.compile(rf"(?<!\w){re.escape(piece)}(?!\w)"))
    return patterns


ENGLISH = {language: _english_phrases(language) for language in TRANSLATED}


def _english_left(soup) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for string in strings_in_page_language(soup):
        found += [
            f"{pattern.pattern!r} in {string!r}"
            for pattern in ENGLISH[soup.html["lang"]]
            if pattern.search(string)
        ]
    return found


def _stored(session) -> list[Response]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(Response).order_by(Response.id)))


@pytest.mark.parametrize("language", ["en", *TRANSLATED])
def test_the_form_its_errors_and_the_thank_you_page_in_each_language(client, source, language):
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    soup = page(client.get(f"/f/FD?lang={language}"))
    assert (soup.html["lang"], soup.html["dir"]) == (language, direction)
    assert text_of(soup, "fieldset legend") == QUESTION[language]
    labels = [label.get_text(strip=True) for label in soup.select(".govuk-radios__label")[:6]]
    if language == "en":
        assert labels == ENGLISH_ANSWERS
    else:
        assert not set(labels) & set(ENGLISH_ANSWERS)

    error = submit(client, "/f/FD", comment="Nothing ticked")
    assert error.status_code == 400
    soup = page(error)
    assert (soup.html["lang"], soup.html["dir"]) == (language, direction)
    assert soup.select_one(".govuk-error-summary") is not None
    assert form_fields(soup)["comment"] == "Nothing ticked"

    thanked = submit(client, "/f/FD", rating="2", comment="Kind and quick")
    assert thanked.status_code == 302
    soup = page(client.get(thanked.headers["Location"]))
    assert (soup.html["lang"], soup.html["dir"]) == (language, direction)
    assert soup.select_one(".govuk-panel__title") is not None


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize(
    "path", ["/", "/f/FD", "/privacy", "/accessibility", "/thank-you", "/you-said-we-did", "/nope"]
)
def test_no_english_is_left_on_a_translated_page(client, source, language, path):
    soup = page(client.get(f"{path}?lang={language}"))
    assert soup.html["lang"] == language
    assert _english_left(soup) == []
    # Text marked lang="en" is not checked above: only a name may be, never the page's body
    # (the accessibility statement was, until its catalogues had it).
    marked = [" ".join(element.get_text(" ").split()) for element in soup.select("main [lang=en]")]
    assert all(len(text.split()) <= 4 for text in marked), marked


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_is_left_on_the_error_or_the_urgent_help_page(client, source, language):
    client.get(f"/f/FD?lang={language}")
    assert _english_left(page(submit(client, "/f/FD", comment="x"))) == []
    # A comment that may disclose harm: the "call 999" text must be in the resident's language.
    assert submit(client, "/f/FD", rating="3", comment=DISCLOSURE).status_code == 302
    soup = page(client.get("/thank-you"))
    banner = soup.select_one(".govuk-notification-banner")
    assert banner is not None and "999" in banner.get_text()
    assert "In an emergency" not in soup.get_text()
    assert _english_left(soup) == []


def test_switching_language_on_the_form_keeps_what_was_typed_and_stores_nothing(
    client, session, source
):
    soup, fields = open_form(client, "/f/FD-B12-0173")
    chooser = soup.select("nav.council-languages button[name=lang]")
    assert {button["value"] for button in chooser} == set(TRANSLATED)
    polish = soup.select_one("button[name=lang][value=pl]")
    assert (polish.get_text(), polish["lang"], polish["form"]) == ("Polski", "pl", "feedback-form")
    urdu = soup.select_one("button[name=lang][value=ur]")
    assert (urdu.get_text(), urdu["dir"]) == ("اردو", "rtl")

    fields.update(rating="4", comment="Nikt nie oddzwonił", respondent_type="carer", helped="yes")
    switched = client.post("/f/FD-B12-0173", data={**fields, "lang": "pl"})
    assert switched.status_code == 200
    soup = page(switched)
    assert soup.html["lang"] == "pl"
    assert text_of(soup, "h1") == "Powiedz nam, jak nam poszło"
    kept = form_fields(soup)
    assert (kept["rating"], kept["comment"], kept["respondent_type"], kept["helped"]) == (
        "4",
        "Nikt nie oddzwonił",
        "carer",
        "yes",
    )
    assert soup.select_one(".govuk-error-summary") is None
    assert _stored(session) == []

    sent = client.post("/f/FD-B12-0173", data=kept)
    assert sent.status_code == 302
    [stored] = _stored(session)
    assert (stored.language, stored.rating, stored.comment) == ("pl", 4, "Nikt nie oddzwonił")
    assert page(client.get("/thank-you")).html["lang"] == "pl"


def test_a_cards_language_opens_the_form_in_it_and_is_stored(client, session, source):
    soup = page(client.get("/f/FD-B12-0173?lang=ur"))
    assert (soup.html["lang"], soup.html["dir"]) == ("ur", "rtl")
    assert submit(client, "/f/FD-B12-0173", rating="1").status_code == 302
    assert [response.language for response in _stored(session)] == ["ur"]


def test_the_browsers_language_is_used_when_none_is_chosen(app, source):
    client = app.test_client()
    soup = page(client.get("/f/FD", headers={"Accept-Language": "sk-SK,sk;q=0.9,en;q=0.5"}))
    assert soup.html["lang"] == "sk"
    assert (
        page(app.test_client().get("/f/FD", headers={"Accept-Language": "de"})).html["lang"] == "en"
    )


def test_other_pages_link_to_themselves_in_each_language(client):
    soup = page(client.get("/privacy?lang=ro"))
    links = {link["hreflang"]: link for link in soup.select("nav.council-languages a")}
    assert links["ar"]["href"] == "/privacy?lang=ar"
    assert (links["ar"]["lang"], links["ar"]["dir"], links["ar"].get_text()) == (
        "ar",
        "rtl",
        "العربية",
    )
    assert text_of(soup, "[aria-current=true]") == "Română"
    assert "ro" not in links


def test_staff_pages_stay_in_english(client, sign_in):
    client.get("/?lang=ur")
    sign_in(client, "manager")
    soup = page(client.get("/staff/"))
    assert (soup.html["lang"], soup.html["dir"]) == ("en", "ltr")
    assert soup.select_one("nav.council-languages") is None


def test_a_councils_own_setting_is_marked_english_until_it_is_translated(
    make_app, source, tmp_path
):
    own_text = "If someone is in danger, ring 01709 000000. In an emergency, call 999."
    app = make_app(FEEDBACK_URGENT_HELP_TEXT=own_text, FEEDBACK_TRANSLATIONS_DIR=str(tmp_path))
    soup = page(app.test_client().get("/thank-you?lang=pl"))
    marked = [element for element in soup.select("[lang=en]") if own_text in element.get_text()]
    assert marked and all(element["dir"] == "ltr" for element in marked)
    assert own_text not in " ".join(strings_in_page_language(soup))

    # The council adds its wording to its own catalogue, compiles it and restarts.
    catalog = Catalog(locale="pl")
    catalog.add(own_text, "Jeśli ktoś jest w niebezpieczeństwie, zadzwoń pod 01709 000000.")
    catalog.add("Thank you for your feedback", "Dziękujemy bardzo!")  # a correction wins
    (tmp_path / "pl" / "LC_MESSAGES").mkdir(parents=True)
    with (tmp_path / "pl" / "LC_MESSAGES" / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    app = make_app(FEEDBACK_URGENT_HELP_TEXT=own_text, FEEDBACK_TRANSLATIONS_DIR=str(tmp_path))
    soup = page(app.test_client().get("/thank-you?lang=pl"))
    assert "Jeśli ktoś jest w niebezpieczeństwie" in " ".join(strings_in_page_language(soup))
    assert text_of(soup, ".govuk-panel__title") == "Dziękujemy bardzo!"
    assert text_of(soup, "h2#complaints") == "Składanie skargi"  # the rest still packaged


def test_team_names_typed_by_staff_are_marked_english(client, source):
    soup = page(client.get("/f/FD?lang=pa"))
    team = soup.select_one("#team [lang=en]")
    assert team is not None and team.get_text() == "Front Door"
    assert page(client.get("/f/FD?lang=en")).select_one("#team [lang]") is None


def test_every_resident_setting_default_is_in_every_catalogue():
    keys = [
        "FEEDBACK_COUNCIL_NAME",
        "FEEDBACK_SERVICE_NAME",
        "FEEDBACK_COMPLAINTS_TEXT",
        "FEEDBACK_URGENT_HELP_TEXT",
        "FEEDBACK_PRIVACY_CONTACT",
        "FEEDBACK_ACCESSIBILITY_CONTACT",
    ]
    for language in TRANSLATED:
        translations = Translations.load(str(TRANSLATIONS), [language])
        for key in keys:
            english = DEFAULTS[key][0]
            assert translations.gettext(english) != english, (language, key)
        assert "999" in translations.gettext(DEFAULTS["FEEDBACK_URGENT_HELP_TEXT"][0])


def test_a_keyed_card_records_the_language_it_was_printed_in(client, sign_in, session, source):
    batch = CardBatch(source_id=source.id, quantity=10, language="pl", ordered_on=date(2026, 1, 5))
    session.add(batch)
    session.commit()
    sign_in(client, "keyer")
    _, fields = open_form(client, "/staff/keying/batches/new")
    data = MultiDict(fields)
    data["label"] = "Tray 1"
    data.setlist("received_on", ["3", "3", "2026"])
    batch_url = client.post("/staff/keying/batches/new", data=data).headers["Location"]
    for reference in (make_reference("FD", batch.id, 1), "FD-B999-0001"):
        assert submit(client, batch_url, reference=reference, rating="2").status_code == 302
    # A card from a batch we cannot find: its language is not known, not guessed as English.
    printed, unknown = _stored(session)
    assert (printed.language, unknown.language) == ("pl", None)

    sign_in(client, "manager")
    for response, shown in ((printed, "pl"), (unknown, "Not known")):
        soup = page(client.get(f"/staff/feedback/{response.id}"))
        rows = {
            text_of(row, ".govuk-summary-list__key"): text_of(row, ".govuk-summary-list__value")
            for row in soup.select(".govuk-summary-list__row")
        }
        assert rows["Language of the form"] == shown
    export = client.get("/staff/feedback/export.csv").get_data(as_text=True).lstrip("\ufeff")
    languages = {
        row["card_reference"]: row["language"] for row in csv.DictReader(io.StringIO(export))
    }
    assert languages == {printed.card_reference: "pl", "FD-B999-0001": ""}


def test_the_export_has_the_language_of_each_answer(client, session, source):
    client.get("/f/FD?lang=ro")
    submit(client, "/f/FD", rating="1")
    [row] = list(export_rows(session))
    assert dict(zip(EXPORT_COLUMNS, row, strict=True))["language"] == "ro"
