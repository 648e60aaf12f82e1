"""Keying freepost cards: batches, card after card, duplicates, corrections and who may key."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from feedback.models import AuditEvent, KeyingBatch, Response, SafeguardingAlert
from feedback.services.sources import add_source
from feedback.times import as_utc, london_today, utcnow
from qr.reference import make_reference

from .pages import form_fields, open_form, page, submit, text_of

NEW_BATCH = "/staff/keying/batches/new"


def _open_batch(
    client, label: str = "Tray 4", day: str = "3", month: str = "3", year: str = "2025"
):  # type: ignore[no-untyped-def]
    """Open a batch through the form; returns the batch page's address."""
    _, fields = open_form(client, NEW_BATCH)
    data = MultiDict(fields)
    data["label"] = label
    data.setlist("received_on", [day, month, year])
    response = client.post(NEW_BATCH, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def _key(client, batch_url: str, **card: str):  # type: ignore[no-untyped-def]
    """Key one card as a keyer would: open the empty form, type, press Save and key next."""
    return submit(client, batch_url, **card)


def _answer_again(client, batch_url: str, response, **changes: str):  # type: ignore[no-untyped-def]
    """Send back the page the server just returned (a warning or errors), with some changes."""
    fields = form_fields(page(response))
    fields.update(changes)
    return client.post(batch_url, data=fields)


def _stored(session) -> list[Response]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(Response).order_by(Response.id)))


def _actions(session) -> list[str]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_keyer_keys_a_pile_then_closes_the_batch(client, sign_in, session, source):
    keyer = sign_in(client, "keyer")
    soup = page(client.get("/staff/keying/"))
    assert text_of(soup, "h1") == "Key paper cards"
    assert "There are no open batches" in soup.get_text()

    batch_url = _open_batch(client)
    soup = page(client.get(batch_url))
    assert text_of(soup, "h1") == "Key cards"
    assert text_of(soup, ".govuk-caption-l") == "Batch " + batch_url.rsplit("/", 1)[1] + (
        ", received 3 March 2025, Tray 4"
    )
    assert text_of(soup, "#card-count") == "0 cards keyed in this batch"
    assert soup.select_one("#reference").has_attr("autofocus")

    with_check = make_reference("FD", 12, 173)
    cards = [
        {"reference": with_check.lower(), "rating": "1", "comment": "Lovely staff.\r\nThank you"},
        {"reference": "FD-B12-0174", "rating": "4", "respondent_type": "carer", "helped": "yes"},
        {"reference": "fd b12 175", "rating": "0", "comment": ""},
    ]
    before = utcnow()
    for number, card in enumerate(cards, start=1):
        response = _key(client, batch_url, **card)
        assert response.status_code == 302
        soup = page(client.get(response.headers["Location"]))
        count = f"{number} card keyed" if number == 1 else f"{number} cards keyed"
        assert text_of(soup, "#card-count") == f"{count} in this batch"
        # An empty form again, ready for the next card, with the cursor in the reference box.
        reference_box = soup.select_one("#reference")
        assert reference_box.has_attr("autofocus") and not reference_box.get("value")
        assert not soup.select_one("#rating").get("value")
        assert soup.select_one("#comment").get_text() == ""
    assert "Saved card FD-B12-0175" in text_of(soup, "#last-saved")

    stored = _stored(session)
    assert [(r.card_reference, r.rating, r.respondent_type, r.helped) for r in stored] == [
        (with_check, 1, None, None),
        ("FD-B12-0174", 4, "carer", True),
        ("FD-B12-0175", None, None, None),
    ]
    batch = session.scalars(select(KeyingBatch)).one()
    assert str(batch.received_on) == "2025-03-03" and batch.label == "Tray 4"
    for row in stored:
        assert (row.channel, row.keying_batch_id, row.keyed_by_id) == ("paper", batch.id, keyer.id)
        assert row.source_id == source.id
        assert before <= as_utc(row.received_at) <= utcnow()
    assert stored[0].comment == "Lovely staff.\nThank you"
    assert stored[2].comment is None
    rows = page(client.get(batch_url)).select("#batch-cards tbody tr")
    assert [" ".join(row.get_text(" ").split()[:1]) for row in rows] == [
        "FD-B12-0175",
        "FD-B12-0174",
        with_check,
    ]

    close_url = f"{batch_url}/close"
    soup, fields = open_form(client, close_url)
    assert text_of(soup, "#batch-total") == "3 cards keyed"
    response = client.post(close_url, data=fields)
    assert response.status_code == 302
    soup = page(client.get(batch_url))
    assert text_of(soup, "h1") == "Batch closed"
    assert text_of(soup, "#batch-total") == "3"
    assert soup.select_one("form#key-card") is None

    # A form left open in another tab cannot key into the closed batch.
    response = client.post(batch_url, data=fields | {"reference": "FD-B12-0176", "rating": "2"})
    assert response.status_code == 409
    assert "This batch is closed" in page(response).get_text()
    assert len(_stored(session)) == 3

    assert _actions(session)[-5:] == [
        "keying_batch.opened",
        "card.keyed",
        "card.keyed",
        "card.keyed",
        "keying_batch.closed",
    ]
    closed = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "keying_batch.closed")
    ).one()
    assert closed.detail["cards"] == 3 and closed.target == f"keying_batch:{batch.id}"
    listing = page(client.get("/staff/keying/"))
    assert "Recently closed batches" in listing.get_text()


