"""Score the redactor against the labelled cases in tests/insight/data.

    python -m feedback.insight.evaluate_redaction [--split report|tune|all] [--show]
    python -m feedback.insight.evaluate_redaction --cases other.jsonl [--keep terms.txt]
    python -m feedback.insight.evaluate_redaction --cases other.jsonl --half odd --kinds
    python -m feedback.insight.evaluate_redaction --dev path/to/comments.csv

Items removed: share of labelled personal-data spans fully covered by a redaction.
Look-alikes kept: share of labelled look-alike words (places, services, months, "Will")
left untouched. The "report" split is held out: tune rules on "tune" only. A case file
without a split can be halved by the number in its ids (--half odd to tune, --half even to
check). A case file without an "expected" text (spans only) leaves the exact-text count at 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from feedback.insight.halves import half
from feedback.insight.redaction import REDACTOR_VERSION, Redactor, load_keep_terms
from feedback.insight.redaction.words import word_lists

POSTCODE_END = re.compile(r"\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.IGNORECASE)
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
    # kind -> [items, removed, right kind]
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    # Addresses whose street part was removed, the town after the last comma left in: some
    # writers mark the town inside the address, where our cases keep it.
    streets_removed: int = 0

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


# What other writers call the kinds the redactor names otherwise.
KIND_ALIASES = {"vehicle registration": "vehicle", "other id": "reference"}


def _kind(label: str) -> str:
    """Labels may be written "nhs_number" or "nhs number", "other_id" for "reference"."""
    kind = label.replace("_", " ")
    return KIND_ALIASES.get(kind, kind)


def score(
    cases: list[dict], show: bool = False, redactor: Redactor | None = None
) -> RedactionScore:
    redactor = redactor or Redactor()
    items = removed = right_kind = keep = kept = exact = streets = 0
    by_kind: dict[str, list[int]] = {}
    for case in cases:
        result = redactor.redact(case["text"])
        spans = [(f.start, f.end, f.kind) for f in result.items]
        misses = []
        for item in case["items"]:
            items += 1
            tally = by_kind.setdefault(_kind(item["kind"]), [0, 0, 0])
            tally[0] += 1
            cover = [k for s, e, k in spans if s <= item["start"] and item["end"] <= e]
            if cover:
                removed += 1
                right_kind += cover[0] == _kind(item["kind"])
                tally[1] += 1
                tally[2] += cover[0] == _kind(item["kind"])
                if show and cover[0] != _kind(item["kind"]):
                    misses.append(f"{item['kind']} {item['original']!r} found as {cover[0]}")
            else:
                misses.append(f"missed {item['kind']} {item['original']!r}")
            if _kind(item["kind"]) == "address":
                streets += cover != [] or _street_removed(item, spans)
        for word in case["keep"]:
            keep += 1
            if any(s < word["end"] and word["start"] < e for s, e, _ in spans):
                misses.append(f"lost {word['original']!r}")
            else:
                kept += 1
        expected = case.get("expected")
        exact += result.text == expected
        if show and (misses or (expected is not None and result.text != expected)):
            print(f"{case['id']}: {'; '.join(misses)}")
            print(f"  got:  {result.text}\n  want: {expected}")
    return RedactionScore(
        len(cases), items, removed, right_kind, keep, kept, exact, by_kind, streets
    )


@cache
def _places() -> frozenset[str]:
    return frozenset(p.lower() for p in word_lists().places)


def _street_removed(item: dict, spans: list[tuple[int, int, str]]) -> bool:
    """The address without the towns and postcode after it ("22 Chesterton Road" of "22
    Chesterton Road, Eastwood, Rotherham S60 1AB") is inside one redaction."""
    places = _places()
    parts = item["original"].split(", ")
    while len(parts) > 1 and POSTCODE_END.sub("", parts[-1]).lower() in places:
        parts.pop()
    street = ", ".join(parts)
    end = item["start"] + len(street)
    return any(s <= item["start"] and end <= e for s, e, _ in spans)


def benchmark(csv_path: Path, redactor: Redactor | None = None) -> None:
    """Time redaction alone over a CSV's "text" column: throughput and per-comment p99."""
    redactor = redactor or Redactor()
    with csv_path.open(encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    kinds: Counter[str] = Counter()
    timings = []
    started = time.perf_counter()
    for text in texts:
        before = time.perf_counter()
        result = redactor.redact(text)
        timings.append(time.perf_counter() - before)
        kinds.update(f.kind for f in result.items)
    elapsed = time.perf_counter() - started
    p99 = statistics.quantiles(timings, n=100)[98] if len(timings) > 1 else elapsed
    print(f"{len(texts)} comments in {elapsed:.2f}s: {len(texts) / elapsed:,.0f} comments/s")
    print(f"per comment: median {statistics.median(timings) * 1e3:.3f} ms, p99 {p99 * 1e3:.3f} ms")
    print("found:", dict(kinds.most_common()))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="report", choices=["report", "tune", "all"])
    parser.add_argument("--show", action="store_true", help="print each case that differs")
    parser.add_argument("--dev", type=Path, help="time the redactor over a CSV with a text column")
    parser.add_argument("--cases", type=Path, default=CASES, help="a JSONL file of labelled cases")
    parser.add_argument("--keep", type=Path, help="a keep-terms file, as the app would pass")
    parser.add_argument("--half", choices=["odd", "even"], help="only cases with odd/even ids")
    parser.add_argument("--kinds", action="store_true", help="removed and right kind by kind")
    args = parser.parse_args(argv)
    redactor = Redactor(load_keep_terms(args.keep) if args.keep else ())
    if args.dev:
        benchmark(args.dev, redactor)
        return
    split = args.split if args.cases == CASES else "all"
    cases = load_cases(split, args.cases)
    if args.half:
        cases = half(cases, args.half)
        split = f"{split}, {args.half} ids"
    result = score(cases, show=args.show, redactor=redactor)
    print(f"redactor {REDACTOR_VERSION}, {args.cases.name}, split={split}, {result.cases} cases")
    print(f"items removed:     {result.items_removed}/{result.items} = {result.removed_rate:.1%}")
    print(f"  of which right kind: {result.right_kind}/{result.items_removed}")
    print(f"look-alikes kept:  {result.keep_kept}/{result.keep} = {result.kept_rate:.1%}")
    print(f"exact expected text: {result.exact}/{result.cases}")
    if args.kinds:
        for kind, (n, found, right) in sorted(result.by_kind.items()):
            print(f"  {kind:<14} removed {found}/{n}, right kind {right}/{found}")
            if kind == "address":
                print(f"  {'':<14} street part removed (town kept): {result.streets_removed}/{n}")


if __name__ == "__main__":
    main()
