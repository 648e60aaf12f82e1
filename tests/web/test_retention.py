"""Retention: old answers lose their words in every table, and keep every figure."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from feedback.insight.themes import load_taxonomy
from feedback.models import Action, AuditEvent, Base, Response, SafeguardingAlert
from feedback.services import keying, moderation
from feedback.services.actions import ActionDetails, create_action
from feedback.services.analysis import AnalysisSetup
from feedback.services.card_references import read_reference
from feedback.services.retention import apply_retention, cutoff_for
from feedback.services.sources import add_source
from feedback.times import LONDON, as_utc
from reports import build

TODAY = date(2026, 12, 3)
CUTOFF = datetime(2024, 12, 3, 0, 0, tzinfo=UTC)  # cutoff_for(TODAY, 24)
OLD = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)
NEW = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
MARCH_2024 = date(2024, 3, 1)

KEYED = "Jane Smith on 07700 900123 was rude to me on the phone"
CORRECTED = "Jane Smyth on 07700 900123 was rude to me on the phone and never rang back"
QUOTE = "A member of staff was rude on the phone"
# Words of the comment, its redaction, its quote, its sentiment reasons and its alert's findings.
RESIDENT_WORDS = ("Jane", "Smyth", "07700", "rude", "rang back", "[name]", "member of staff")


@pytest.fixture
def people(make_user):
    return make_user("keyer"), make_user("manager")


@pytest.fixture
def answer(session, make_response, people):
    """A keyed card as it ends up in use: corrected, analysed, quoted, alerted, acted on."""
    keyer, manager = people
    setup = AnalysisSetup(taxonomy=load_taxonomy())

    def build(received_at: datetime, serial: int = 173) -> int:
        reference = f"FD-B12-{serial:04d}"
        response_id = make_response(
            channel="paper",
            card_reference=reference,
            rating=4,
            comment=KEYED,
            respondent_type="carer",
            received_at=received_at,
            keyed_by_id=keyer.id,
        )
        response = session.get(Response, response_id)
        card = keying.Card(read_reference(session, reference), 4, CORRECTED, "carer", None)
        assert keying.correct_card(session, response, keyer, card, setup) == ["comment"]
        moderation.moderate(
            session, response, moderation.APPROVED, QUOTE, manager, keep=frozenset()
        )
        session.add(
            SafeguardingAlert(
                response_id=response_id,
                categories=["neglect"],
                raised_at=received_at,
                # Why it was raised quotes the comment, so it goes with it.
                findings=[
                    {
                        "concept": "neglect.word",
                        "phrase": "never rang back",
                        "sentence": CORRECTED,
                        "categories": ["neglect"],
                        "tier": "review",
                        "dated": False,
                    }
                ],
            )
        )
        details = ActionDetails(
            you_said="Callers told us nobody phoned them back",
            we_did="Every call is now returned within a working day",
            source_id=response.source_id,
            theme="staff-attitude",
            status="completed",
            action_date=received_at.date(),
        )
        create_action(session, details, manager, [response_id])
        return response_id

    return build


KEPT = (
    "source_id",
    "channel",
    "card_reference",
    "rating",
    "respondent_type",
    "helped",
    "language",
    "sentiment_label",
    "sentiment_score",
    "themes",
    "has_personal_data",
    "safeguarding_flag",
    "analyser_version",
    "keyed_by_id",
    "moderation_status",
    "moderated_by_id",
)
CLEARED = ("comment", "redacted_comment", "quote_text", "sentiment_reasons")


def _stored(session, response_id: int) -> Response:  # type: ignore[no-untyped-def]
    session.expire_all()
    response = session.get(Response, response_id)
    assert response is not None
    return response


def _kept(response: Response) -> dict[str, object]:
    return {name: getattr(response, name) for name in KEPT} | {
        "received_at": as_utc(response.received_at),
        "analysed_at": as_utc(response.analysed_at),
        "moderated_at": as_utc(response.moderated_at),
    }


def _every_row(session) -> str:  # type: ignore[no-untyped-def]
    """Everything stored, in every table, as one string to search."""
    session.expire_all()
    return "\n".join(
        repr(row) for table in Base.metadata.sorted_tables for row in session.execute(select(table))
    )


def _retention_events(session) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    query = select(AuditEvent).where(AuditEvent.action == "retention.applied")
    return list(session.scalars(query))


def test_an_old_answers_words_go_from_every_table_and_its_figures_stay(session, answer, people):
    response_id = answer(OLD)
    before = _stored(session, response_id)
    assert all(getattr(before, name) for name in CLEARED)
    assert before.sentiment_label == "negative" and before.themes == ["staff-attitude"]
    kept = _kept(before)
    words = _every_row(session)
    assert all(word in words for word in RESIDENT_WORDS)

    result = apply_retention(session, cutoff=CUTOFF)

    assert (result.responses_cleared, result.audit_events_cleared) == (1, 1)
    assert (result.oldest_received_at, result.newest_received_at) == (OLD, OLD)
    after = _stored(session, response_id)
    assert {name: getattr(after, name) for name in CLEARED} == dict.fromkeys(CLEARED)
    assert _kept(after) == kept
    words = _every_row(session)
    assert [word for word in RESIDENT_WORDS if word in words] == []

    # The audit trail still says the comment was corrected, by whom and when.
    correction = keying.corrections(session, response_id)[0]
    assert correction.actor_id == people[0].id
    assert correction.detail["changes"] == {"comment": {"before": None, "after": None}}
    # The alert, the action and its link stay; a cleared quote is never published.
    alert = session.scalars(select(SafeguardingAlert)).one()
    assert (alert.response_id, alert.categories) == (response_id, ["neglect"])
    assert alert.findings is None
    action = session.scalars(select(Action)).one()
    assert action.you_said == "Callers told us nobody phoned them back"
    assert [response.id for response in action.responses] == [response_id]
    march = build.month_bounds(MARCH_2024)
    assert moderation.approved_quotes(session, march.start, march.end) == []


def test_an_answer_newer_than_the_cutoff_keeps_everything(session, answer):
    old_id = answer(OLD, serial=1)
    at_cutoff_id = answer(CUTOFF, serial=2)
    new_id = answer(NEW, serial=3)
    just_before_id = answer(CUTOFF - timedelta(seconds=1), serial=4)
    kept = {response_id: _stored(session, response_id) for response_id in (at_cutoff_id, new_id)}
    kept_values = {
        response_id: {name: getattr(row, name) for name in (*KEPT, *CLEARED)}
        for response_id, row in kept.items()
    }

    result = apply_retention(session, cutoff=CUTOFF)

    assert (result.responses_cleared, result.audit_events_cleared) == (2, 2)
    assert result.newest_received_at == CUTOFF - timedelta(seconds=1)
    for response_id in (old_id, just_before_id):
        assert _stored(session, response_id).comment is None
    for response_id, values in kept_values.items():
        row = _stored(session, response_id)
        assert {name: getattr(row, name) for name in (*KEPT, *CLEARED)} == values
        assert row.comment == CORRECTED and row.quote_text == QUOTE
        changes = keying.corrections(session, response_id)[0].detail["changes"]
        assert changes == {"comment": {"before": KEYED, "after": CORRECTED}}


def test_old_answers_are_cleared_a_batch_at_a_time(session, make_response):
    ids = [
        make_response(
            comment=f"Comment {n}",
            redacted_comment=f"Comment {n}",
            received_at=OLD + timedelta(days=n),
        )
        for n in range(5)
    ]
    newer = make_response(comment="Still here", received_at=NEW)

    loaded = session.get(Response, ids[0])

    result = apply_retention(session, cutoff=CUTOFF, batch_size=2)

    # The caller's session is not left holding the old words.
    assert loaded is not None and loaded.comment is None and loaded.redacted_comment is None
    assert (result.responses_cleared, result.batches) == (5, 3)
    assert result.oldest_received_at == OLD
    assert result.newest_received_at == OLD + timedelta(days=4)
    session.expire_all()
    comments = dict(session.execute(select(Response.id, Response.comment)).all())
    assert comments == {**dict.fromkeys(ids), newer: "Still here"}


def test_running_again_clears_nothing_and_records_one_event(session, answer, people):
    answer(OLD, serial=1)
    answer(OLD + timedelta(days=1), serial=2)
    _keyer, manager = people

    first = apply_retention(session, cutoff=CUTOFF, actor=manager)
    second = apply_retention(session, cutoff=CUTOFF, actor=manager)

    assert (first.responses_cleared, first.audit_events_cleared) == (2, 2)
    assert (second.responses_cleared, second.audit_events_cleared, second.batches) == (0, 0, 0)
    assert not second.cleared_anything and second.oldest_received_at is None
    [event] = _retention_events(session)
    assert (event.actor_id, event.target) == (manager.id, None)
    assert event.detail == {
        "cutoff": "2024-12-03T00:00:00+00:00",
        "period": {"from": "2024-03-10T12:00:00+00:00", "to": "2024-03-11T12:00:00+00:00"},
        "responses": 2,
        "audit_events": 2,
        "alerts": 2,
        "batches": 3,
    }


def test_nothing_due_records_nothing(session, make_response):
    make_response(comment="Recent", received_at=NEW)
    make_response(comment=None, received_at=OLD)

    result = apply_retention(session, cutoff=CUTOFF)

    assert not result.cleared_anything and result.cutoff == CUTOFF
    assert _retention_events(session) == []


def test_an_old_months_figures_are_the_same_before_and_after(session, make_response, source):
    other = add_source(session, "OT", "Occupational Therapy")
    for n, (rating, team, label, themes) in enumerate(
        [
            (1, source, "positive", ["kindness"]),
            (1, other, "positive", ["kindness", "communication"]),
            (2, source, "positive", []),
            (4, source, "negative", ["waiting"]),
            (5, other, "negative", ["communication"]),
            (None, source, "neutral", None),
        ]
    ):
        make_response(
            source_id=team.id,
            rating=rating,
            comment=f"Words {n}",
            quote_text=f"Quote {n}",
            sentiment_label=label,
            sentiment_reasons=[f"“words {n}” (word)"],
            themes=themes,
            received_at=datetime(2024, 3, 1, 0, 30, tzinfo=LONDON) + timedelta(days=n * 6),
        )
    march = build.month_bounds(MARCH_2024)

    def figures() -> dict[str, object]:
        session.expire_all()
        labels = select(Response.sentiment_label, func.count()).where(
            march.holds(Response.received_at)
        )
        return {
            "ratings": build.ratings_overall(session, march),
            "by_team": build.ratings_by_team(session, march),
            "themes": build.theme_counts(session, march),
            "channels": build.volumes(session, march, Response.channel),
            "trend": build.monthly_trend(session, MARCH_2024, months=3),
            "labels": dict(session.execute(labels.group_by(Response.sentiment_label)).all()),
        }

    before = figures()
    assert before["ratings"] == {1: 2, 2: 1, 4: 1, 5: 1}

    assert apply_retention(session, cutoff=CUTOFF).responses_cleared == 6

    assert figures() == before


@pytest.mark.parametrize(
    ("today_or_now", "months", "cutoff"),
    [
        (date(2026, 12, 3), 24, datetime(2024, 12, 3, 0, 0, tzinfo=UTC)),
        # A day the earlier month does not have: its last day.
        (date(2026, 5, 31), 3, datetime(2026, 2, 28, 0, 0, tzinfo=UTC)),
        (date(2024, 5, 31), 3, datetime(2024, 2, 29, 0, 0, tzinfo=UTC)),
        (date(2026, 3, 31), 1, datetime(2026, 2, 28, 0, 0, tzinfo=UTC)),
        (date(2026, 1, 15), 1, datetime(2025, 12, 15, 0, 0, tzinfo=UTC)),
        # 29 March 2026 starts in GMT (the clocks go forward at 1am); 30 March in BST.
        (date(2026, 4, 29), 1, datetime(2026, 3, 29, 0, 0, tzinfo=UTC)),
        (date(2026, 4, 30), 1, datetime(2026, 3, 29, 23, 0, tzinfo=UTC)),
        # 25 October 2026 starts in BST (the clocks go back at 2am); 26 October in GMT.
        (date(2026, 11, 25), 1, datetime(2026, 10, 24, 23, 0, tzinfo=UTC)),
        (date(2026, 11, 26), 1, datetime(2026, 10, 26, 0, 0, tzinfo=UTC)),
        # 11:30pm UTC on 15 April is already 16 April in London.
        (datetime(2026, 4, 15, 23, 30, tzinfo=UTC), 1, datetime(2026, 3, 16, 0, 0, tzinfo=UTC)),
        (datetime(2026, 7, 1, 0, 30, tzinfo=LONDON), 6, datetime(2026, 1, 1, 0, 0, tzinfo=UTC)),
        (
            datetime(2026, 1, 1, 0, 30),
            5,
            datetime(2025, 8, 1, 0, 0, tzinfo=UTC) - timedelta(hours=1),
        ),
    ],
)
def test_the_cutoff_is_the_london_midnight_months_ago(today_or_now, months, cutoff):
    assert cutoff_for(today_or_now, months) == cutoff
    assert cutoff_for(today_or_now, months).tzinfo is not None


@pytest.mark.parametrize("months", [0, -1, 1.5, True])
def test_the_retention_period_is_at_least_a_month(months):
    with pytest.raises(ValueError, match="months"):
        cutoff_for(TODAY, months)


def test_a_batch_holds_at_least_one_answer(session):
    with pytest.raises(ValueError, match="batch_size"):
        apply_retention(session, cutoff=CUTOFF, batch_size=0)