def test_the_date_received_must_be_a_real_date_in_the_past(client, sign_in):
    sign_in(client, "keyer")
    soup, fields = open_form(client, NEW_BATCH)
    today = london_today()
    assert [box.get("value") for box in soup.select(".govuk-date-input input")] == [
        f"{today:%d}",
        f"{today:%m}",
        f"{today:%Y}",
    ]

    cases = [
        (["31", "2", "2025"], "Date received must be a real date, like 27 3 2025"),
        (["12", "", "2025"], "Date received must include a month"),
        (["", "", ""], "Enter the date received"),
        (["1", "1", str(today.year + 1)], "Date received must be today or in the past"),
    ]
    for parts, message in cases:
        data = MultiDict(fields)
        data["label"] = "Box 9"
        data.setlist("received_on", parts)
        response = client.post(NEW_BATCH, data=data)
        assert response.status_code == 400
        soup = page(response)
        assert soup.title.get_text().startswith("Error: ")
        assert text_of(soup, ".govuk-error-summary__list") == message
        assert soup.select_one(".govuk-error-summary__list a")["href"] == "#received_on-day"
        assert [box.get("value", "") for box in soup.select(".govuk-date-input input")] == parts
        assert soup.select_one("#label")["value"] == "Box 9"


def test_errors_keep_everything_the_keyer_typed(client, sign_in, session, source):
    sign_in(client, "keyer")
    batch_url = _open_batch(client)
    long_comment = "The carer came every day. " * 77 + "x" * 10  # over 2,000 characters
    response = _key(
        client,
        batch_url,
        reference="FD-B12-0173",
        rating="7",
        comment=long_comment,
        respondent_type="family_or_friend",
        helped="no",
    )
    assert response.status_code == 400
    soup = page(response)
    assert soup.title.get_text().startswith("Error: ")
    summary = text_of(soup, ".govuk-error-summary")
    assert "Enter the number of the box ticked, from 1 to 6, or 0 if none is ticked" in summary
    assert "The comment must be 2,000 characters or fewer" in summary
    kept = form_fields(soup)
    assert kept["reference"] == "FD-B12-0173"
    assert kept["rating"] == "7"
    assert kept["comment"] == long_comment
    assert kept["respondent_type"] == "family_or_friend" and kept["helped"] == "no"
    # No autofocus on the reference: GOV.UK Frontend moves focus to the error summary.
    assert not soup.select_one("#reference").has_attr("autofocus")
    assert _stored(session) == []

    response = _answer_again(client, batch_url, response, rating="", comment="Fixed")
    assert response.status_code == 400
    assert "Enter the number of the box ticked" in text_of(page(response), ".govuk-error-summary")
    response = _answer_again(client, batch_url, response, rating="2", comment="Fixed")
    assert response.status_code == 302
    assert [(r.rating, r.comment, r.respondent_type) for r in _stored(session)] == [
        (2, "Fixed", "family_or_friend")
    ]


