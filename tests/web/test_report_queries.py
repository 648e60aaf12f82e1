"""The digest's queries on the real database: counts in SQL, London months, never content."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from feedback.models import Action, SafeguardingAlert, Source
from reports import build


def test_a_months_ratings_by_team_and_channel(session, source, make_response):
    other = Source(code="REA", name="Reablement")
    session.add(other)
    session.commit()
    april = datetime(2026, 4, 10, 12, tzinfo=UTC)
    for rating in (1, 1, 2, 3, 6, 5):
        make_response(rating=rating, received_at=april)
    make_response(rating=None, channel="paper", received_at=april)  # no box ticked
    make_response(rating=4, source_id=other.id, channel="paper", received_at=april)
    # 23:30 UTC on 31 March is 00:30 on 1 April in London: April's.
    make_response(rating=2, received_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    # 23:30 UTC on 30 April is 00:30 on 1 May in London: not April's.
    make_response(rating=5, received_at=datetime(2026, 4, 30, 23, 30, tzinfo=UTC))

    bounds = build.month_bounds(date(2026, 4, 1))
    assert build.ratings_overall(session, bounds) == {1: 2, 2: 2, 3: 1, 4: 1, 5: 1, 6: 1}
    assert build.ratings_by_team(session, bounds) == {
        "FD": {1: 2, 2: 2, 3: 1, 5: 1, 6: 1},
        "REA": {4: 1},
    }
    from feedback.models import Response

    assert build.volumes(session, bounds, Response.channel) == {"web": 7, "paper": 2}


def test_sentiment_and_the_comments_whose_words_and_tick_disagree(session, make_response):
    april = datetime(2026, 4, 10, 12, tzinfo=UTC)
    make_response(rating=1, sentiment_label="positive", received_at=april)
    make_response(rating=1, sentiment_label="negative", received_at=april)  # disagrees
    make_response(rating=5, sentiment_label="positive", received_at=april)  # disagrees
    make_response(rating=3, sentiment_label="negative", received_at=april)
    make_response(rating=5, comment=None, sentiment_label=None, received_at=april)
    counts = build.sentiment(session, build.month_bounds(date(2026, 4, 1)))
    assert counts.by_label == {"positive": 2, "negative": 2}
    assert counts.disagreeing == 2
    assert counts.checked == 0


def test_a_tone_checked_by_staff_is_counted_in_place_of_the_analysers(session, make_response):
    april = datetime(2026, 4, 10, 12, tzinfo=UTC)
    make_response(
        rating=1, sentiment_label="negative", sentiment_checked="positive", received_at=april
    )
    make_response(
        rating=5, sentiment_label="negative", sentiment_checked="mixed", received_at=april
    )
    make_response(rating=5, sentiment_label="positive", received_at=april)  # disagrees
    make_response(
        rating=1, sentiment_label="positive", sentiment_checked="negative", received_at=april
    )
    counts = build.sentiment(session, build.month_bounds(date(2026, 4, 1)))
    assert counts.by_label == {"positive": 2, "mixed": 1, "negative": 1}
    # The analyser's "negative" with "Very good" was praise after all; staff's "negative"
    # with "Very good" is a real disagreement between the words and the tick box.
    assert counts.disagreeing == 2
    assert counts.checked == 3


def test_theme_counts_come_from_the_json_lists_in_sql(session, make_response):
    april = datetime(2026, 4, 10, 12, tzinfo=UTC)
    make_response(themes=["staff-attitude", "waiting-times"], received_at=april)
    make_response(themes=["waiting-times"], received_at=april)
    make_response(themes=[], received_at=april)
    make_response(themes=None, received_at=april)  # stored as JSON null: not analysed yet
    make_response(themes=["waiting-times"], received_at=datetime(2026, 5, 2, tzinfo=UTC))
    counts = build.theme_counts(session, build.month_bounds(date(2026, 4, 1)))
    assert counts == {"staff-attitude": 1, "waiting-times": 2}


def test_the_twelve_month_trend_buckets_by_london_month(session, make_response):
    make_response(rating=1, received_at=datetime(2026, 3, 31, 23, 30, tzinfo=UTC))  # April
    make_response(rating=4, received_at=datetime(2026, 4, 15, tzinfo=UTC))
    make_response(rating=2, received_at=datetime(2025, 11, 3, tzinfo=UTC))
    make_response(rating=1, received_at=datetime(2025, 4, 30, tzinfo=UTC))  # 13 months back
    trend = build.monthly_trend(session, date(2026, 4, 1))
    assert [point.month for point in trend][:2] == [date(2025, 5, 1), date(2025, 6, 1)]
    assert len(trend) == 12 and trend[-1].month == date(2026, 4, 1)
    assert (trend[-1].total, trend[-1].positive, trend[-1].negative) == (2, 1, 1)
    november = next(point for point in trend if point.month == date(2025, 11, 1))
    assert (november.total, november.positive) == (1, 1)
    assert sum(point.total for point in trend) == 3


def test_safeguarding_counts_say_how_many_were_handled_in_time(session, make_response):
    raised = datetime(2026, 4, 10, 9, tzinfo=UTC)
    for hours_to_acknowledge, tier in ((1, "alert"), (7, "review"), (None, "review")):
        response_id = make_response(rating=2, received_at=raised)
        session.add(
            SafeguardingAlert(
                response_id=response_id,
                categories=["neglect"],
                tier=tier,
                raised_at=raised,
                acknowledged_at=None
                if hours_to_acknowledge is None
                else raised + timedelta(hours=hours_to_acknowledge),
            )
        )
    session.commit()
    handled = build.safeguarding_handled(session, build.month_bounds(date(2026, 4, 1)), 4)
    assert (handled.raised, handled.acknowledged_in_time, handled.alerts) == (3, 1, 1)


def test_actions_opened_completed_and_still_open(session, make_user):
    creator = make_user("manager")
    for status, day in (("planned", 3), ("completed", 9), ("in_progress", 40)):
        session.add(
            Action(
                you_said="x",
                we_did="y",
                status=status,
                action_date=date(2026, 4, 1) + timedelta(days=day),
                created_by_id=creator.id,
            )
        )
    session.commit()
    counts = build.actions(session, *build.month_dates(date(2026, 4, 1)))
    assert (counts.opened, counts.completed, counts.open_now) == (2, 1, 2)
