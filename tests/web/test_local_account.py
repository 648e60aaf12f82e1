"""The annual Local Account pack for April 2025 to March 2026, worked out by hand.

Quarter  when       ratings            positive  negative
Q1       May 2025   1 1 1 2 2 4        5         1
Q2       Aug 2025   1 2 2 5 5          3         2
Q3       Nov 2025   1 1                2         0     (2 answers: hidden)
Q4       Feb 2026   1 1 1 1 4 4 6      4         2
Year                20 answers         14 (70%)  5 (25%)

Q3 alone hidden would be 20 − 6 − 5 − 7 = 2, so Q2 (the smallest shown) is hidden too.
Every good answer mentions "staff attitude" (14), every poor one "waiting" (5), so
"Assessing needs", which both evidence, has 19 mentions.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from feedback.models import Action, Report, Response
from reports import jobs as report_jobs

from .pages import page

QUARTERS = {
    datetime(2025, 5, 12, 10, tzinfo=UTC): [1, 1, 1, 2, 2, 4],
    datetime(2025, 8, 12, 10, tzinfo=UTC): [1, 2, 2, 5, 5],
    datetime(2025, 11, 12, 10, tzinfo=UTC): [1, 1],
    datetime(2026, 2, 12, 10, tzinfo=UTC): [1, 1, 1, 1, 4, 4, 6],
}


@pytest.fixture
def year(session, source, make_user):
    for when, ratings in QUARTERS.items():
        for rating in ratings:
            themes = (
                ["staff-attitude"]
                if rating <= 2
                else ["waiting-getting-through"]
                if rating in (4, 5)
                else []
            )
            session.add(Response(source_id=source.id, channel="web", rating=rating,
                                 received_at=when, themes=themes))  # fmt: skip
    # An answer from the next year must not count.
    session.add(Response(source_id=source.id, channel="web", rating=5,
                         received_at=datetime(2026, 4, 1, 9, tzinfo=UTC), themes=[]))  # fmt: skip
    manager = make_user("manager", email="editor@example.gov.uk")
    session.add_all([
        Action(you_said="It took too long to get through", we_did="More people answer the phone",
               status="completed", action_date=date(2025, 9, 1), created_by_id=manager.id),
        Action(you_said="Outside the year", we_did="Not in this pack", status="completed",
               action_date=date(2026, 5, 1), created_by_id=manager.id),
    ])  # fmt: skip
    session.commit()
    return 2025


def build(app, year):  # type: ignore[no-untyped-def]
    with app.app_context():
        return report_jobs.build_annual(year)


def test_the_pack_has_the_year_by_quarter_with_small_numbers_hidden(app, year):
    report = build(app, year)
    c = report.content
    assert (report.kind, report.period, c["title"]) == (
        "annual",
        "2025-26",
        "April 2025 to March 2026",
    )
    assert [q["responses"] for q in c["quarters"]] == ["6", "*", "*", "7"]
    assert [q["positive"] for q in c["quarters"]] == ["83%", "*", "*", "57%"]
    overall = c["fft"]["overall"]
    assert (overall["responses"], overall["positive"], overall["negative"]) == ("20", "70%", "25%")


def test_themes_are_mapped_to_cqc_and_making_it_real_and_balanced(app, year):
    c = build(app, year).content
    cqc = {item["statement"]: item["mentions"] for item in c["cqc"]}
    assert cqc["Assessing needs"] == "19"
    assert cqc["Equity in experience and outcomes"] == "14"
    assert cqc["Safe systems, pathways and transitions"] == "5"
    assert cqc["Safeguarding"] == "0"
    assert list(cqc)[0] == "Assessing needs"  # the framework's own order
    assert c["went_well"] == [
        "Staff attitude and kindness: 14 answers that praised the service mentioned it."
    ]
    assert c["must_improve"] == [
        "Waiting times and getting through: 5 answers that criticised the service mentioned it."
    ]
    assert [a["you_said"] for a in c["you_said_we_did"]] == ["It took too long to get through"]


def test_the_editor_reads_the_pack_and_downloads_csv_and_json(app, year, sign_in):
    report = build(app, year)
    client = app.test_client()
    sign_in(client, "board")
    soup = page(client.get(f"/staff/summaries/{report.id}"))
    assert soup.h1.get_text(strip=True) == "April 2025 to March 2026"
    assert "Local Account pack" in soup.select_one(".govuk-caption-l").get_text()
    quarters = [
        [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in soup.select("#fft-quarters tbody tr")
    ]
    assert quarters[2] == ["October to December", "*", "*", "*", "*"]
    assert "More people answer the phone" in soup.select_one("#you-said-we-did").get_text()

    reply = client.get(f"/staff/summaries/{report.id}.json")
    assert reply.mimetype == "application/json"
    document = json.loads(reply.get_data(as_text=True))
    assert (document["kind"], document["period"], document["version"]) == ("annual", "2025-26", 1)
    assert document["content"]["quarters"][1]["responses"] == "*"
    assert "<svg" not in reply.get_data(as_text=True)

    lines = client.get(f"/staff/summaries/{report.id}.csv").get_data(as_text=True).splitlines()
    assert "CQC quality statement,Assessing needs,mentions,19" in lines
    assert "FFT by quarter,July to September,responses,*" in lines
    assert client.get(f"/staff/summaries/{report.id}/easy-read").status_code == 404


def test_the_backfill_command_builds_a_year_once(app, year, session):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reports", "build", "--kind", "annual", "--period", "2025-26"])
    assert result.exit_code == 0, result.output
    assert "Built the 2025-26 annual summary, version 1" in result.output
    again = runner.invoke(args=["reports", "build", "--kind", "annual", "--period", "2025-26"])
    assert "already built" in again.output
    wrong = runner.invoke(args=["reports", "build", "--kind", "annual", "--period", "2025"])
    assert wrong.exit_code == 2 and "write it as YYYY-YY, e.g. 2025-26" in wrong.output
    assert len(session.scalars(select(Report)).all()) == 1


def test_a_finished_year_is_built_by_the_schedule_and_not_emailed(app, year, session):
    with app.app_context():
        built = report_jobs.build_due(today=date(2026, 4, 2))
    assert "2025-26" in [r.period for r in built if r.kind == "annual"]
    annual = session.scalars(select(Report).where(Report.kind == "annual")).one()
    from feedback.models import ReportDelivery

    assert (
        session.scalars(select(ReportDelivery).where(ReportDelivery.report_id == annual.id)).all()
        == []
    )
