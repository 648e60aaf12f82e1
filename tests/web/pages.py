"""Reading pages as a person sees them, and filling in forms as they would."""

from __future__ import annotations

import copy
import re

from bs4 import BeautifulSoup


def page(response) -> BeautifulSoup:  # type: ignore[no-untyped-def]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _sentences_whole(element):  # type: ignore[no-untyped-def]
    """A copy of element whose tap-to-call links read as part of their sentence, as they do."""
    element = copy.copy(element)
    for link in element.select("a.council-phone"):
        link.unwrap()
    element.smooth()
    return element


def text_of(soup: BeautifulSoup, selector: str) -> str:
    element = soup.select_one(selector)
    assert element is not None, f"nothing on the page matches {selector!r}"
    return " ".join(_sentences_whole(element).get_text(" ").split())


def form_fields(soup: BeautifulSoup) -> dict[str, str]:
    """The values a browser would send back untouched: hidden fields and checked radios."""
    fields: dict[str, str] = {}
    for element in soup.select("form input"):
        name = element.get("name")
        if not name:
            continue
        kind = element.get("type", "text")
        if kind in ("radio", "checkbox"):
            if element.has_attr("checked"):
                fields[name] = element.get("value", "")
        elif kind != "submit":
            fields[name] = element.get("value", "")
    for area in soup.select("form textarea"):
        fields[area["name"]] = area.get_text()
    return fields


def open_form(client, url: str) -> tuple[BeautifulSoup, dict[str, str]]:  # type: ignore[no-untyped-def]
    response = client.get(url)
    assert response.status_code == 200
    soup = page(response)
    return soup, form_fields(soup)


def submit(client, url: str, **answers: str):  # type: ignore[no-untyped-def]
    """Open the form, fill in the answers given, send it; return the response."""
    _soup, fields = open_form(client, url)
    fields.update(answers)
    return client.post(url, data=fields)


def strings_in_page_language(soup: BeautifulSoup) -> list[str]:
    """The visible strings of the body a screen reader reads in the page's own language.

    Text inside an element with a lang of its own (a language's name in the
    chooser, a setting left in English) is read in that language, so it is left out.
    """
    page_lang = soup.html.get("lang") if soup.html else None
    assert soup.body is not None
    body = _sentences_whole(soup.body)
    for hidden in body.select("script, [hidden]"):
        hidden.decompose()
    strings = []
    for string in body.find_all(string=True):
        text = string.strip()
        if not text:
            continue
        owner = string.find_parent(attrs={"lang": True})
        if owner is not None and owner.name != "html" and owner["lang"] != page_lang:
            continue
        strings.append(text)
    return strings


def assert_security_headers(response, where: str) -> str:  # type: ignore[no-untyped-def]
    """The headers feedback/security.py puts on every response; returns the CSP nonce."""
    headers = response.headers
    policy = headers.get("Content-Security-Policy", "")
    directives = dict(part.strip().partition(" ")[::2] for part in policy.split(";"))
    assert directives.get("default-src") == "'self'", where
    assert directives.get("frame-ancestors") == "'none'", where
    nonce = re.fullmatch(r"'self' 'nonce-([\w-]{16,})'", directives.get("script-src", ""))
    assert nonce, f"{where}: no script nonce in {policy!r}"
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    # Whatever the policy, the address (a card's reference) never goes to another site.
    assert headers.get("Referrer-Policy") in ("no-referrer", "same-origin"), where
    if response.mimetype == "text/html":
        for script in page(response).select("script"):
            assert script.get("nonce") == nonce.group(1), f"{where}: {script}"
    return nonce.group(1)
