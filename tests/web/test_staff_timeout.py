"""The idle sign-out is said before it happens, and a card being keyed is never lost to it."""

from __future__ import annotations

import time

from sqlalchemy import select

from feedback.models import KeyingDraft, Response
from tests.conftest import STAFF_PASSWORD

from .pages import form_fields, open_form, page, text_of
from .test_keying import _open_batch

CARD = {"reference": "FD-B12-0173", "rating": "2", "comment": "Kind, but it took weeks to reply"}


def _idle_for(client, minutes: float) -> None:  # type: ignore[no-untyped-def]
    with client.session_transaction() as cookie:
        cookie["seen"] = time.time() - minutes * 60


def _sign_in_again(client, target: str, email: str):  # type: ignore[no-untyped-def]
    _, fields = open_form(client, target)
    fields.update(email=email, password=STAFF_PASSWORD)
    response = client.post(target, data=fields)
    assert response.status_code == 302
    return response.headers["Location"]


def test_every_staff_page_says_the_time_limit_and_carries_the_warning(client, sign_in):
    sign_in(client, "board")
    soup = page(client.get("/staff/"))

    assert "you are signed out after 30 minutes without saving or opening a page" in text_of(
        soup, "#idle-limit"
    )
    dialog = soup.select_one("dialog#timeout-warning")
    assert dialog is not None
    assert dialog["data-idle-seconds"] == "1800" and dialog["data-warn-seconds"] == "120"
    assert dialog["data-keep-alive-url"] == "/staff/keep-alive"
    assert text_of(dialog, "button[data-timeout-stay]") == "Stay signed in"
    assert soup.select_one("script[src^='/static/js/timeout-warning.js?v=']") is not None


def test_stay_signed_in_restarts_the_idle_clock(client, sign_in):
    sign_in(client, "keyer")
    token = page(client.get("/staff/")).select_one("dialog")["data-csrf-token"]
    _idle_for(client, 29)

    response = client.post("/staff/keep-alive", headers={"X-CSRFToken": token})

    assert response.status_code == 200
    assert response.get_json() == {"idle_seconds": 1800}
    with client.session_transaction() as cookie:
        assert time.time() - cookie["seen"] < 60
    assert client.get("/staff/").status_code == 200


def test_stay_signed_in_needs_the_pages_csrf_token(client, sign_in):
    sign_in(client, "keyer")
    assert client.post("/staff/keep-alive").status_code == 400


def test_a_card_sent_after_the_session_ended_comes_back_after_signing_in(
    client, sign_in, session, source
):
    keyer = sign_in(client, "keyer")
    batch_url = _open_batch(client)
    _, fields = open_form(client, batch_url)
    fields.update(CARD)
    _idle_for(client, 31)

    response = client.post(batch_url, data=fields)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/staff/sign-in?next=")
    notice = page(client.get(response.headers["Location"])).get_text()
    assert "The card you were keying has been kept" in notice
    assert session.scalars(select(Response)).all() == []

    back_at = _sign_in_again(client, response.headers["Location"], keyer.email)
    assert back_at == batch_url
    soup = page(client.get(back_at))
    refilled = form_fields(soup)
    assert {key: refilled[key] for key in CARD} == CARD
    assert "This is the card you were keying when you were signed out" in soup.get_text()
    assert session.scalars(select(Response)).all() == []  # saved only when the keyer says so

    saved = client.post(batch_url, data=refilled)
    assert saved.status_code == 302
    session.expire_all()
    [stored] = session.scalars(select(Response)).all()
    assert (stored.rating, stored.comment) == (2, CARD["comment"])
    assert session.scalars(select(KeyingDraft)).all() == []
    # It comes back once: the next card starts empty.
    assert form_fields(page(client.get(batch_url))).get("comment", "") == ""


def test_a_kept_card_does_not_go_to_another_account(app, sign_in, session, source):
    client = app.test_client()
    sign_in(client, "keyer")
    batch_url = _open_batch(client)
    _, fields = open_form(client, batch_url)
    fields.update(CARD)
    _idle_for(client, 31)
    client.post(batch_url, data=fields)

    other = sign_in(client, "manager", email="another.keyer@example.gov.uk")
    assert other is not None
    refilled = form_fields(page(client.get(batch_url)))
    assert refilled.get("comment", "") == ""
    assert refilled.get("reference", "") == ""


def test_a_kept_card_nobody_came_back_for_is_gone_after_a_day(session):
    from datetime import timedelta

    from feedback.services.drafts import keep_draft
    from feedback.services.retention import apply_retention
    from feedback.times import utcnow

    old = keep_draft(session, "/staff/keying/batches/1", {"comment": "Left on the floor"}, None)
    new = keep_draft(session, "/staff/keying/batches/1", {"comment": "Kind staff"}, None)
    session.get(KeyingDraft, old).created_at = utcnow() - timedelta(days=2)
    session.commit()

    apply_retention(session, cutoff=utcnow() - timedelta(days=730))

    session.expire_all()
    assert [draft.token for draft in session.scalars(select(KeyingDraft))] == [new]
