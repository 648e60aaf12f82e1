"""An XmR (individuals) chart of a monthly series, in NHS England's "Making Data Count" style.

Making Data Count (MDC) asks boards to read a chart, not compare two months: every
series wobbles, and only a signal a wobble would rarely produce is "special cause".
The calculation follows MDC and NHS-R's `NHSRplotthedots` (the R package that codes
MDC's rules), so our chart reads the same as NHS partners' charts of their FFT:

- centre line: the mean of the points;
- moving ranges: |xᵢ − xᵢ₋₁|, and their mean;
- with `screen_outliers` (the NHSRplotthedots default), moving ranges of at least
  3.267 × the mean moving range are left out and the mean taken again, so one wild
  month does not widen the limits enough to hide itself;
- process limits: mean ± 2.66 × mean moving range. For a proportion such as % positive
  they are clamped to 0–1, where the data lives; points are compared strictly, so
  clamping never changes a flag.

Special-cause rules (all as NHSRplotthedots applies them):

- `OUTSIDE_LIMITS`: a point above the upper or below the lower process limit;
- `SHIFT`: `SHIFT_POINTS` (7) or more consecutive points on the same side of the mean;
  a point exactly on the mean ends the run;
- `TREND`: `TREND_POINTS` (7) or more consecutive points each higher (or each lower)
  than the one before, i.e. six rises or falls in a row; a repeated value ends the run;
- `TWO_OF_THREE`: two of three consecutive points close to a limit — beyond two thirds of
  the way from the mean, but not past the limit — with all three on that side of the
  mean. The close points are flagged. A point past the limit is flagged by its own rule
  and, as in NHSRplotthedots, does not count as close.

Why 7 and 7: NHSRplotthedots codes seven for both (`ptd_seven_point_one_side_mean`,
`ptd_seven_point_trend`: six rises make a trend of seven points), as the classic MDC
guidance does. The "6" sometimes quoted is
from the IHI run-chart rules (a shift of 6 and a trend of 5 around the median), which
are for run charts, not MDC's XmR charts. The 2-of-3 rule's "all three on one side" is
NHSRplotthedots' since version 0.2.2.

Direction: for % positive higher is better (`higher_is_better=False` turns that round).
A point flagged by a rule about a side of the mean takes that side. A point flagged only
by a trend takes the trend's direction, as MDC's charts colour a trend; NHSRplotthedots
uses the side of the mean there too, so its first points of a rising trend that starts
below the mean would read "concern" where ours read "improvement".

An XmR chart treats each month's % positive alike however many answered. Months with
no responses have no % positive and cannot be charted: the builder decides what to do
with them before calling `xmr_chart`, which refuses gaps.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

# 3 ÷ d₂, with d₂ = 1.128 for moving ranges of two points: three-sigma limits.
LIMIT_FACTOR = 2.66
# Two thirds of the way to a limit (2 sigma): the line for "close to the limit".
CLOSE_FACTOR = 2 * LIMIT_FACTOR / 3
# D₄ for ranges of two points: a moving range this large is itself unusual.
OUTLIER_MOVING_RANGE_FACTOR = 3.267
SHIFT_POINTS = 7
TREND_POINTS = 7
CLOSE_WINDOW = 3
CLOSE_POINTS_IN_WINDOW = 2
# NHSRplotthedots warns below 12 points; MDC wants 15–20 before trusting the limits.
# We still draw shorter series, but the reading says it is too soon to judge.
MIN_POINTS_TO_JUDGE = 12
RECOMMENDED_POINTS = 15


class Rule(StrEnum):
    OUTSIDE_LIMITS = "outside the process limits"
    SHIFT = f"{SHIFT_POINTS} or more points in a row on one side of the average"
    TREND = f"{TREND_POINTS} or more points in a row going up or going down"
    TWO_OF_THREE = "2 of 3 points close to a process limit"


class Direction(StrEnum):
    IMPROVEMENT = "improvement"
    CONCERN = "concern"


class Verdict(StrEnum):
    TOO_FEW_POINTS = "too few months to judge"
    NO_REAL_CHANGE = "no real change"
    IMPROVING = "improving"
    GETTING_WORSE = "getting worse"


@dataclass(frozen=True)
class SpcPoint:
    value: float
    moving_range: float | None
    rules: frozenset[Rule]
    direction: Direction | None

    @property
    def special_cause(self) -> bool:
        return bool(self.rules)


@dataclass(frozen=True)
class SpcChart:
    points: tuple[SpcPoint, ...]
    mean: float | None
    mean_moving_range: float | None
    lower_limit: float | None
    upper_limit: float | None
    lower_close: float | None
    upper_close: float | None
    higher_is_better: bool

    @property
    def too_few_points(self) -> bool:
        """Too short a series for the reading to judge (see MIN_POINTS_TO_JUDGE)."""
        return len(self.points) < MIN_POINTS_TO_JUDGE

    @property
    def limits_provisional(self) -> bool:
        """Limits drawn from fewer points than MDC recommends: label them provisional."""
        return len(self.points) < RECOMMENDED_POINTS


@dataclass(frozen=True)
class Reading:
    verdict: Verdict
    words: str


def xmr_chart(
    values: Sequence[float],
    *,
    higher_is_better: bool = True,
    proportion: bool = True,
    screen_outliers: bool = True,
) -> SpcChart:
    """The XmR chart of `values`, oldest first, one per month with no gaps."""
    values = [float(value) for value in values]
    if any(math.isnan(value) for value in values):
        raise ValueError("a month without a figure cannot be charted; fill or drop it first")
    if proportion and any(not 0 <= value <= 1 for value in values):
        raise ValueError("a proportion must be between 0 and 1")
    if not values:
        return SpcChart((), None, None, None, None, None, None, higher_is_better)

    mean = sum(values) / len(values)
    moving_ranges = [abs(b - a) for a, b in zip(values, values[1:], strict=False)]
    mean_mr = _mean_moving_range(moving_ranges, screen_outliers)
    limits = None if mean_mr is None else _Limits.around(mean, mean_mr, proportion)

    sides = [0 if _same(value, mean) else _sign(value - mean) for value in values]
    rules: list[set[Rule]] = [set() for _ in values]
    if limits is not None:
        _flag_limit_rules(values, sides, limits, rules)
    for first, last in _runs(sides, SHIFT_POINTS):
        for i in range(first, last + 1):
            rules[i].add(Rule.SHIFT)
    trend_of = _flag_trends(values, rules)

    points = []
    for i, value in enumerate(values):
        side = sides[i] if rules[i] - {Rule.TREND} else trend_of[i]
        direction = None
        if rules[i]:
            better = side > 0 if higher_is_better else side < 0
            direction = Direction.IMPROVEMENT if better else Direction.CONCERN
        moving_range = moving_ranges[i - 1] if i else None
        points.append(SpcPoint(value, moving_range, frozenset(rules[i]), direction))
    return SpcChart(
        points=tuple(points),
        mean=mean,
        mean_moving_range=mean_mr,
        lower_limit=None if limits is None else limits.lower,
        upper_limit=None if limits is None else limits.upper,
        lower_close=None if limits is None else limits.lower_close,
        upper_close=None if limits is None else limits.upper_close,
        higher_is_better=higher_is_better,
    )


def read_latest(chart: SpcChart) -> Reading:
    """What the latest month says, in words for a residents' board."""
    count = len(chart.points)
    if chart.too_few_points:
        return Reading(
            Verdict.TOO_FEW_POINTS,
            f"Too few months to judge: we have {count} and need at least "
            f"{MIN_POINTS_TO_JUDGE} before we can tell a real change from the usual "
            "ups and downs.",
        )
    latest = chart.points[-1]
    if latest.direction is Direction.IMPROVEMENT:
        return Reading(
            Verdict.IMPROVING,
            "Improving: the latest month is better than the usual ups and downs explain.",
        )
    if latest.direction is Direction.CONCERN:
        return Reading(
            Verdict.GETTING_WORSE,
            "Getting worse: the latest month is worse than the usual ups and downs explain.",
        )
    return Reading(
        Verdict.NO_REAL_CHANGE,
        "No real change: the latest month is within the usual ups and downs.",
    )


