"""Every staff page each role can open, in Chromium, checked with axe for WCAG 2.2 A and AA.

Keying pages are checked in the keying helper's own browser test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from feedback.models import Action, Response
from tests.browser.test_resident_journey import _axe_violations
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(browser):
    """A desktop-sized window, as staff use."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def stored(session, source, make_user):
    """A response with analysis, moderated, linked to a completed action."""
    manager_account = make_user("manager", email="someone.else@example.gov.uk")
    response = Response(
        source_id=source.id,
        channel="paper",
        card_reference="FD-B7-0042",
        rating=2,
        comment="The social worker was kind but I waited weeks for a call back",
        redacted_comment="The social worker was kind but I waited weeks for a call back",
        respondent_type="carer",
        helped=False,
        received_at=datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
        sentiment_label="mixed",
        sentiment_score=0.1,
        themes=["waiting-times"],
        analysed_at=datetime(2026, 3, 10, 12, 1, tzinfo=UTC),
        analyser_version="1.0",
    )
    action = Action(
        you_said="It took too long to hear back",
        we_did="We now call everyone back within two working days",
        source_id=source.id,
        status="completed",
        action_date=date(2026, 3, 20),
        created_by_id=manager_account.id,
        responses=[response],
    )
    session.add_all([response, action])
    session.commit()
    return response.id, action.id


def _check(page, url: str, expected_h1: str | None = None) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    if expected_h1 is not None:
        assert page.get_by_role("heading", level=1).inner_text() == expected_h1, url
    assert _axe_violations(page) == [], url


def _sign_in(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Staff home"


def test_sign_in_page_with_and_without_errors(desk, live_server):
    _check(desk, f"{live_server}/staff/sign-in", "Sign in")
    desk.get_by_role("button", name="Sign in").click()
    assert desk.title().startswith("Error: ")
    assert _axe_violations(desk) == []


def test_admin_pages(desk, live_server, make_user):
    admin = make_user("admin")
    other = make_user("keyer")
    _sign_in(desk, live_server, admin.email)
    assert _axe_violations(desk) == []
    _check(desk, f"{live_server}/staff/users", "Users")
    _check(desk, f"{live_server}/staff/users/new", "Add a user")
    desk.get_by_role("button", name="Add user").click()
    assert desk.title().startswith("Error: ")
    assert _axe_violations(desk) == []
    _check(desk, f"{live_server}/staff/users/{other.id}/password")
    _check(desk, f"{live_server}/staff/audit", "Audit log")


@pytest.mark.parametrize("role", ["keyer", "board"])
def test_the_home_page_of_other_roles(desk, live_server, make_user, role):
    _sign_in(desk, live_server, make_user(role).email)
    assert _axe_violations(desk) == []


def test_manager_pages(desk, live_server, make_user, stored):
    response_id, action_id = stored
    _sign_in(desk, live_server, make_user("manager").email)
    assert _axe_violations(desk) == []

    _check(desk, f"{live_server}/staff/feedback", "Feedback")
    desk.get_by_label("Words in the comment").fill("waiting")
    desk.get_by_label("How it was sent").select_option("paper")
    desk.get_by_role("button", name="Apply filters").click()
    assert "q=waiting" in desk.url and "channel=paper" in desk.url
    assert desk.locator(".feedback-table tbody tr").count() == 1
    assert _axe_violations(desk) == []
    _check(desk, f"{live_server}/staff/feedback?received_from=31&received_from=2")  # errors

    _check(desk, f"{live_server}/staff/feedback/{response_id}", f"Feedback {response_id}")
    desk.get_by_role("button", name="Save the tone").click()
    assert desk.title().startswith("Error: ")
    assert _axe_violations(desk) == []
    desk.get_by_role("link", name="Select the tone of the comment").click()
    desk.keyboard.press("ArrowDown")  # from the first choice, as a keyboard user would
    desk.keyboard.press("ArrowDown")
    desk.get_by_role("button", name="Save the tone").click()
    assert desk.locator("#tone-status").inner_text().startswith("Checked by staff as neutral")
    assert _axe_violations(desk) == []
    desk.get_by_role("button", name="Raise with the duty team").click()
    assert desk.title().startswith("Error: ")
    assert _axe_violations(desk) == []
    desk.get_by_label("Put it in the queue to read today").check()
    desk.get_by_role("button", name="Raise with the duty team").click()
    assert (
        "In the safeguarding queue as Review" in desk.locator("#safeguarding-status").inner_text()
    )
    assert _axe_violations(desk) == []
    _check(desk, f"{live_server}/staff/feedback/{response_id}/moderate")
    desk.get_by_label("Quote that may be published").fill("")
    desk.get_by_label("Yes, approve this quote").check()
    desk.get_by_role("button", name="Save decision").click()
    assert desk.title().startswith("Error: ")
    assert _axe_violations(desk) == []

    _check(desk, f"{live_server}/staff/analysis-checks", "Analysis checks")
    assert "1 analysed comment" in desk.locator("#tone-summary").inner_text()
    _check(desk, f"{live_server}/staff/actions", "You said, we did")
    _check(desk, f"{live_server}/staff/actions/new?response={response_id}", "Add an action")
    desk.get_by_role("button", name="Save action").click()
    assert desk.title().startswith("Error: ")
    assert _axe_violations(desk) == []
    _check(desk, f"{live_server}/staff/actions/{action_id}", f"Action {action_id}")


def test_the_public_you_said_we_did_page(browser, live_server, stored):
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    try:
        _check(page, f"{live_server}/you-said-we-did", "You said, we did")
        assert "We now call everyone back" in page.locator("main").inner_text()
        assert "social worker" not in page.locator("main").inner_text()
    finally:
        context.close()
