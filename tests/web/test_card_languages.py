"""Managers order cards too; cards print in every language the form has, and easy read."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations
from sqlalchemy import select

import feedback
from feedback import fft
from feedback.models import CardBatch
from qr.reference import card_url, make_reference

from .pages import open_form, page, text_of

BASE_URL = "https://feedback.example.gov.uk"
TRANSLATIONS = Path(feedback.__file__).parent / "translations"
# The languages issue 11 asks the form to have; each is tested once its catalogue lands.
LANGUAGES = ("ur", "ar", "pl", "sk", "ro", "pa")


def _poppler(*args: str) -> bytes:
    if not shutil.which(args[0]):
        pytest.skip(f"needs poppler-utils ({args[0]})")
    return subprocess.run(args, check=True, capture_output=True).stdout


def _scan(pdf: Path, tmp_path: Path) -> set[str]:
    import zxingcpp
    from PIL import Image

    stem = tmp_path / "front"
    _poppler(
        "pdftoppm", "-r", "200", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(stem)
    )
    with Image.open(stem.with_suffix(".png")) as image:
        return {code.text for code in zxingcpp.read_barcodes(image)}


def _words(text: str) -> str:
    """Letters and digits only, NFKC-folded and without vowel marks: shaped Arabic comes
    out of the text layer as presentation forms with its marks (جدًا) beside their
    letters, and pdftotext moves right-to-left punctuation about."""
    text = unicodedata.normalize("NFKC", text)
    kept = (
        c if unicodedata.category(c)[0] in "LN" else "" if unicodedata.category(c) == "Mn" else " "
        for c in text
    )
    return " ".join("".join(kept).split())


def _order(client, session, source, **choices) -> CardBatch:  # type: ignore[no-untyped-def]
    url = f"/staff/sources/{source.id}"
    _, fields = open_form(client, url)
    fields.update(quantity="2", variant="a6", sheet="a4", language="en")
    fields.update(choices)
    response = client.post(url, data=fields)
    assert response.status_code == 302, text_of(page(response), ".govuk-error-summary")
    return session.scalars(select(CardBatch).order_by(CardBatch.id.desc())).first()


def _print_file(client, batch: CardBatch, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    download = client.get(f"/staff/batches/{batch.id}/cards.pdf")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    pdf = tmp_path / f"batch-{batch.id}.pdf"
    pdf.write_bytes(download.data)
    return pdf


def test_a_manager_orders_a_batch_and_downloads_its_print_file(
    make_app, sign_in, session, source, tmp_path
):
    app = make_app(FEEDBACK_BASE_URL=BASE_URL)
    client = app.test_client()
    manager = sign_in(client, "manager")
    listing = page(client.get("/staff/sources"))
    assert listing.select_one(f"a[href='/staff/sources/{source.id}']") is not None
    # Sources are an administrator's to add and retire.
    assert "Add a source" not in listing.get_text()
    assert not listing.select("form[action$='/active']")

    batch = _order(client, session, source)
    assert batch.ordered_by_id == manager.id
    detail = page(client.get(f"/staff/batches/{batch.id}"))
    assert text_of(detail, "h1") == f"Batch {batch.id}"
    pdf = _print_file(client, batch, tmp_path)
    expected = {card_url(BASE_URL, make_reference("FD", batch.id, n)) for n in (1, 2)}
    assert _scan(pdf, tmp_path) == expected


def test_an_easy_read_batch_opens_the_easy_read_form(make_app, sign_in, session, source, tmp_path):
    app = make_app(FEEDBACK_BASE_URL=BASE_URL)
    client = app.test_client()
    sign_in(client, "admin")
    batch = _order(client, session, source, variant="easy")
    assert batch.variant == "easy"
    pdf = _print_file(client, batch, tmp_path)
    # A5 on A4: one card a sheet.
    first = make_reference("FD", batch.id, 1)
    assert _scan(pdf, tmp_path) == {f"{BASE_URL}/f/{first}/easy-read"}
    back = _words(_poppler("pdftotext", "-f", "2", "-l", "2", str(pdf), "-").decode())
    assert "Very good Good Neither good nor poor Poor Very poor Don t know" in back
    assert "Did someone help you fill this in optional Yes No" in back


@pytest.mark.parametrize("language", LANGUAGES)
def test_cards_print_in_each_language_whose_catalogue_has_landed(
    language, make_app, sign_in, session, source, tmp_path
):
    app = make_app(FEEDBACK_BASE_URL=BASE_URL)
    client = app.test_client()
    sign_in(client, "manager")
    url = f"/staff/sources/{source.id}"
    if not (TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo").exists():
        # Not offered until its catalogue is compiled: refused, saying what to choose.
        _, fields = open_form(client, url)
        fields.update(quantity="2", language=language)
        response = client.post(url, data=fields)
        assert response.status_code == 400
        assert text_of(page(response), ".govuk-error-summary")
        assert session.scalars(select(CardBatch)).all() == []
        return

    batch = _order(client, session, source, language=language)
    assert batch.language == language
    pdf = _print_file(client, batch, tmp_path)
    reference = make_reference("FD", batch.id, 1)
    assert card_url(BASE_URL, reference, language=language) in _scan(pdf, tmp_path)
    assert card_url(BASE_URL, reference, language=language).endswith(f"?lang={language}")

    words = Translations.load(str(TRANSLATIONS), [language])
    back = _words(_poppler("pdftotext", "-f", "2", "-l", "2", str(pdf), "-").decode())
    for message in (fft.QUESTION, fft.RATINGS[1], "Did someone help you fill this in? (optional)"):
        expected = _words(words.gettext(message))
        if language == "pa":
            # Gurmukhi vowel signs are drawn, and so extracted, before their consonant.
            def consonants(text: str) -> str:
                return "".join(c for c in text if unicodedata.category(c) == "Lo")

            assert consonants(expected) in consonants(back), message
        else:
            assert expected in back, message


def _urdu_catalogue(folder: Path) -> Path:
    """A small test-only Urdu catalogue for the card's words, compiled here."""
    words = {
        "How did we do?": "ہم نے کیسا کام کیا؟",
        fft.QUESTION: "مجموعی طور پر، ہماری سروس کے ساتھ آپ کا تجربہ کیسا رہا؟",
        fft.RATINGS[1]: "بہت اچھا",
        fft.RATINGS[5]: "بہت برا",
        "Did someone help you fill this in? (optional)": "کیا کسی نے یہ بھرنے میں آپ کی مدد کی؟",
        "Yes": "ہاں",
        "No": "نہیں",
        "Card reference": "کارڈ کا حوالہ",
    }
    catalog = Catalog(locale="ur")
    for message, translation in words.items():
        catalog.add(message, translation)
    out = folder / "ur" / "LC_MESSAGES"
    out.mkdir(parents=True)
    with (out / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    return folder


def test_an_urdu_card_from_a_compiled_catalogue_is_joined_and_right_to_left(
    make_app, sign_in, session, source, tmp_path
):
    catalogues = _urdu_catalogue(tmp_path / "translations")
    app = make_app(FEEDBACK_BASE_URL=BASE_URL, BABEL_TRANSLATION_DIRECTORIES=str(catalogues))
    client = app.test_client()
    sign_in(client, "admin")
    batch = _order(client, session, source, language="ur", variant="large")
    pdf = _print_file(client, batch, tmp_path)
    reference = make_reference("FD", batch.id, 1)
    assert _scan(pdf, tmp_path) == {f"{BASE_URL}/f/{reference}?lang=ur"}
    assert b"NotoNaskhArabic" in _poppler("pdffonts", str(pdf))
    front = _words(_poppler("pdftotext", "-f", "1", "-l", "1", str(pdf), "-").decode())
    back = _words(_poppler("pdftotext", "-f", "2", "-l", "2", str(pdf), "-").decode())
    assert "ہم نے کیسا کام کیا" in front
    for phrase in [
        "مجموعی طور پر ہماری سروس کے ساتھ آپ کا تجربہ کیسا رہا",
        "بہت اچھا",
        "بہت برا",
        "کیا کسی نے یہ بھرنے میں آپ کی مدد کی",
        "ہاں",
        "نہیں",
        "کارڈ کا حوالہ",
    ]:
        assert phrase in back
