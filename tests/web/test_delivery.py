"""Fewer bytes for a resident's phone: compressed pages, versioned static files cached a year."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
from bs4 import BeautifulSoup

BROWSER_ENCODINGS = {"Accept-Encoding": "gzip, deflate, br, zstd"}
YEAR_IMMUTABLE = "public, max-age=31536000, immutable"


def _static_urls(client) -> list[str]:  # type: ignore[no-untyped-def]
    html = client.get("/f/FD").get_data(as_text=True)
    return re.findall(r"[\"'](/static/[^\"']+)[\"']", html)


def test_the_form_is_sent_compressed_and_reads_the_same(client, source):
    plain = client.get("/f/FD").get_data(as_text=True)

    response = client.get("/f/FD", headers=BROWSER_ENCODINGS)

    assert response.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response.headers["Vary"]
    html = brotli.decompress(response.get_data()).decode()
    assert BeautifulSoup(html, "html.parser").h1.get_text(strip=True) == "Tell us how we did"
    assert len(response.get_data()) < len(plain.encode()) / 3


def test_a_browser_without_brotli_gets_gzip_and_one_without_either_gets_plain_text(client, source):
    zipped = client.get("/f/FD", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Tell us how we did" in gzip.decompress(zipped.get_data()).decode()

    plain = client.get("/f/FD", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert "Tell us how we did" in plain.get_data(as_text=True)


def test_every_static_file_a_page_names_carries_its_content_hash(client, source):
    urls = _static_urls(client)

    assert {url.split("?")[0] for url in urls} >= {
        "/static/css/council.css",
        "/static/js/govuk-frontend.min.js",
        "/static/images/favicon.svg",
    }
    for url in urls:
        assert re.search(r"\?v=[0-9a-f]{12}$", url), url


def test_a_versioned_static_file_is_cached_for_a_year_and_compressed(client, source):
    css = next(url for url in _static_urls(client) if "council.css" in url)

    response = client.get(css, headers=BROWSER_ENCODINGS)

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == YEAR_IMMUTABLE
    assert response.headers["Content-Encoding"] == "br"
    assert b".govuk-button" in brotli.decompress(response.get_data())
    # A browser holding this version asks once more only if it must, and is told nothing changed.
    again = client.get(
        css, headers={**BROWSER_ENCODINGS, "If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304
    again.close()


def test_a_static_file_without_its_current_version_is_not_cached_for_long(client, source):
    for url in ("/static/css/council.css", "/static/css/council.css?v=000000000000"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-cache"
        response.close()


@pytest.fixture
def manager_client(client, sign_in, source, make_response):
    make_response(comment="Kind staff " * 40)
    sign_in(client, "manager")
    return client


def test_the_streamed_csv_export_is_not_held_back_to_compress_it(manager_client):
    response = manager_client.get("/staff/feedback/export.csv", headers=BROWSER_ENCODINGS)

    assert response.status_code == 200
    assert response.is_streamed
    assert "Content-Encoding" not in response.headers
    assert "Kind staff" in response.get_data(as_text=True)


def test_a_pdf_is_sent_as_it_is(manager_client, session):
    from feedback.models import Report
    from feedback.times import utcnow

    pdf = b"%PDF-1.7 " + b"already compressed " * 100
    report = Report(
        kind="monthly", period="2026-03", version=1, status="built", built_at=utcnow(),
        content={}, counts={}, pdf=pdf,
    )  # fmt: skip
    session.add(report)
    session.commit()

    response = manager_client.get(f"/staff/summaries/{report.id}.pdf", headers=BROWSER_ENCODINGS)

    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert response.get_data() == pdf


def test_staff_pages_are_not_compressed_so_their_csrf_token_cannot_leak(manager_client):
    # BREACH: a secret beside echoed text in a compressed page can be guessed from its size.
    response = manager_client.get("/staff/feedback?q=token", headers=BROWSER_ENCODINGS)

    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
