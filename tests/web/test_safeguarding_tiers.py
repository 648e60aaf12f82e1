"""Two tiers in one queue: alerts are emailed to the duty team, reviews wait to be read today.

Over the real SMTP server on 127.0.0.1 (see mailserver.py). Each comment is checked
against the detector first, so a change to the detector fails here loudly instead of
quietly testing something else.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from feedback.insight.safeguarding import check_safeguarding
from feedback.models import Response, SafeguardingAlert
from feedback.times import utcnow

from .mailserver import first_tries_done
from .pages import form_fields, page, submit, text_of

# A clear disclosure: the duty team is emailed now.
ALERT_TEXT = "The carer never came and my mum was left on the floor all night."
# A possible, indirect sign: read today, nobody emailed.
REVIEW_TEXT = "The staff are polite. He is not allowed to see his friends."
REVIEW_SENTENCE = "He is not allowed to see his friends"


@pytest.fixture
def duty_manager(mail_app, sign_in):
    client = mail_app.test_client()
    sign_in(client, "manager", email="duty.manager@example.gov.uk")
    return client


def test_the_comments_used_here_are_in_the_tiers_these_tests_rely_on():
    assert check_safeguarding(ALERT_TEXT).tier == "alert"
    review = check_safeguarding(REVIEW_TEXT)
    assert review.tier == "review"
    assert {f.sentence for f in review.findings} == {REVIEW_SENTENCE}
    assert "psychological.not-allowed" in {f.concept for f in review.findings}


def _queue_row(client, alert_id: int):  # type: ignore[no-untyped-def]
    queue = page(client.get("/staff/safeguarding"))
    for row in queue.select("tbody tr"):
        link = row.select_one("a")
        if link and link["href"].endswith(f"/staff/safeguarding/{alert_id}"):
            return [" ".join(cell.get_text(" ").split()) for cell in row.select("td")]
    raise AssertionError(f"alert {alert_id} is not in the queue")


def test_a_review_waits_in_the_queue_labelled_for_review_and_nobody_is_emailed(
    mail_app, inbox, session, source, duty_manager
):
    assert check_safeguarding(REVIEW_TEXT).tier == "review"
    resident = mail_app.test_client()
    assert submit(resident, "/f/FD", rating="2", comment=REVIEW_TEXT).status_code == 302
    # The resident is still shown where to get help now.
    thanks = page(resident.get("/thank-you"))
    assert "get help now" in text_of(thanks, ".govuk-notification-banner--urgent")
    first_tries_done(mail_app)

    alert = session.scalars(select(SafeguardingAlert)).one()
    assert alert.tier == "review"
    assert session.scalars(select(Response.safeguarding_flag)).one() is True
    name, urgency, _raised, why, email, status = _queue_row(duty_manager, alert.id)
    assert name == f"Review {alert.id}"
    assert urgency == "Review today"
    assert "Psychological abuse: not allowed" in why and REVIEW_SENTENCE in why
    assert email == "Not emailed"
    assert status == "Needs reading"

    # Not emailed by the scheduler's run either, nor escalated once overdue.
    alert.raised_at = utcnow() - timedelta(hours=5)
    session.commit()
    result = mail_app.test_cli_runner().invoke(args=["send-alerts"])
    assert "Sent 0 alert emails; escalated 0" in result.output
    assert inbox.messages == []

    # The duty team acknowledges it as they would an alert.
    detail = page(duty_manager.get(f"/staff/safeguarding/{alert.id}"))
    assert text_of(detail, "h1") == f"Safeguarding review {alert.id}"
    assert text_of(detail, "#urgency").startswith("Urgency Review today")
    response = duty_manager.post(
        f"/staff/safeguarding/{alert.id}", data={**form_fields(detail), "outcome": "concern"}
    )
    assert response.status_code == 302
    after = page(duty_manager.get("/staff/safeguarding"))
    assert f"Review {alert.id} acknowledged." in after.get_text()
    assert _queue_row(duty_manager, alert.id)[5] == "Acknowledged A possible concern"
    assert inbox.messages == []


# No concept has words for this one; the model reads it as a possible disclosure.
MODEL_TEXT = (
    "my brother lets men stay at his flat and they have his phone now, he sleeps on the sofa"
)


def test_what_only_the_model_finds_is_a_review_that_says_so(
    mail_app, inbox, session, source, duty_manager
):
    assert not check_safeguarding(MODEL_TEXT, use_model=False).flagged
    assert check_safeguarding(MODEL_TEXT).tier == "review"
    resident = mail_app.test_client()
    assert submit(resident, "/f/FD", rating="3", comment=MODEL_TEXT).status_code == 302
    first_tries_done(mail_app)

    alert = session.scalars(select(SafeguardingAlert)).one()
    assert alert.tier == "review"
    name, urgency, _raised, why, email, _status = _queue_row(duty_manager, alert.id)
    assert (name, urgency, email) == (f"Review {alert.id}", "Review today", "Not emailed")
    assert "kind not clear (found by the model, not a concept)" in why
    assert "he sleeps on the sofa" in why
    assert inbox.messages == []


POLISH_TEXT = "Opiekunka była miła, ale mama boi się jej syna, który zabiera jej kartę bankową."


def test_a_comment_in_another_language_is_put_up_for_a_person_to_read(
    mail_app, inbox, session, source, duty_manager
):
    assert check_safeguarding(POLISH_TEXT).categories == ("other-language",)
    resident = mail_app.test_client()
    reply = submit(resident, "/f/FD?lang=pl", rating="2", comment=POLISH_TEXT)
    assert reply.status_code == 302
    first_tries_done(mail_app)

    alert = session.scalars(select(SafeguardingAlert)).one()
    assert alert.tier == "review"
    name, urgency, _raised, why, email, _status = _queue_row(duty_manager, alert.id)
    assert (urgency, email) == ("Review today", "Not emailed")
    assert "Written in another language: read it today, the detector reads English only" in why
    assert "kartę bankową" in why
    assert inbox.messages == []


def test_an_alert_is_labelled_and_emailed_to_the_duty_team_once(
    mail_app, inbox, session, source, duty_manager
):
    assert check_safeguarding(ALERT_TEXT).tier == "alert"
    resident = mail_app.test_client()
    assert submit(resident, "/f/FD", rating="2", comment=ALERT_TEXT).status_code == 302
    first_tries_done(mail_app)
    assert "Sent 0 alert emails" in mail_app.test_cli_runner().invoke(args=["send-alerts"]).output

    alert = session.scalars(select(SafeguardingAlert)).one()
    [email] = inbox.messages
    assert email["To"] == "duty@example.gov.uk"
    assert f"/staff/safeguarding/{alert.id}" in email.get_content()
    assert "floor" not in email.get_content()
    name, urgency, _raised, _why, sent, status = _queue_row(duty_manager, alert.id)
    assert (name, urgency, sent, status) == (f"Alert {alert.id}", "Alert", "Sent", "Needs reading")


def test_the_queue_and_the_alert_page_say_what_was_found_in_which_sentence(
    mail_app, inbox, source, session, duty_manager
):
    comment = "Lovely staff on the whole. " + ALERT_TEXT
    found = check_safeguarding(comment)
    assert found.tier == "alert"
    assert ("fall.left-on-floor", ALERT_TEXT.rstrip(".")) in {
        (f.concept, f.sentence) for f in found.findings
    }
    submit(mail_app.test_client(), "/f/FD", rating="3", comment=comment)
    # The alert's email is tried in the background: let it finish before the mail server
    # stops, or a half-open connection outlives the test.
    first_tries_done(mail_app)
    alert = session.scalars(select(SafeguardingAlert)).one()

    why = _queue_row(duty_manager, alert.id)[3]
    assert "A fall: left on floor" in why
    assert f"“{ALERT_TEXT.rstrip('.')}”" in why
    assert "Lovely staff" not in why  # only the sentences that raised it

    detail = page(duty_manager.get(f"/staff/safeguarding/{alert.id}"))
    reasons = text_of(detail, "#why")
    assert "A fall: left on floor" in reasons and ALERT_TEXT.rstrip(".") in reasons
    assert "Words that matched:" in reasons and "left on the floor all night" in reasons
    assert "Possible kind of harm" in detail.get_text()


def test_a_review_on_a_keyed_card_tells_the_keyer_it_is_queued_not_emailed(
    mail_app, inbox, session, source, sign_in
):
    from .test_keying import _key, _open_batch

    assert check_safeguarding(REVIEW_TEXT).tier == "review"
    keyer = mail_app.test_client()
    sign_in(keyer, "keyer")
    batch_url = _open_batch(keyer)
    card = {"reference": "FD-B12-0173", "rating": "4", "comment": REVIEW_TEXT}
    saved = _key(keyer, batch_url, **card)
    assert saved.status_code == 302
    warning = text_of(page(keyer.get(saved.headers["Location"])), ".govuk-warning-text")
    assert "in the safeguarding queue for the duty team to review today" in warning
    assert "has been sent an alert" not in warning
    first_tries_done(mail_app)
    assert inbox.messages == []
    assert session.scalars(select(SafeguardingAlert.tier)).one() == "review"


# ---------------------------------------------------------------- re-scoring stored answers


def _stored_unanalysed(session, source, comment: str, received_ago: timedelta) -> int:  # type: ignore[no-untyped-def]
    """An answer stored before the analyser knew to flag it: no analysis, no alert."""
    response = Response(
        source_id=source.id,
        channel="web",
        rating=2,
        comment=comment,
        received_at=utcnow() - received_ago,
    )
    session.add(response)
    session.commit()
    return response.id


def _alerts(session) -> list[SafeguardingAlert]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(SafeguardingAlert).order_by(SafeguardingAlert.id)))


def test_a_re_score_puts_a_disclosure_in_an_old_comment_up_for_review_without_email(
    mail_app, inbox, session, source, duty_manager
):
    assert check_safeguarding(ALERT_TEXT).tier == "alert"
    response_id = _stored_unanalysed(session, source, ALERT_TEXT, timedelta(days=3))

    result = mail_app.test_cli_runner().invoke(args=["reanalyse"])
    assert result.exit_code == 0, result.output
    assert "1 to review today (not emailed) and 0 alerts" in result.output
    first_tries_done(mail_app)

    [alert] = _alerts(session)
    assert (alert.response_id, alert.tier) == (response_id, "review")
    assert inbox.messages == []
    assert _queue_row(duty_manager, alert.id)[1] == "Review today"
    # Run again: the response keeps its one alert, still unemailed.
    assert mail_app.test_cli_runner().invoke(args=["reanalyse"]).exit_code == 0
    assert "Sent 0" in mail_app.test_cli_runner().invoke(args=["send-alerts"]).output
    assert [a.id for a in _alerts(session)] == [alert.id]
    assert inbox.messages == []


def test_a_re_score_of_a_comment_from_the_last_day_emails_its_alert(
    mail_app, inbox, session, source
):
    assert check_safeguarding(ALERT_TEXT).tier == "alert"
    response_id = _stored_unanalysed(session, source, ALERT_TEXT, timedelta(hours=2))

    result = mail_app.test_cli_runner().invoke(args=["reanalyse"])
    assert result.exit_code == 0, result.output
    assert "0 to review today (not emailed) and 1 alerts" in result.output
    first_tries_done(mail_app)

    [alert] = _alerts(session)
    assert (alert.response_id, alert.tier) == (response_id, "alert")
    assert alert.notified_at is not None
    assert len(inbox.messages) == 1


def test_a_re_score_raises_no_second_alert_for_an_answer_that_has_one(
    mail_app, inbox, session, source
):
    assert (
        submit(mail_app.test_client(), "/f/FD", rating="2", comment=ALERT_TEXT).status_code == 302
    )
    first_tries_done(mail_app)
    assert len(inbox.messages) == 1

    for _ in range(2):
        result = mail_app.test_cli_runner().invoke(args=["reanalyse"])
        assert result.exit_code == 0, result.output
        assert "possible disclosures" not in result.output
    first_tries_done(mail_app)
    assert session.scalar(select(func.count()).select_from(SafeguardingAlert)) == 1
    assert len(inbox.messages) == 1
