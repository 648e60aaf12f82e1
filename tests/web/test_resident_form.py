"""A resident scans a card, answers, and their answer is stored once."""

from __future__ import annotations

from sqlalchemy import func, select

from feedback.models import Response, Source

from .pages import form_fields, open_form, page, submit, text_of

FFT_ANSWERS = ["Very good", "Good", "Neither good nor poor", "Poor", "Very poor", "Don't know"]


def _stored(session) -> list[Response]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(Response).order_by(Response.id)))


def test_the_form_shows_the_team_and_the_fft_question_word_for_word(client, source):
    soup, _ = open_form(client, "/f/FD")

    assert text_of(soup, "#team") == "Front Door"
    assert "How did we do?" in text_of(soup, "header")
    assert text_of(soup, "h1") == "Tell us how we did"
    legends = [" ".join(legend.get_text().split()) for legend in soup.select("legend")]
    assert legends[0] == "Overall, how was your experience of our service?"
    labels = [
        " ".join(label.get_text().split()) for label in soup.select("input[name=rating] + label")
    ]
    assert labels == FFT_ANSWERS
    assert text_of(soup, "label[for=comment]") == "Please can you tell us why you gave your answer?"
    counter = soup.select_one(".govuk-character-count")
    assert counter is not None and counter["data-maxlength"] == "2000"
    assert "You can enter up to 2000 characters" in soup.get_text()
    assert "Who is giving feedback? (optional)" in legends
    assert "Did someone help you fill this in? (optional)" in legends
    who = [
        " ".join(label.get_text().split())
        for label in soup.select("input[name=respondent_type] + label")
    ]
    assert who == [
        "The person who uses our services",
        "A carer",
        "A family member or friend",
        "Someone else",
        "Prefer not to say",
    ]


def test_an_answer_is_stored_with_its_card_and_the_person_is_thanked(client, session, source):
    response = submit(
        client,
        "/f/FD-B12-0173",
        rating="2",
        comment="Lovely staff, but I waited a week for a call back.",
        respondent_type="carer",
        helped="yes",
    )

    assert response.status_code == 302
    thanks = page(client.get(response.headers["Location"]))
    assert text_of(thanks, "h1") == "Thank you for your feedback"
    assert "formal complaint" in thanks.get_text()
    assert "If someone is at risk of harm" in thanks.get_text()
    assert thanks.select_one("a[href='/privacy']") is not None

    [stored] = _stored(session)
    assert stored.source_id == source.id
    assert stored.card_reference == "FD-B12-0173"
    assert stored.channel == "web"
    assert stored.rating == 2
    assert stored.comment == "Lovely staff, but I waited a week for a call back."
    assert stored.respondent_type == "carer"
    assert stored.helped is True
    assert stored.received_at is not None
    # What the row's own defaults and the analysis in the same transaction fill in.
    assert (stored.form_format, stored.language, stored.moderation_status) == (
        "standard",
        "en",
        "pending",
    )
    assert stored.sentiment_label is not None and stored.analysed_at is not None
    assert stored.redacted_comment == stored.comment and stored.themes


def test_optional_questions_may_be_left_blank(client, session, source):
    assert submit(client, "/f/FD", rating="6").status_code == 302
    [stored] = _stored(session)
    assert (stored.rating, stored.comment, stored.respondent_type, stored.helped) == (
        6,
        None,
        None,
        None,
    )


def test_an_unknown_or_damaged_reference_still_gets_the_form_and_is_kept(client, session, source):
    soup, _ = open_form(client, "/f/ZZ9-B1-0001")
    assert text_of(soup, "#team") == "Adult Social Care"
    assert submit(client, "/f/ZZ9-B1-0001", rating="1").status_code == 302
    assert submit(client, "/f/fd b12 <0173>", rating="4").status_code == 302
    assert submit(client, "/f/", rating="3").status_code == 302

    unknown, damaged, bare = _stored(session)
    assert unknown.source.code == "UNKNOWN" and unknown.card_reference == "ZZ9-B1-0001"
    # A lower-case, spaced reference is still recognised as the team's card.
    assert damaged.source.code == "FD" and damaged.card_reference == "FD-B12-0173"
    assert bare.source.code == "UNKNOWN" and bare.card_reference is None


def test_a_retired_teams_old_cards_still_work(client, session):
    from feedback.services.sources import add_source

    add_source(session, "OT", "Occupational Therapy", active=False)
    soup, _ = open_form(client, "/f/OT-B1-0002")
    assert text_of(soup, "#team") == "Occupational Therapy"
    assert submit(client, "/f/OT-B1-0002", rating="1").status_code == 302
    [stored] = _stored(session)
    assert stored.source.code == "OT"


