"""The RASCAL board's monthly digest: the month's figures, composed once and stored.

`compose_monthly` runs the read-only queries in `reports.build`, applies the pure
rules (FFT arithmetic, suppression, SPC) and returns what the stored record keeps:
display-ready figures (`content`) and the counts it was built from (`counts`).
Nothing in `content` depends on when it was built, so building the same month
twice gives the same figures. Hidden cells keep no number, only `*` and a reason,
so neither a page nor the CSV can print them by mistake.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from feedback.fft import NEGATIVE_RATINGS, POSITIVE_RATINGS, RATINGS, RESPONDENT_LABELS
from feedback.insight.themes import Taxonomy
from feedback.models import Response
from feedback.services.moderation import Quote, approved_quotes
from feedback.times import month_start

from . import build
from .charts import bar_chart_svg, spc_chart_svg
from .fft import FftResult, format_percent
from .spc import read_latest, xmr_chart
from .suppression import DEFAULT_THRESHOLD, SUPPRESSED, Cell, suppress

CHANNEL_LABELS = {"web": "Online form", "paper": "Paper card"}
SENTIMENT_LABELS = {
    "positive": "Positive", "mixed": "Mixed", "neutral": "Neutral", "negative": "Negative",
}  # fmt: skip
NO_TEAM = "No team recorded"
NOT_SAID = "Not said"
TOP_THEMES = 8
TREND_MONTHS = 12


@dataclass(frozen=True)
class DigestSettings:
    threshold: int = DEFAULT_THRESHOLD
    quotes_per_team: int = 2
    quotes_in_all: int = 8
    acknowledge_within_hours: float = 24.0
    taxonomy: Taxonomy | None = None
    team_names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Composed:
    content: dict[str, Any]
    counts: dict[str, int]


def period_of(month: date) -> str:
    return month_start(month).strftime("%Y-%m")


def month_of(period: str) -> date:
    """'2026-10' → 1 October 2026; anything else is a ValueError that says what to type."""
    try:
        year, number = period.split("-")
        return date(int(year), int(number), 1)
    except ValueError:
        raise ValueError(f"{period!r} is not a month: write it as YYYY-MM, e.g. 2026-10") from None


def previous_month(month: date) -> date:
    first = month_start(month)
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


def compose_monthly(session: Session, month: date, settings: DigestSettings) -> Composed:
    month = month_start(month)
    bounds = build.month_bounds(month)
    names = dict(settings.team_names) or build.team_names(session)

    overall = build.ratings_overall(session, bounds)
    by_team = build.ratings_by_team(session, bounds)
    channels = build.volumes(session, bounds, Response.channel)
    respondents = build.volumes(session, bounds, Response.respondent_type)
    sentiment = build.sentiment(session, bounds)
    themes_now = build.theme_counts(session, bounds)
    themes_before = build.theme_counts(session, build.month_bounds(previous_month(month)))
    themes_last_year = build.theme_counts(
        session, build.month_bounds(date(month.year - 1, month.month, 1))
    )
    trend = build.monthly_trend(session, month, TREND_MONTHS)
    handled = build.safeguarding_handled(session, bounds, settings.acknowledge_within_hours)
    actions = build.actions(session, *build.month_dates(month))
    quotes = approved_quotes(session, bounds.start, bounds.end)

    answers = sum(channels.values())
    rated = sum(overall.values())
    ratings = rating_rows(overall, settings.threshold)
    content = {
        "kind": "monthly",
        "period": period_of(month),
        "title": month.strftime("%B %Y"),
        "threshold": settings.threshold,
        "fft": fft_table(overall, by_team, names, settings.threshold),
        "ratings": ratings,
        "ratings_svg": bar_chart_svg(
            [(row["label"], row["count"], row["display"]) for row in ratings],
            title=f"How many chose each answer in {month:%B %Y}",
            description="One bar per answer, its count written beside it; * is a hidden count.",
            id_prefix="ratings-chart",
        ),
        "volumes": {
            "answers": answers,
            "channel": count_rows(channels, CHANNEL_LABELS, settings.threshold),
            "respondent": count_rows(
                respondents,
                {str(k): str(v) for k, v in RESPONDENT_LABELS.items()},
                settings.threshold,
                missing=NOT_SAID,
            ),
        },  # fmt: skip
        "trend": trend_section(trend, settings.threshold),
        "sentiment": {
            "rows": count_rows(
                sentiment.by_label, SENTIMENT_LABELS, settings.threshold, missing="Not scored"
            ),
            "disagreeing": sentiment.disagreeing,
            "checked": sentiment.checked,
        },
        "themes": theme_rows(themes_now, themes_before, themes_last_year, settings),
        "quotes": balanced_quotes(quotes, names, settings),
        "safeguarding": {
            "raised": handled.raised,
            "alerts": handled.alerts,
            "acknowledged_in_time": handled.acknowledged_in_time,
            "target_hours": settings.acknowledge_within_hours,
        },
        "actions": {
            "opened": actions.opened,
            "completed": actions.completed,
            "open_now": actions.open_now,
        },
    }
    counts = {
        "answers": answers,
        "rated": rated,
        "comments": sum(sentiment.by_label.values()),
        "approved_quotes": len(quotes),
        "safeguarding_raised": handled.raised,
    }
    return Composed(content, counts)


def fft_row(name: str, code: str, counts: Mapping[int, int], cell: Cell) -> dict[str, Any]:
    """One unit's published FFT figures: shown in full, or `*` with the reason it is hidden."""
    result = FftResult.from_counts(counts, unit=code)
    if not cell.shown:
        return {
            "code": code, "name": name, "shown": False, "reason": cell.reason,
            "responses": SUPPRESSED, "positive": SUPPRESSED, "negative": SUPPRESSED,
            "interval": SUPPRESSED, "value": None, "low": None, "high": None,
        }  # fmt: skip
    interval = result.positive_interval()
    return {
        "code": code,
        "name": name,
        "shown": True,
        "reason": None,
        "responses": str(result.total),
        "positive": result.positive_display,
        "negative": result.negative_display,
        "interval": "–" if interval is None else f"{interval[0]:.0%} to {interval[1]:.0%}",
        "value": result.percent_positive,
        "low": None if interval is None else interval[0],
        "high": None if interval is None else interval[1],
    }


