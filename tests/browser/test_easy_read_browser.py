"""The easy read journey in a real browser: axe-core on every screen, a 320px phone,
400% zoom, large targets, keyboard only, and no JavaScript."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from feedback.models import Response

from .test_resident_journey import _axe_violations, _no_sideways_scroll

pytestmark = pytest.mark.browser

QUESTION = "Overall, how was your experience of our service?"
_SHOTS = Path(tempfile.gettempdir())

# Every control a resident uses in the page's main part, and its size in CSS pixels.
# A radio's own input is invisible (GOV.UK draws the circle), but it is the 44px target.
_TARGETS = """
() => [...document.querySelectorAll(
    'main a, main button, main input:not([type=hidden]), main textarea, main .govuk-radios__label'
  )]
  .filter(el => el.getClientRects().length)
  .map(el => {
    const box = el.getBoundingClientRect();
    return {what: (el.innerText || el.name || el.tagName).trim().slice(0, 40),
            width: Math.round(box.width), height: Math.round(box.height)};
  })
"""


def _small_targets(page) -> list[dict]:  # type: ignore[no-untyped-def]
    return [t for t in page.evaluate(_TARGETS) if t["width"] < 44 or t["height"] < 44]


def _h1(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.get_by_role("heading", level=1).inner_text().split())


def _screen_is_sound(page, where: str) -> None:  # type: ignore[no-untyped-def]
    assert _no_sideways_scroll(page), where
    assert _axe_violations(page) == [], where
    assert _small_targets(page) == [], where


def _stored(session) -> Response:  # type: ignore[no-untyped-def]
    session.expire_all()
    return session.scalars(select(Response)).one()


def _journey(page, live_server: str, *, check_each_screen: bool) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server}/f/FD-B7-0042/easy-read")
    assert _h1(page) == QUESTION
    if check_each_screen:
        _screen_is_sound(page, "faces")

    page.get_by_role("button", name="Next").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error: ")
    if check_each_screen:
        _screen_is_sound(page, "faces, with an error")
    page.get_by_role("link", name="Please pick a face").click()

    page.get_by_label("Very good").check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us why")
    if check_each_screen:
        _screen_is_sound(page, "tell us why")
    page.get_by_label("Tell us why").fill("The reablement team were kind.")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Did someone help you fill this in?")
    if check_each_screen:
        _screen_is_sound(page, "did someone help")
    page.get_by_label("Yes, someone helped me").check()
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    if check_each_screen:
        _screen_is_sound(page, "check your answers")
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    if check_each_screen:
        _screen_is_sound(page, "thank you")


def test_every_screen_on_a_small_phone(phone, live_server, session, source):
    _journey(phone, live_server, check_each_screen=True)
    stored = _stored(session)
    assert (stored.rating, stored.helped, stored.form_format) == (1, True, "easy_read")
    assert stored.comment == "The reablement team were kind."


def test_every_screen_at_400_percent_zoom(browser, live_server, session, source):
    # A 1280-pixel window at 400% zoom lays out as 320 CSS pixels.
    context = browser.new_context(viewport={"width": 320, "height": 256}, device_scale_factor=4)
    page = context.new_page()
    try:
        _journey(page, live_server, check_each_screen=True)
    finally:
        context.close()
    assert _stored(session).rating == 1


def _tab_to(page, test: str, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until document.activeElement passes `test` (a JS expression on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def test_keyboard_only_from_faces_to_thank_you(browser, live_server, session, source):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    try:
        page.goto(f"{live_server}/f/FD/easy-read")
        _tab_to(page, "el.name === 'rating'")
        page.keyboard.press("ArrowDown")  # Very good -> Good
        page.keyboard.press("ArrowDown")  # Good -> Neither good nor poor
        page.keyboard.press("Enter")  # the form's first button: Next
        expect(page.get_by_role("heading", level=1)).to_have_text("Tell us why")

        _tab_to(page, "el.name === 'comment'")
        page.keyboard.type("Typed with the keyboard")
        _tab_to(page, "el.value === 'back'")
        page.keyboard.press("Enter")  # Back keeps the face and the words
        expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
        assert page.locator("input[name=rating]:checked").get_attribute("value") == "3"
        _tab_to(page, "el.value === 'next'")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Tell us why")
        assert page.locator("textarea").input_value() == "Typed with the keyboard"
        _tab_to(page, "el.value === 'next'")
        page.keyboard.press("Enter")

        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Did someone help you fill this in?"
        )
        _tab_to(page, "el.name === 'helped'")
        page.keyboard.press("ArrowDown")  # Yes -> No
        _tab_to(page, "el.value === 'next'")
        page.keyboard.press("Enter")

        expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
        _tab_to(page, "el.textContent.trim() === 'Send'")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    finally:
        context.close()
    stored = _stored(session)
    assert (stored.rating, stored.helped, stored.comment) == (3, False, "Typed with the keyboard")


def test_back_and_change_work_without_javascript(browser, live_server, session, source):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/f/FD/easy-read")
        page.get_by_label("Poor", exact=True).check()
        page.get_by_role("button", name="Next").click()
        page.get_by_label("Tell us why").fill("No script here")
        page.get_by_role("button", name="Next").click()
        page.get_by_label("No, I did it myself").check()
        page.get_by_role("button", name="Next").click()
        page.get_by_role("button", name="Change how it was").click()
        assert page.get_by_label("Poor", exact=True).is_checked()
        page.get_by_label("Good", exact=True).check()
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    finally:
        context.close()
    stored = _stored(session)
    assert (stored.rating, stored.comment, stored.helped) == (2, "No script here", False)


def test_right_to_left_the_faces_sit_after_their_radios_on_the_right(phone, live_server, source):
    page = phone
    page.goto(f"{live_server}/f/FD/easy-read?lang=ur")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert _no_sideways_scroll(page)
    assert _axe_violations(page) == []
    item = page.locator(".easy-read-choice").first
    radio = item.locator("input").bounding_box()
    face = item.locator("svg").bounding_box()
    words = item.locator(".easy-read-choice__words").bounding_box()
    # Reading from the right: the radio, then its face, then its words.
    assert radio["x"] > face["x"] > words["x"]
    page.screenshot(path=str(_SHOTS / "easy-read-ur.png"), full_page=True)