def test_a_mistyped_team_code_is_caught_with_a_suggestion(client, sign_in, session, source):
    sign_in(client, "keyer")
    batch_url = _open_batch(client)
    response = _key(client, batch_url, reference="FB-B12-0173", rating="1", comment="Good")
    assert response.status_code == 400
    soup = page(response)
    message = "There is no team with the code FB. Did you mean FD (Front Door)?"
    assert text_of(soup, ".govuk-error-summary__list") == message
    assert text_of(soup, "#reference-error") == f"Error: {message}"
    assert form_fields(soup)["comment"] == "Good"

    add_source(session, "RB", "Reablement", active=False)  # retired: its old cards still arrive
    response = _key(client, batch_url, reference="RV-B3-0001-X", rating="1")
    assert "There is no team with the code RV. Did you mean RB (Reablement)?" in page(
        response
    ).get_text(" ")
    response = _key(client, batch_url, reference="FB-B12-0173", rating="1")
    assert text_of(page(response), ".govuk-error-summary__list") == (
        "There is no team with the code FB. Did you mean FD (Front Door) or RB (Reablement)?"
    )
    response = _key(client, batch_url, reference="ZZZZ-B3-0001", rating="1")
    assert "There is no team with the code ZZZZ. Check the team code" in page(response).get_text()

    response = _key(client, batch_url, reference="RB-B3-0001", rating="3")
    assert response.status_code == 302
    assert [r.source.code for r in _stored(session)] == ["RB"]


def test_the_check_character_catches_a_typo(client, sign_in, session, source):
    sign_in(client, "keyer")
    batch_url = _open_batch(client)
    printed = make_reference("FD", 12, 173)
    swapped = printed.replace("0173", "0137")
    response = _key(client, batch_url, reference=swapped, rating="1")
    assert response.status_code == 400
    assert text_of(page(response), ".govuk-error-summary__list") == (
        "The check letter does not match — check the reference for a typo"
    )
    assert form_fields(page(response))["reference"] == swapped

    response = _key(client, batch_url, reference="FD-B12", rating="1")
    assert "Enter the card reference as it is printed on the card" in page(response).get_text()

    # Typed without dashes, in lower case, with O for 0: still the printed card.
    typed = printed.replace("-", "").lower().replace("0", "o")
    assert _key(client, batch_url, reference=typed, rating="1").status_code == 302
    assert [r.card_reference for r in _stored(session)] == [printed]


def test_a_card_keyed_before_is_flagged_and_the_keyer_decides(client, sign_in, session, source):
    sign_in(client, "keyer")
    first_batch = _open_batch(client, label="Monday tray")
    printed = make_reference("FD", 12, 173)
    assert _key(client, first_batch, reference=printed, rating="1").status_code == 302
    second_batch = _open_batch(client, label="Tuesday tray")

    # Keyed again from a pile where the card had lost its check character (older card form).
    typed = {"reference": "FD-B12-0173", "rating": "5", "comment": "Nobody rang back"}
    response = _key(client, second_batch, **typed)
    assert response.status_code == 200
    soup = page(response)
    assert "Card FD-B12-0173 has been received before" in text_of(soup, ".govuk-warning-text")
    assert "Keyed from paper on" in text_of(soup, "#earlier-answers")
    assert "Monday tray" in text_of(soup, "#earlier-answers")
    assert text_of(soup, "#key-card .govuk-button") == "Continue"
    kept = form_fields(soup)
    assert {key: kept[key] for key in typed} == typed
    assert len(_stored(session)) == 1

    # Continue without choosing: asked to choose, still nothing stored, nothing lost.
    response = _answer_again(client, second_batch, response)
    assert response.status_code == 400
    assert "Select whether it is a different card or a duplicate" in text_of(
        page(response), ".govuk-error-summary"
    )
    assert form_fields(page(response))["comment"] == "Nobody rang back"

    response = _answer_again(client, second_batch, response, decision="duplicate")
    assert response.status_code == 302
    soup = page(client.get(response.headers["Location"]))
    assert "Skipped card FD-B12-0173 as a duplicate" in text_of(soup, "#last-saved")
    count = soup.select_one("#card-count").get_text()
    assert count.startswith("0 cards keyed in this batch") and count.endswith("1 duplicate skipped")
    assert form_fields(soup)["reference"] == ""
    assert len(_stored(session)) == 1

    response = _key(client, second_batch, **typed)
    response = _answer_again(client, second_batch, response, decision="different")
    assert response.status_code == 302
    stored = _stored(session)
    assert [(r.card_reference, r.rating) for r in stored] == [(printed, 1), ("FD-B12-0173", 5)]
    keyed = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "card.keyed").order_by(AuditEvent.id)
    ).all()
    assert keyed[-1].detail["confirmed_different"] is True
    assert "card.skipped" in _actions(session)


