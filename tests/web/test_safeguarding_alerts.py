"""Analysis on submission, and safeguarding alerts over a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select
from sqlalchemy.orm import Session

from feedback.models import Response, SafeguardingAlert
from feedback.times import utcnow

from .mailserver import HeldInbox, Inbox, first_tries_done
from .pages import page, submit, text_of

DISCLOSURE = "The carer never came and my mum was left on the floor all night. Ring 07700 900123."
PRAISE = "Sarah from the Front Door team was so kind and patient. I feel safe at home now."


def test_each_answer_is_analysed_when_it_arrives(client, session, source):
    assert submit(client, "/f/FD", rating="1", comment=PRAISE).status_code == 302
    stored = session.scalars(select(Response)).one()
    assert stored.sentiment_label == "positive"
    assert stored.sentiment_reasons
    assert "staff-attitude" in stored.themes
    assert stored.redacted_comment.startswith("[name] from the Front Door team")
    assert stored.has_personal_data is True
    assert stored.safeguarding_flag is False
    assert stored.analyser_version.startswith("sentiment-")


def test_a_disclosure_alerts_the_duty_team_at_once_without_the_comment(
    mail_app, inbox, session, source
):
    client = mail_app.test_client()
    response = submit(client, "/f/FD", rating="1", comment=DISCLOSURE)
    assert response.status_code == 302
    thanks = page(client.get("/thank-you"))
    assert "get help now" in text_of(thanks, ".govuk-notification-banner--urgent")

    first_tries_done(mail_app)
    alert = session.scalars(select(SafeguardingAlert)).one()
    assert alert.notified_at is not None and "neglect" in alert.categories
    [email] = inbox.messages
    assert email["To"] == "duty@example.gov.uk"
    body = email.get_content()
    assert f"https://feedback.example.gov.uk/staff/safeguarding/{alert.id}" in body
    assert "floor" not in body and "07700" not in body


def test_an_ordinary_comment_raises_no_alert(mail_app, inbox, session, source):
    client = mail_app.test_client()
    submit(client, "/f/FD", rating="4", comment="The wait nearly killed me, two hours on hold.")
    assert session.scalars(select(SafeguardingAlert)).all() == []
    assert inbox.messages == []
    assert page(client.get("/thank-you")).select_one(".govuk-notification-banner--urgent") is None


def test_with_the_mail_server_down_the_alert_is_kept_and_sent_later(
    mail_app, smtp_port, session, source
):
    client = mail_app.test_client()
    assert submit(client, "/f/FD", rating="2", comment=DISCLOSURE).status_code == 302
    first_tries_done(mail_app)
    alert = session.scalars(select(SafeguardingAlert)).one()
    assert alert.notified_at is None
    assert alert.email_attempts == 1 and alert.last_email_error

    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        result = mail_app.test_cli_runner().invoke(args=["send-alerts"])
        assert result.exit_code == 0, result.output
        assert "Sent 1 alert emails" in result.output
        again = mail_app.test_cli_runner().invoke(args=["send-alerts"])
        assert "Sent 0 alert emails" in again.output
    finally:
        controller.stop()
    assert len(box.messages) == 1
    session.expire_all()
    assert session.get(SafeguardingAlert, alert.id).notified_at is not None


def test_an_unacknowledged_alert_is_escalated_once(mail_app, inbox, session, source):
    client = mail_app.test_client()
    submit(client, "/f/FD", rating="3", comment=DISCLOSURE)
    first_tries_done(mail_app)
    alert = session.scalars(select(SafeguardingAlert)).one()
    alert.raised_at = utcnow() - timedelta(hours=3)
    session.commit()

    runner = mail_app.test_cli_runner()
    assert "escalated 1" in runner.invoke(args=["send-alerts"]).output
    assert "escalated 0" in runner.invoke(args=["send-alerts"]).output
    escalations = [m for m in inbox.messages if m["To"] == "lead@example.gov.uk"]
    assert len(escalations) == 1
    assert "floor" not in escalations[0].get_content()


def test_an_acknowledged_alert_is_not_escalated(mail_app, inbox, session, source, make_user):
    from feedback.services.safeguarding import acknowledge

    client = mail_app.test_client()
    submit(client, "/f/FD", rating="3", comment=DISCLOSURE)
    first_tries_done(mail_app)
    alert = session.scalars(select(SafeguardingAlert)).one()
    alert.raised_at = utcnow() - timedelta(hours=3)
    session.commit()
    acknowledge(session, alert, make_user("manager"), "concern")
    assert "escalated 0" in mail_app.test_cli_runner().invoke(args=["send-alerts"]).output


def test_the_duty_team_reads_and_acknowledges_an_alert(mail_app, inbox, session, source, sign_in):
    resident = mail_app.test_client()
    submit(resident, "/f/FD", rating="2", comment=DISCLOSURE)
    alert = session.scalars(select(SafeguardingAlert)).one()

    manager = mail_app.test_client()
    sign_in(manager, "manager")
    queue = page(manager.get("/staff/safeguarding"))
    assert "Needs reading" in queue.get_text()
    detail = page(manager.get(f"/staff/safeguarding/{alert.id}"))
    assert DISCLOSURE in text_of(detail, ".staff-preserve-lines")
    from .pages import form_fields

    # Acknowledging says what was found: without it, nothing is marked read.
    response = manager.post(f"/staff/safeguarding/{alert.id}", data=form_fields(detail))
    assert response.status_code == 400
    assert text_of(page(response), ".govuk-error-summary a") == (
        "Select what you found when you read it"
    )
    response = manager.post(
        f"/staff/safeguarding/{alert.id}", data={**form_fields(detail), "outcome": "known"}
    )
    assert response.status_code == 302
    queue = page(manager.get("/staff/safeguarding"))
    assert "Acknowledged Already known" in queue.get_text(" ", strip=True)
    session.expire_all()
    stored = session.get(SafeguardingAlert, alert.id)
    assert stored.acknowledged_at is not None and stored.outcome == "known"
    # A second tap (or a second reader) changes nothing.
    again = manager.post(
        f"/staff/safeguarding/{alert.id}", data={**form_fields(detail), "outcome": "not-concern"}
    )
    assert again.status_code == 302
    session.expire_all()
    assert session.get(SafeguardingAlert, alert.id).outcome == "known"


def test_board_members_and_keyers_cannot_read_alerts(mail_app, inbox, source, sign_in):
    for role in ("board", "keyer"):
        client = mail_app.test_client()
        sign_in(client, role, email=f"{role}.x@example.gov.uk")
        assert client.get("/staff/safeguarding").status_code == 403


def test_administrators_can_extend_the_themes(make_app, session, source, tmp_path, sign_in):
    from feedback.insight.themes import DEFAULT_TAXONOMY

    extended = DEFAULT_TAXONOMY.read_text(encoding="utf-8") + (
        '\n[[theme]]\nslug = "pets"\nname = "Pets"\ndescription = "Animals at home."\n'
        'cqc = ["Assessing needs"]\nmaking_it_real = ["Wellbeing and independence"]\n'
        'terms = ["dog", "cat"]\n'
    )
    path = tmp_path / "themes.toml"
    path.write_text(extended, encoding="utf-8")
    extended_app = make_app(FEEDBACK_THEMES_FILE=str(path))
    client = extended_app.test_client()
    submit(client, "/f/FD", rating="1", comment="They made sure someone could walk my dog.")
    assert "pets" in session.scalars(select(Response.themes)).one()

    # The same themes everywhere the app offers them: the "You said, we did" form too.
    sign_in(client, "manager")
    themes = [o.get_text() for o in page(client.get("/staff/actions/new")).select("#theme option")]
    assert "Pets" in themes and "Staff attitude and kindness" in themes
    # ...while an app on the packaged themes, in the same process, does not offer it.
    plain = make_app().test_client()
    sign_in(plain, "manager", email="other.manager@example.gov.uk")
    assert "Pets" not in page(plain.get("/staff/actions/new")).get_text()


def test_a_broken_themes_file_stops_start_up_naming_the_problem(make_app, tmp_path):
    from feedback.insight.themes import DEFAULT_TAXONOMY, TaxonomyError

    broken = DEFAULT_TAXONOMY.read_text(encoding="utf-8").replace(
        'slug = "staff-attitude"', 'slug = "Staff Attitude"', 1
    )
    path = tmp_path / "themes.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(TaxonomyError, match="theme 1: 'slug' must be lower-case"):
        make_app(FEEDBACK_THEMES_FILE=str(path))
    make_app()  # later apps go back to the packaged taxonomy


def test_an_alert_another_sender_is_sending_is_not_sent_twice(mail_app, inbox, smtp_port, source):
    from feedback.mail import Mailer
    from feedback.services.safeguarding import deliver_pending

    # A bare session: this exercises the senders' claim, not the app's first try.
    with Session(mail_app.extensions["feedback.engine"], expire_on_commit=False) as session:
        response = Response(
            source_id=source.id, channel="web", rating=2, comment=DISCLOSURE, language="en"
        )
        session.add(response)
        session.flush()
        alert = SafeguardingAlert(
            response_id=response.id,
            categories=["neglect"],
            email_attempts=1,
            claimed_until=utcnow() + timedelta(minutes=1),  # the scheduler is sending it right now
        )
        session.add(alert)
        session.commit()
        mailer = Mailer(host="127.0.0.1", port=smtp_port, sender="x@example.gov.uk", timeout=2)

        assert deliver_pending(session, mailer, "duty@example.gov.uk", "https://f.example") == 0
        assert inbox.messages == []

        alert.claimed_until = utcnow() - timedelta(seconds=1)  # that sender died mid-send
        session.commit()
        assert deliver_pending(session, mailer, "duty@example.gov.uk", "https://f.example") == 1
        assert deliver_pending(session, mailer, "duty@example.gov.uk", "https://f.example") == 0
        assert len(inbox.messages) == 1
        session.refresh(alert)
        assert alert.email_attempts == 2 and alert.claimed_until is None


def test_the_resident_is_thanked_before_the_mail_server_answers(
    mail_app, smtp_port, session, source
):
    held = HeldInbox()
    controller = Controller(held, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        client = mail_app.test_client()
        response = submit(client, "/f/FD", rating="2", comment=DISCLOSURE)
        assert response.status_code == 302
        thanks = page(client.get("/thank-you"))
        assert "get help now" in text_of(thanks, ".govuk-notification-banner--urgent")
        # Stored before thanked; the email is still on its way.
        assert held.arrived.wait(timeout=20)
        alert = session.scalars(select(SafeguardingAlert)).one()
        assert alert.notified_at is None and held.messages == []
        held.release.set()
        first_tries_done(mail_app)
    finally:
        held.release.set()
        controller.stop()
    assert len(held.messages) == 1
    session.expire_all()
    assert session.get(SafeguardingAlert, alert.id).notified_at is not None


def test_a_disclosure_on_a_keyed_card_is_emailed_too(mail_app, inbox, session, source, sign_in):
    from .test_keying import _key, _open_batch

    keyer = mail_app.test_client()
    sign_in(keyer, "keyer")
    batch_url = _open_batch(keyer)
    card = {"reference": "FD-B12-0173", "rating": "4", "comment": DISCLOSURE}
    assert _key(keyer, batch_url, **card).status_code == 302
    first_tries_done(mail_app)
    [email] = inbox.messages
    assert email["To"] == "duty@example.gov.uk"
    alert = session.scalars(select(SafeguardingAlert)).one()
    assert alert.notified_at is not None


def test_two_senders_at_once_escalate_an_alert_once(mail_app, smtp_port, source):
    from feedback.mail import Mailer
    from feedback.services.safeguarding import escalate_overdue

    engine = mail_app.extensions["feedback.engine"]
    with Session(engine) as setup:
        response = Response(source_id=source.id, channel="web", rating=2, comment=DISCLOSURE)
        setup.add(response)
        setup.flush()
        setup.add(
            SafeguardingAlert(
                response_id=response.id,
                categories=["neglect"],
                email_attempts=1,
                raised_at=utcnow() - timedelta(hours=3),
                notified_at=utcnow() - timedelta(hours=3),
            )
        )
        setup.commit()

    held = HeldInbox()
    controller = Controller(held, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    mailer = Mailer(host="127.0.0.1", port=smtp_port, sender="x@example.gov.uk", timeout=20)
    results: list[int] = []

    def sender() -> None:
        with Session(engine, expire_on_commit=False) as own:
            results.append(
                escalate_overdue(
                    own, mailer, "lead@example.gov.uk", "https://f.example", timedelta(hours=1)
                )
            )

    try:
        first = threading.Thread(target=sender)
        first.start()
        assert held.arrived.wait(timeout=20)  # the first sender holds the claim, mid-send
        second = threading.Thread(target=sender)
        second.start()
        second.join(timeout=20)
        held.release.set()
        first.join(timeout=20)
    finally:
        held.release.set()
        controller.stop()
    assert sorted(results) == [0, 1]
    assert len(held.messages) == 1
