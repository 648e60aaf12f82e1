"""How the safeguarding detector does on a council's own comments, from what the duty team found.

Every alert is acknowledged with an outcome (services.safeguarding.OUTCOMES), and
staff can raise a comment the detector did not flag. Together they give the two
figures the written evaluation sets cannot: of the alerts the detector raised, how
many the duty team found were possible concerns (its precision on real comments,
per tier and per kind of harm), and how many concerns people found that it missed
(a lower bound on what it misses: only the comments someone read and raised).

The counts come from two aggregate queries; nothing loops over alerts in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session

from ..models import SafeguardingAlert, json_list_elements
from .safeguarding import OUTCOMES

# An outcome that says the detector was right to raise it: a concern now, or one known.
CONFIRMED = frozenset({"concern", "known"})


@dataclass
class Counts:
    """Alerts by outcome; None is "not acknowledged yet" (or acknowledged before outcomes)."""

    by_outcome: dict[str | None, int] = field(default_factory=dict)

    def add(self, outcome: str | None, count: int) -> None:
        self.by_outcome[outcome] = self.by_outcome.get(outcome, 0) + count

    @property
    def raised(self) -> int:
        return sum(self.by_outcome.values())

    @property
    def read(self) -> int:
        return sum(n for outcome, n in self.by_outcome.items() if outcome is not None)

    @property
    def confirmed(self) -> int:
        return sum(n for outcome, n in self.by_outcome.items() if outcome in CONFIRMED)


@dataclass(frozen=True)
class Outcomes:
    detector_by_tier: dict[str, Counts]
    detector_by_category: dict[str, Counts]
    raised_by_staff: Counts


def outcomes(session: Session) -> Outcomes:
    by_detector = SafeguardingAlert.raised_by_id.is_(None)
    tiers = select(
        by_detector, SafeguardingAlert.tier, SafeguardingAlert.outcome, func.count()
    ).group_by(by_detector, SafeguardingAlert.tier, SafeguardingAlert.outcome)
    detector_by_tier: dict[str, Counts] = {}
    raised_by_staff = Counts()
    for from_detector, tier, outcome, count in session.execute(tiers):
        counts = detector_by_tier.setdefault(tier, Counts()) if from_detector else raised_by_staff
        counts.add(outcome, count)

    dialect = session.get_bind().dialect.name
    element, _ = json_list_elements(SafeguardingAlert.categories, dialect)
    categories = (
        select(element.c.value, SafeguardingAlert.outcome, func.count())
        .select_from(SafeguardingAlert)
        .join(element, true())
        .where(by_detector)
        .group_by(element.c.value, SafeguardingAlert.outcome)
    )
    detector_by_category: dict[str, Counts] = {}
    for category, outcome, count in session.execute(categories):
        detector_by_category.setdefault(str(category), Counts()).add(outcome, count)
    return Outcomes(detector_by_tier, detector_by_category, raised_by_staff)


def _confirmed(counts: Counts) -> str:
    if not counts.read:
        return f"{counts.raised} raised, none read with an outcome yet"
    share = counts.confirmed / counts.read
    return (
        f"{counts.raised} raised, {counts.read} read: {counts.confirmed} a concern or already "
        f"known ({share:.3f}), "
        + ", ".join(f"{outcome} {counts.by_outcome.get(outcome, 0)}" for outcome in OUTCOMES)
    )


def outcome_lines(found: Outcomes) -> list[str]:
    """The figures as lines to print."""
    detector = Counts()
    for counts in found.detector_by_tier.values():
        for outcome, count in counts.by_outcome.items():
            detector.add(outcome, count)
    lines = [f"Raised by the detector: {_confirmed(detector)}"]
    for tier in sorted(found.detector_by_tier):
        lines.append(f"  tier {tier}: {_confirmed(found.detector_by_tier[tier])}")
    lines.append("By kind of harm (an alert may have several):")
    for category in sorted(found.detector_by_category):
        lines.append(f"  {category}: {_confirmed(found.detector_by_category[category])}")
    staff = found.raised_by_staff
    lines.append(
        f"Raised by staff, which the detector had not flagged: {staff.raised}"
        + (
            f" ({staff.confirmed} of {staff.read} read were a concern or known)"
            if staff.read
            else ""
        )
    )
    return lines
