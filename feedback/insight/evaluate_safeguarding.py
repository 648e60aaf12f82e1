"""Score the safeguarding flag against the labelled cases in tests/insight/data.

    python -m feedback.insight.evaluate_safeguarding [--split report|tune|all] [--show]
    python -m feedback.insight.evaluate_safeguarding --cases other.jsonl [--show]
    python -m feedback.insight.evaluate_safeguarding --cases other.jsonl --half even
    python -m feedback.insight.evaluate_safeguarding --frozen
    python -m feedback.insight.evaluate_safeguarding --dev path/to/comments.csv [--sample 40]

Recall is the share of disclosures flagged (either tier); precision the share of flags
that are disclosures. The "report" split is held out: tune the phrases on "tune" only.
--cases scores another labelled file (the independent writers' sets), --half one half of it
(odd ids are tuned on, even ids are a check: see halves.py); --frozen scores
the frozen set, totals and per-kind counts only: it never prints a case, because nobody
may tune on it. With --dev it reports the flag rate per tier and speed over a CSV with a
text column and prints a fixed-seed sample of flagged comments for checking by hand.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from feedback.insight.halves import half
from feedback.insight.safeguarding import SAFEGUARDING_VERSION, check_safeguarding

TESTS = Path(__file__).resolve().parents[2] / "tests" / "insight"
CASES = TESTS / "data" / "safeguarding_cases.jsonl"
FROZEN = TESTS / "frozen" / "safeguarding_frozen.jsonl"


@dataclass(frozen=True)
class SafeguardingScore:
    cases: int
    disclosures: int
    true_flags: int
    false_flags: int
    alerts: int = 0  # of all flags, those in the alert tier
    by_kind: tuple[tuple[str, int, int], ...] = ()  # kind, flagged, cases

    @property
    def recall(self) -> float:
        return self.true_flags / self.disclosures if self.disclosures else 1.0

    @property
    def precision(self) -> float:
        flagged = self.true_flags + self.false_flags
        return self.true_flags / flagged if flagged else 1.0


def load_cases(split: str = "all", path: Path = CASES) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    return [c for c in cases if split == "all" or c.get("split", split) == split]


def score(cases: list[dict], show: bool = False) -> SafeguardingScore:
    true_flags = false_flags = alerts = 0
    kinds: dict[str, list[int]] = {}
    for case in cases:
        result = check_safeguarding(case["text"])
        alerts += result.alert
        counts = kinds.setdefault(case.get("kind", "?"), [0, 0])
        counts[0] += result.flagged
        counts[1] += 1
        if result.flagged and case["flag"]:
            true_flags += 1
        elif result.flagged:
            false_flags += 1
        if show and result.flagged != case["flag"]:
            label = "FALSE ALARM" if result.flagged else "MISSED"
            print(f"{label} {case['id']}: {case['text']}\n    {result.reasons}")
    disclosures = sum(c["flag"] for c in cases)
    by_kind = tuple((k, v[0], v[1]) for k, v in kinds.items() if k != "?")
    return SafeguardingScore(len(cases), disclosures, true_flags, false_flags, alerts, by_kind)


def survey(csv_path: Path, sample: int, seed: int = 20240601) -> None:
    with csv_path.open(encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    started = time.perf_counter()
    results = [check_safeguarding(text) for text in texts]
    elapsed = time.perf_counter() - started
    flagged = [(t, r) for t, r in zip(texts, results, strict=True) if r.flagged]
    print(f"{len(texts)} comments in {elapsed:.2f}s: {len(texts) / elapsed:,.0f} comments/s")
    rate = len(flagged) / len(texts)
    alerts = sum(r.alert for _, r in flagged)
    print(f"flagged {len(flagged)} ({rate:.2%}): alert {alerts}, review {len(flagged) - alerts}")
    print("by category:", dict(Counter(c for _, r in flagged for c in r.categories).most_common()))
    for text, result in random.Random(seed).sample(flagged, min(sample, len(flagged))):
        print(f"- {result.categories} {result.reasons}\n    {text[:300]!r}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="report", choices=["report", "tune", "all"])
    parser.add_argument("--show", action="store_true", help="print each wrong case")
    parser.add_argument("--dev", type=Path, help="survey a CSV with a text column")
    parser.add_argument("--cases", type=Path, default=CASES, help="a JSONL file of labelled cases")
    parser.add_argument("--frozen", action="store_true", help="the frozen set: totals only")
    parser.add_argument("--sample", type=int, default=40, help="flagged comments to print")
    parser.add_argument("--half", choices=["odd", "even"], help="only cases with odd/even ids")
    args = parser.parse_args(argv)
    if args.dev:
        survey(args.dev, args.sample)
        return
    path = FROZEN if args.frozen else args.cases
    split = "all" if path != CASES else args.split
    cases = load_cases(split, path)
    if args.half and not args.frozen:
        cases = half(cases, args.half)
        split = f"{split}, {args.half} ids"
    result = score(cases, show=args.show and not args.frozen)
    print(f"safeguarding {SAFEGUARDING_VERSION}, {path.name}, split={split}, {result.cases} cases")
    print(f"recall:    {result.true_flags}/{result.disclosures} = {result.recall:.3f}")
    flagged = result.true_flags + result.false_flags
    print(f"precision: {result.true_flags}/{flagged} = {result.precision:.3f}")
    print(f"tiers:     alert {result.alerts}, review {flagged - result.alerts}")
    if result.by_kind:
        print("flagged / cases by kind:")
        print("  " + " · ".join(f"{k} {n}/{total}" for k, n, total in sorted(result.by_kind)))


if __name__ == "__main__":
    main()
