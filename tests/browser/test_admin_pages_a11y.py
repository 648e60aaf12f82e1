"""Sources and cards (administrators) and safeguarding alerts (managers), checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from feedback.models import CardBatch, SafeguardingAlert
from tests.browser.test_resident_journey import _axe_violations
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser


def _sign_in(page, live_server: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server}/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/staff/")


def _clean(page, path: str) -> None:  # type: ignore[no-untyped-def]
    assert _axe_violations(page) == [], path


def test_sources_and_cards_pages_pass_axe(browser, live_server, make_user, session, source):
    admin = make_user("admin")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        _sign_in(page, live_server, admin.email)
        for path in ("/staff/sources", "/staff/sources/new", f"/staff/sources/{source.id}"):
            page.goto(f"{live_server}{path}")
            _clean(page, path)
        page.goto(f"{live_server}/staff/sources/new")
        page.get_by_role("button", name="Add source").click()  # nothing filled in
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        _clean(page, "add source with errors")

        page.goto(f"{live_server}/staff/sources/{source.id}")
        page.get_by_label("How many cards").fill("4")
        page.get_by_role("button", name="Order cards").click()
        assert page.get_by_role("heading", level=1).inner_text().startswith("Batch ")
        _clean(page, "batch page")
    finally:
        context.close()
    assert len(session.scalars(select(CardBatch)).all()) == 1


def test_safeguarding_pages_pass_axe(browser, live_server, make_user, session, source):
    from feedback.models import Response

    def raise_alert(comment: str, tier: str, concept: str, category: str) -> int:
        response = Response(
            source_id=source.id, channel="web", rating=3, comment=comment, language="en",
            safeguarding_flag=True,
        )  # fmt: skip
        session.add(response)
        session.flush()
        finding = {
            "concept": concept, "categories": [category], "tier": tier, "phrase": comment,
            "sentence": comment, "dated": False,
        }  # fmt: skip
        alert = SafeguardingAlert(
            response_id=response.id, categories=[category], email_attempts=0, tier=tier,
            findings=[finding],
        )  # fmt: skip
        session.add(alert)
        session.commit()
        return alert.id

    emailed_id = raise_alert("Nobody came and she fell.", "alert", "fall.fell-nobody", "fall")
    alert_id = raise_alert(
        "He is not allowed to see his friends.", "review", "psychological.not-allowed",
        "psychological",
    )  # fmt: skip

    manager = make_user("manager")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        _sign_in(page, live_server, manager.email)
        for path in (
            "/staff/safeguarding",
            f"/staff/safeguarding/{emailed_id}",
            f"/staff/safeguarding/{alert_id}",
        ):
            page.goto(f"{live_server}{path}")
            _clean(page, path)
        page.get_by_role("button", name="I have read this and acted on it").click()
        assert page.title().startswith("Error: ")
        _clean(page, "acknowledging without saying what was found")
        page.get_by_label("Not a safeguarding concern").check()
        page.get_by_role("button", name="I have read this and acted on it").click()
        assert "Acknowledged Not a concern" in page.locator("main").inner_text()
        _clean(page, "queue after acknowledging")
    finally:
        context.close()