def test_a_card_answered_online_is_flagged_before_keying(app, client, sign_in, session, source):
    printed = make_reference("FD", 12, 173)
    resident = app.test_client()
    assert submit(resident, f"/f/{printed}", rating="2").status_code == 302

    sign_in(client, "keyer")
    batch_url = _open_batch(client)
    response = _key(client, batch_url, reference=printed, rating="2", comment="Same card")
    soup = page(response)
    assert "Answered online, using the card’s QR code, on" in text_of(soup, "#earlier-answers")
    assert [r.channel for r in _stored(session)] == ["web"]

    response = _answer_again(client, batch_url, response, decision="duplicate")
    assert response.status_code == 302
    assert [r.channel for r in _stored(session)] == ["web"]

    # Changing the reference after a warning checks the new one afresh.
    response = _key(client, batch_url, reference=printed, rating="2")
    other = make_reference("FD", 12, 174)
    response = _answer_again(client, batch_url, response, reference=other, decision="duplicate")
    assert response.status_code == 302
    assert [r.card_reference for r in _stored(session)] == [printed, other]


def test_sending_the_same_keying_form_twice_stores_one_card(client, sign_in, session, source):
    sign_in(client, "keyer")
    batch_url = _open_batch(client)
    _, fields = open_form(client, batch_url)
    fields.update(reference="FD-B12-0173", rating="1")
    first = client.post(batch_url, data=fields)
    second = client.post(batch_url, data=fields)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(_stored(session)) == 1
    assert _actions(session).count("card.keyed") == 1


def test_corrections_keep_the_original_values_in_the_audit_log(
    app, client, sign_in, session, source
):
    keyer = sign_in(client, "keyer")
    batch_url = _open_batch(client)
    _key(client, batch_url, reference="FD-B12-0173", rating="4", comment="Slow to call bak")
    card = _stored(session)[0]

    soup = page(client.get(batch_url))
    link = soup.select_one("#batch-cards a")
    assert link.get_text(" ", strip=True) == "Correct card FD-B12-0173"
    url = link["href"]
    soup, fields = open_form(client, url)
    assert text_of(soup, "h1") == "Correct card FD-B12-0173"
    assert (fields["reference"], fields["rating"], fields["comment"]) == (
        "FD-B12-0173",
        "4",
        "Slow to call bak",
    )

    fields.update(rating="", comment="Slow to call back")
    response = client.post(url, data=fields)
    assert response.status_code == 400
    assert form_fields(page(response))["comment"] == "Slow to call back"

    fields.update(rating="5", helped="yes")
    response = client.post(url, data=fields)
    assert response.status_code == 302 and response.headers["Location"] == batch_url
    assert (
        "Corrected card FD-B12-0173: rating, comment, helped."
        in page(client.get(batch_url)).get_text()
    )
    fields.update(comment="Slow to call back!")
    client.post(url, data=fields)

    session.expire_all()
    card = session.get(Response, card.id)
    assert (card.rating, card.comment, card.helped) == (5, "Slow to call back!", True)
    assert card.keyed_by_id == keyer.id and card.channel == "paper"
    corrected = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "card.corrected").order_by(AuditEvent.id)
    ).all()
    assert [event.target for event in corrected] == [f"response:{card.id}"] * 2
    assert corrected[0].actor_id == keyer.id
    assert corrected[0].detail["changes"] == {
        "rating": {"before": 4, "after": 5},
        "comment": {"before": "Slow to call bak", "after": "Slow to call back"},
        "helped": {"before": None, "after": True},
    }
    assert corrected[1].detail["changes"] == {
        "comment": {"before": "Slow to call back", "after": "Slow to call back!"}
    }
    history = text_of(page(client.get(url)), "#corrections")
    assert "Rating: 4 Poor to 5 Very poor" in history
    assert "Comment: “Slow to call bak” to “Slow to call back”" in history

    # Another keyer may not change this keyer's cards; a manager may.
    other_keyer = app.test_client()
    sign_in(other_keyer, "keyer", email="second.keyer@example.gov.uk")
    assert other_keyer.get(url).status_code == 403
    manager = app.test_client()
    sign_in(manager, "manager")
    assert manager.get(url).status_code == 200


