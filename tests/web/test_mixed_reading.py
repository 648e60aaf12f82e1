"""FEEDBACK_MIXED_READING: how a comment that praises and complains is labelled.

"labellers" (the default) reads it by its weightier side, as the NHS labellers the
scorer learnt from did; "praise-and-complaint" calls it mixed. Checked at start-up,
used for every stored answer and re-score, and part of the stored analyser version.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from feedback.models import Response

from .pages import submit

BOTH = "The carers are lovely, but they are always late and the office is useless."


def _stored(session) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    session.expire_all()
    row = session.scalars(select(Response)).one()
    return row.sentiment_label, row.analyser_version


def test_by_default_the_weightier_side_decides(client, session, source):
    assert submit(client, "/f/FD", rating="2", comment=BOTH).status_code == 302
    label, version = _stored(session)
    assert label == "negative" and version.startswith("sentiment-2.2+")


def test_a_council_can_have_praise_and_a_complaint_read_as_mixed(make_app, session, source):
    app = make_app(FEEDBACK_MIXED_READING="praise-and-complaint")
    assert submit(app.test_client(), "/f/FD", rating="2", comment=BOTH).status_code == 302
    label, version = _stored(session)
    assert label == "mixed" and version.startswith("sentiment-2.2-mixed+")


def test_a_re_score_uses_the_reading_set_now(make_app, session, source):
    first = make_app()
    submit(first.test_client(), "/f/FD", rating="2", comment=BOTH)
    assert _stored(session)[0] == "negative"
    later = make_app(FEEDBACK_MIXED_READING="praise-and-complaint")
    result = later.test_cli_runner().invoke(args=["reanalyse"])
    assert "with analyser sentiment-2.2-mixed+" in result.output
    assert _stored(session)[0] == "mixed"


def test_an_unknown_reading_stops_start_up_saying_what_to_set(make_app):
    with pytest.raises(ValueError, match="FEEDBACK_MIXED_READING is 'mixed': set it to one of"):
        make_app(FEEDBACK_MIXED_READING="mixed")
