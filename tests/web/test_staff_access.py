"""Signing in, roles, and the route × role matrix: every page, its roles and its headers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from feedback.models import AuditEvent, StaffUser
from tests.conftest import STAFF_PASSWORD

from .pages import assert_security_headers, form_fields, open_form, page, text_of

ROLES = ("admin", "manager", "keyer", "board")

# Who may open each staff page. A new staff route must be added here, or this test fails.
ACCESS = {
    "staff.sign_in": "public",
    "staff.sign_out": set(ROLES),
    "staff.home": set(ROLES),
    "staff.keep_alive": set(ROLES),
    "staff.users": {"admin"},
    "staff.new_user": {"admin"},
    "staff.set_user_active": {"admin"},
    "staff.reset_user_password": {"admin"},
    "staff.audit_log": {"admin"},
    "keying.index": {"keyer", "manager"},
    "keying.new_batch": {"keyer", "manager"},
    "keying.batch": {"keyer", "manager"},
    "keying.close_batch": {"keyer", "manager"},
    "keying.correct_card": {"keyer", "manager"},
    "feedback_list.index": {"manager"},
    "feedback_list.export": {"manager"},
    "feedback_list.detail": {"manager"},
    "feedback_list.moderate_quote": {"manager"},
    "feedback_list.link_action": {"manager"},
    "feedback_list.check_tone": {"manager"},
    "feedback_list.raise_safeguarding": {"manager"},
    "feedback_list.analysis_checks": {"manager"},
    "feedback_list.actions": {"manager"},
    "feedback_list.new_action": {"manager"},
    "feedback_list.edit_action": {"manager"},
    "safeguarding.queue": {"manager"},
    "safeguarding.alert": {"manager"},
    # Managers order cards for their teams; only administrators add or retire a source.
    "cards.sources": {"admin", "manager"},
    "cards.new_source": {"admin"},
    "cards.source": {"admin", "manager"},
    "cards.set_source_active": {"admin"},
    "cards.batch": {"admin", "manager"},
    "cards.batch_pdf": {"admin", "manager"},
    "cards.source_qr_svg": {"admin", "manager"},
    "cards.source_qr_png": {"admin", "manager"},
    "cards.source_poster": {"admin", "manager"},
    # The board reads stored summaries and nothing else: no comment, no feedback list.
    "summaries.index": {"admin", "manager", "board"},
    "summaries.show": {"admin", "manager", "board"},
    "summaries.easy_read": {"admin", "manager", "board"},
    "summaries.pdf": {"admin", "manager", "board"},
    "summaries.csv": {"admin", "manager", "board"},
    "summaries.json": {"admin", "manager", "board"},
    "summaries.hold": {"admin", "manager"},
    "summaries.release": {"admin", "manager"},
}


def _staff_routes(app):  # type: ignore[no-untyped-def]
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/staff"):
            yield rule


def _resident_pages(app):  # type: ignore[no-untyped-def]
    """A GET address for every page outside /staff, with a real card and a real file."""
    static = Path(app.static_folder)
    a_file = min(path for path in static.rglob("*") if path.is_file()).relative_to(static)
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/staff") or "GET" not in rule.methods:
            continue
        url = rule.rule.replace("<reference>", "FD").replace("<path:filename>", str(a_file))
        assert "<" not in url, f"give {rule.rule} a real value in _resident_pages"
        yield url


def test_every_staff_route_has_an_access_rule(app):
    endpoints = {rule.endpoint for rule in _staff_routes(app)}
    assert endpoints == set(ACCESS), "add the new staff route to ACCESS with its roles"


def _things(session, source, signed_in) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """One real row of each kind a staff URL names, so every page can really open."""
    from datetime import date

    from feedback.models import (
        Action,
        CardBatch,
        KeyingBatch,
        Report,
        ReportDelivery,
        Response,
        SafeguardingAlert,
    )  # fmt: skip
    from feedback.services.staff import create_staff_user
    from feedback.times import utcnow
    from reports.monthly import DigestSettings, compose_monthly

    someone = create_staff_user(session, "someone@example.gov.uk", "keyer", STAFF_PASSWORD)
    # The card is keyed by whoever is signed in: a keyer may correct only their own cards.
    keyer_id = signed_in.id if signed_in else someone.id
    batch = KeyingBatch(received_on=date(2026, 3, 3), opened_by_id=keyer_id)
    session.add(batch)
    session.flush()
    card = Response(
        source_id=source.id,
        channel="paper",
        rating=2,
        comment="Kind staff",
        card_reference="FD",
        keying_batch_id=batch.id,
        keyed_by_id=keyer_id,
    )
    session.add(card)
    session.flush()
    action = Action(
        you_said="Call back",
        we_did="We call back",
        action_date=date(2026, 3, 3),
        created_by_id=someone.id,
    )
    alert = SafeguardingAlert(response_id=card.id, categories=["neglect"])
    cards = CardBatch(source_id=source.id, quantity=2, ordered_on=date(2026, 3, 3))
    session.add_all([action, alert, cards])
    digest = compose_monthly(session, date(2026, 3, 1), DigestSettings())
    report = Report(
        kind="monthly", period="2026-03", version=1, status="built", built_at=utcnow(),
        content=digest.content, counts=digest.counts, pdf=b"%PDF-1.7 access test",
    )  # fmt: skip
    session.add(report)
    session.add(
        ReportDelivery(report=report, recipients="board@example.gov.uk", send_after=utcnow())
    )
    session.commit()
    return {
        "report_id": report.id,
        "user_id": someone.id,
        "response_id": card.id,
        "action_id": action.id,
        "alert_id": alert.id,
        "source_id": source.id,
        "keying.batch_id": batch.id,
        "cards.batch_id": cards.id,
    }


def _url(rule, things: dict[str, int]) -> str:  # type: ignore[no-untyped-def]
    blueprint = rule.endpoint.split(".")[0]

    def real_id(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(things.get(f"{blueprint}.{name}", things.get(name)))

    return re.sub(r"<(?:int:)?(\w+)>", real_id, rule.rule)


# What an allowed role gets from each page with real ids: a GET shows the page; a
# POST carrying only the CSRF token is either refused as incomplete (400) or
# does its one thing and goes back (302).
OWN_STATUS = {
    "staff.set_user_active": 302,
    "staff.reset_user_password": 200,
    "feedback_list.export": 200,
    "feedback_list.link_action": 302,
    "feedback_list.check_tone": 400,
    "feedback_list.raise_safeguarding": 400,
    "cards.set_source_active": 302,
    "summaries.hold": 302,
    "summaries.release": 302,
}


@pytest.mark.parametrize("role", [None, *ROLES])
def test_each_role_gets_exactly_its_pages(make_app, sign_in, session, source, role):
    app = make_app()
    client = app.test_client()
    signed_in = sign_in(client, role) if role else None
    _, fields = open_form(client, "/staff/sign-in")
    token = {"csrf_token": fields["csrf_token"]}
    things = _things(session, source, signed_in)
    nonces = []
    for url in [*_resident_pages(app), "/no-such-page"]:
        response = client.get(url)
        assert response.status_code < 500, f"GET {url}"
        nonces.append(assert_security_headers(response, f"GET {url} as {role or 'signed out'}"))
        response.close()  # a static file is sent from an open file
    for rule in _staff_routes(app):
        allowed = ACCESS[rule.endpoint]
        method = "GET" if "GET" in rule.methods else "POST"
        if rule.endpoint == "staff.sign_out":
            continue  # signing out would end this client's session mid-matrix
        data = token if method == "POST" else None
        response = client.open(_url(rule, things), method=method, data=data)
        where = f"{method} {_url(rule, things)} as {role or 'signed out'}"
        nonces.append(assert_security_headers(response, where))
        if allowed == "public":
            assert response.status_code == 200, where
        elif role is None:
            assert response.status_code == 302, where
            assert response.headers["Location"].startswith("/staff/sign-in?next="), where
        elif role in allowed:
            assert response.status_code == OWN_STATUS.get(rule.endpoint, 200), where
            assert "/staff/sign-in" not in response.headers.get("Location", ""), where
        else:
            assert response.status_code == 403, where
            assert "You do not have permission" in page(response).get_text()
        # A streamed download keeps its request's context open until it is closed.
        response.close()
    assert len(set(nonces)) == len(nonces), "each response needs a nonce of its own"


def test_sign_in_then_go_where_you_were_going(client, make_user):
    user = make_user("admin")
    response = client.get("/staff/users")
    assert response.status_code == 302
    target = response.headers["Location"]
    _, fields = open_form(client, target)
    fields.update(email="ADMIN@example.gov.uk ", password=STAFF_PASSWORD)
    response = client.post(target, data=fields)
    assert response.status_code == 302 and response.headers["Location"] == "/staff/users"
    assert user.email in page(client.get("/staff/users")).get_text()


def test_a_wrong_password_says_so_without_saying_which_part(client, make_user, session):
    make_user("manager")
    _, fields = open_form(client, "/staff/sign-in")
    fields.update(email="manager@example.gov.uk", password="not the password")
    response = client.post("/staff/sign-in", data=fields)
    assert response.status_code == 400
    soup = page(response)
    assert soup.title.get_text().startswith("Error: ")
    assert "The email address or password is not right" in text_of(soup, ".govuk-error-summary")
    assert form_fields(soup)["email"] == "manager@example.gov.uk"
    actions = session.scalars(select(AuditEvent.action)).all()
    assert actions.count("sign_in.failed") == 1


def test_repeated_wrong_passwords_lock_the_account_for_a_while(client, make_user, session):
    make_user("manager")
    for _attempt in range(6):
        _, fields = open_form(client, "/staff/sign-in")
        fields.update(email="manager@example.gov.uk", password="guess guess guess")
        client.post("/staff/sign-in", data=fields)
    _, fields = open_form(client, "/staff/sign-in")
    fields.update(email="manager@example.gov.uk", password=STAFF_PASSWORD)
    response = client.post("/staff/sign-in", data=fields)
    assert response.status_code == 400
    assert "Too many wrong passwords" in page(response).get_text()


def test_sign_in_is_throttled_per_client(make_app, make_user):
    app = make_app(FEEDBACK_SIGN_IN_RATE_LIMIT="3 per minute")
    client = app.test_client()
    statuses = []
    for _attempt in range(4):
        _, fields = open_form(client, "/staff/sign-in")
        fields.update(email=f"nobody{_attempt}@example.gov.uk", password="x" * 12)
        statuses.append(client.post("/staff/sign-in", data=fields).status_code)
    assert statuses == [400, 400, 400, 429]


def test_sign_out_ends_the_session(client, sign_in, session):
    sign_in(client, "manager")
    soup = page(client.get("/staff/"))
    token = soup.select_one("form[action='/staff/sign-out'] input[name=csrf_token]")["value"]
    response = client.post("/staff/sign-out", data={"csrf_token": token})
    assert response.headers["Location"] == "/staff/sign-in"
    assert client.get("/staff/").status_code == 302
    assert "sign_out" in session.scalars(select(AuditEvent.action)).all()


def test_a_disabled_user_is_out_at_their_next_request(app, sign_in, session):
    admin_client, keyer_client = app.test_client(), app.test_client()
    admin = sign_in(admin_client, "admin")
    keyer = sign_in(keyer_client, "keyer")
    assert keyer_client.get("/staff/").status_code == 200

    soup = page(admin_client.get("/staff/users"))
    form = soup.select_one(f"form[action='/staff/users/{keyer.id}/active']")
    response = admin_client.post(form["action"], data=form_fields(form))
    assert response.status_code == 302
    assert f"Disabled {keyer.email}" in page(admin_client.get("/staff/users")).get_text()

    assert keyer_client.get("/staff/").status_code == 302
    session.expire_all()
    assert session.get(StaffUser, keyer.id).active is False
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "user.disabled")).all()
    assert [(e.actor_id, e.target) for e in events] == [(admin.id, f"user:{keyer.id}")]


def test_staff_are_signed_out_after_inactivity(make_app, sign_in):
    app = make_app(FEEDBACK_STAFF_IDLE_MINUTES=0)
    client = app.test_client()
    sign_in(client, "manager")
    with client.session_transaction() as cookie:
        cookie["seen"] = 1.0  # long ago
    response = client.get("/staff/")
    assert response.status_code == 302
    notice = page(client.get(response.headers["Location"])).get_text()
    assert "signed out because you had not used" in notice


def test_an_admin_adds_a_user_who_can_then_sign_in(app, sign_in, session):
    admin_client = app.test_client()
    sign_in(admin_client, "admin")
    _, fields = open_form(admin_client, "/staff/users/new")
    fields.update(email="new.keyer@example.gov.uk", role="keyer", password="short")
    response = admin_client.post("/staff/users/new", data=fields)
    assert response.status_code == 400
    assert "at least 12 characters" in text_of(page(response), ".govuk-error-summary")

    fields.update(password="a long enough password")
    assert admin_client.post("/staff/users/new", data=fields).status_code == 302
    newcomer = app.test_client()
    _, fields = open_form(newcomer, "/staff/sign-in")
    fields.update(email="new.keyer@example.gov.uk", password="a long enough password")
    assert newcomer.post("/staff/sign-in", data=fields).status_code == 302
    audit = page(admin_client.get("/staff/audit")).get_text()
    assert "user.created" in audit and "new.keyer@example.gov.uk" in audit


def test_a_password_reset_ends_the_old_sessions(app, sign_in):
    admin_client, manager_client = app.test_client(), app.test_client()
    sign_in(admin_client, "admin")
    manager = sign_in(manager_client, "manager")
    url = f"/staff/users/{manager.id}/password"
    _, fields = open_form(admin_client, url)
    fields.update(password="a brand new passphrase")
    assert admin_client.post(url, data=fields).status_code == 302
    assert manager_client.get("/staff/").status_code == 302


def test_passwords_are_stored_as_argon2id(make_user):
    user = make_user("board")
    assert user.password_hash.startswith("$argon2id$")
    assert STAFF_PASSWORD not in user.password_hash


def test_create_user_command_reads_the_password_from_stdin(app, session):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["create-user", "--email", "Cli.Admin@example.gov.uk", "--role", "admin"],
        input="a password from a pipe\n",
    )
    assert result.exit_code == 0, result.output
    assert "Added cli.admin@example.gov.uk as administrator" in result.output
    user = session.scalar(select(StaffUser).where(StaffUser.email == "cli.admin@example.gov.uk"))
    assert user is not None and user.role == "admin"
    bad = runner.invoke(
        args=["create-user", "--email", "x@example.gov.uk", "--role", "admin"], input="short\n"
    )
    assert bad.exit_code != 0 and "at least 12 characters" in bad.output
