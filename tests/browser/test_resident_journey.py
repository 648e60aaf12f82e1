"""A resident on a small phone, in a real browser: scan, make a mistake, fix it, done."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from feedback.models import Response

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

pytestmark = pytest.mark.browser


def _axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
        for violation in results.response["violations"]
    ]


def _no_sideways_scroll(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_scan_answer_with_a_mistake_then_correctly(phone, live_server, session, source):
    page = phone
    page.goto(f"{live_server}/f/FD-B7-0042")
    assert page.locator("#team").inner_text() == "Front Door"
    assert _no_sideways_scroll(page)
    assert _axe_violations(page) == []

    page.get_by_label("Please can you tell us why you gave your answer?").fill(
        "The reablement team were kind and patient."
    )
    page.get_by_role("button", name="Send feedback").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()  # waits for the page the click loads
    assert page.title().startswith("Error: ")
    # GOV.UK Frontend moves focus to the summary so a screen reader announces it
    # (its script is a module, so allow it a moment on a busy machine).
    page.wait_for_function(
        "document.activeElement.classList.contains('govuk-error-summary')", timeout=10_000
    )
    assert _axe_violations(page) == []
    summary.get_by_role("link", name="Select how your experience of our service was").click()
    page.wait_for_function("document.activeElement.name === 'rating'", timeout=10_000)
    assert page.get_by_label("Please can you tell us why you gave your answer?").input_value() == (
        "The reablement team were kind and patient."
    )

    page.get_by_label("Very good").check()
    page.get_by_label("A carer").check()
    page.get_by_role("button", name="Send feedback").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your feedback"
    assert _no_sideways_scroll(page)
    assert _axe_violations(page) == []

    stored = session.scalars(select(Response)).one()
    assert (stored.rating, stored.respondent_type, stored.card_reference) == (
        1,
        "carer",
        "FD-B7-0042",
    )
    assert stored.comment == "The reablement team were kind and patient."


def test_character_count_tells_the_person_how_many_are_left(phone, live_server, source):
    page = phone
    page.goto(f"{live_server}/f/FD")
    page.get_by_label("Please can you tell us why you gave your answer?").fill("x" * 1990)
    assert "You have 10 characters remaining" in page.locator(".govuk-character-count").inner_text()


def test_the_form_works_with_javascript_off(browser, live_server, session, source):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/f/FD")
        page.get_by_role("button", name="Send feedback").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        page.get_by_label("Poor", exact=True).check()
        page.get_by_label("Please can you tell us why you gave your answer?").fill("No JS here")
        page.get_by_role("button", name="Send feedback").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your feedback"
    finally:
        context.close()
    assert session.scalars(select(Response.comment)).one() == "No JS here"


def test_at_200_percent_zoom_nothing_scrolls_sideways(browser, live_server, source):
    # A 1280-pixel window at 200% zoom lays out as 640 CSS pixels.
    context = browser.new_context(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page = context.new_page()
    try:
        for path in ("/f/FD", "/privacy", "/accessibility", "/"):
            page.goto(f"{live_server}{path}")
            assert _no_sideways_scroll(page), path
            assert _axe_violations(page) == [], path
    finally:
        context.close()


def test_a_double_click_on_send_stores_one_answer(phone, live_server, session, source):
    page = phone
    page.goto(f"{live_server}/f/FD")
    page.get_by_label("Good", exact=True).check()
    page.get_by_role("button", name="Send feedback").dblclick()
    page.wait_for_url(f"{live_server}/thank-you")
    assert len(list(session.scalars(select(Response)))) == 1
