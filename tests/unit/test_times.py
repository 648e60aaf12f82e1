"""Stored in UTC, counted and shown in London: hand-worked around the clock changes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from feedback.times import (
    as_utc,
    format_day,
    format_london,
    london_day_bounds,
    london_month_bounds,
    london_today,
)


def test_naive_values_from_sqlite_are_read_as_utc():
    assert as_utc(datetime(2026, 7, 1, 11, 30)) == datetime(2026, 7, 1, 11, 30, tzinfo=UTC)
    assert as_utc(None) is None


def test_staff_see_london_wall_clock_time():
    # 11:30 UTC in July is 12:30 British Summer Time; in January it is 11:30 GMT.
    assert format_london(datetime(2026, 7, 1, 11, 30, tzinfo=UTC)) == "1 July 2026, 12:30"
    assert format_london(datetime(2026, 1, 5, 11, 30)) == "5 January 2026, 11:30"
    assert format_london(datetime(2026, 1, 5, 11, 30, 7), seconds=True) == (
        "5 January 2026, 11:30:07"
    )
    assert format_london(None) == ""
    assert format_day(date(2026, 12, 2)) == "2 December 2026"


def test_today_is_londons_date_not_the_servers():
    # 23:30 UTC on 31 March 2026 is already 1 April in London.
    assert london_today(datetime(2026, 3, 31, 23, 30, tzinfo=UTC)) == date(2026, 4, 1)
    assert london_today(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2026, 12, 31)


def test_a_london_month_starts_at_local_midnight():
    start, end = london_month_bounds(date(2026, 4, 17))
    assert start == datetime(2026, 3, 31, 23, 0, tzinfo=UTC)  # BST began on 29 March
    assert end == datetime(2026, 4, 30, 23, 0, tzinfo=UTC)
    start, end = london_month_bounds(date(2026, 12, 2))
    assert (start, end) == (
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )


def test_day_bounds_cover_a_23_hour_day():
    start, end = london_day_bounds(date(2026, 3, 29), date(2026, 3, 29))
    assert end - start == datetime(2026, 1, 2) - datetime(2026, 1, 1, 1)
    assert london_day_bounds(None, None) == (None, None)