@dataclass(frozen=True)
class _Limits:
    lower: float
    upper: float
    lower_close: float
    upper_close: float

    @classmethod
    def around(cls, mean: float, mean_mr: float, proportion: bool) -> _Limits:
        def clamp(limit: float) -> float:
            return min(1.0, max(0.0, limit)) if proportion else limit

        return cls(
            lower=clamp(mean - LIMIT_FACTOR * mean_mr),
            upper=clamp(mean + LIMIT_FACTOR * mean_mr),
            lower_close=clamp(mean - CLOSE_FACTOR * mean_mr),
            upper_close=clamp(mean + CLOSE_FACTOR * mean_mr),
        )


def _flag_limit_rules(
    values: list[float], sides: list[int], limits: _Limits, rules: list[set[Rule]]
) -> None:
    """Add OUTSIDE_LIMITS and TWO_OF_THREE to the points that break them."""
    for i, value in enumerate(values):
        if value > limits.upper or value < limits.lower:
            rules[i].add(Rule.OUTSIDE_LIMITS)
    close = [
        Rule.OUTSIDE_LIMITS not in rules[i]
        and (value > limits.upper_close or value < limits.lower_close)
        for i, value in enumerate(values)
    ]
    for start in range(len(values) - CLOSE_WINDOW + 1):
        window = range(start, start + CLOSE_WINDOW)
        same_side = sides[start] != 0 and all(sides[i] == sides[start] for i in window)
        if same_side and sum(close[i] for i in window) >= CLOSE_POINTS_IN_WINDOW:
            for i in window:
                if close[i]:
                    rules[i].add(Rule.TWO_OF_THREE)


