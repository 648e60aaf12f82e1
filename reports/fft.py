"""Friends and Family Test results, worked out the way NHS England publishes them.

- Every answer counts in the total, "Neither good nor poor" and "Don't know" included.
- % positive = (Very good + Good) ÷ all responses.
- % negative = (Poor + Very poor) ÷ all responses.

Percentages are kept as fractions (0–1) for charts and sums; `whole_percent` turns
a count into the whole-number percentage a reader sees. It rounds half up, as a
spreadsheet's ROUND does for these non-negative figures, so 1 in 8 (12.5%) shows as
13%. Python's `round()` rounds halves to even (`round(12.5) == 12`) and floats carry
binary error (29 ÷ 200 × 100 is 14.499…), so the display works in whole numbers.
Half up also means 199 in 200 shows as 100%: print the counts beside the percentage.

Small numbers are not hidden here: `reports.suppression` decides which cells a
published table shows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from feedback.fft import NEGATIVE_RATINGS, POSITIVE_RATINGS, RATINGS

# The 95% two-sided normal quantile, to the precision NHS and ONS tables quote it.
Z_95 = 1.959964

NEITHER = 3
DONT_KNOW = 6


@dataclass(frozen=True)
class FftResult:
    """One unit's FFT result (a team, a channel, the whole service) for one period."""

    unit: str
    total: int
    positive: int
    negative: int
    neither: int
    dont_know: int

    @classmethod
    def from_counts(cls, counts: Mapping[int, int], unit: str = "") -> FftResult:
        """Build from responses per rating code (1 Very good … 6 Don't know).

        Codes left out count as zero; an unknown code or a negative count is an error,
        because a figure built on it would silently be wrong.
        """
        unknown = set(counts) - set(RATINGS)
        if unknown:
            raise ValueError(f"unknown FFT rating codes: {sorted(unknown)}")
        if any(count < 0 for count in counts.values()):
            raise ValueError("a response count cannot be negative")
        return cls(
            unit=unit,
            total=sum(counts.values()),
            positive=sum(counts.get(code, 0) for code in POSITIVE_RATINGS),
            negative=sum(counts.get(code, 0) for code in NEGATIVE_RATINGS),
            neither=counts.get(NEITHER, 0),
            dont_know=counts.get(DONT_KNOW, 0),
        )

    @property
    def percent_positive(self) -> float | None:
        """(Very good + Good) ÷ all responses, 0–1; None when nobody answered."""
        return self.positive / self.total if self.total else None

    @property
    def percent_negative(self) -> float | None:
        """(Poor + Very poor) ÷ all responses, 0–1; None when nobody answered."""
        return self.negative / self.total if self.total else None

    @property
    def positive_display(self) -> str:
        return format_percent(self.positive, self.total)

    @property
    def negative_display(self) -> str:
        return format_percent(self.negative, self.total)

    def positive_interval(self, z: float = Z_95) -> tuple[float, float] | None:
        return wilson_interval(self.positive, self.total, z)

    def negative_interval(self, z: float = Z_95) -> tuple[float, float] | None:
        return wilson_interval(self.negative, self.total, z)


def whole_percent(part: int, whole: int) -> int:
    """`part` of `whole` as a whole percentage, halves rounded up (1 of 8 → 13).

    Integer arithmetic: round(100·part/whole) half up is ⌊(200·part + whole) / (2·whole)⌋.
    """
    if whole <= 0:
        raise ValueError("a percentage needs at least one response")
    if not 0 <= part <= whole:
        raise ValueError("the part must be between 0 and the whole")
    return (200 * part + whole) // (2 * whole)


def format_percent(part: int, whole: int) -> str:
    """Whole percent with its sign, e.g. "13%"; a unit with no responses shows "–"."""
    if whole == 0:
        return "–"
    return f"{whole_percent(part, whole)}%"


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float] | None:
    """Wilson score interval for the proportion successes ÷ n: (low, high), or None if n is 0.

    Unlike the simple p ± z·√(p(1−p)/n), it stays inside 0–1 and does not collapse to a
    single point at 0 or n, which matters for the small monthly counts teams get.
    At 0 the low end is exactly 0 and at n the high end exactly 1 (the formula gives
    those values; setting them avoids floating-point crumbs like 1e-17).
    """
    if n == 0:
        return None
    if n < 0 or not 0 <= successes <= n:
        raise ValueError("need 0 <= successes <= n")
    p = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half_width = (z / denominator) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if successes == 0 else max(0.0, centre - half_width)
    high = 1.0 if successes == n else min(1.0, centre + half_width)
    return low, high
