"""Fuzzing the resident's form and easy read journey (issue 12, bad input).

Each case is one request built byte by byte: invalid UTF-8, NUL bytes, fields past
their limits, odd Unicode, the wrong content type, a missing, foreign or doubled
CSRF token, a replayed one-time token, duplicated parameters, and path tricks in
the card reference. After every case: no 5xx, every stored answer whole (rating
valid, comment as sent, analysis present, an alert exactly when flagged) and the
count up by one for an acknowledged new answer, by none otherwise.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback.fft import RespondentType
from feedback.services.answers import clean_comment

from .fuzz import (
    CSRF_MODES,
    RawRequest,
    card_reference,
    counted,
    form_request,
    fuzz_settings,
    half_stored,
    not_a_server_error,
    store_now,
    token_stored,
    with_csrf,
)
from .pages import form_fields, page

RESIDENT_CASES = 1_000
PATH_CASES = 300
EASY_READ_CASES = 700

RATINGS = [str(code) for code in range(1, 7)]
WHO = [kind.value for kind in RespondentType]
COMMENTS = ["Kind staff", "", "   ", "They listened.\r\nThank you", "I feel unsafe at home"]


@pytest.fixture
def resident(app, client, source):
    """A client with a live CSRF token, and one from another session."""
    fields = form_fields(page(client.get("/f/FD")))
    other = app.test_client()
    foreign = form_fields(page(other.get("/f/FD")))["csrf_token"]
    return client, fields["csrf_token"], foreign


def _check_case(session, request: RawRequest, response, before, replayed: bool) -> None:  # type: ignore[no-untyped-def]
    not_a_server_error(response)
    after = store_now(session)
    acknowledged = response.status_code == 302 and response.location.endswith("thank-you")
    added = after.responses - before.responses
    if not acknowledged:
        assert added == 0, (response.status_code, added)
    elif request.encoding == "json":
        assert added in (0, 1)
    else:
        assert added == (0 if replayed else 1), (added, replayed)
    problems = half_stored(session, before)
    assert not problems, problems
    if acknowledged and added == 1 and request.encoding != "json":
        from feedback.models import Response

        row = session.get(Response, after.last_id)
        # As typed, but for NUL characters, which no one types and PostgreSQL refuses.
        assert row.comment == clean_comment((request.first("comment") or "").replace("\x00", ""))


def _send(client, session, url: str, request: RawRequest, csrf, last_token: list[bytes]):  # type: ignore[no-untyped-def]
    request.pairs = [
        (key, last_token[0] if key == b"token" and value == b"REPLAY" else value)
        for key, value in request.pairs
    ]
    sent_token = request.first("token")
    replayed = token_stored(session, sent_token)
    before = store_now(session)
    response = request.send(client, url)
    _check_case(session, request, response, before, replayed)
    if sent_token is not None:
        last_token[0] = sent_token.encode()
    return response


def test_resident_form_survives_bad_input(resident, session) -> None:
    client, csrf, foreign = resident
    last_token = [b"none-yet"]
    fields = {
        "rating": RATINGS,
        "comment": COMMENTS,
        "respondent_type": WHO,
        "helped": ["yes", "no"],
    }

    @fuzz_settings(RESIDENT_CASES)
    @given(
        reference=st.one_of(st.none(), card_reference()),
        request=form_request(fields),
        csrf_mode=st.sampled_from(CSRF_MODES),
    )
    def case(reference, request, csrf_mode) -> None:  # type: ignore[no-untyped-def]
        with counted("resident form"):
            url = "/f/" if reference is None else f"/f/{reference}"
            with_csrf(request, csrf_mode, csrf, foreign)
            _send(client, session, url, request, csrf, last_token)

    case()


def test_easy_read_survives_bad_input(resident, session) -> None:
    client, csrf, foreign = resident
    last_token = [b"none-yet"]
    fields = {
        "rating": RATINGS,
        "comment": COMMENTS,
        "helped": ["yes", "no"],
        "screen": ["how", "why", "helped", "check"],
        "changing": ["yes", ""],
        "go": ["next", "back", "stay"],
    }

    @fuzz_settings(EASY_READ_CASES)
    @given(
        reference=st.one_of(st.none(), card_reference()),
        send=st.booleans(),
        request=form_request(fields),
        csrf_mode=st.sampled_from(CSRF_MODES),
    )
    def case(reference, send, request, csrf_mode) -> None:  # type: ignore[no-untyped-def]
        with counted("easy read"):
            base = "" if reference is None else f"/f/{reference}"
            url = f"{base}/easy-read/send" if send else f"{base}/easy-read"
            with_csrf(request, csrf_mode, csrf, foreign)
            response = _send(client, session, url, request, csrf, last_token)
            if not send:
                assert response.status_code != 302 or "thank-you" not in response.location

    case()


def test_card_references_in_the_path(resident, session) -> None:
    """GETs of every resident page with tricks in the reference: a form or a 404, never a 5xx."""
    client, _csrf, _foreign = resident

    @fuzz_settings(PATH_CASES)
    @given(
        reference=card_reference(),
        suffix=st.sampled_from(["", "/easy-read", "/", "/easy-read/send"]),
    )
    def case(reference, suffix) -> None:  # type: ignore[no-untyped-def]
        with counted("resident paths"):
            before = store_now(session)
            response = client.get(f"/f/{reference}{suffix}")
            not_a_server_error(response)
            assert store_now(session).responses == before.responses

    case()


@pytest.mark.parametrize("url", ["/f/FD", "/f/FD/easy-read", "/f/FD/easy-read/send"])
def test_a_json_body_is_not_read_as_the_form(resident, session, url) -> None:
    """Found by fuzzing: Flask-WTF read a JSON body as the form, and `true` as a comment
    failed with a server error. A JSON body is now an empty form: its errors, nothing stored."""
    client, csrf, _foreign = resident
    response = client.post(
        url,
        json={"rating": None, "comment": True, "helped": ["yes"], "csrf_token": csrf},
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 400
    assert store_now(session).responses == 0


@pytest.mark.parametrize("url", ["/f/FD", "/f/FD/easy-read", "/staff/sign-in"])
def test_a_multipart_field_without_a_readable_name_is_refused(resident, session, url) -> None:
    """Found by fuzzing: a part named by a line break reached Flask-WTF's CSRF check as a
    field named None, a server error. Now a plain 400, nothing stored."""
    client, _csrf, _foreign = resident
    boundary = "fuzzboundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="\n"\r\n\r\n\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="rating"\r\n\r\n1\r\n'
        f"--{boundary}--\r\n"
    )
    response = client.post(
        url, data=body.encode(), content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 400
    assert store_now(session).responses == 0


def test_a_nul_character_is_dropped_not_a_server_error(resident, session) -> None:
    """Found by fuzzing: PostgreSQL refuses text holding NUL, and the answer was a 500
    there (SQLite stored it). Every form now drops NUL characters from what is sent."""
    client, csrf, _foreign = resident
    data = {"csrf_token": csrf, "rating": "1", "comment": "Kind\x00 staff", "token": "A" * 24}
    response = client.post("/f/FD", data=data)
    assert response.status_code == 302
    from feedback.models import Response

    assert session.get(Response, store_now(session).last_id).comment == "Kind staff"
