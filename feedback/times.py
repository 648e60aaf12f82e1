"""Time, the one way: stored in UTC, shown and counted in Europe/London.

Pure: no Flask, no database. The web app, the services and the reports use
these helpers so a day, a month or a financial year means the same everywhere.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes, PostgreSQL aware ones: make both aware UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def in_london(moment: datetime) -> datetime:
    """A stored instant as a London wall-clock time (naive values are taken as UTC)."""
    return as_utc(moment).astimezone(LONDON)  # type: ignore[union-attr]


def london_today(now: datetime | None = None) -> date:
    """Today's date in London, which is not the server's date from 11pm or midnight UTC."""
    return in_london(now or utcnow()).date()


def london_midnight(day: date) -> datetime:
    """The UTC instant at which a London day begins."""
    return datetime.combine(day, time(), LONDON).astimezone(UTC)


def london_day_bounds(first: date | None, last: date | None) -> tuple[datetime | None, ...]:
    """UTC instants for the start of `first` and the end of `last`, as London days.

    A London day is 23, 24 or 25 hours long around the clock changes, so the
    bounds come from local midnights, not from UTC dates.
    """
    start = london_midnight(first) if first else None
    end = london_midnight(last + timedelta(days=1)) if last else None
    return start, end


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def london_month_bounds(month: date) -> tuple[datetime, datetime]:
    """UTC instants bounding the London calendar month that contains `month`: [start, end)."""
    first = month_start(month)
    return london_midnight(first), london_midnight(next_month(first))


def format_london(moment: datetime | None, *, seconds: bool = False) -> str:
    """A stored instant for staff: "2 December 2026, 19:09" in London time."""
    if moment is None:
        return ""
    local = in_london(moment)
    clock = f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"
    return f"{local.day} {local:%B %Y}, {clock}"


def format_day(day: date | None) -> str:
    """A date for people: "2 December 2026"."""
    if day is None:
        return ""
    return f"{day.day} {day:%B %Y}"
