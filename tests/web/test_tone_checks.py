"""Managers checking a comment's tone: kept beside the analyser's, counted in its place."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from feedback.feedback_list.forms import TONE_CHOICES
from feedback.models import AuditEvent, Response
from feedback.services import tone
from feedback.services.analysis import AnalysisSetup, apply_analysis
from reports.monthly import DigestSettings, compose_monthly

from .pages import form_fields, open_form, page, text_of

MIXED = "The carers are lovely but nobody rang me back about the bathroom for six weeks"


def test_every_tone_the_analyser_gives_can_be_chosen():
    assert tuple(TONE_CHOICES) == tone.TONES


def test_a_manager_checks_the_tone_and_the_page_says_whose_reading_counts(
    client, manager, session, make_response
):
    response_id = make_response(rating=2, comment=MIXED, sentiment_label="negative")
    url = f"/staff/feedback/{response_id}"
    soup, fields = open_form(client, url)
    assert text_of(soup, "#tone-heading") == "Tone"
    assert text_of(soup, "#tone-status") == (
        "Not checked by staff yet. The summaries count the analyser's reading, negative."
    )
    legend = text_of(soup, "form[action$='/tone'] legend")
    assert legend == "What is the tone of this comment?"
    assert "tone" not in fields  # nothing chosen until a person chooses

    fields["tone"] = "mixed"
    sent = client.post(f"{url}/tone", data=fields)
    assert sent.status_code == 302 and sent.headers["Location"] == url
    soup = page(client.get(url))
    assert "Tone saved as mixed." in soup.get_text(" ")
    status = text_of(soup, "#tone-status")
    assert status.startswith("Checked by staff as mixed on ")
    assert status.endswith("(the analyser read it as negative). The summaries count it as mixed.")
    assert form_fields(soup)["tone"] == "mixed"  # shown chosen, to change if need be

    session.expire_all()
    stored = session.get(Response, response_id)
    assert (stored.sentiment_label, stored.sentiment_checked) == ("negative", "mixed")
    assert stored.tone == "mixed"
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "response.tone_checked")
    ).one()
    assert event.actor_id == manager.id and event.target == f"response:{response_id}"
    assert event.detail == {"tone": "mixed", "analyser": "negative"}
    assert "response.tone_checked" in text_of(soup, "table")

    # Changing one's mind is logged with what it was before.
    fields = form_fields(soup)
    fields["tone"] = "negative"
    client.post(f"{url}/tone", data=fields)
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "response.tone_checked")
        .order_by(AuditEvent.id)
    ).all()
    assert events[-1].detail == {"tone": "negative", "analyser": "negative", "before": "mixed"}


def test_no_tone_chosen_says_what_to_do(client, manager, make_response):
    response_id = make_response(comment=MIXED, sentiment_label="negative")
    url = f"/staff/feedback/{response_id}"
    for chosen in ({}, {"tone": "furious"}):
        _soup, fields = open_form(client, url)
        fields.update(chosen)
        response = client.post(f"{url}/tone", data=fields)
        assert response.status_code == 400
        soup = page(response)
        assert soup.title.get_text().startswith("Error: ")
        assert text_of(soup, ".govuk-error-summary a") == "Select the tone of the comment"
        assert soup.select_one(".govuk-error-summary a")["href"] == "#tone"
        assert soup.select_one("#tone") is not None  # the link lands on the first choice


def test_an_answer_with_no_comment_has_no_tone_to_check(client, manager, session, make_response):
    response_id = make_response(comment=None)
    url = f"/staff/feedback/{response_id}"
    soup, fields = open_form(client, url)
    assert soup.select_one("#tone-heading") is None
    fields["tone"] = "positive"
    response = client.post(f"{url}/tone", data=fields)
    assert response.status_code == 400
    assert "This response has no comment to read" in text_of(page(response), ".govuk-error-summary")
    session.expire_all()
    assert session.get(Response, response_id).sentiment_checked is None


def test_a_re_score_keeps_the_tone_staff_chose(session, manager, make_response):
    response_id = make_response(rating=2, comment=MIXED)
    stored = session.get(Response, response_id)
    apply_analysis(session, stored, AnalysisSetup())
    session.commit()
    analyser = stored.sentiment_label
    chosen = next(t for t in tone.TONES if t != analyser)
    tone.check_tone(session, stored, chosen, manager)

    apply_analysis(session, stored, AnalysisSetup(), rescored_at=datetime.now(UTC))
    session.commit()
    session.expire_all()
    stored = session.get(Response, response_id)
    assert (stored.sentiment_label, stored.sentiment_checked, stored.tone) == (
        analyser,
        chosen,
        chosen,
    )


def test_the_digest_counts_staffs_tone_and_says_how_many_were_checked(
    session, manager, make_response
):
    march = datetime(2026, 3, 10, 12, tzinfo=UTC)
    checked = make_response(rating=2, comment=MIXED, sentiment_label="negative", received_at=march)
    for _ in range(5):
        make_response(rating=1, comment="Kind", sentiment_label="positive", received_at=march)
    tone.check_tone(session, session.get(Response, checked), "mixed", manager)

    digest = compose_monthly(session, date(2026, 3, 1), DigestSettings(threshold=1))
    rows = {row["label"]: row["count"] for row in digest.content["sentiment"]["rows"]}
    assert rows["Mixed"] == 1 and rows.get("Negative", 0) == 0 and rows["Positive"] == 5
    assert digest.content["sentiment"]["checked"] == 1


def test_agreement_compares_the_analyser_with_staff_in_four_tones_and_three_classes(
    app, session, make_response
):
    for analyser, staff, times in [
        ("negative", "negative", 3),
        ("negative", "mixed", 2),
        ("neutral", "mixed", 1),
        ("positive", "positive", 4),
        (None, "positive", 1),  # checked before it was analysed: left out, and said so
    ]:
        for _ in range(times):
            make_response(comment="A comment", sentiment_label=analyser, sentiment_checked=staff)
    make_response(comment="Not checked", sentiment_label="negative")

    found = tone.agreement(session)
    assert (found.checked, found.unanalysed) == (10, 1)
    assert found.agreed() == 7
    assert found.recall("mixed") == (0, 3)
    assert found.agreed(tone.THREE_CLASSES) == 8  # neutral for mixed is the same middle
    assert found.recall("middle", tone.THREE_CLASSES) == (1, 3)
    assert found.recall("positive") == (4, 4)
    # F1 per tone used: negative 2*3/(3+5), mixed 0, neutral 0, positive 2*4/(4+4).
    assert round(found.macro_f1(), 4) == round((0.75 + 0 + 0 + 1) / 4, 4)

    printed = app.test_cli_runner().invoke(args=["tone-agreement"])
    assert printed.exit_code == 0, printed.output
    lines = printed.output.splitlines()
    assert lines[0] == "Analysed comments whose tone staff checked: 10; 1 more not analysed yet"
    assert "Four tones: the analyser agrees with staff on 7/10 (0.700), macro-F1 0.438" in lines
    assert "  mixed (staff's reading): the analyser found 0/3 (0.000)" in lines
    three = "Three classes, mixed and neutral as one: the analyser agrees with staff on 8/10"
    assert any(line.startswith(three) for line in lines)
    assert "  mixed <- negative: 2" in lines


def test_agreement_with_nothing_checked_says_so(app):
    printed = app.test_cli_runner().invoke(args=["tone-agreement"])
    assert printed.output == "No analysed comment's tone has been checked by staff yet.\n"


def test_the_list_finds_comments_by_tone_as_counted_and_by_whether_staff_checked_it(
    client, manager, make_response
):
    from .test_feedback_list import listed

    praise = make_response(rating=1, sentiment_label="positive")
    complaint = make_response(rating=4, sentiment_label="negative")
    read_as_mixed = make_response(rating=2, sentiment_label="negative", sentiment_checked="mixed")
    praise_ticked_poor = make_response(rating=4, sentiment_label="positive")
    complaint_ticked_good = make_response(
        rating=2, sentiment_label="positive", sentiment_checked="negative"
    )
    cases = {
        "tone=negative": {complaint, complaint_ticked_good},
        "tone=mixed": {read_as_mixed},
        "tone=positive": {praise, praise_ticked_poor},
        "tone=disagree": {praise_ticked_poor, complaint_ticked_good},
        "tone_checked=yes": {read_as_mixed, complaint_ticked_good},
        "tone_checked=no": {praise, complaint, praise_ticked_poor},
        "tone=disagree&tone_checked=no": {praise_ticked_poor},
    }
    for query, expected in cases.items():
        assert set(listed(client.get(f"/staff/feedback?{query}"))) == expected, query
    soup = page(client.get("/staff/feedback?tone=disagree"))
    assert soup.select_one("#tone option[selected]").get_text() == "Words and tick box disagree"


def test_checked_tones_export_as_redacted_card_answers_the_evaluation_reads(
    app, session, manager, make_response, tmp_path, capsys
):
    from feedback.insight.evaluate_sentiment import main as evaluate

    for comment, redacted, rating, chosen in [
        ("Sue was lovely but nobody rang back", "[name] was lovely but nobody rang back", 2,
         "mixed"),
        ("Kind staff", "Kind staff", 1, "positive"),
        ("=1+1 still waiting", "=1+1 still waiting", None, "negative"),
    ]:  # fmt: skip
        stored = session.get(
            Response,
            make_response(comment=comment, redacted_comment=redacted, rating=rating,
                          sentiment_label="negative", analyser_version="sentiment-2.1+x"),
        )  # fmt: skip
        tone.check_tone(session, stored, chosen, manager)
    make_response(comment="Not checked", redacted_comment="Not checked")

    out = tmp_path / "checked.csv"
    result = app.test_cli_runner().invoke(args=["tone-agreement", "--export", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 3 checked comments" in result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "text,rating,label,question,analyser_label,analyser_version"
    assert lines[1] == "[name] was lovely but nobody rang back,2,mixed,why,negative,sentiment-2.1+x"
    assert "Sue" not in out.read_text(encoding="utf-8")  # the redacted words, never the original
    assert lines[3].startswith("'=1+1 still waiting,,negative")  # safe to open in a spreadsheet

    assert evaluate([str(out)]) == 0
    printed = capsys.readouterr().out
    assert "checked.csv: all labelled rows" in printed and "on 3 comments" in printed
    assert "scorer, four labels: accuracy" in printed  # mixed and neutral apart, as staff chose

    # The same file can train the sentiment scorer's no-opinion gate (--add-cards).
    from feedback.insight.train_sentiment import load_card_answers

    answers = load_card_answers(out)
    assert [(row.four, row.rating, row.question) for row in answers] == [
        ("mixed", 2, "why"),
        ("positive", 1, "why"),
        ("negative", None, "why"),
    ]
