"""Script in every stored field stays text, in Chromium (issue 12, bad input).

Each stored field a person can fill in holds a payload that would set
`window.__xss` if it ran: the comment and its redacted copy, the card reference,
the moderated quote, an action's "you said" and "we did", a team's name, a keying
batch's label, a staff account's email and an audit entry. Every page that shows
them is opened, and the test checks that the flag is unset, that no element the
payloads would create is in the page, and that each payload reads as text.

The pages' Content-Security-Policy would stop an inline handler on its own, so
the flag alone could pass with escaping broken: the DOM checks are what matter.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from feedback.models import Action, AuditEvent, Response, SafeguardingAlert
from feedback.services.keying import open_batch
from feedback.services.sources import add_source
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.browser

IMG = '<img src=x onerror="window.__xss=1">'
SCRIPT = '"><script>window.__xss=1</script>'
SVG = "<svg onload=window.__xss=1>"
LINK = '<a href="javascript:window.__xss=1">click</a>'
TEMPLATE = "{{7*7}} {% if 1 %}ran{% endif %} ${7*7}"
ATTRIBUTE = "' onmouseover='window.__xss=1' x='"
COMMENT = f"Staff were kind {IMG} {SCRIPT} {SVG} {LINK} {TEMPLATE} {ATTRIBUTE}"

# Anything the payloads would add to the page if they were markup.
INJECTED = (
    "[onerror], [onload], [onmouseover], img[src='x'], svg[onload], a[href^='javascript:'], iframe"
)


@pytest.fixture
def payloads(session, make_user):
    """Every stored field a person fills in, holding a payload; returns what to open."""
    team = add_source(session, "XS", f"Team {SVG}")
    manager = make_user("manager")
    make_user("admin")
    make_user("keyer", email=f'x{SCRIPT}"@example.gov.uk'.replace(" ", ""))
    response = Response(
        source_id=team.id,
        channel="paper",
        card_reference="<svg/onload=window.__xss=1>",
        rating=5,
        comment=COMMENT,
        redacted_comment=COMMENT,
        respondent_type="carer",
        received_at=datetime(2026, 3, 10, 12, 0, tzinfo=UTC),
        sentiment_label="negative",
        sentiment_score=-0.5,
        sentiment_reasons=[IMG],
        themes=["waiting-times"],
        safeguarding_flag=True,
        analysed_at=datetime(2026, 3, 10, 12, 1, tzinfo=UTC),
        analyser_version="1.0",
        moderation_status="approved",
        quote_text=f"Quote {IMG} {TEMPLATE}",
        moderated_by_id=manager.id,
        moderated_at=datetime(2026, 3, 11, tzinfo=UTC),
    )
    session.add(response)
    session.flush()
    alert = SafeguardingAlert(
        response_id=response.id,
        categories=["neglect"],
        findings=None,  # the analyser's, not anything a person typed
        tier="alert",
    )
    action = Action(
        you_said=f"You said {IMG} {TEMPLATE}",
        we_did=f"We did {SCRIPT} {LINK}",
        source_id=team.id,
        theme=None,
        status="completed",
        action_date=date(2026, 3, 20),
        created_by_id=manager.id,
        responses=[response],
    )
    audit = AuditEvent(
        actor_email=f"a{SVG}@example.gov.uk",
        action="response.moderated",
        target=f"response {SCRIPT}"[:80],
        detail={"quote": IMG},
    )
    session.add_all([alert, action, audit])
    session.commit()
    batch = open_batch(session, manager, date(2026, 3, 10), f"Batch {IMG}"[:80])
    return {
        "response": response.id,
        "alert": alert.id,
        "action": action.id,
        "batch": batch.id,
        "team": team.id,
    }


def _sign_in(page, base: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Staff home"


def _inert(page, url: str, shown: list[str]) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__xss") == "undefined", url
    assert page.locator(INJECTED).count() == 0, (url, page.content()[:3000])
    scripts = page.evaluate("[...document.scripts].map(s => s.textContent).join('\\n')")
    assert "__xss" not in scripts, url
    text = page.locator("body").inner_text()
    for payload in shown:
        assert payload in text, (url, payload)
    assert "ran" not in text.split(), url  # the template payload was not run either


def test_stored_payloads_are_inert_on_every_page_that_shows_them(browser, live_server, payloads):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    base = live_server
    ids = payloads
    try:
        # The public pages: the team's name on its form, the action on "You said, we did".
        _inert(page, f"{base}/f/XS", [f"Team {SVG}"])
        _inert(page, f"{base}/you-said-we-did", [f"You said {IMG}", "{{7*7}}"])
        _sign_in(page, base, "manager@example.gov.uk")
        _inert(page, f"{base}/staff/feedback", [IMG])
        _inert(page, f"{base}/staff/feedback?q=%3Cimg", [])
        _inert(page, f"{base}/staff/feedback/{ids['response']}", [IMG, SCRIPT, TEMPLATE])
        _inert(page, f"{base}/staff/feedback/{ids['response']}/moderate", [IMG])
        _inert(page, f"{base}/staff/actions", [f"You said {IMG}"])
        _inert(page, f"{base}/staff/actions/{ids['action']}", [])
        _inert(page, f"{base}/staff/safeguarding", [])
        _inert(page, f"{base}/staff/safeguarding/{ids['alert']}", [IMG])
        _inert(page, f"{base}/staff/keying", [])
        _inert(page, f"{base}/staff/keying/batches/{ids['batch']}", [f"Batch {IMG}"])
        _inert(page, f"{base}/staff/sources", [f"Team {SVG}"])
        _inert(page, f"{base}/staff/sources/{ids['team']}", [f"Team {SVG}"])
        context.clear_cookies()
        _sign_in(page, base, "admin@example.gov.uk")
        _inert(page, f"{base}/staff/users", [SCRIPT.replace(" ", "")])
        _inert(page, f"{base}/staff/audit", [])
    finally:
        context.close()