def fft_table(
    overall: Mapping[int, int],
    by_team: Mapping[str, Mapping[int, int]],
    names: Mapping[str, str],
    threshold: int,
) -> dict[str, Any]:
    team_totals = {code: sum(counts.values()) for code, counts in sorted(by_team.items())}
    table = suppress(team_totals, threshold=threshold)
    teams = [
        fft_row(names.get(code, code), code, by_team[code], table.units[code])
        for code in team_totals
    ]
    return {
        "overall": fft_row("All teams", "ALL", overall, table.total),
        "teams": teams,
        "hidden_teams": len(table.hidden_units),
    }


def rating_rows(overall: Mapping[int, int], threshold: int) -> list[dict[str, Any]]:
    """How many chose each answer, the service as a whole (the FFT's own breakdown)."""
    table = suppress({str(code): overall.get(code, 0) for code in RATINGS}, threshold=threshold)
    rows = []
    for code, label in RATINGS.items():
        cell = table.units[str(code)]
        group = (
            "positive"
            if code in POSITIVE_RATINGS
            else "negative"
            if code in NEGATIVE_RATINGS
            else "other"
        )
        rows.append({"label": str(label), "group": group, **_count(cell)})
    return rows


def count_rows(
    counts: Mapping[Any, int],
    labels: Mapping[str, str],
    threshold: int,
    missing: str | None = None,
) -> list[dict[str, Any]]:
    """A breakdown that adds up to its total, in the labels' order, suppressed as one table."""
    ordered = {label: counts.get(key, 0) for key, label in labels.items()}
    other = sum(count for key, count in counts.items() if key not in labels)
    if missing is not None and other:
        ordered[missing] = other
    table = suppress(ordered, threshold=threshold)
    rows = [{"label": label, **_count(table.units[label])} for label in ordered]
    rows.append({"label": "Total", **_count(table.total)})
    return rows


def _count(cell: Cell) -> dict[str, Any]:
    return {
        "count": cell.value,
        "shown": cell.shown,
        "display": cell.display,
        "reason": cell.reason,
    }


