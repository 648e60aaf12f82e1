"""Staff raising a comment the detector missed, and what the duty team found when they read."""

from __future__ import annotations

from sqlalchemy import select

from feedback.models import AuditEvent, Response, SafeguardingAlert
from feedback.services import safeguarding
from feedback.services.safeguarding_outcomes import outcome_lines, outcomes

from .mailserver import first_tries_done
from .pages import open_form, page, text_of

# Indirect: nothing here is a word the detector is sure to know, which is why a person raises it.
MISSED = "Lovely carers. My nephew comes on pension day and we go to the post office together."


def _queued(session, response_id: int) -> SafeguardingAlert:  # type: ignore[no-untyped-def]
    """An unread alert the detector raised for a fall."""
    row = SafeguardingAlert(response_id=response_id, categories=["fall"], tier="alert", findings=[])
    session.add(row)
    session.commit()
    return row


def test_a_manager_raises_a_comment_the_detector_missed_and_the_duty_team_is_emailed(
    mail_app, inbox, session, source, sign_in, make_response
):
    client = mail_app.test_client()
    manager = sign_in(client, "manager")
    response_id = make_response(rating=1, comment=MISSED, safeguarding_flag=False)
    url = f"/staff/feedback/{response_id}"
    soup, fields = open_form(client, url)
    assert text_of(soup, "#safeguarding-status").startswith(
        "The detector found no sign of harm in this comment."
    )

    # Saying how soon is required.
    response = client.post(f"{url}/safeguarding", data=fields)
    assert response.status_code == 400
    assert text_of(page(response), ".govuk-error-summary a") == (
        "Select whether to email the duty team now or to read it today"
    )
    assert session.scalars(select(SafeguardingAlert)).all() == []

    response = client.post(f"{url}/safeguarding", data={**fields, "tier": "alert"})
    assert response.status_code == 302
    alert = session.scalars(select(SafeguardingAlert)).one()
    assert (alert.tier, alert.raised_by_id, alert.categories) == (
        "alert",
        manager.id,
        ["raised-by-staff"],
    )
    soup = page(client.get(url))
    assert f"Raised with the duty team as Alert {alert.id}." in soup.get_text(" ")
    status = soup.select_one("#safeguarding-status")
    assert " ".join(status.get_text().split()) == (
        f"In the safeguarding queue as Alert {alert.id}, raised by a member of staff."
    )
    assert status.a["href"] == f"/staff/safeguarding/{alert.id}"
    first_tries_done(mail_app)
    [email] = inbox.messages
    assert email["To"] == "duty@example.gov.uk" and "post office" not in email.get_content()
    detail = page(client.get(f"/staff/safeguarding/{alert.id}"))
    assert "by a member of staff who read the comment" in text_of(detail, "main")
    assert "Raised by a member of staff who read the comment" in text_of(detail, "#why")
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "safeguarding.raised"))
    assert event.one().detail == {"tier": "alert"}

    # Raising it twice (a second tap, an old page) keeps the one alert.
    again = client.post(f"{url}/safeguarding", data={**fields, "tier": "review"})
    assert again.status_code == 400
    assert "already in the safeguarding queue" in text_of(page(again), ".govuk-error-summary")
    assert len(session.scalars(select(SafeguardingAlert)).all()) == 1


def test_raised_for_review_today_nobody_is_emailed(
    mail_app, inbox, session, source, sign_in, make_response
):
    client = mail_app.test_client()
    sign_in(client, "manager")
    response_id = make_response(comment=MISSED)
    url = f"/staff/feedback/{response_id}"
    _soup, fields = open_form(client, url)
    assert client.post(f"{url}/safeguarding", data={**fields, "tier": "review"}).status_code == 302
    first_tries_done(mail_app)
    assert session.scalars(select(SafeguardingAlert.tier)).one() == "review"
    assert inbox.messages == []


