"""The board's digest and its easy read in Chromium: axe (WCAG 2.2 AA), a small phone, 200% zoom."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from feedback.models import Response
from feedback.services.sources import add_source
from reports import jobs as report_jobs
from tests.browser.test_resident_journey import _axe_violations
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def digest(app, session, source):
    """Twelve months of answers across two teams, and October's digest built from them."""
    other = add_source(session, "RE", "Reablement")
    for months_back in range(12):
        month = date(2026 - (months_back >= 10), (9 - months_back) % 12 + 1, 1)
        for number in range(12):
            session.add(Response(
                source_id=(source if number % 3 else other).id,
                channel="web" if number % 2 else "paper",
                rating=(number + months_back) % 6 + 1,
                received_at=datetime(month.year, month.month, 10, number, tzinfo=UTC),
                sentiment_label="positive" if number % 2 else "negative",
                themes=["communication"] if number % 4 else ["waiting-times"],
            ))  # fmt: skip
    session.commit()
    with app.app_context():
        return report_jobs.build_monthly(date(2026, 10, 1))


def _sign_in_as_board(page, live_server, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("board")
    page.goto(f"{live_server}/staff/sign-in")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/staff/")


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 320, "height": 640}]
)
def test_the_digest_and_easy_read_pass_axe(browser, live_server, make_user, digest, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        _sign_in_as_board(page, live_server, make_user)
        for path in ("/staff/summaries", f"/staff/summaries/{digest.id}",
                     f"/staff/summaries/{digest.id}/easy-read"):  # fmt: skip
            page.goto(f"{live_server}{path}")
            assert _axe_violations(page) == [], path
            # Nothing wider than the window: no sideways scrolling on a small phone.
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, (path, overflow)
        page.goto(f"{live_server}/staff/summaries/{digest.id}")
        chart = page.locator("#trend svg[role=img], figure svg[role=img]").first
        assert chart.get_attribute("aria-labelledby")
    finally:
        context.close()


def test_the_easy_read_reflows_at_200_percent_zoom(browser, live_server, make_user, digest):
    # 200% zoom of a 640-pixel window is a 320 CSS pixel viewport at twice the density.
    context = browser.new_context(viewport={"width": 320, "height": 480}, device_scale_factor=2)
    page = context.new_page()
    try:
        _sign_in_as_board(page, live_server, make_user)
        page.goto(f"{live_server}/staff/summaries/{digest.id}/easy-read")
        assert page.evaluate("document.documentElement.scrollWidth") <= 321
        lines = page.locator(".easy-read li p").all_inner_texts()
        assert any("people told us what they thought" in line for line in lines)
        # Large type: the easy read lines are at least 24 CSS pixels.
        size = page.locator(".easy-read li p").first.evaluate("p => getComputedStyle(p).fontSize")
        assert float(size.removesuffix("px")) >= 24
    finally:
        context.close()
