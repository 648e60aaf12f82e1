"""Moderating quotes for publication, and "You said, we did" from staff page to public page."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from feedback.models import Action, AuditEvent, Response
from feedback.services.moderation import approved_quotes

from .pages import open_form, page, submit, text_of

START = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
MONTH = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))
ORIGINAL = "Jane Smith on 07700 900123 was rude to my mum"


@pytest.fixture
def add(make_response):
    def build(**fields: object) -> int:
        return make_response(**{"rating": 4, "comment": ORIGINAL, **fields})

    return build


def test_the_quote_starts_from_the_analysers_redaction(client, manager, add):
    response_id = add(redacted_comment="[name] on [phone] was rude to my mum")
    soup, fields = open_form(client, f"/staff/feedback/{response_id}/moderate")
    assert text_of(soup, "h1") == f"Moderate feedback {response_id}"
    assert fields["quote"] == "[name] on [phone] was rude to my mum"
    # The original stays visible to staff, beside the quote.
    assert ORIGINAL in text_of(soup, ".feedback-comment")


def test_without_a_redaction_the_quote_starts_from_the_original(client, manager, add):
    response_id = add(comment="Lovely staff", redacted_comment=None)
    _soup, fields = open_form(client, f"/staff/feedback/{response_id}/moderate")
    assert fields["quote"] == "Lovely staff"


def test_an_approved_quote_is_published_and_the_original_never(client, manager, add, session):
    response_id = add(redacted_comment="[name] on [phone] was rude to my mum")
    url = f"/staff/feedback/{response_id}/moderate"
    response = submit(
        client, url, quote="A member of staff was rude to my mum", decision="approved"
    )
    assert response.status_code == 302
    assert "Quote approved for publication" in page(client.get(response.headers["Location"])).text

    quotes = approved_quotes(session, *MONTH)
    assert [q.text for q in quotes] == ["A member of staff was rude to my mum"]
    assert all(ORIGINAL not in q.text and "Jane" not in q.text for q in quotes)
    session.expire_all()
    stored = session.get(Response, response_id)
    assert stored.comment == ORIGINAL  # the original stays for staff
    assert (stored.moderation_status, stored.moderated_by_id) == ("approved", manager.id)
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "response.moderated")
    ).one()
    assert (event.target, event.detail) == (f"response:{response_id}", {"status": "approved"})
    # The response's own history shows the decision.
    assert "response.moderated" in page(client.get(f"/staff/feedback/{response_id}")).text


def test_a_quote_still_holding_personal_data_cannot_be_approved(client, manager, add, session):
    response_id = add()
    response = submit(client, f"/staff/feedback/{response_id}/moderate", decision="approved")
    assert response.status_code == 400
    soup = page(response)
    assert soup.title.get_text().startswith("Error: ")
    assert "still looks like it contains personal data" in text_of(soup, ".govuk-error-summary")
    assert approved_quotes(session, *MONTH) == []


def test_approving_needs_a_quote_and_a_decision(client, manager, add, session):
    response_id = add(comment="Lovely staff")
    url = f"/staff/feedback/{response_id}/moderate"
    response = submit(client, url, quote="  ", decision="approved")
    assert "Enter the quote as it may be published" in text_of(
        page(response), ".govuk-error-summary"
    )
    response = submit(client, url, quote="Lovely staff")
    assert "Select whether this quote can be published" in text_of(
        page(response), ".govuk-error-summary"
    )


def test_rejected_pending_and_out_of_range_quotes_stay_out(client, manager, add, session, make_app):
    rejected = add(comment="Lovely staff")
    add(comment="Kind and patient", quote_text="Kind and patient")  # pending
    approved_in_april = add(comment="Good", received_at=datetime(2026, 4, 2, tzinfo=UTC))
    submit(client, f"/staff/feedback/{rejected}/moderate", decision="rejected")
    submit(client, f"/staff/feedback/{approved_in_april}/moderate", decision="approved")
    assert approved_quotes(session, *MONTH) == []
    april = approved_quotes(session, MONTH[1], datetime(2026, 5, 1, tzinfo=UTC))
    assert [q.response_id for q in april] == [approved_in_april]
    assert approved_quotes(session, MONTH[1], datetime(2026, 5, 1, tzinfo=UTC), source_id=-1) == []


def _action_fields(**overrides: str) -> dict[str, str]:
    fields = {
        "you_said": "It was hard to get through on the phone",
        "we_did": "We added two people to the phone line at busy times",
        "status": "completed",
        "action_date": ["14", "3", "2026"],
    }
    fields.update(overrides)
    return fields


def test_a_new_action_from_a_response_is_linked_to_it(client, manager, add, session, source):
    response_id = add()
    detail = page(client.get(f"/staff/feedback/{response_id}"))
    new_link = detail.find("a", string="Link to a new action")["href"]
    soup, fields = open_form(client, new_link)
    assert fields["responses"] == str(response_id)
    fields.update(_action_fields(source=str(source.id), theme=""))
    response = client.post(new_link, data=fields)
    assert response.status_code == 302, response.get_data(as_text=True)

    action = session.scalars(select(Action)).one()
    assert [r.id for r in action.responses] == [response_id]
    assert (action.status, action.action_date, action.source_id) == (
        "completed",
        date(2026, 3, 14),
        source.id,
    )
    detail = page(client.get(f"/staff/feedback/{response_id}")).text
    assert "It was hard to get through on the phone" in detail
    assert "action.linked" in detail


def test_a_response_can_be_linked_to_an_existing_action(client, manager, add, session):
    first, second = add(), add(comment="Nobody answered")
    _soup, fields = open_form(client, f"/staff/actions/new?response={first}")
    client.post(f"/staff/actions/new?response={first}", data={**fields, **_action_fields()})
    action = session.scalars(select(Action)).one()

    soup = page(client.get(f"/staff/feedback/{second}"))
    form = soup.select_one(f"form[action='/staff/feedback/{second}/link']")
    token = form.select_one("input[name=csrf_token]")["value"]
    response = client.post(form["action"], data={"csrf_token": token, "action": str(action.id)})
    assert response.status_code == 302
    session.expire_all()
    assert sorted(r.id for r in session.get(Action, action.id).responses) == [first, second]


def test_unknown_feedback_numbers_are_refused(client, manager, session):
    _soup, fields = open_form(client, "/staff/actions/new")
    fields.update(_action_fields(responses="999998, 999999"))
    response = client.post("/staff/actions/new", data=fields)
    assert response.status_code == 400
    assert "There is no feedback numbered 999998, 999999" in text_of(
        page(response), ".govuk-error-summary"
    )
    assert session.scalars(select(Action)).all() == []


def test_an_action_needs_its_words_status_and_date(client, manager):
    _soup, fields = open_form(client, "/staff/actions/new")
    fields.update(you_said="", we_did="", status="")
    response = client.post("/staff/actions/new", data=fields)
    assert response.status_code == 400
    summary = text_of(page(response), ".govuk-error-summary")
    for message in ("Enter what people told us", "Enter what we did or will do"):
        assert message in summary
    assert "Enter the date of the action" in summary


def test_the_public_page_shows_completed_actions_only(client, manager, add, session, source):
    response_id = add()
    for status, words in (("completed", "Phones answered faster"), ("planned", "Secret plan")):
        _soup, fields = open_form(client, f"/staff/actions/new?response={response_id}")
        fields.update(_action_fields(we_did=words, status=status, source=str(source.id)))
        assert client.post("/staff/actions/new", data=fields).status_code == 302

    public = client.application.test_client()  # a resident: not signed in
    response = public.get("/you-said-we-did")
    assert response.status_code == 200
    soup = page(response)
    assert text_of(soup, "h1") == "You said, we did"
    text = soup.get_text(" ")
    assert "Phones answered faster" in text and "Front Door" in text
    assert "Secret plan" not in text
    # Never a comment behind an action, nor anything about a response.
    assert ORIGINAL not in text and "Jane" not in text


def test_changing_an_actions_status_publishes_it(client, manager, session):
    _soup, fields = open_form(client, "/staff/actions/new")
    fields.update(_action_fields(status="in_progress", we_did="Shorter forms"))
    response = client.post("/staff/actions/new", data=fields)
    edit_url = response.headers["Location"]
    assert "Shorter forms" not in page(client.get("/you-said-we-did")).text
    _soup, fields = open_form(client, edit_url)
    assert fields["status"] == "in_progress"
    fields.update(status="completed", action_date=["14", "3", "2026"])
    assert client.post(edit_url, data=fields).status_code == 302
    assert "Shorter forms" in page(client.get("/you-said-we-did")).text
    actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("action.created") == 1 and actions.count("action.updated") == 1


@pytest.mark.parametrize("role", ["admin", "keyer", "board"])
def test_only_managers_moderate_or_record_actions(client, sign_in, add, role):
    response_id = add()
    sign_in(client, role)
    for url in (f"/staff/feedback/{response_id}/moderate", "/staff/actions", "/staff/actions/new"):
        assert client.get(url).status_code == 403, url