def trend_section(points: Sequence[build.MonthPoint], threshold: int) -> dict[str, Any]:
    """Twelve months of % positive and their SPC reading.

    A month with fewer than `threshold` answers is hidden like any small unit, and
    a chart cannot have gaps, so the chart uses the latest unbroken run of shown
    months (usually all twelve).
    """
    rows = []
    for point in points:
        shown = point.total >= threshold or point.total == 0
        rows.append(
            {
                "month": point.month.strftime("%Y-%m"),
                "label": point.month.strftime("%b %Y"),
                "responses": str(point.total) if shown else SUPPRESSED,
                "positive": format_percent(point.positive, point.total) if shown else SUPPRESSED,
                "value": point.positive / point.total if shown and point.total else None,
            }
        )
    run: list[dict[str, Any]] = []
    for row in rows:
        run = [*run, row] if row["value"] is not None else []
    chart = xmr_chart([row["value"] for row in run])
    reading = read_latest(chart)
    svg = spc_chart_svg(
        chart,
        [row["label"] for row in run],
        title="% positive by month",
        description=(
            f"% positive for each of the {len(run)} months charted, with the average and the "
            f"limits of the usual ups and downs. {reading.words} The table below gives every value."
        ),
        id_prefix="trend-chart",
    )
    return {
        "svg": svg,
        "rows": rows,
        "charted": [row["month"] for row in run],
        "values": [row["value"] for row in run],
        "mean": chart.mean,
        "upper": chart.upper_limit,
        "lower": chart.lower_limit,
        "signals": [
            {"month": row["month"], "direction": str(point.direction), "rules": sorted(point.rules)}
            for row, point in zip(run, chart.points, strict=True)
            if point.special_cause
        ],
        "verdict": str(reading.verdict),
        "reading": reading.words,
        "provisional": chart.limits_provisional,
    }


def theme_rows(
    now: Mapping[str, int],
    before: Mapping[str, int],
    last_year: Mapping[str, int],
    settings: DigestSettings,
) -> list[dict[str, Any]]:
    """The month's top themes, with the same counts a month and a year before.

    A theme count is how many answers mention it; one answer can mention several,
    so the counts do not add up to a total and only the small-number rule applies.
    """
    names = (
        {theme.slug: theme.name for theme in settings.taxonomy.themes} if settings.taxonomy else {}
    )
    top = sorted(now.items(), key=lambda item: (-item[1], item[0]))[:TOP_THEMES]

    def shown(count: int) -> str:
        return SUPPRESSED if 0 < count < settings.threshold else str(count)

    rows = []
    for slug, count in top:
        then, year_ago = before.get(slug, 0), last_year.get(slug, 0)
        comparable = all(c == 0 or c >= settings.threshold for c in (count, then, year_ago))
        rows.append(
            {
                "slug": slug,
                "name": names.get(slug, slug.replace("-", " ").capitalize()),
                "count": shown(count),
                "previous": shown(then),
                "last_year": shown(year_ago),
                "change": _change(count - then) if comparable else SUPPRESSED,
            }
        )
    return rows


def _change(difference: int) -> str:
    if difference == 0:
        return "no change"
    return f"{'up' if difference > 0 else 'down'} {abs(difference)}"


def balanced_quotes(
    quotes: Sequence[Quote], names: Mapping[str, str], settings: DigestSettings
) -> list[dict[str, Any]]:
    """Approved quotes, praise and criticism taken in turn, at most N per team.

    Oldest first within each side, so the same month always gives the same set.
    """
    positive = [q for q in quotes if q.rating in POSITIVE_RATINGS]
    negative = [q for q in quotes if q.rating in NEGATIVE_RATINGS]
    other = [q for q in quotes if q not in positive and q not in negative]
    per_team: dict[str | None, int] = {}
    chosen: list[tuple[Quote, str]] = []
    sides = [(positive, "positive"), (negative, "negative"), (other, "mixed")]
    while len(chosen) < settings.quotes_in_all and any(side for side, _ in sides):
        for side, tone in sides:
            while side:
                quote = side.pop(0)
                if per_team.get(quote.source_code, 0) < settings.quotes_per_team:
                    per_team[quote.source_code] = per_team.get(quote.source_code, 0) + 1
                    chosen.append((quote, tone))
                    break
            if len(chosen) >= settings.quotes_in_all:
                break
    return [
        {
            "text": quote.text,
            "tone": tone,
            "team": names.get(quote.source_code or "", NO_TEAM),
            "rating": str(RATINGS[quote.rating]) if quote.rating in RATINGS else "Not ticked",
        }
        for quote, tone in chosen
    ]