@pytest.mark.parametrize(
    ("role", "allowed"), [("keyer", True), ("manager", True), ("admin", False), ("board", False)]
)
def test_only_keyers_and_managers_key_cards(client, sign_in, role, allowed):
    sign_in(client, role)
    home = page(client.get("/staff/"))
    links = [a.get_text(strip=True) for a in home.select(".staff-nav a")]
    assert ("Key paper cards" in links) is allowed
    response = client.get("/staff/keying/")
    assert response.status_code == (200 if allowed else 403)
    response = client.get(NEW_BATCH)
    assert response.status_code == (200 if allowed else 403)


def test_a_missing_batch_goes_back_to_the_list_saying_so(client, sign_in):
    sign_in(client, "keyer")
    response = client.get("/staff/keying/batches/999999")
    assert response.status_code == 302
    assert (
        "That batch could not be found" in page(client.get(response.headers["Location"])).get_text()
    )


def test_a_comment_that_may_disclose_harm_raises_an_alert(client, sign_in, session, source):
    sign_in(client, "keyer")
    batch_url = _open_batch(client)
    disclosure = "The carer never came and my mum was left on the floor all night."
    response = _key(client, batch_url, reference="FD-B12-0173", rating="5", comment=disclosure)
    assert response.status_code == 302
    soup = page(client.get(response.headers["Location"]))
    assert "safeguarding duty team has been sent an alert" in text_of(soup, ".govuk-warning-text")
    card = _stored(session)[0]
    assert card.safeguarding_flag is True
    alert = session.scalars(select(SafeguardingAlert)).one()
    assert alert.response_id == card.id


def test_while_keying_the_page_lists_only_the_latest_cards(client, sign_in, session, source):
    sign_in(client, "keyer")
    batch_url = _open_batch(client)
    for serial in range(1, 23):
        assert (
            _key(client, batch_url, reference=f"FD-B5-{serial:04d}", rating="2").status_code == 302
        )
    soup = page(client.get(batch_url))
    assert text_of(soup, "#card-count") == "22 cards keyed in this batch"
    assert text_of(soup, "h2") == "Latest cards in this batch"
    rows = soup.select("#batch-cards tbody tr")
    assert len(rows) == 20 and "FD-B5-0022" in rows[0].get_text()
    link = soup.find("a", string="See all 22 cards in this batch")
    assert len(page(client.get(link["href"])).select("#batch-cards tbody tr")) == 22


def test_correcting_a_comment_clears_the_tone_staff_checked_on_the_old_words(
    app, client, sign_in, session, source
):
    from feedback.services import tone

    keyer = sign_in(client, "keyer")
    batch_url = _open_batch(client)
    _key(client, batch_url, reference="FD-B12-0173", rating="2", comment="Very good thank you")
    card = _stored(session)[0]
    tone.check_tone(session, card, "positive", keyer)
    url = page(client.get(batch_url)).select_one("#batch-cards a")["href"]

    # A new rating alone leaves the words, and so the tone staff read in them.
    _soup, fields = open_form(client, url)
    client.post(url, data={**fields, "rating": "3"})
    session.expire_all()
    assert session.get(Response, card.id).sentiment_checked == "positive"

    _soup, fields = open_form(client, url)
    client.post(url, data={**fields, "comment": "Very slow, nobody called back"})
    session.expire_all()
    card = session.get(Response, card.id)
    assert card.sentiment_checked is None and card.tone == card.sentiment_label
    history = text_of(page(client.get(url)), "#corrections")
    assert "Tone checked by staff: positive to not checked" in history
