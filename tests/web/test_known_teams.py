"""A card's team is looked up once a minute, not on every GET and POST (KnownTeams).

What is kept must never send an answer to the wrong team or hide a team just added.
"""

from __future__ import annotations

from sqlalchemy import select

from feedback.known_teams import known_teams
from feedback.models import Response
from feedback.services.sources import KnownTeams, Team, add_source

from .pages import open_form, submit, text_of


def _stored(session) -> list[Response]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(Response).order_by(Response.id)))


def test_a_team_added_after_its_card_was_scanned_is_found_at_once(client, session, source):
    soup, _ = open_form(client, "/f/NT-B1-0001")
    assert text_of(soup, "#team") == "Adult Social Care"  # not a team yet

    add_source(session, "NT", "New Team")
    soup, _ = open_form(client, "/f/NT-B1-0001")
    assert text_of(soup, "#team") == "New Team"
    assert submit(client, "/f/NT-B1-0001", rating="2").status_code == 302
    [stored] = _stored(session)
    assert stored.source.code == "NT"


def test_kept_teams_store_each_answer_against_its_own_team(app, client, session, source):
    add_source(session, "HT", "Home Team")
    for reference in ("FD-B1-0001", "HT-B1-0001", "ZZ-B1-0001", "FD-B1-0002", "HT-B1-0002"):
        assert submit(client, f"/f/{reference}", rating="1").status_code == 302
    assert [(row.source.code, row.card_reference) for row in _stored(session)] == [
        ("FD", "FD-B1-0001"),
        ("HT", "HT-B1-0001"),
        ("UNKNOWN", "ZZ-B1-0001"),
        ("FD", "FD-B1-0002"),
        ("HT", "HT-B1-0002"),
    ]
    with app.app_context():
        kept = known_teams()
        assert kept.get("FD") == Team(id=source.id, code="FD", name="Front Door")
        assert kept.get("ZZ") is None  # only teams found are kept


def test_each_app_keeps_its_own_teams(make_app, source):
    first, second = make_app(), make_app()
    first.test_client().get("/f/FD-B1-0001")
    with first.app_context():
        assert known_teams().get("FD") is not None
    with second.app_context():
        assert known_teams().get("FD") is None


def test_a_kept_team_is_looked_up_again_once_its_time_is_up():
    team = Team(id=1, code="FD", name="Front Door")
    kept = KnownTeams(seconds=60)
    kept.put(team)
    assert kept.get("FD") == team
    expired = KnownTeams(seconds=-1)
    expired.put(team)
    assert expired.get("FD") is None
