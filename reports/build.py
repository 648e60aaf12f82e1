"""Build: the read-only queries behind a digest, each one aggregate in SQL.

Every function takes a session and a period's UTC bounds and returns plain
counts. Nothing here loops over responses in Python: the time a digest takes
follows the number of groups (teams, months, themes), not the table's rows.
The pure figures (percentages, suppression, SPC) are computed from these
counts elsewhere in this package.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from feedback.fft import NEGATIVE_RATINGS, POSITIVE_RATINGS
from feedback.models import Action, Response, SafeguardingAlert, Source, json_list_elements
from feedback.services.tone import words_and_tick_disagree
from feedback.times import as_utc, london_month_bounds, month_start, next_month

# rating code -> count; None is "no box ticked" (a keyed card), kept out of FFT totals.
RatingCounts = dict[int, int]


@dataclass(frozen=True)
class Bounds:
    """A period as UTC instants, [start, end)."""

    start: datetime
    end: datetime

    def holds(self, column: ColumnElement[datetime]) -> ColumnElement[bool]:
        return and_(column >= self.start, column < self.end)


def month_bounds(month: date) -> Bounds:
    return Bounds(*london_month_bounds(month))


def rated_in(bounds: Bounds) -> ColumnElement[bool]:
    """Answers in the period that count for the FFT: a rating was given."""
    return and_(bounds.holds(Response.received_at), Response.rating.is_not(None))


def ratings_overall(session: Session, bounds: Bounds) -> RatingCounts:
    query = select(Response.rating, func.count()).where(rated_in(bounds)).group_by(Response.rating)
    return dict(session.execute(query).all())


def ratings_by_team(session: Session, bounds: Bounds) -> dict[str, RatingCounts]:
    """Rating counts per team code, for every team that had an answer in the period."""
    query = (
        select(Source.code, Response.rating, func.count())
        .join(Source, Source.id == Response.source_id)
        .where(rated_in(bounds))
        .group_by(Source.code, Response.rating)
    )
    teams: dict[str, RatingCounts] = {}
    for code, rating, count in session.execute(query):
        teams.setdefault(code, {})[rating] = count
    return teams


def team_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Source.code, Source.name)).all())


def volumes(session: Session, bounds: Bounds, column: ColumnElement[str | None]) -> dict:
    """How many answers arrived in the period, grouped by one column (channel, who gave it)."""
    query = select(column, func.count()).where(bounds.holds(Response.received_at)).group_by(column)
    return dict(session.execute(query).all())


@dataclass(frozen=True)
class SentimentCounts:
    # Each comment's tone as staff checked it, or else as the analyser read it.
    by_label: dict[str | None, int]
    # The words and the tick box pull opposite ways: praise with "Poor", a complaint with "Good".
    disagreeing: int
    # How many of the tones counted were read and checked by staff.
    checked: int = 0


def sentiment(session: Session, bounds: Bounds) -> SentimentCounts:
    # A comment cleared after the retention period keeps its label: count those too.
    with_comment = and_(
        bounds.holds(Response.received_at),
        or_(Response.comment.is_not(None), Response.tone.is_not(None)),
    )
    tone = Response.tone
    labels = select(tone, func.count()).where(with_comment).group_by(tone)
    figures = select(
        func.count(Response.sentiment_checked),
        func.count(case((words_and_tick_disagree(), 1))),
    ).where(with_comment)
    checked, disagreeing = session.execute(figures).one()
    return SentimentCounts(
        by_label=dict(session.execute(labels).all()),
        disagreeing=disagreeing or 0,
        checked=checked or 0,
    )


def theme_counts(
    session: Session, bounds: Bounds, ratings: frozenset[int] | None = None
) -> dict[str, int]:
    """How many answers in the period mention each theme (themes are a JSON list per answer).

    With `ratings`, only answers whose tick box is one of them: what praise or
    criticism was about.
    """
    # A JSON null (an answer stored before analysis) is not a list: leave it out first.
    element, is_list = json_list_elements(Response.themes, session.get_bind().dialect.name)
    query = (
        select(element.c.value, func.count())
        .select_from(Response)
        .join(element, true())
        .where(bounds.holds(Response.received_at), is_list)
        .group_by(element.c.value)
    )
    if ratings is not None:
        query = query.where(Response.rating.in_(ratings))
    return {str(theme): count for theme, count in session.execute(query)}


@dataclass(frozen=True)
class MonthPoint:
    month: date
    total: int
    positive: int
    negative: int


def monthly_trend(session: Session, last_month: date, months: int = 12) -> list[MonthPoint]:
    """FFT totals for each of the `months` London months ending with `last_month`, oldest first.

    One query: each answer is put in its London month by comparing its time with
    the month boundaries (a CASE), so clock changes are handled and no row is
    read into Python.
    """
    firsts = [month_start(last_month)]
    for _ in range(months - 1):
        firsts.insert(0, month_start(date.fromordinal(firsts[0].toordinal() - 1)))
    bounds = [month_bounds(first) for first in firsts]
    bucket = case(
        *((bound.holds(Response.received_at), index) for index, bound in enumerate(bounds)),
        else_=None,
    ).label("bucket")
    query = (
        select(
            bucket,
            func.count(),
            func.count().filter(Response.rating.in_(POSITIVE_RATINGS)),
            func.count().filter(Response.rating.in_(NEGATIVE_RATINGS)),
        )
        .where(
            Response.received_at >= bounds[0].start,
            Response.received_at < bounds[-1].end,
            Response.rating.is_not(None),
        )
        .group_by(bucket)
    )
    found = {index: row for index, *row in session.execute(query)}
    return [MonthPoint(first, *found.get(index, (0, 0, 0))) for index, first in enumerate(firsts)]


@dataclass(frozen=True)
class SafeguardingHandled:
    raised: int
    acknowledged_in_time: int
    alerts: int = 0  # of those raised, the ones emailed at once (the rest: review today)


def safeguarding_handled(
    session: Session, bounds: Bounds, target_hours: float
) -> SafeguardingHandled:
    """How many possible disclosures were raised and acknowledged within the target: never content.

    The period's alerts are few (a fraction of a percent of answers), so their
    two times are compared here rather than in each database's interval syntax.
    """
    query = select(
        SafeguardingAlert.raised_at, SafeguardingAlert.acknowledged_at, SafeguardingAlert.tier
    ).where(bounds.holds(SafeguardingAlert.raised_at))
    raised = in_time = alerts = 0
    for raised_at, acknowledged_at, tier in session.execute(query):
        raised += 1
        alerts += tier == "alert"
        if acknowledged_at is not None:
            waited = as_utc(acknowledged_at) - as_utc(raised_at)  # type: ignore[operator]
            in_time += waited.total_seconds() <= target_hours * 3600
    return SafeguardingHandled(raised=raised, acknowledged_in_time=in_time, alerts=alerts)


@dataclass(frozen=True)
class ActionCounts:
    opened: int
    completed: int
    open_now: int


def actions(session: Session, first: date, after_last: date) -> ActionCounts:
    """'You said, we did' actions dated in [first, after_last), and those still open."""
    dated = and_(Action.action_date >= first, Action.action_date < after_last)
    row = session.execute(
        select(
            func.count().filter(dated),
            func.count().filter(dated, Action.status == "completed"),
            func.count().filter(Action.status != "completed"),
        )
    ).one()
    return ActionCounts(opened=row[0], completed=row[1], open_now=row[2])


def month_dates(month: date) -> Sequence[date]:
    """The first day of the month and of the next: an `actions()` date range."""
    return month_start(month), next_month(month)


@dataclass(frozen=True)
class ActionRecord:
    you_said: str
    we_did: str
    team: str | None
    theme: str | None
    status: str
    action_date: date


def action_record(session: Session, first: date, after_last: date) -> list[ActionRecord]:
    """The "You said, we did" actions dated in the period, oldest first: staff's public words."""
    query = (
        select(Action.you_said, Action.we_did, Source.name, Action.theme, Action.status,
               Action.action_date)
        .outerjoin(Source, Source.id == Action.source_id)
        .where(Action.action_date >= first, Action.action_date < after_last)
        .order_by(Action.action_date, Action.id)
    )  # fmt: skip
    return [ActionRecord(*row) for row in session.execute(query)]