def test_outcomes_give_the_detectors_precision_and_count_what_staff_raised(
    app, session, source, make_user, make_response
):
    duty = make_user("manager")

    def alert(tier: str, categories: list[str], outcome: str | None, by=None) -> None:  # type: ignore[no-untyped-def]
        row = SafeguardingAlert(
            response_id=make_response(comment="A comment"),
            categories=categories,
            tier=tier,
            findings=[],
            raised_by_id=by.id if by else None,
        )
        session.add(row)
        session.commit()
        if outcome:
            safeguarding.acknowledge(session, row, duty, outcome)

    alert("alert", ["fall"], "concern")
    alert("alert", ["neglect", "fall"], "known")
    alert("review", ["unclear"], "not-concern")
    alert("review", ["unclear"], "not-concern")
    alert("review", ["financial"], "concern")
    alert("review", ["financial"], None)  # not read yet
    alert("alert", ["raised-by-staff"], "concern", by=duty)

    found = outcomes(session)
    assert found.detector_by_tier["alert"].confirmed == 2
    assert (found.detector_by_tier["review"].read, found.detector_by_tier["review"].confirmed) == (
        3,
        1,
    )
    assert found.detector_by_category["fall"].by_outcome == {"concern": 1, "known": 1}
    assert found.raised_by_staff.raised == 1

    printed = app.test_cli_runner().invoke(args=["safeguarding-outcomes"])
    assert printed.exit_code == 0, printed.output
    lines = printed.output.splitlines()
    assert lines == outcome_lines(found)
    assert lines[0] == (
        "Raised by the detector: 6 raised, 5 read: 3 a concern or already known (0.600), "
        "concern 2, known 1, not-concern 2"
    )
    assert (
        "  unclear: 2 raised, 2 read: 0 a concern or already known (0.000), "
        "concern 0, known 0, not-concern 2"
    ) in lines
    assert (
        "  financial: 2 raised, 1 read: 1 a concern or already known (1.000), "
        "concern 1, known 0, not-concern 0"
    ) in lines
    assert lines[-1] == (
        "Raised by staff, which the detector had not flagged: 1 "
        "(1 of 1 read were a concern or known)"
    )


def test_an_answer_without_a_comment_cannot_be_raised(client, manager, session, make_response):
    response_id = make_response(comment=None)
    soup, fields = open_form(client, f"/staff/feedback/{response_id}")
    assert soup.select_one("#safeguarding-heading") is None
    response = client.post(
        f"/staff/feedback/{response_id}/safeguarding", data={**fields, "tier": "alert"}
    )
    assert response.status_code == 400
    assert "no comment to raise" in text_of(page(response), ".govuk-error-summary")


def test_the_analysis_checks_page_shows_what_staff_found(
    client, manager, session, make_user, make_response
):
    from feedback.services import tone

    empty = page(client.get("/staff/analysis-checks"))
    assert text_of(empty, "h1") == "Analysis checks"
    assert text_of(empty, "#tone-summary").startswith("No tone has been checked yet.")
    assert "Analysis checks" in [a.get_text(strip=True) for a in empty.select(".staff-nav a")]

    for analyser, chosen in [
        ("negative", "mixed"),
        ("negative", "negative"),
        ("positive", "positive"),
    ]:
        response = session.get(
            Response, make_response(comment="A comment", sentiment_label=analyser)
        )
        tone.check_tone(session, response, chosen, manager)
    read = _queued(session, make_response(comment="Left on the floor"))
    safeguarding.acknowledge(session, read, manager, "not-concern")

    soup = page(client.get("/staff/analysis-checks"))
    assert text_of(soup, "#tone-summary") == (
        "Staff checked the tone of 3 analysed comments. "
        "The analyser had chosen the same tone for 2 of them (67%)."
    )
    tones = {
        tr.find_all("td")[0].get_text(strip=True): [
            td.get_text(strip=True) for td in tr.find_all("td")[1:]
        ]
        for tr in soup.select("#tone-table tbody tr")
    }
    assert tones == {
        "Positive": ["1", "1"],
        "Mixed": ["1", "0"],
        "Neutral": ["0", "0"],
        "Negative": ["1", "1"],
    }
    alerts = [
        [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in soup.select("#safeguarding-table tbody tr")
    ]
    assert alerts == [
        ["The detector, as an alert", "1", "1", "0", "1"],
        ["The detector, for review today", "0", "0", "0", "0"],
        ["Staff, where the detector had not", "0", "0", "0", "0"],
    ]
    by_kind = [
        [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in soup.select("#by-kind-table tbody tr")
    ]
    assert by_kind == [["A fall", "1", "1", "0", "1"]]


def test_two_readers_at_the_same_moment_record_one_outcome(app, session, make_user, make_response):
    first_reader, second_reader = (
        make_user("manager"),
        make_user("manager", "second@example.gov.uk"),
    )
    row = _queued(session, make_response(comment="A comment"))
    # Both pages were opened while it was unread: the second reader holds a stale copy.
    with app.extensions["feedback.sessionmaker"]() as other:
        stale = other.get(SafeguardingAlert, row.id)
        assert stale.acknowledged_at is None
        assert safeguarding.acknowledge(session, row, first_reader, "concern") is True
        assert safeguarding.acknowledge(other, stale, second_reader, "not-concern") is False
        assert (stale.outcome, stale.acknowledged_by_id) == ("concern", first_reader.id)
    session.expire_all()
    assert session.get(SafeguardingAlert, row.id).outcome == "concern"
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "safeguarding.acknowledged")
    ).all()
    assert len(events) == 1
