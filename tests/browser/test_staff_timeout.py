"""The idle sign-out warning in a real browser: it opens in time, and "Stay signed in" works."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_resident_journey import _axe_violations
from tests.browser.test_staff_pages_a11y import _sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_the_warning_opens_two_minutes_before_sign_out_and_stay_signed_in_works(
    desk, live_server, make_user
):
    keyer = make_user("keyer")
    desk.clock.install()
    _sign_in(desk, live_server, keyer.email)
    desk.locator("#timeout-warning[data-timing='on']").wait_for(state="attached")
    dialog = desk.get_by_role("dialog", name="You will be signed out soon")
    expect(desk.locator("#idle-limit")).to_contain_text("signed out after 30 minutes")

    desk.clock.fast_forward("27:00")
    expect(dialog).to_be_hidden()
    desk.clock.fast_forward("01:01")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("we will sign you out in 1 minute 59 seconds")
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    assert _axe_violations(desk) == []

    with desk.expect_response("**/staff/keep-alive") as kept:
        stay.click()
    assert kept.value.status == 200
    expect(dialog).to_be_hidden()

    # The clock starts again: nothing until 28 minutes after "Stay signed in".
    desk.clock.fast_forward("27:00")
    expect(dialog).to_be_hidden()
    desk.clock.fast_forward("01:01")
    expect(dialog).to_be_visible()
    # Escape is "stay signed in" too, as in the GOV.UK pattern.
    with desk.expect_response("**/staff/keep-alive"):
        desk.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_when_time_runs_out_the_page_stays_and_says_what_happens_next(desk, live_server, make_user):
    keyer = make_user("keyer")
    desk.clock.install()
    _sign_in(desk, live_server, keyer.email)
    desk.locator("#timeout-warning[data-timing='on']").wait_for(state="attached")
    desk.clock.fast_forward("28:01")
    desk.clock.fast_forward("02:00")

    ended = desk.get_by_role("dialog", name="You have been signed out")
    expect(ended).to_be_visible()
    expect(ended).to_contain_text("What you typed is still on this page")
    ended.get_by_role("button", name="Close").click()
    expect(ended).to_be_hidden()
    assert desk.get_by_role("heading", level=1).inner_text() == "Staff home"
