"""Administrators manage sources and order cards; the print file scans to the right addresses."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from feedback.models import AuditEvent, CardBatch, Source
from qr.reference import card_url, make_reference

from .pages import form_fields, open_form, page, text_of

BASE_URL = "https://feedback.example.gov.uk"


@pytest.fixture
def admin(make_app, sign_in):
    app = make_app(FEEDBACK_BASE_URL=BASE_URL)
    client = app.test_client()
    sign_in(client, "admin")
    return app, client


def _decode_first_page(pdf: Path, tmp_path: Path) -> set[str]:
    if not shutil.which("pdftoppm"):
        pytest.skip("needs poppler-utils (pdftoppm)")
    import zxingcpp
    from PIL import Image

    stem = tmp_path / "front"
    subprocess.run(
        ["pdftoppm", "-r", "200", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(stem)],
        check=True,
    )
    with Image.open(stem.with_suffix(".png")) as image:
        return {code.text for code in zxingcpp.read_barcodes(image)}


def test_an_admin_adds_a_source_with_a_typeable_code(admin, session):
    _app, client = admin
    _, fields = open_form(client, "/staff/sources/new")
    fields.update(code="IL", name="Intermediate Care")
    response = client.post("/staff/sources/new", data=fields)
    assert response.status_code == 400
    assert "without the letters I, L, O or U" in text_of(page(response), ".govuk-error-summary")
    assert form_fields(page(response))["name"] == "Intermediate Care"

    fields.update(code=" nc ")
    response = client.post("/staff/sources/new", data=fields)
    assert response.status_code == 302
    assert session.scalar(select(Source.name).where(Source.code == "NC")) == "Intermediate Care"


def test_ordering_a_batch_gives_a_print_file_whose_codes_scan(admin, session, source, tmp_path):
    _app, client = admin
    url = f"/staff/sources/{source.id}"
    _, fields = open_form(client, url)
    fields.update(quantity="4", variant="a6", sheet="a4")
    response = client.post(url, data=fields)
    assert response.status_code == 302
    batch = session.scalars(select(CardBatch)).one()
    detail = page(client.get(response.headers["Location"]))
    first = make_reference("FD", batch.id, 1)
    assert f"{first} to {make_reference('FD', batch.id, 4)}" in detail.get_text()

    download = client.get(f"/staff/batches/{batch.id}/cards.pdf")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(download.data)
    # A6 on A4 imposes two cards a sheet: the first front carries cards 1 and 2.
    expected = {card_url(BASE_URL, make_reference("FD", batch.id, serial)) for serial in (1, 2)}
    assert _decode_first_page(pdf, tmp_path) == expected
    assert "cards.ordered" in session.scalars(select(AuditEvent.action)).all()


def test_the_cards_command_orders_and_reprints_the_same_file(admin, session, source, tmp_path):
    app, client = admin
    runner = app.test_cli_runner()
    out = tmp_path / "batch.pdf"
    result = runner.invoke(args=["cards", "--source", "fd", "--quantity", "3", str(out)])
    assert result.exit_code == 0, result.output
    batch = session.scalars(select(CardBatch)).one()
    assert f"Batch {batch.id}: 3 cards for FD" in result.output
    assert out.read_bytes() == client.get(f"/staff/batches/{batch.id}/cards.pdf").data

    again = tmp_path / "again.pdf"
    result = runner.invoke(args=["cards", "--batch", str(batch.id), str(again)])
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == out.read_bytes()
    assert len(session.scalars(select(CardBatch)).all()) == 1


def test_the_cards_command_explains_bad_requests(admin, source, tmp_path):
    app, _client = admin
    runner = app.test_cli_runner()
    out = str(tmp_path / "x.pdf")
    assert (
        "no source with the code ZZ"
        in runner.invoke(args=["cards", "--source", "ZZ", "--quantity", "3", out]).output
    )
    assert "Give --source and --quantity" in runner.invoke(args=["cards", out]).output
    assert "There is no batch 999" in runner.invoke(args=["cards", "--batch", "999", out]).output
    assert not Path(out).exists()


def test_a_retired_source_takes_no_new_batches_but_its_cards_still_work(admin, session, source):
    app, client = admin
    listing = page(client.get("/staff/sources"))
    form = listing.select_one(f"form[action='/staff/sources/{source.id}/active']")
    client.post(form["action"], data=form_fields(form))
    session.expire_all()
    assert session.get(Source, source.id).active is False
    assert (
        "no new cards can be ordered" in page(client.get(f"/staff/sources/{source.id}")).get_text()
    )

    resident = app.test_client()
    reference = make_reference("FD", 1, 1)
    assert text_of(page(resident.get(f"/f/{reference}")), "#team") == "Front Door"


def test_posters_and_single_qr_codes_download(admin, source):
    _app, client = admin
    svg = client.get(f"/staff/sources/{source.id}/qr.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    png = client.get(f"/staff/sources/{source.id}/qr.png")
    assert png.mimetype == "image/png" and png.data.startswith(b"\x89PNG")
    poster = client.get(f"/staff/sources/{source.id}/poster.pdf")
    assert poster.mimetype == "application/pdf" and poster.data.startswith(b"%PDF")


def test_a_design_that_cannot_print_is_refused_when_ordered(make_app, sign_in, session, source):
    long_address = "|".join(f"Address line {n} that goes on and on" for n in range(12))
    app = make_app(FEEDBACK_FREEPOST_ADDRESS=long_address)
    client = app.test_client()
    sign_in(client, "admin")
    url = f"/staff/sources/{source.id}"
    _, fields = open_form(client, url)
    fields.update(quantity="10")
    response = client.post(url, data=fields)
    assert response.status_code == 400
    assert "cannot be printed as set up" in text_of(page(response), ".govuk-error-summary")
    assert session.scalars(select(CardBatch)).all() == []


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("needs poppler-utils (pdftotext)")
    path = tmp_path / "cards.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode().split())


def _translated_admin(make_app, sign_in, catalogs: Path):
    app = make_app(FEEDBACK_BASE_URL=BASE_URL, BABEL_TRANSLATION_DIRECTORIES=str(catalogs))
    client = app.test_client()
    sign_in(client, "admin")
    return app, client


def test_a_batch_ordered_in_a_language_prints_its_words(
    make_app, sign_in, session, source, make_pseudo_translations, tmp_path
):
    # The card font (Bitstream Vera) has no ⟦ ⟧, so this catalog marks translations «…».
    _app, client = _translated_admin(make_app, sign_in, make_pseudo_translations("«", "»"))
    url = f"/staff/sources/{source.id}"
    form, fields = open_form(client, url)
    radios = form.select("input[name=language]")
    labels = {text_of(form, f"label[for='{radio['id']}']") for radio in radios}
    assert labels == {"English", "Esperanto", "العربية"}
    assert fields["language"] == "en"

    printed = {}
    for language in ("eo", "en"):
        fields.update(quantity="2", variant="a6", sheet="a4", language=language)
        response = client.post(url, data=fields)
        assert response.status_code == 302
        batch = session.scalars(select(CardBatch).order_by(CardBatch.id.desc())).first()
        assert batch.language == language
        pdf = client.get(f"/staff/batches/{batch.id}/cards.pdf").data
        printed[language] = _pdf_text(pdf, tmp_path)

    for phrase in [
        "«How did we do?»",
        "«Tell us about Front Door»",
        "«Scan the code with your phone camera,» «or go to»",
        "«or fill in this card and post it back — no stamp needed»",
        "«Overall, how was your experience of our service?»",
        "«Very good» «Good» «Neither good nor poor» «Poor» «Very poor» «Don't know»",
        "«Please can you tell us why you gave your answer?»",
        "«Who is giving feedback?» «The person who uses our services» «A carer»",
        "«Card reference»: FD-",
    ]:
        assert phrase in printed["eo"]
    assert "«" not in printed["en"]
    for phrase in [
        "How did we do? Tell us about Front Door",
        "Very good Good Neither good nor poor Poor Very poor Don't know",
        "Card reference: FD-",
    ]:
        assert phrase in printed["en"]


def test_a_language_the_card_font_cannot_print_is_refused(
    make_app, sign_in, session, source, pseudo_translations
):
    _app, client = _translated_admin(make_app, sign_in, pseudo_translations)
    url = f"/staff/sources/{source.id}"
    _, fields = open_form(client, url)
    fields.update(quantity="2", language="eo")
    response = client.post(url, data=fields)
    assert response.status_code == 400
    assert "no letters for ⟦ ⟧" in text_of(page(response), ".govuk-error-summary")
    fields.update(language="xx")
    assert client.post(url, data=fields).status_code == 400
    assert session.scalars(select(CardBatch)).all() == []


def test_the_cards_command_prints_in_a_language(
    make_app, session, source, make_pseudo_translations, tmp_path
):
    app = make_app(BABEL_TRANSLATION_DIRECTORIES=str(make_pseudo_translations("«", "»")))
    runner = app.test_cli_runner()
    out = tmp_path / "batch.pdf"
    args = ["cards", "--source", "fd", "--quantity", "2", "--language", "eo", str(out)]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert session.scalars(select(CardBatch.language)).one() == "eo"
    assert "«How did we do?»" in _pdf_text(out.read_bytes(), tmp_path)

    result = runner.invoke(args=[*args[:-2], "xx", str(tmp_path / "x.pdf")])
    assert result.exit_code != 0
    assert "Cards cannot be printed in 'xx': choose one of en, ar, eo" in result.output
    assert not (tmp_path / "x.pdf").exists()
