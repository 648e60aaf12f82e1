"""FEEDBACK_KEEP_TERMS_FILE: local organisations and places that redaction leaves in.

Checked when the app starts, then used for every stored answer (web, keyed card,
re-score) and when an approved quote is checked for personal data.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from feedback.insight.redaction import KeepTermsError, redact
from feedback.models import Response

from .pages import page, submit, text_of

# A befriending service named after a street: read as a person unless the council keeps it.
SERVICE = "Marsh Lane Friends"
COMMENT = f"Thanks to {SERVICE} for ringing mum every week."


@pytest.fixture
def keep_file(tmp_path):
    path = tmp_path / "keep.txt"
    path.write_text(f"# Our local services\n{SERVICE}\n\nRosehill Day Centre\n", encoding="utf-8")
    return path


@pytest.fixture
def keep_app(make_app, keep_file):
    return make_app(FEEDBACK_KEEP_TERMS_FILE=str(keep_file))


def test_without_the_term_the_service_is_taken_for_a_name():
    # What these tests rely on: fails loudly if redaction changes.
    assert redact(COMMENT).text != COMMENT
    assert redact(COMMENT, keep={SERVICE}).text == COMMENT


def _redacted(session) -> list[str]:  # type: ignore[no-untyped-def]
    session.expire_all()
    return list(session.scalars(select(Response.redacted_comment).order_by(Response.id)))


def test_a_kept_term_stays_in_the_redacted_answer_on_the_web_and_on_a_keyed_card(
    keep_app, make_app, session, source, sign_in
):
    from .test_keying import _key, _open_batch

    assert submit(keep_app.test_client(), "/f/FD", rating="1", comment=COMMENT).status_code == 302
    keyer = keep_app.test_client()
    sign_in(keyer, "keyer")
    card = {"reference": "FD-B12-0173", "rating": "1", "comment": COMMENT}
    assert _key(keyer, _open_batch(keyer), **card).status_code == 302
    # An app without the file, in the same process, redacts it as before.
    assert submit(make_app().test_client(), "/f/FD", rating="1", comment=COMMENT).status_code == 302

    assert _redacted(session) == [COMMENT, COMMENT, redact(COMMENT).text]


def test_a_re_score_keeps_the_term(keep_app, session, make_response):
    make_response(comment=COMMENT, redacted_comment=redact(COMMENT).text)
    result = keep_app.test_cli_runner().invoke(args=["reanalyse"])
    assert result.exit_code == 0, result.output
    assert _redacted(session) == [COMMENT]


def test_an_approved_quote_may_name_a_kept_service(
    keep_app, make_app, session, make_response, sign_in
):
    quote = COMMENT
    assert [item.kind for item in redact(quote).items] == ["name"]
    response_id = make_response(comment=COMMENT)
    url = f"/staff/feedback/{response_id}/moderate"

    plain = make_app().test_client()
    sign_in(plain, "manager", email="plain.manager@example.gov.uk")
    refused = submit(plain, url, quote=quote, decision="approved")
    assert refused.status_code == 400
    assert "still looks like it contains personal data" in text_of(
        page(refused), ".govuk-error-summary"
    )

    client = keep_app.test_client()
    sign_in(client, "manager")
    assert submit(client, url, quote=quote, decision="approved").status_code == 302
    session.expire_all()
    stored = session.get(Response, response_id)
    assert (stored.moderation_status, stored.quote_text) == ("approved", quote)
    # A kept name never lets a phone number through.
    session.execute(update(Response).values(moderation_status="pending"))
    session.commit()
    refused = submit(client, url, quote=f"{quote} Ring 07700 900123.", decision="approved")
    assert refused.status_code == 400


def test_a_bad_keep_terms_file_stops_start_up_naming_the_file_and_line(make_app, tmp_path):
    bad = tmp_path / "keep.txt"
    bad.write_text(f"# Our local services\n{SERVICE}\nHope\n", encoding="utf-8")
    with pytest.raises(KeepTermsError) as problem:
        make_app(FEEDBACK_KEEP_TERMS_FILE=str(bad))
    message = str(problem.value)
    assert message.startswith(f"FEEDBACK_KEEP_TERMS_FILE: {bad}: line 3: 'Hope' is a given name")

    missing = tmp_path / "missing.txt"
    with pytest.raises(KeepTermsError, match=r"FEEDBACK_KEEP_TERMS_FILE: .*missing\.txt: cannot"):
        make_app(FEEDBACK_KEEP_TERMS_FILE=str(missing))
    make_app()  # without the setting the app starts as before
