"""Small-number suppression for a published table of units (teams, channels …) and their total.

NHS England hides FFT results for any unit with 1–4 responses, so a reader cannot
pick out what one or two people said. The rules here, for one table whose units add
up to its total, with a threshold that defaults to 5 and can be changed:

1. **Primary.** A unit with at least 1 and fewer than `threshold` responses shows `*`
   for its count and for its percentages ("fewer than 5 responses").
   A unit with **0 responses is shown as 0, not suppressed**: there is nobody's answer
   to protect, and a `*` would wrongly tell the reader that someone answered.
2. **Small total.** If the total itself has 1 to `threshold − 1` responses it shows `*`
   too, and so does every unit with responses (each is then below the threshold anyway).
3. **Secondary.** Hidden cells must not be recoverable from the total. A reader knows the
   total, the shown units, that a small-number `*` is 1 to threshold − 1 and that any
   other `*` is at least the threshold. While that is enough to pin down the exact value
   of some hidden unit, one more unit is hidden ("hidden so a small number cannot be
   worked out"): the smallest shown unit that has responses, ties broken by name so the
   same month always gives the same table. The classic case is a single hidden unit,
   which is always the total minus the rest; the rule also catches pairs such as 1 + 1
   or 4 + 4, which the bounds alone give away. Units with 0 responses are never hidden
   for this: hiding a 0 protects nobody and claims an answer that was never given.
   If no unit is left to hide, the **total is withheld** instead.

A hidden cell keeps no number (`Cell.value is None`), so a template cannot print it by
mistake. A unit's percentages follow its count: show them only where `Cell.shown`.

This protects one table. Totals published elsewhere (another breakdown of the same
month, the year so far) can still be differenced against it; the report builder must
suppress each table it publishes and keep their totals consistent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5
SUPPRESSED = "*"
SECONDARY_REASON = "hidden so a small number cannot be worked out"


def small_number_reason(threshold: int = DEFAULT_THRESHOLD) -> str:
    return f"fewer than {threshold} responses"


@dataclass(frozen=True)
class Cell:
    """One published number: its value when shown, or `*` and why when hidden."""

    value: int | None
    reason: str | None = None

    @property
    def shown(self) -> bool:
        return self.reason is None

    @property
    def display(self) -> str:
        return str(self.value) if self.shown else SUPPRESSED


@dataclass(frozen=True)
class SuppressedTable:
    units: dict[str, Cell]
    total: Cell
    threshold: int

    @property
    def hidden_units(self) -> list[str]:
        return [name for name, cell in self.units.items() if not cell.shown]


def suppress(
    counts: Mapping[str, int],
    total: int | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> SuppressedTable:
    """Which cells of a units-and-total table to show, following the module's rules.

    `counts` is responses per unit, in display order. `total` defaults to their sum; if
    given it must equal it (put responses with no unit under a unit of their own, such
    as "No team recorded", so the table adds up and its protection holds).
    """
    if threshold < 1:
        raise ValueError("the threshold must be at least 1")
    if any(count < 0 for count in counts.values()):
        raise ValueError("a response count cannot be negative")
    grand_total = sum(counts.values())
    if total is not None and total != grand_total:
        raise ValueError(f"the units add up to {grand_total}, not the total {total}")

    small = small_number_reason(threshold)
    if 0 < grand_total < threshold:
        units = {name: _hide_if_any(count, small) for name, count in counts.items()}
        return SuppressedTable(units, Cell(None, small), threshold)

    primary = {name for name, count in counts.items() if 0 < count < threshold}
    secondary: set[str] = set()
    total_cell = Cell(grand_total)
    while _gives_away(counts, primary, secondary, threshold):
        candidates = sorted(
            (count, name)
            for name, count in counts.items()
            if count > 0 and name not in primary | secondary
        )
        if not candidates:
            total_cell = Cell(None, SECONDARY_REASON)
            break
        secondary.add(candidates[0][1])

    units = {}
    for name, count in counts.items():
        if name in primary:
            units[name] = Cell(None, small)
        elif name in secondary:
            units[name] = Cell(None, SECONDARY_REASON)
        else:
            units[name] = Cell(count)
    return SuppressedTable(units, total_cell, threshold)


def _hide_if_any(count: int, reason: str) -> Cell:
    return Cell(None, reason) if count else Cell(0)


def _gives_away(
    counts: Mapping[str, int], primary: set[str], secondary: set[str], threshold: int
) -> bool:
    """Could a reader with the total work out the exact value of some hidden unit?

    The hidden units add up to `hidden_sum` (total minus the shown units). Each has
    bounds a reader knows: 1 to threshold − 1 for a small number, threshold to
    `hidden_sum` for a secondary one. A unit is given away when the others' bounds
    leave it a single possible value.
    """
    hidden = primary | secondary
    if not hidden:
        return False
    hidden_sum = sum(counts[name] for name in hidden)
    bounds = {
        name: (1, threshold - 1) if name in primary else (threshold, hidden_sum) for name in hidden
    }
    low_sum = sum(low for low, _ in bounds.values())
    high_sum = sum(high for _, high in bounds.values())
    for low, high in bounds.values():
        fewest = max(low, hidden_sum - (high_sum - high))
        most = min(high, hidden_sum - (low_sum - low))
        if fewest >= most:
            return True
    return False
