"""Score the safeguarding flag against the labelled cases in tests/insight/data.

    python -m feedback.insight.evaluate_safeguarding [--split report|tune|all] [--show]
    python -m feedback.insight.evaluate_safeguarding --dev path/to/comments.csv [--sample 40]

Recall is the share of disclosures flagged; precision the share of flags that are
disclosures. The "report" split is held out: tune the phrases on "tune" only. With --dev
it reports the flag rate and speed over a CSV with a text column and prints a fixed-seed
sample of flagged comments for checking by hand.
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

from feedback.insight.safeguarding import SAFEGUARDING_VERSION, check_safeguarding

CASES = (
    Path(__file__).resolve().parents[2] / "tests" / "insight" / "data" / "safeguarding_cases.jsonl"
)


@dataclass(frozen=True)
class SafeguardingScore:
    cases: int
    disclosures: int
    true_flags: int
    false_flags: int

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
    return [c for c in cases if split == "all" or c["split"] == split]


def score(cases: list[dict], show: bool = False) -> SafeguardingScore:
    true_flags = false_flags = 0
    for case in cases:
        result = check_safeguarding(case["text"])
        if result.flagged and case["flag"]:
            true_flags += 1
        elif result.flagged:
            false_flags += 1
        if show and result.flagged != case["flag"]:
            label = "FALSE ALARM" if result.flagged else "MISSED"
            print(f"{label} {case['id']}: {case['text']}\n    {result.reasons}")
    disclosures = sum(c["flag"] for c in cases)
    return SafeguardingScore(len(cases), disclosures, true_flags, false_flags)


def survey(csv_path: Path, sample: int, seed: int = 20240601) -> None:
    with csv_path.open(encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    started = time.perf_counter()
    results = [check_safeguarding(text) for text in texts]
    elapsed = time.perf_counter() - started
    flagged = [(t, r) for t, r in zip(texts, results, strict=True) if r.flagged]
    print(f"{len(texts)} comments in {elapsed:.2f}s: {len(texts) / elapsed:,.0f} comments/s")
    rate = len(flagged) / len(texts)
    print(f"flagged {len(flagged)} ({rate:.2%})")
    print("by category:", dict(Counter(c for _, r in flagged for c in r.categories).most_common()))
    for text, result in random.Random(seed).sample(flagged, min(sample, len(flagged))):
        print(f"- {result.categories} {result.reasons}\n    {text[:300]!r}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="report", choices=["report", "tune", "all"])
    parser.add_argument("--show", action="store_true", help="print each wrong case")
    parser.add_argument("--dev", type=Path, help="survey a CSV with a text column")
    parser.add_argument("--sample", type=int, default=40, help="flagged comments to print")
    args = parser.parse_args(argv)
    if args.dev:
        survey(args.dev, args.sample)
        return
    result = score(load_cases(args.split), show=args.show)
    print(f"safeguarding {SAFEGUARDING_VERSION}, split={args.split}, {result.cases} cases")
    print(f"recall:    {result.true_flags}/{result.disclosures} = {result.recall:.3f}")
    flagged = result.true_flags + result.false_flags
    print(f"precision: {result.true_flags}/{flagged} = {result.precision:.3f}")


if __name__ == "__main__":
    main()
