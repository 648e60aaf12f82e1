"""The board's monthly digest: built once per month, stored, read, emailed once.

The month used throughout is October 2026 (London), with three teams whose
figures are worked out by hand below.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from feedback.models import AuditEvent, Report, ReportDelivery, Response, SafeguardingAlert
from feedback.services.sources import add_source
from feedback.times import utcnow
from reports import jobs as report_jobs

from .mailserver import Inbox
from .pages import page, text_of

OCTOBER = date(2026, 10, 1)
IN_OCTOBER = datetime(2026, 10, 14, 11, 0, tzinfo=UTC)

# Hand-worked October:
#   FD Front Door        6 answers: 1 1 2 3 6 4  → 3 positive, 1 negative
#   RE Reablement        2 answers: 1 5          → hidden: fewer than 5
#   HT Hospital Team     7 answers: 1 1 1 2 2 4 5 → 5 positive, 2 negative
# All teams: 15 answers, 9 positive (60%), 4 negative (27%: 26.67 rounds up).
# "Don't know" (6) and "Neither" (3) count in the total.
# RE alone hidden would be 15 − 6 − 7 = 2, so FD (the smallest shown) is hidden too.
TEAMS = {"FD": [1, 1, 2, 3, 6, 4], "RE": [1, 5], "HT": [1, 1, 1, 2, 2, 4, 5]}


@pytest.fixture
def october(session, source):
    sources = {"FD": source}
    sources["RE"] = add_source(session, "RE", "Reablement")
    sources["HT"] = add_source(session, "HT", "Hospital Team")
    for code, ratings in TEAMS.items():
        for number, rating in enumerate(ratings):
            session.add(
                Response(
                    source_id=sources[code].id,
                    channel="paper" if number % 2 else "web",
                    rating=rating,
                    received_at=IN_OCTOBER + timedelta(minutes=number),
                    comment=f"Words {code} {number}",
                    sentiment_label="positive" if rating < 3 else "negative",
                    themes=["communication"],
                )  # fmt: skip
            )
    session.commit()
    return sources


def build(app, month=OCTOBER, **options):  # type: ignore[no-untyped-def]
    with app.app_context():
        return report_jobs.build_monthly(month, **options)


def test_the_digest_shows_fft_results_with_small_numbers_hidden(app, october, session, sign_in):
    report = build(app)
    assert report is not None and report.version == 1
    client = app.test_client()
    sign_in(client, "board")
    soup = page(client.get(f"/staff/summaries/{report.id}"))
    assert soup.h1.get_text(strip=True) == "October 2026"
    rows = {
        tr.th.get_text(strip=True) if tr.th else tr.td.get_text(strip=True): [
            td.get_text(strip=True) for td in tr.find_all("td")
        ]
        for tr in soup.select("#fft-teams tbody tr")
    }
    assert rows["All teams"][1:] == ["15", "60%", "36% to 80%", "27%"]
    assert rows["Hospital Team"][1:3] == ["7", "71%"]
    assert rows["Reablement"][1:] == ["*", "*", "*", "*"]
    assert rows["Front Door"][1:] == ["*", "*", "*", "*"]  # secondary suppression
    assert "Words FD" not in soup.get_text()  # no comment reaches the board


def test_the_csv_has_every_figure_and_keeps_hidden_cells_as_stars(app, october, sign_in):
    report = build(app)
    client = app.test_client()
    sign_in(client, "board")
    reply = client.get(f"/staff/summaries/{report.id}.csv")
    assert reply.status_code == 200 and reply.mimetype == "text/csv"
    lines = reply.get_data(as_text=True).splitlines()
    assert lines[0] == "section,item,measure,value"
    assert "FFT by team,Reablement,responses,*" in lines
    assert "FFT by team,Front Door,% positive,*" in lines
    assert "FFT by team,All teams,% positive,60%" in lines
    assert "FFT answers,Don't know,responses,*" in lines  # one "Don't know": hidden


def test_building_the_same_month_twice_gives_the_same_figures_and_keeps_both(app, october, session):
    first = build(app)
    assert build(app) is None  # the schedule never builds a built month again
    second = build(app, reissue=True, reason="late cards keyed")
    assert (first.version, second.version) == (1, 2)
    session.expire_all()
    stored = session.scalars(select(Report).order_by(Report.version)).all()
    assert [r.version for r in stored] == [1, 2]
    assert stored[0].content == stored[1].content
    assert stored[0].counts == {
        "answers": 15, "rated": 15, "comments": 15, "approved_quotes": 0, "safeguarding_raised": 0,
    }  # fmt: skip
    assert stored[1].reason == "late cards keyed"


def test_two_schedulers_at_once_build_the_month_once(make_app, october, session):
    apps = [make_app(), make_app()]
    start = threading.Barrier(2)
    results: list = []

    def run(app):  # type: ignore[no-untyped-def]
        with app.app_context():
            start.wait()
            results.append(report_jobs.build_monthly(OCTOBER))

    threads = [threading.Thread(target=run, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(r is None for r in results) == [False, True]
    assert session.scalar(select(func.count()).select_from(Report)) == 1


def test_a_month_missed_while_the_scheduler_was_down_is_caught_up(app, source, session):
    for month in (8, 9, 10, 11):
        session.add(Response(source_id=source.id, channel="web", rating=1,
                             received_at=datetime(2026, month, 5, 9, tzinfo=UTC)))  # fmt: skip
    session.commit()
    with app.app_context():
        report_jobs.build_monthly(date(2026, 8, 1))  # built before the scheduler went down
        caught_up = report_jobs.build_due(today=date(2026, 12, 3))
        assert [r.period for r in caught_up] == ["2026-09", "2026-10", "2026-11"]
        assert report_jobs.build_due(today=date(2026, 12, 3)) == []


def test_a_failed_build_gives_its_claim_back(app, october, session, monkeypatch):
    from reports import monthly

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("database went away")

    monkeypatch.setattr(report_jobs, "compose_monthly", broken)
    with pytest.raises(RuntimeError):
        build(app)
    monkeypatch.setattr(report_jobs, "compose_monthly", monthly.compose_monthly)
    report = build(app)
    assert report is not None and report.status == "built" and report.version == 1


@pytest.fixture
def board_app(make_app, smtp_port):
    return make_app(
        FEEDBACK_SMTP_HOST="127.0.0.1",
        FEEDBACK_SMTP_PORT=smtp_port,
        FEEDBACK_SMTP_TIMEOUT_SECONDS=2,
        FEEDBACK_BOARD_EMAIL="rascal@example.gov.uk",
        FEEDBACK_BASE_URL="https://feedback.example.gov.uk",
        FEEDBACK_REPORT_PREVIEW_HOURS=48,
    )


def deliver(app, at):  # type: ignore[no-untyped-def]
    with app.app_context():
        return report_jobs.deliver_due(now=at)


def test_the_board_gets_the_digest_once_after_the_preview(board_app, inbox, october, session):
    report = build(board_app)
    assert deliver(board_app, utcnow()).sent == 0  # still in the manager's preview
    later = utcnow() + timedelta(hours=49)
    assert deliver(board_app, later).sent == 1
    assert deliver(board_app, later + timedelta(hours=1)).sent == 0
    [email] = inbox.messages
    assert email["To"] == "rascal@example.gov.uk"
    assert "October 2026" in email["Subject"]
    body = email.get_body(("plain",)).get_content()
    assert f"https://feedback.example.gov.uk/staff/summaries/{report.id}" in body
    [attachment] = list(email.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")
    assert "Words" not in body


def test_with_the_mail_server_down_the_digest_is_sent_once_it_is_back(
    board_app, smtp_port, october, session
):
    report = build(board_app)
    later = utcnow() + timedelta(hours=49)
    assert deliver(board_app, later).failed == 1
    session.expire_all()
    delivery = session.scalars(select(ReportDelivery)).one()
    assert delivery.status == "waiting" and delivery.attempts == 1 and delivery.last_error
    assert deliver(board_app, later + timedelta(minutes=1)).sent == 0  # waits before retrying
    box = Inbox()
    controller = Controller(box, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        assert deliver(board_app, later + timedelta(minutes=6)).sent == 1
        assert deliver(board_app, later + timedelta(hours=7)).sent == 0
    finally:
        controller.stop()
    assert len(box.messages) == 1
    logged = session.scalars(
        select(AuditEvent.action).where(AuditEvent.target == f"report:{report.id}")
    )
    assert list(logged) == ["report.built", "report.email_failed", "report.emailed"]


def test_a_manager_can_hold_a_digest_back_and_release_it(board_app, inbox, october, sign_in):
    report = build(board_app)
    manager = board_app.test_client()
    sign_in(manager, "manager")
    soup = page(manager.get(f"/staff/summaries/{report.id}"))
    assert "This is a preview" in text_of(soup, "#delivery")
    token = soup.select_one("#delivery input[name=csrf_token]")["value"]
    reply = manager.post(f"/staff/summaries/{report.id}/hold", data={"csrf_token": token})
    assert reply.status_code == 302
    soup = page(manager.get(f"/staff/summaries/{report.id}"))
    assert "is held back" in text_of(soup, ".govuk-notification-banner")
    assert deliver(board_app, utcnow() + timedelta(days=5)).sent == 0
    manager.post(f"/staff/summaries/{report.id}/release", data={"csrf_token": token})
    assert deliver(board_app, utcnow() + timedelta(days=5)).sent == 1
    assert len(inbox.messages) == 1
    log = page(manager.get(f"/staff/summaries/{report.id}")).select("#delivery-log tbody tr")
    assert [tr.find_all("td")[1].get_text(strip=True) for tr in log] == [
        "Built", "Held back", "Released", "Emailed to the board",
    ]  # fmt: skip
    assert "Emailed to the board" in text_of(
        page(manager.get(f"/staff/summaries/{report.id}")), "#delivery"
    )


def test_the_board_sees_the_list_and_the_easy_read(app, october, sign_in):
    report = build(app)
    client = app.test_client()
    sign_in(client, "board")
    home = page(client.get("/staff/"))
    assert [a.get_text(strip=True) for a in home.select("main .govuk-list a")] == ["Summaries"]
    listing = page(client.get("/staff/summaries"))
    assert "October 2026" in text_of(listing, "#summaries")
    easy = page(client.get(f"/staff/summaries/{report.id}/easy-read"))
    lines = [" ".join(li.p.get_text().split()) for li in easy.select(".easy-read li")]
    assert "15 people told us what they thought." in lines
    assert "60% said we were good." in lines
    # One month of answers: the plain-words line, not the full digest's wording.
    assert "We need more months before we can tell if things are changing." in lines
    assert all(li.find("svg", attrs={"role": "img"}) for li in easy.select(".easy-read li"))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_the_pdf_carries_the_figures_on_the_page(app, october, sign_in, tmp_path):
    report = build(app)
    client = app.test_client()
    sign_in(client, "board")
    reply = client.get(f"/staff/summaries/{report.id}.pdf")
    assert reply.status_code == 200 and reply.mimetype == "application/pdf"
    (tmp_path / "digest.pdf").write_bytes(reply.data)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "digest.pdf"), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "October 2026" in text
    assert "60%" in text and "27%" in text and "36% to 80%" in text
    assert "Hospital Team" in text


def test_safeguarding_counts_reach_the_digest_never_the_words(app, october, session, sign_in):
    disclosure = session.scalars(select(Response).where(Response.rating == 5)).first()
    review = session.scalars(select(Response).where(Response.rating == 4)).first()
    session.add(SafeguardingAlert(
        response_id=disclosure.id, categories=["neglect"], raised_at=IN_OCTOBER,
        acknowledged_at=IN_OCTOBER + timedelta(minutes=30),
    ))  # fmt: skip
    session.add(SafeguardingAlert(
        response_id=review.id, categories=["fear"], tier="review", raised_at=IN_OCTOBER,
    ))  # fmt: skip
    session.commit()
    report = build(app)
    assert report.content["safeguarding"] == {
        "raised": 2, "alerts": 1, "acknowledged_in_time": 1, "target_hours": 2.0,
    }  # fmt: skip
    assert disclosure.comment not in str(report.content)
    assert review.comment not in str(report.content)
    client = app.test_client()
    sign_in(client, "board")
    text = " ".join(page(client.get(f"/staff/summaries/{report.id}")).get_text(" ").split())
    assert (
        "2 comments might tell of harm and went to the safeguarding duty team: 1 as an alert "
        "emailed at once, 1 to read the same day. 1 was picked up within 2 hours."
    ) in text


def test_retention_clears_the_words_and_the_stored_digest_keeps_its_figures(app, october, session):
    from feedback.services.retention import apply_retention

    report = build(app)
    before = dict(report.content)
    apply_retention(session, cutoff=datetime(2026, 11, 1, tzinfo=UTC))
    session.expire_all()
    assert session.scalar(select(func.count()).where(Response.comment.is_not(None))) == 0
    assert session.get(Report, report.id).content == before
    # A re-issue after retention still counts the same answers and their tone.
    again = build(app, reissue=True)
    assert again.content["fft"] == before["fft"]
    assert again.content["sentiment"] == before["sentiment"]


def test_quotes_are_approved_redacted_balanced_and_capped_per_team(app, october, session):
    fd, ht = october["FD"], october["HT"]
    quotes = [  # (team, rating, original words, approved quote), oldest first
        (fd, 1, "Sarah was lovely", "[name] was lovely"),
        (fd, 1, "Kind staff at the door", "Kind staff at the door"),
        (fd, 1, "Third praise for FD", "Third praise for FD"),
        (fd, 5, "Nobody rang me back", "Nobody rang me back"),
        (ht, 4, "Waited weeks", "Waited weeks"),
    ]
    for number, (team, rating, words, quote) in enumerate(quotes):
        session.add(Response(
            source_id=team.id, channel="web", rating=rating, comment=words, quote_text=quote,
            moderation_status="approved",
            received_at=IN_OCTOBER + timedelta(hours=2, minutes=number),
        ))  # fmt: skip
    session.add(Response(  # a quote nobody approved never appears
        source_id=ht.id, channel="web", rating=1, comment="Pending", quote_text="Pending words",
        moderation_status="pending", received_at=IN_OCTOBER,
    ))  # fmt: skip
    session.commit()
    chosen = build(app).content["quotes"]
    assert [(q["text"], q["tone"], q["team"]) for q in chosen] == [
        ("[name] was lovely", "positive", "Front Door"),
        ("Nobody rang me back", "negative", "Front Door"),
        ("Waited weeks", "negative", "Hospital Team"),
    ]  # FD's other praise waits: two quotes a team at most
    assert "Sarah" not in str(chosen) and "Pending" not in str(chosen)


def test_themes_move_against_last_month_and_the_same_month_last_year(app, october, session):
    fd = october["FD"]
    for when, count in (
        (datetime(2026, 9, 10, tzinfo=UTC), 9),
        (datetime(2025, 10, 10, tzinfo=UTC), 20),
    ):
        for _ in range(count):
            session.add(Response(source_id=fd.id, channel="web", rating=1, received_at=when,
                                 themes=["communication"]))  # fmt: skip
    session.commit()
    [theme] = build(app).content["themes"]
    assert (theme["name"], theme["count"], theme["previous"], theme["last_year"]) == (
        "Communication and being kept informed", "15", "9", "20",
    )  # fmt: skip
    assert theme["change"] == "up 6"


def test_two_senders_at_once_email_the_board_once(make_app, smtp_port, inbox, october):
    settings = {
        "FEEDBACK_SMTP_HOST": "127.0.0.1", "FEEDBACK_SMTP_PORT": smtp_port,
        "FEEDBACK_BOARD_EMAIL": "rascal@example.gov.uk",
    }  # fmt: skip
    apps = [make_app(**settings), make_app(**settings)]
    build(apps[0])
    start = threading.Barrier(2)
    later = utcnow() + timedelta(hours=49)
    results: list = []

    def run(app):  # type: ignore[no-untyped-def]
        with app.app_context():
            start.wait()
            results.append(report_jobs.deliver_due(now=later).sent)

    threads = [threading.Thread(target=run, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results) == [0, 1]
    assert len(inbox.messages) == 1


def test_a_build_that_died_mid_way_is_taken_over_once_its_claim_is_stale(app, october, session):
    from reports import store

    session.add(Report(kind="monthly", period="2026-10", version=1, status="building",
                       claimed_at=utcnow() - timedelta(minutes=5)))  # fmt: skip
    session.commit()
    assert build(app) is None  # someone may still be building it
    stuck = session.scalars(select(Report)).one()
    stuck.claimed_at = utcnow() - store.STALE_AFTER - timedelta(minutes=1)
    session.commit()
    report = build(app)
    assert (report.version, report.status) == (1, "built")
    assert session.scalar(select(func.count()).select_from(Report)) == 1


def test_a_digest_stored_before_the_two_tiers_keeps_its_wording(app, october, session, sign_in):
    report = build(app)
    stored = session.get(Report, report.id)
    stored.content = {
        **stored.content,
        "safeguarding": {"raised": 3, "acknowledged_in_time": 2, "target_hours": 2.0},
    }
    session.commit()
    client = app.test_client()
    sign_in(client, "board")
    text = " ".join(page(client.get(f"/staff/summaries/{report.id}")).get_text(" ").split())
    assert "3 comments were sent straight to the safeguarding duty team" in text
    csv_text = client.get(f"/staff/summaries/{report.id}.csv").get_data(as_text=True)
    assert "Possible disclosures,raised,3" in csv_text
    assert "emailed at once" not in csv_text


def test_the_digest_counts_the_tones_staff_checked_and_says_how_many(
    app, october, session, sign_in
):
    # October's comments: 9 read as positive (ratings 1-2), 6 negative (3-6). A manager
    # reads two of the negatives and finds one mixed and one neutral.
    negatives = session.scalars(
        select(Response).where(Response.sentiment_label == "negative").order_by(Response.id)
    ).all()
    negatives[0].sentiment_checked, negatives[1].sentiment_checked = "mixed", "neutral"
    session.commit()
    report = build(app)
    client = app.test_client()
    sign_in(client, "board")
    soup = page(client.get(f"/staff/summaries/{report.id}"))
    rows = {
        tr.find_all("td")[0].get_text(strip=True): tr.find_all("td")[1].get_text(strip=True)
        for tr in soup.select("#sentiment-table tbody tr")
    }
    # Counts under 5 are hidden, as every count in the digest is.
    assert rows["Positive"] == "9" and rows["Mixed"] == "*" and rows["Neutral"] == "*"
    assert text_of(soup, "#tone-checked") == (
        "Staff read and checked the tone of 2 of these comments; the table counts their "
        "reading for those, and the analyser's for the rest."
    )
    lines = client.get(f"/staff/summaries/{report.id}.csv").get_data(as_text=True).splitlines()
    assert "Comments by tone,Tone checked by staff,comments,2" in lines
