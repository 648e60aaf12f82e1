"""The annual Local Account pack: a financial year (1 April – 31 March) of feedback.

Composed like the monthly digest (`reports.monthly`), from the same queries and
the same rules, for the council's Local Account editor: figures by quarter and
by team, the trend, themes mapped to the CQC quality statements and Making it
Real, what went well and what must improve (from the data, not written by hand),
approved quotes, the "You said, we did" record and volumes by channel. Stored,
it is read as a page, a PDF, a CSV and a JSON file a designer can lay out.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from feedback.fft import NEGATIVE_RATINGS, POSITIVE_RATINGS
from feedback.models import Response
from feedback.services.actions import STATUSES
from feedback.services.moderation import approved_quotes
from feedback.times import london_midnight

from . import build
from .monthly import (
    CHANNEL_LABELS,
    Composed,
    DigestSettings,
    balanced_quotes,
    count_rows,
    fft_row,
    fft_table,
    trend_section,
)
from .suppression import SUPPRESSED, suppress

QUARTERS = ("April to June", "July to September", "October to December", "January to March")
WENT_WELL_THEMES = 3


def period_of(year: int) -> str:
    """The financial year starting in April `year`: 2025 → '2025-26'."""
    return f"{year}-{(year + 1) % 100:02d}"


def year_of(period: str) -> int:
    """'2025-26' → 2025; anything else is a ValueError that says what to type."""
    try:
        first, second = period.split("-")
        year = int(first)
        if len(first) != 4 or int(second) != (year + 1) % 100:
            raise ValueError
    except ValueError:
        raise ValueError(
            f"{period!r} is not a financial year: write it as YYYY-YY, e.g. 2025-26"
        ) from None
    return year


def year_bounds(year: int) -> build.Bounds:
    return build.Bounds(london_midnight(date(year, 4, 1)), london_midnight(date(year + 1, 4, 1)))


def quarter_bounds(year: int) -> list[build.Bounds]:
    firsts = [date(year, 4, 1), date(year, 7, 1), date(year, 10, 1), date(year + 1, 1, 1)]
    ends = [*firsts[1:], date(year + 1, 4, 1)]
    return [
        build.Bounds(london_midnight(a), london_midnight(b))
        for a, b in zip(firsts, ends, strict=True)
    ]


def compose_annual(session: Session, year: int, settings: DigestSettings) -> Composed:
    bounds = year_bounds(year)
    names = dict(settings.team_names) or build.team_names(session)
    overall = build.ratings_overall(session, bounds)
    quarters = [build.ratings_overall(session, quarter) for quarter in quarter_bounds(year)]
    channels = build.volumes(session, bounds, Response.channel)
    themes = build.theme_counts(session, bounds)
    praised = build.theme_counts(session, bounds, frozenset(POSITIVE_RATINGS))
    criticised = build.theme_counts(session, bounds, frozenset(NEGATIVE_RATINGS))
    trend = build.monthly_trend(session, date(year + 1, 3, 1), 12)
    handled = build.safeguarding_handled(session, bounds, settings.acknowledge_within_hours)
    record = build.action_record(session, date(year, 4, 1), date(year + 1, 4, 1))
    quotes = approved_quotes(session, bounds.start, bounds.end)

    teams = fft_table(overall, build.ratings_by_team(session, bounds), names, settings.threshold)
    quarter_table = suppress(
        {label: sum(counts.values()) for label, counts in zip(QUARTERS, quarters, strict=True)},
        threshold=settings.threshold,
    )
    theme_names = _theme_names(settings)
    content: dict[str, Any] = {
        "kind": "annual",
        "period": period_of(year),
        "title": f"April {year} to March {year + 1}",
        "threshold": settings.threshold,
        "fft": teams,
        "quarters": [
            fft_row(label, f"Q{number}", counts, quarter_table.units[label])
            for number, (label, counts) in enumerate(zip(QUARTERS, quarters, strict=True), start=1)
        ],
        "volumes": {
            "answers": sum(channels.values()),
            "channel": count_rows(channels, CHANNEL_LABELS, settings.threshold),
        },
        "trend": trend_section(trend, settings.threshold),
        "themes": _themes_with_frameworks(themes, settings),
        "cqc": _framework_counts(themes, settings, "cqc"),
        "making_it_real": _framework_counts(themes, settings, "making_it_real"),
        "went_well": _balance(praised, theme_names, settings.threshold, "praised"),
        "must_improve": _balance(criticised, theme_names, settings.threshold, "criticised"),
        "teams_best_and_worst": _teams_best_and_worst(teams["teams"]),
        "quotes": balanced_quotes(
            quotes,
            names,
            DigestSettings(
                threshold=settings.threshold,
                quotes_per_team=settings.quotes_per_team,
                quotes_in_all=12,
            ),
        ),  # fmt: skip
        "you_said_we_did": [
            {
                "you_said": action.you_said,
                "we_did": action.we_did,
                "team": action.team or "All teams",
                "theme": theme_names.get(action.theme or "", ""),
                "status": STATUSES.get(action.status, action.status),
                "date": action.action_date.isoformat(),
            }  # fmt: skip
            for action in record
        ],
        "safeguarding": {
            "raised": handled.raised,
            "alerts": handled.alerts,
            "acknowledged_in_time": handled.acknowledged_in_time,
            "target_hours": settings.acknowledge_within_hours,
        },
    }
    counts = {
        "answers": content["volumes"]["answers"],
        "rated": sum(overall.values()),
        "approved_quotes": len(quotes),
        "actions": len(record),
        "safeguarding_raised": handled.raised,
    }
    return Composed(content, counts)


def _theme_names(settings: DigestSettings) -> dict[str, str]:
    taxonomy = settings.taxonomy
    return {theme.slug: theme.name for theme in taxonomy.themes} if taxonomy else {}


def _shown(count: int, threshold: int) -> str:
    return SUPPRESSED if 0 < count < threshold else str(count)


def _themes_with_frameworks(themes: Mapping[str, int], settings: DigestSettings) -> list[dict]:
    by_slug = {theme.slug: theme for theme in settings.taxonomy.themes} if settings.taxonomy else {}
    rows = []
    for slug, count in sorted(themes.items(), key=lambda item: (-item[1], item[0])):
        theme = by_slug.get(slug)
        rows.append(
            {
                "slug": slug,
                "name": theme.name if theme else slug,
                "count": _shown(count, settings.threshold),
                "cqc": list(theme.cqc) if theme else [],
                "making_it_real": list(theme.making_it_real) if theme else [],
            }
        )
    return rows


def _framework_counts(
    themes: Mapping[str, int], settings: DigestSettings, framework: str
) -> list[dict[str, Any]]:
    """Mentions of the themes that evidence each statement, in the framework's own order.

    A comment on two themes that evidence the same statement counts twice: the
    figure is evidence (mentions), not people, and the page says so.
    """
    if settings.taxonomy is None:
        return []
    totals: dict[str, int] = dict.fromkeys(getattr(settings.taxonomy, framework), 0)
    themes_of: dict[str, list[str]] = {statement: [] for statement in totals}
    for theme in settings.taxonomy.themes:
        for statement in getattr(theme, framework):
            totals[statement] = totals.get(statement, 0) + themes.get(theme.slug, 0)
            themes_of.setdefault(statement, []).append(theme.name)
    return [
        {
            "statement": statement,
            "mentions": _shown(total, settings.threshold),
            "themes": themes_of.get(statement, []),
        }
        for statement, total in totals.items()
    ]


def _balance(
    counts: Mapping[str, int], names: Mapping[str, str], threshold: int, verb: str
) -> list[str]:
    """Plain sentences on the themes most often praised (or criticised), from the counts."""
    top = [
        (slug, count)
        for slug, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if count >= threshold
    ][:WENT_WELL_THEMES]
    return [
        f"{names.get(slug, slug)}: {count} answers that {verb} the service mentioned it."
        for slug, count in top
    ]


def _teams_best_and_worst(teams: list[dict[str, Any]]) -> dict[str, Any]:
    """The shown teams with the highest and lowest % positive (hidden teams take no part)."""
    shown = [team for team in teams if team["shown"] and team["value"] is not None]
    if len(shown) < 2:
        return {"best": None, "worst": None}
    ranked = sorted(shown, key=lambda team: (team["value"], team["name"]))
    worst, best = ranked[0], ranked[-1]
    return {
        "best": {"name": best["name"], "positive": best["positive"]},
        "worst": {"name": worst["name"], "positive": worst["positive"]},
    }
