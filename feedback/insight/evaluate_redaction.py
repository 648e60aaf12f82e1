"""Score the redactor against the labelled cases in tests/insight/data.

    python -m feedback.insight.evaluate_redaction [--split report|tune|all] [--show]
    python -m feedback.insight.evaluate_redaction --dev path/to/comments.csv

Items removed: share of labelled personal-data spans fully covered by a redaction.
Look-alikes kept: share of labelled look-alike words (places, services, months, "Will")
left untouched. The "report" split is held out: tune rules on "tune" only.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from feedback.insight.redaction import REDACTOR_VERSION, redact

CASES = Path(__file__).resolve().parents[2] / "tests" / "insight" / "data" / "redaction_cases.jsonl"


@dataclass(frozen=True)
class RedactionScore:
    cases: int
    items: int
    items_removed: int
    right_kind: int
    keep: int
    keep_kept: int
    exact: int

    @property
    def removed_rate(self) -> float:
        return self.items_removed / self.items if self.items else 1.0

    @property
    def kept_rate(self) -> float:
        return self.keep_kept / self.keep if self.keep else 1.0


def load_cases(split: str = "all", path: Path = CASES) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    return [c for c in cases if split == "all" or c["split"] == split]


def score(cases: list[dict], show: bool = False) -> RedactionScore:
    items = removed = right_kind = keep = kept = exact = 0
    for case in cases:
        result = redact(case["text"])
        spans = [(f.start, f.end, f.kind) for f in result.items]
        misses = []
        for item in case["items"]:
            items += 1
            cover = [k for s, e, k in spans if s <= item["start"] and item["end"] <= e]
            if cover:
                removed += 1
                right_kind += cover[0] == item["kind"]
            else:
                misses.append(f"missed {item['kind']} {item['original']!r}")
        for word in case["keep"]:
            keep += 1
            if any(s < word["end"] and word["start"] < e for s, e, _ in spans):
                misses.append(f"lost {word['original']!r}")
            else:
                kept += 1
        exact += result.text == case["expected"]
        if show and (misses or result.text != case["expected"]):
            print(f"{case['id']}: {'; '.join(misses)}")
            print(f"  got:  {result.text}\n  want: {case['expected']}")
    return RedactionScore(len(cases), items, removed, right_kind, keep, kept, exact)


def benchmark(csv_path: Path) -> None:
    with csv_path.open(encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    kinds: Counter[str] = Counter()
    started = time.perf_counter()
    for text in texts:
        kinds.update(f.kind for f in redact(text).items)
    elapsed = time.perf_counter() - started
    print(f"{len(texts)} comments in {elapsed:.2f}s: {len(texts) / elapsed:,.0f} comments/s")
    print("found:", dict(kinds.most_common()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="report", choices=["report", "tune", "all"])
    parser.add_argument("--show", action="store_true", help="print each case that differs")
    parser.add_argument("--dev", type=Path, help="time the redactor over a CSV with a text column")
    args = parser.parse_args(argv)
    if args.dev:
        benchmark(args.dev)
        return
    result = score(load_cases(args.split), show=args.show)
    print(f"redactor {REDACTOR_VERSION}, split={args.split}, {result.cases} cases")
    print(f"items removed:     {result.items_removed}/{result.items} = {result.removed_rate:.1%}")
    print(f"  of which right kind: {result.right_kind}/{result.items_removed}")
    print(f"look-alikes kept:  {result.keep_kept}/{result.keep} = {result.kept_rate:.1%}")
    print(f"exact expected text: {result.exact}/{result.cases}")


if __name__ == "__main__":
    main()
