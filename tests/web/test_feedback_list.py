"""Managers finding feedback: filters, word search, pages, one response, and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from feedback.models import AuditEvent
from feedback.services import feedback_search
from feedback.services.sources import add_source

from .pages import page, text_of

START = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def add(make_response):
    return make_response


def listed(response) -> list[int]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.get_data(as_text=True)
    links = page(response).select(".feedback-table tbody tr td:first-child a")
    return [int(link.get_text(" ").split()[0]) for link in links]


def test_the_list_is_newest_first_and_links_each_response(client, manager, add):
    older = add(received_at=START, comment="First")
    newer = add(received_at=START + timedelta(days=1), comment="Second")
    response = client.get("/staff/feedback")
    soup = page(response)
    assert text_of(soup, "h1") == "Feedback"
    assert listed(response) == [newer, older]
    assert text_of(soup, "#result-count") == "2 responses."


def test_each_filter_narrows_the_list(client, manager, session, add):
    other_team = add_source(session, "RB", "Reablement")
    plain = add()
    paper = add(channel="paper")
    poor = add(rating=4)
    carer = add(respondent_type="carer")
    silent = add(comment=None)
    reablement = add(source_id=other_team.id)
    everyone = {plain, paper, poor, carer, silent, reablement}

    cases = {
        f"source={other_team.id}": {reablement},
        "channel=paper": {paper},
        "rating=4": {poor},
        "respondent_type=carer": {carer},
        "has_comment=no": {silent},
        "has_comment=yes": everyone - {silent},
        f"channel=web&rating=1&source={other_team.id}": {reablement},
    }
    assert set(listed(client.get("/staff/feedback"))) == everyone
    for query, expected in cases.items():
        assert set(listed(client.get(f"/staff/feedback?{query}"))) == expected, query


def test_dates_are_london_days(client, manager, add):
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (British Summer Time).
    late = add(received_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    march = add(received_at=datetime(2026, 3, 31, 22, 30, tzinfo=UTC))
    april = "received_from=1&received_from=4&received_from=2026"
    assert listed(client.get(f"/staff/feedback?{april}")) == [late]
    until_march = "received_to=31&received_to=3&received_to=2026"
    assert listed(client.get(f"/staff/feedback?{until_march}")) == [march]
    # The filled-in dates stay in the boxes, so the filtered list can be shared as a link.
    soup = page(client.get(f"/staff/feedback?{april}"))
    assert soup.select_one("#received_from-month")["value"] == "4"


def test_a_date_that_is_not_real_says_what_to_do(client, manager, add):
    add()
    response = client.get("/staff/feedback?received_from=31&received_from=2&received_from=2026")
    assert response.status_code == 400
    soup = page(response)
    assert soup.title.get_text().startswith("Error: ")
    assert "Received from must be a real date" in text_of(soup, ".govuk-error-summary")
    backwards = (
        "/staff/feedback?received_from=2&received_from=3&received_from=2026"
        "&received_to=1&received_to=3&received_to=2026"
    )
    summary = text_of(page(client.get(backwards)), ".govuk-error-summary")
    assert "must be the same as or after" in summary


def test_search_finds_other_forms_of_a_word(client, manager, add):
    waited = add(comment="We waited six weeks for a call back")
    add(comment="Lovely carers, always on time")
    waiting = add(comment="The waiting list is too long")
    assert set(listed(client.get("/staff/feedback?q=waiting"))) == {waited, waiting}
    assert listed(client.get("/staff/feedback?q=waited+weeks")) == [waited]
    assert listed(client.get("/staff/feedback?q=carer")) != []


@pytest.mark.parametrize(
    "words", ['"', "NOT", "wait*", "comment: x", "a AND OR", "(", "-", "’", "🙂", "NEAR(a b)"]
)
def test_search_syntax_typed_by_a_person_is_never_an_error(client, manager, add, words):
    add(comment="We waited a long time")
    response = client.get("/staff/feedback", query_string={"q": words})
    assert response.status_code == 200


def test_blank_filters_are_left_out_of_the_link(client, manager):
    response = client.get(
        "/staff/feedback?q=&received_from=&received_from=&received_from=&channel=paper&rating="
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/staff/feedback?channel=paper"


def test_search_combines_with_filters(client, manager, add):
    add(comment="waited ages", rating=5)
    wanted = add(comment="waited a little", rating=1)
    assert listed(client.get("/staff/feedback?q=waited&rating=1")) == [wanted]


def test_pages_go_older_and_back_newer(client, manager, add):
    # Several share a received time, so the order must also use the id.
    made = []
    for n in range(30):
        at = START + timedelta(minutes=n // 3)
        made.append((at, add(received_at=at)))
    newest_first = [response_id for _at, response_id in sorted(made, reverse=True)]
    first = client.get("/staff/feedback?rating=1")
    assert listed(first) == newest_first[:25]
    soup = page(first)
    assert soup.select_one(".govuk-pagination__prev") is None
    older_href = soup.select_one(".govuk-pagination__next a")["href"]
    assert "rating=1" in older_href

    second = client.get(older_href)
    assert listed(second) == newest_first[25:]
    soup = page(second)
    assert soup.select_one(".govuk-pagination__next") is None
    newer_href = soup.select_one(".govuk-pagination__prev a")["href"]
    assert listed(client.get(newer_href)) == newest_first[:25]


def test_the_count_stops_at_the_cap(client, manager, add, monkeypatch):
    monkeypatch.setattr(feedback_search, "COUNT_CAP", 3)
    for _ in range(5):
        add()
    assert text_of(page(client.get("/staff/feedback")), "#result-count") == "More than 3 responses."


def test_nothing_matching_says_so(client, manager, add):
    add()
    soup = page(client.get("/staff/feedback?channel=paper"))
    assert text_of(soup, "#result-count") == "0 responses match these filters."
    assert soup.select_one(".feedback-table") is None


def test_the_detail_page_shows_everything_about_a_response(client, manager, add, session):
    response_id = add(
        channel="paper",
        card_reference="FD-B7-0042",
        rating=4,
        comment="Nobody rang me back",
        respondent_type="carer",
        helped=True,
        sentiment_label="negative",
        sentiment_score=-0.61,
        themes=["communication"],
        redacted_comment="Nobody rang me back",
        analysed_at=START,
        analyser_version="1.0",
    )
    soup = page(client.get(f"/staff/feedback/{response_id}"))
    assert text_of(soup, "h1") == f"Feedback {response_id}"
    text = soup.get_text(" ")
    for shown in ("Nobody rang me back", "FD-B7-0042", "Paper card", "Poor", "A carer", "negative"):
        assert shown in text, shown
    assert "communication" in text
    assert "Not linked to an action yet" in text
    assert "Nothing done to this response yet" in text


def test_a_missing_response_goes_back_to_the_list(client, manager):
    response = client.get("/staff/feedback/999999")
    assert response.status_code == 302
    assert "There is no feedback numbered 999999" in page(client.get("/staff/feedback")).get_text()


def _export(client, query: str = ""):  # type: ignore[no-untyped-def]
    response = client.get(f"/staff/feedback/export.csv{query}")
    assert response.status_code == 200
    return response, response.get_data(as_text=True)


def test_export_is_a_utf8_spreadsheet_with_a_bom(client, manager, add):
    add(comment="Très bien – merci")
    response, body = _export(client)
    today = datetime.now(ZoneInfo("Europe/London")).strftime("%Y-%m-%d")
    assert response.headers["Content-Disposition"] == f"attachment; filename=feedback-{today}.csv"
    assert response.mimetype == "text/csv"
    assert body.startswith("\ufeffid,received,channel,source_code")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[1][-1] == "Très bien – merci"
    # The stream's database connection goes back to the pool when the file ends.
    assert client.application.extensions["feedback.engine"].pool.checkedout() == 0


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_export_never_lets_a_comment_run_as_a_formula(client, manager, add, start):
    add(comment=f'{start}HYPERLINK("http://evil.example","click")')
    _response, body = _export(client)
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[1][-1] == f'\'{start}HYPERLINK("http://evil.example","click")'


def test_export_uses_the_lists_filters_and_is_audited(client, manager, add, session):
    wanted = add(channel="paper", comment="Card one")
    add(channel="web", comment="Web one")
    _response, body = _export(client, "?channel=paper&q=card")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert [row[0] for row in rows[1:]] == [str(wanted)]
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "feedback.exported")
    ).one()
    assert event.actor_id == manager.id
    assert event.detail == {"filters": {"channel": "paper", "words": "card"}, "rows": 1}


def test_the_list_links_to_an_export_of_the_same_filters(client, manager, add):
    add(channel="paper")
    soup = page(client.get("/staff/feedback?channel=paper"))
    href = soup.find("a", string=lambda s: s and "spreadsheet" in s)["href"]
    assert href == "/staff/feedback/export.csv?channel=paper"


@pytest.mark.parametrize("role", ["admin", "keyer", "board"])
def test_only_managers_see_feedback(client, sign_in, add, role):
    response_id = add()
    sign_in(client, role)
    for url in ("/staff/feedback", f"/staff/feedback/{response_id}", "/staff/feedback/export.csv"):
        assert client.get(url).status_code == 403, url


def test_search_results_page_older_and_back_newer(client, manager, add):
    made = [
        add(comment=f"We waited {n} days", received_at=START + timedelta(hours=n))
        for n in range(30)
    ]
    add(comment="Lovely carers")
    newest_first = made[::-1]
    first = client.get("/staff/feedback?q=waiting")
    assert listed(first) == newest_first[:25]
    second = client.get(page(first).select_one(".govuk-pagination__next a")["href"])
    assert listed(second) == newest_first[25:]
    back = page(second).select_one(".govuk-pagination__prev a")["href"]
    assert listed(client.get(back)) == newest_first[:25]
