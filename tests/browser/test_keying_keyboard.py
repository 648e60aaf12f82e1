"""A keyer keys a pile of cards in Chromium with the keyboard alone: no mouse, no clicks."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from feedback.models import Response
from qr.reference import make_reference
from tests.conftest import STAFF_PASSWORD

from .test_resident_journey import _axe_violations

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def desk(browser):
    """A keyer's desktop screen."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


def _focused(page, attribute: str = "id") -> str:  # type: ignore[no-untyped-def]
    return page.evaluate(f"document.activeElement && document.activeElement.{attribute}")


def _tab_to(page, text: str, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the focused element shows this text (a link or button), as a person would."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        shown = page.evaluate(
            "(document.activeElement.innerText || document.activeElement.value || '').trim()"
        )
        if shown == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def _tab_to_field(page, field_id: str, limit: int = 40) -> None:  # type: ignore[no-untyped-def]
    for _press in range(limit):
        page.keyboard.press("Tab")
        if _focused(page) == field_id:
            return
    raise AssertionError(f"Tab never reached #{field_id}")


def _count(page) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.locator("#card-count").inner_text().split())


def _save_and_wait(page, key: str = "Enter") -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.keyboard.press(key)


def test_keying_a_pile_with_the_keyboard_only(desk, live_server, make_user, session, source):
    page = desk
    keyer = make_user("keyer")
    page.goto(f"{live_server}/staff/sign-in")
    _tab_to_field(page, "email")
    page.keyboard.type(keyer.email)
    page.keyboard.press("Tab")
    page.keyboard.type(STAFF_PASSWORD)
    _save_and_wait(page)

    page.goto(f"{live_server}/staff/keying/")
    assert _axe_violations(page) == []
    _tab_to(page, "Open a new batch")
    _save_and_wait(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Open a batch"
    assert _axe_violations(page) == []
    _tab_to_field(page, "label")  # the date received is today already
    page.keyboard.type("Tray 1")
    _save_and_wait(page)

    assert page.get_by_role("heading", level=1).inner_text() == "Key cards"
    assert _focused(page) == "reference"
    assert _axe_violations(page) == []

    first, second, third = (make_reference("FD", 3, serial) for serial in (1, 2, 3))
    # Card 1: every field, moving with Tab and choosing radios with the arrow keys.
    page.keyboard.type(first)
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("Kind and patient staff.")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # Not given -> The person who uses our services
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # Not given -> Yes
    page.keyboard.press("Tab")
    assert _focused(page, "innerText").strip() == "Save and key next"
    _save_and_wait(page)
    assert _count(page) == "1 card keyed in this batch"
    assert _focused(page) == "reference"

    # Card 2: reference and rating only; Enter in the rating box saves it.
    page.keyboard.type(second.lower())
    page.keyboard.press("Tab")
    page.keyboard.type("4")
    _save_and_wait(page)
    assert _count(page) == "2 cards keyed in this batch"
    assert _focused(page) == "reference"

    # Card 3: nothing ticked, a comment, then on to the button.
    page.keyboard.type(third)
    page.keyboard.press("Tab")
    page.keyboard.type("0")
    page.keyboard.press("Tab")
    page.keyboard.type("Nobody rang me back.")
    _tab_to(page, "Save and key next")
    _save_and_wait(page)
    assert _count(page) == "3 cards keyed in this batch"
    assert _focused(page) == "reference"
    assert _axe_violations(page) == []

    # A typo: the error summary takes focus, and what was typed stays.
    page.keyboard.type("FB-B3-0004")
    page.keyboard.press("Tab")
    page.keyboard.type("9")
    _save_and_wait(page)
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert "Did you mean FD (Front Door)?" in page.locator(".govuk-error-summary").inner_text()
    assert page.locator("#reference").input_value() == "FB-B3-0004"
    assert _axe_violations(page) == []

    # The same card again: a warning, focus on the decision, and skipping stores nothing.
    page.goto(page.url)
    assert _focused(page) == "reference"
    page.keyboard.type(first)
    page.keyboard.press("Tab")
    page.keyboard.type("2")
    _save_and_wait(page)
    assert "has been received before" in page.locator(".govuk-warning-text").inner_text()
    assert _focused(page, "name") == "decision"
    assert _axe_violations(page) == []
    page.keyboard.press("ArrowDown")  # It is a duplicate — skip it
    _save_and_wait(page)
    assert "Skipped card" in page.locator("#last-saved").inner_text()
    assert _focused(page) == "reference"

    session.expire_all()
    stored = list(session.scalars(select(Response).order_by(Response.id)))
    assert [(r.card_reference, r.rating, r.respondent_type, r.helped) for r in stored] == [
        (first, 1, "person", True),
        (second, 4, None, None),
        (third, None, None, None),
    ]
    assert stored[0].comment == "Kind and patient staff."

    # Correcting the first card, from the batch's list of cards.
    page.goto(f"{live_server}/staff/keying/cards/{stored[0].id}")
    assert page.get_by_role("heading", level=1).inner_text() == f"Correct card {first}"
    assert _axe_violations(page) == []
    _tab_to_field(page, "rating")
    page.keyboard.press("Backspace")
    page.keyboard.type("2")
    _save_and_wait(page)
    assert "Corrected card" in page.locator(".govuk-notification-banner").inner_text()
    session.expire_all()
    assert session.get(Response, stored[0].id).rating == 2
    page.goto(f"{live_server}/staff/keying/cards/{stored[0].id}")
    expect(page.locator("#corrections")).to_be_visible()
    assert _axe_violations(page) == []

    # Closing the batch: the total to check against the pile.
    page.goto(page.url.split("/staff/")[0] + f"/staff/keying/batches/{stored[0].keying_batch_id}")
    _tab_to(page, "Close this batch")
    _save_and_wait(page)
    assert _axe_violations(page) == []
    _tab_to(page, "Close batch")
    _save_and_wait(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Batch closed"
    assert page.locator("#batch-total").inner_text() == "4"  # 3 keyed + 1 duplicate skipped
    assert _axe_violations(page) == []
