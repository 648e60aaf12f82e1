"""Every resident page in Arabic, Urdu and Polish, in a real browser: no sideways scroll
at 320 pixels or at 400% zoom, axe-core clean, and easy read by keyboard alone.

Right-to-left pages once scrolled sideways where a block kept its own direction
(the accessibility statement's English inside an Urdu page): these check every page,
not just the form. Pages are reached by what a resident presses, found by role and
value rather than English words, so the same steps work in every language.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from feedback.models import Response

from .test_languages_browser import _axe_violations, _no_sideways_scroll
from .test_languages_browser import browser as browser  # Chromium with Urdu and Arabic fonts

pytestmark = pytest.mark.browser

# A small phone, and a 1280-pixel window at 400% zoom: both lay out as 320 CSS pixels.
VIEWS = {
    "320px": {"viewport": {"width": 320, "height": 640}, "device_scale_factor": 2},
    "400% zoom": {"viewport": {"width": 320, "height": 256}, "device_scale_factor": 4},
}
SEND = "#feedback-form .govuk-button"
NEXT = "main button[value=next]"
COMMENT = "Kind staff"


def _form(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/f/FD")


def _error(page, url: str) -> None:  # type: ignore[no-untyped-def]
    _form(page, url)
    page.locator(SEND).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def _thank_you(page, url: str) -> None:  # type: ignore[no-untyped-def]
    _form(page, url)
    page.locator("input[name=rating][value='2']").check()
    page.locator(SEND).click()
    expect(page.locator(".govuk-panel")).to_be_visible()


def _faces(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/f/FD/easy-read")


def _faces_error(page, url: str) -> None:  # type: ignore[no-untyped-def]
    _faces(page, url)
    page.locator(NEXT).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def _why(page, url: str) -> None:  # type: ignore[no-untyped-def]
    _faces(page, url)
    page.locator("input[name=rating][value='1']").check()
    page.locator(NEXT).click()
    expect(page.locator("textarea[name=comment]")).to_be_visible()


def _helped(page, url: str) -> None:  # type: ignore[no-untyped-def]
    _why(page, url)
    page.locator("textarea[name=comment]").fill(COMMENT)
    page.locator(NEXT).click()
    expect(page.locator("input[name=helped]").first).to_be_attached()


def _check(page, url: str) -> None:  # type: ignore[no-untyped-def]
    _helped(page, url)
    page.locator("input[name=helped][value=yes]").check()
    page.locator(NEXT).click()
    expect(page.locator("main button[formaction]")).to_be_visible()


def _easy_read_thank_you(page, url: str) -> None:  # type: ignore[no-untyped-def]
    _check(page, url)
    page.locator("main button[formaction]").click()
    page.wait_for_url("**/easy-read/thank-you")


def _opened(path: str) -> Callable:
    return lambda page, url: page.goto(f"{url}{path}")


PAGES: dict[str, Callable] = {
    "form": _form,
    "form with an error": _error,
    "thank you": _thank_you,
    "you said, we did": _opened("/you-said-we-did"),
    "privacy": _opened("/privacy"),
    "accessibility": _opened("/accessibility"),
    "easy read faces": _faces,
    "easy read faces with an error": _faces_error,
    "easy read tell us why": _why,
    "easy read did someone help": _helped,
    "easy read check your answers": _check,
    "easy read thank you": _easy_read_thank_you,
}


@pytest.mark.parametrize("where", PAGES)
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("language", ["ur", "ar", "pl"])
def test_every_resident_page_fits_the_screen_and_passes_axe(
    browser, live_server, source, language, view, where
):
    context = browser.new_context(**VIEWS[view])
    page = context.new_page()
    try:
        # The language is chosen once, as from a card's QR code, and kept for the visit.
        page.goto(f"{live_server}/f/FD?lang={language}")
        PAGES[where](page, live_server)
        assert page.evaluate("[document.documentElement.lang, document.dir]") == [
            language,
            "ltr" if language == "pl" else "rtl",
        ]
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert _no_sideways_scroll(page), f"{where}: scroll width {widths[0]} > {widths[1]}"
        assert _axe_violations(page) == [], where
    finally:
        context.close()


def _tab_to(page, test: str, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until document.activeElement passes `test` (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


@pytest.mark.parametrize("language", ["pl", "ur"])
def test_easy_read_by_keyboard_alone(browser, live_server, session, source, language):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/f/FD/easy-read?lang={language}")
        _tab_to(page, "el.name === 'rating'")
        page.keyboard.press("ArrowDown")  # Very good -> Good, whichever way the page reads
        page.keyboard.press("Enter")  # the form's first button: Next
        expect(page.locator("textarea[name=comment]")).to_be_visible()

        _tab_to(page, "el.name === 'comment'")
        page.keyboard.type(COMMENT)
        _tab_to(page, "el.value === 'back'")
        page.keyboard.press("Enter")  # Back keeps the face and the words
        expect(page.locator("input[name=rating]:checked")).to_have_value("2")
        _tab_to(page, "el.value === 'next'")
        page.keyboard.press("Enter")
        expect(page.locator("textarea[name=comment]")).to_have_value(COMMENT)
        _tab_to(page, "el.value === 'next'")
        page.keyboard.press("Enter")

        expect(page.locator("input[name=helped]").first).to_be_attached()
        _tab_to(page, "el.name === 'helped'")
        page.keyboard.press("ArrowDown")  # Yes -> No
        _tab_to(page, "el.value === 'next'")
        page.keyboard.press("Enter")

        expect(page.locator("main button[formaction]")).to_be_visible()
        _tab_to(page, "el.hasAttribute('formaction')")
        page.keyboard.press("Enter")
        page.wait_for_url("**/easy-read/thank-you")
        assert page.evaluate("document.documentElement.lang") == language
    finally:
        context.close()
    session.expire_all()
    stored = session.scalars(select(Response)).one()
    assert (stored.rating, stored.comment, stored.helped, stored.form_format, stored.language) == (
        2,
        COMMENT,
        False,
        "easy_read",
        language,
    )