def _flag_trends(values: list[float], rules: list[set[Rule]]) -> list[int]:
    """Add TREND to points in a trend; return each point's trend direction (+1, −1 or 0)."""
    steps = [0] + [_sign(b - a) for a, b in zip(values, values[1:], strict=False)]
    trend_of = [0] * len(values)
    # A trend of N points is N − 1 steps the same way, and its first point is the one
    # before the first step. A peak or trough can end one trend and start the next: it
    # takes the later trend's direction.
    for first, last in _runs(steps, TREND_POINTS - 1):
        for i in range(first - 1, last + 1):
            rules[i].add(Rule.TREND)
            trend_of[i] = steps[last]
    return trend_of


def _mean_moving_range(moving_ranges: list[float], screen_outliers: bool) -> float | None:
    if not moving_ranges:
        return None
    mean_mr = sum(moving_ranges) / len(moving_ranges)
    if screen_outliers and mean_mr > 0:
        kept = [mr for mr in moving_ranges if mr < OUTLIER_MOVING_RANGE_FACTOR * mean_mr]
        mean_mr = sum(kept) / len(kept)
    return mean_mr


def _runs(signs: list[int], length: int) -> list[tuple[int, int]]:
    """(first, last) index of each run of at least `length` equal, non-zero signs."""
    found = []
    start = 0
    for i in range(1, len(signs) + 1):
        if i == len(signs) or signs[i] != signs[start]:
            if signs[start] != 0 and i - start >= length:
                found.append((start, i - 1))
            start = i
    return found


def _same(value: float, mean: float) -> bool:
    """On the mean, allowing for the float error in summing (0.1 + 0.2 ≠ 0.3)."""
    return math.isclose(value, mean, rel_tol=1e-12, abs_tol=1e-12)


def _sign(number: float) -> int:
    return (number > 0) - (number < 0)