def test_a_missing_rating_shows_the_error_and_keeps_what_was_typed(client, session, source):
    response = submit(
        client,
        "/f/FD",
        comment="Really helpful <b>people</b>",
        respondent_type="carer",
        helped="no",
    )

    assert response.status_code == 400
    soup = page(response)
    assert soup.title.get_text().startswith("Error: ")
    summary = soup.select_one(".govuk-error-summary")
    assert summary is not None and "There is a problem" in summary.get_text()
    link = summary.select_one("a")
    assert link.get_text(strip=True) == "Select how your experience of our service was"
    assert link["href"] == "#rating"
    assert "Select how your experience of our service was" in text_of(soup, "#rating-error")
    kept = form_fields(soup)
    assert kept["comment"] == "Really helpful <b>people</b>"
    assert kept["respondent_type"] == "carer"
    assert kept["helped"] == "no"
    assert _stored(session) == []


def test_a_rating_that_is_not_an_answer_is_refused(client, session, source):
    response = submit(client, "/f/FD", rating="9", comment="keep me")
    assert response.status_code == 400
    assert "Select how your experience of our service was" in page(response).get_text()
    assert form_fields(page(response))["comment"] == "keep me"
    assert _stored(session) == []


def test_a_comment_over_2000_characters_is_refused_and_kept(client, session, source):
    too_long = "a" * 2001
    response = submit(client, "/f/FD", rating="1", comment=too_long)
    assert response.status_code == 400
    soup = page(response)
    assert "Your answer must be 2,000 characters or fewer" in text_of(soup, ".govuk-error-summary")
    assert form_fields(soup)["comment"] == too_long
    assert _stored(session) == []

    assert submit(client, "/f/FD", rating="1", comment="b" * 2000).status_code == 302
    assert len(_stored(session)[0].comment) == 2000


def test_a_double_tap_or_resubmitted_page_stores_one_answer(client, session, source):
    _, fields = open_form(client, "/f/FD")
    fields.update(rating="1", comment="Brilliant")
    first = client.post("/f/FD", data=fields)
    second = client.post("/f/FD", data=fields)
    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] == "/thank-you"
    assert len(_stored(session)) == 1

    # A fresh view of the form is a new answer.
    assert submit(client, "/f/FD", rating="2").status_code == 302
    assert len(_stored(session)) == 2


def test_a_mangled_token_does_not_lose_the_answer(client, session, source):
    _, fields = open_form(client, "/f/FD")
    fields.update(rating="5", token="not a token!")
    assert client.post("/f/FD", data=fields).status_code == 302
    assert len(_stored(session)) == 1


def test_html_in_a_comment_is_stored_verbatim_and_shown_inert(client, session, source):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = submit(client, "/f/FD", comment=script)  # no rating: the form comes back
    body = response.get_data(as_text=True)
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert" in body
    assert submit(client, "/f/FD", rating="3", comment=script).status_code == 302
    assert _stored(session)[0].comment == script


def test_an_expired_session_keeps_the_answers_and_sending_again_stores_them(app, session, source):
    first_visit = app.test_client()
    _, fields = open_form(first_visit, "/f/FD")
    fields.update(rating="2", comment="Sent after the cookie was lost")

    # The browser comes back without its cookie (expired, cleared or blocked).
    returning = app.test_client()
    response = returning.post("/f/FD", data=fields)
    assert response.status_code == 400
    soup = page(response)
    assert "Your answers are still here" in text_of(soup, ".govuk-notification-banner")
    kept = form_fields(soup)
    assert kept["comment"] == "Sent after the cookie was lost"
    assert kept["rating"] == "2"
    assert _stored(session) == []

    assert returning.post("/f/FD", data=kept).status_code == 302
    assert [r.comment for r in _stored(session)] == ["Sent after the cookie was lost"]


def test_an_oversized_body_gets_a_friendly_page(client, session, source):
    _, fields = open_form(client, "/f/FD")
    fields.update(rating="1", comment="x" * 200_000)
    response = client.post("/f/FD", data=fields)
    assert response.status_code == 413
    assert text_of(page(response), "h1") == "Your answer was too long to send"
    assert "Traceback" not in response.get_data(as_text=True)
    assert _stored(session) == []


def test_counts_stay_right_when_many_answers_arrive(client, session, source):
    for rating in ("1", "2", "3", "4", "5", "6"):
        assert submit(client, "/f/FD", rating=rating).status_code == 302
    total = session.scalar(select(func.count()).select_from(Response).join(Source))
    assert total == 6


def test_unknown_pages_get_a_helpful_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert text_of(page(response), "h1") == "Page not found"


def test_the_start_page_leads_to_the_form(client):
    soup = page(client.get("/"))
    assert soup.select_one("a.govuk-button--start")["href"] == "/f/"


def test_a_printed_reference_typed_loosely_is_stored_as_printed(client, session, source):
    from qr.reference import make_reference

    printed = make_reference("FD", 12, 173)
    loose = printed.lower().replace("-", " ").replace("0", "o")
    assert submit(client, f"/f/{loose}", rating="1").status_code == 302
    assert submit(client, "/f/FD", rating="2").status_code == 302
    first, second = _stored(session)
    assert (first.source.code, first.card_reference) == ("FD", printed)
    assert (second.source.code, second.card_reference) == ("FD", "FD")
