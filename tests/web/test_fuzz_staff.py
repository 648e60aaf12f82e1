"""Fuzzing every staff form and the feedback list's filters (issue 12, bad input).

Each form's fields are read from its own page (inputs, radios, select options), so a
new field is fuzzed without touching this file. Each case sends the form with every
field right, hostile, missing or doubled, stray parameters, the wrong content type
and a right, missing, foreign or doubled CSRF token. After every case: no 5xx, at
most one new answer (a keyed card), every stored answer whole, no orphan alerts.
"""

from __future__ import annotations

import functools
from datetime import date
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from feedback.models import Action, Response, SafeguardingAlert, StaffUser
from feedback.services.keying import open_batch
from feedback.services.sources import add_source

from .fuzz import (
    CSRF_MODES,
    counted,
    form_request,
    fuzz_settings,
    half_stored,
    not_a_server_error,
    odd_bytes,
    store_now,
    with_csrf,
)
from .pages import page, submit

CASES_PER_FORM = 250
FILTER_CASES = 600


def _fields_of(client, page_url: str, action: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each field of the form that posts to `action`, with the values its page offers."""
    response = client.get(page_url)
    assert response.status_code == 200, (page_url, response.status_code)
    soup = page(response)
    forms = [
        form
        for form in soup.select("form")
        if (form.get("action") or page_url).split("?")[0] == action.split("?")[0]
    ]
    assert forms, f"no form on {page_url} posts to {action}"
    fields: dict[str, list[str]] = {}
    for element in forms[0].select("input, textarea, select"):
        name = element.get("name")
        if not name or name == "csrf_token" or element.get("type") == "submit":
            continue
        values = fields.setdefault(name, [])
        if element.name == "select":
            values.extend(option.get("value", "") for option in element.select("option"))
        elif element.name == "textarea":
            values.append(element.get_text())
        else:
            values.append(element.get("value", ""))
    return fields


def _csrf(client, url: str) -> str:  # type: ignore[no-untyped-def]
    token = page(client.get(url)).select_one("input[name=csrf_token]")
    assert token is not None, url
    return token["value"]


@pytest.fixture
def staff(app, make_user, sign_in, session, source):
    """Signed-in admin and manager clients, and a feedback item of each kind to act on."""
    admin = app.test_client()
    sign_in(admin, "admin")
    manager = app.test_client()
    manager_account = sign_in(manager, "manager")
    resident = app.test_client()
    for comment in ("Kind staff who listened", "I feel unsafe at home"):
        assert submit(resident, "/f/FD-B12-0173", rating="2", comment=comment).status_code == 302
    alert = session.scalars(select(SafeguardingAlert)).one()
    keyed = open_batch(session, manager_account, date(2026, 3, 10), "fuzz")
    keyed_url = f"/staff/keying/batches/{keyed.id}"
    assert submit(manager, keyed_url, reference="FD-B12-0176", rating="2").status_code == 302
    card = session.scalars(select(Response).where(Response.channel != "web")).one()
    closing = open_batch(session, manager_account, date(2026, 3, 11), "to close")
    spare = add_source(session, "ZZ", "A team to retire and bring back")
    victim = make_user("keyer", "victim@example.gov.uk")
    action_fields = {
        "you_said": "It was hard to get through",
        "we_did": "We added people",
        "status": "completed",
        "action_date": ["14", "3", "2026"],
        "csrf_token": _csrf(manager, "/staff/actions/new"),
    }
    assert manager.post("/staff/actions/new", data=action_fields).status_code == 302
    action = session.scalars(select(Action)).one()
    response_id = alert.response_id
    # (client, the page that shows the form, where it posts)
    forms = {
        "sign in": (app.test_client(), "/staff/sign-in", "/staff/sign-in"),
        "new user": (admin, "/staff/users/new", "/staff/users/new"),
        "reset password": (admin, f"/staff/users/{victim.id}/password", None),
        "deactivate user": (admin, "/staff/users", f"/staff/users/{victim.id}/active"),
        "new source": (admin, "/staff/sources/new", "/staff/sources/new"),
        "order cards": (manager, f"/staff/sources/{source.id}", None),
        "source active": (admin, "/staff/sources", f"/staff/sources/{spare.id}/active"),
        "open batch": (manager, "/staff/keying/batches/new", None),
        "key card": (manager, f"/staff/keying/batches/{keyed.id}", None),
        "close batch": (manager, f"/staff/keying/batches/{closing.id}/close", None),
        "correct card": (manager, f"/staff/keying/cards/{card.id}", None),
        "moderate": (manager, f"/staff/feedback/{response_id}/moderate", None),
        "link action": (
            manager,
            f"/staff/feedback/{response_id}",
            f"/staff/feedback/{response_id}/link",
        ),
        "check tone": (
            manager,
            f"/staff/feedback/{response_id}",
            f"/staff/feedback/{response_id}/tone",
        ),
        "new action": (manager, "/staff/actions/new", None),
        "edit action": (manager, f"/staff/actions/{action.id}", None),
        "acknowledge alert": (manager, f"/staff/safeguarding/{alert.id}", None),
    }
    foreign = _csrf(app.test_client(), "/staff/sign-in")
    return forms, foreign


FORMS = [
    "sign in",
    "new user",
    "reset password",
    "deactivate user",
    "new source",
    "order cards",
    "source active",
    "open batch",
    "key card",
    "close batch",
    "correct card",
    "moderate",
    "link action",
    "check tone",
    "new action",
    "edit action",
    "acknowledge alert",
]


def test_every_staff_form_survives_bad_input(staff, session) -> None:
    # One test for all the forms: setting up the app, accounts and data once saves
    # half a minute; each form's cases are still counted and reported under its name.
    forms, foreign = staff
    for name in FORMS:
        _fuzz_form(session, name, *forms[name], foreign)


def _fuzz_form(session, name: str, client, page_url: str, action: str | None, foreign: str) -> None:  # type: ignore[no-untyped-def]
    action = action or page_url
    fields = _fields_of(client, page_url, action)
    csrf = _csrf(client, page_url)

    @fuzz_settings(CASES_PER_FORM)
    @given(request=form_request(fields), csrf_mode=st.sampled_from(CSRF_MODES))
    def case(request, csrf_mode) -> None:  # type: ignore[no-untyped-def]
        with counted(f"staff: {name}"):
            with_csrf(request, csrf_mode, csrf, foreign)
            before = store_now(session)
            response = request.send(client, action)
            not_a_server_error(response)
            after = store_now(session)
            assert after.responses - before.responses in (0, 1), name
            problems = half_stored(session, before)
            assert not problems, (name, problems)

    case()
    # The fuzzing client is still who it was: nobody signed it out or locked it.
    if name != "sign in":
        assert client.get("/staff/").status_code == 200, name
    assert session.scalar(select(StaffUser).where(StaffUser.role == "admin")) is not None


_REPEATS = st.sampled_from([0, 1, 1, 1, 2])
_STRAYS = st.lists(st.tuples(odd_bytes(10), odd_bytes(20)), max_size=2)


@functools.cache
def _filter_value(good: tuple[str, ...]) -> st.SearchStrategy[bytes]:
    # A huge query string is the server's to refuse (414), not the list's: short values.
    return st.one_of(st.sampled_from(good).map(str.encode), odd_bytes())


@st.composite
def filters(draw, fields: dict[str, list[str]]) -> str:  # type: ignore[no-untyped-def]
    parts = []
    for name, good in fields.items():
        for _ in range(draw(_REPEATS)):
            parts.append((name.encode(), draw(_filter_value(tuple(good) or ("",)))))
    parts.extend(draw(_STRAYS))
    return "&".join(
        quote_from_bytes(key, safe="") + "=" + quote_from_bytes(value, safe="")
        for key, value in parts
    )


def test_feedback_list_filters_survive_bad_input(staff, session) -> None:
    forms, _foreign = staff
    client = forms["moderate"][0]
    fields = _fields_of(client, "/staff/feedback", "/staff/feedback")
    for url in ("/staff/feedback", "/staff/feedback/export.csv"):

        @fuzz_settings(FILTER_CASES // 2)
        @given(query=filters(fields))
        def case(query) -> None:  # type: ignore[no-untyped-def]
            with counted("staff: feedback filters"):
                before = store_now(session)
                response = client.get(f"{url}?{query}")  # noqa: B023 - run before url moves on
                not_a_server_error(response)
                assert store_now(session) == before

        case()
