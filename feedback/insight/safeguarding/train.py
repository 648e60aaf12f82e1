"""Train the review-tier model (model.py) and say how well it carries to a new writer.

    python -m feedback.insight.safeguarding.train [--write] [--dev-csv PATH]

Needs scikit-learn and numpy (the dev extras); the service reads the weights from
safeguarding_model.json in plain Python. Same data, same code: byte-identical JSON.

Training data, each comment labelled by whoever wrote it:
- the written sets in tests/insight/data: the team's cases (safeguarding_cases.jsonl) and
  sets written by independent writers who never saw the concepts or the code
  (safeguarding_dev_independent.jsonl, safeguarding_train_independent.jsonl, and the odd ids
  of safeguarding_fourth_independent.jsonl, whose even ids are a check never read here);
- the 10,110 real NHS FFT comments of the shared dev file, all taken as not disclosures.

The frozen sets in tests/insight/frozen are never read here.

How well it carries is measured the only honest way these sets allow: leave one writer out.
Each fold trains on the other writers and two of the three NHS trusts, then scores the
left-out writer's comments (recall, precision) and the left-out trust (the share of real
comments sent to either tier, which must stay under 3%). The review threshold is chosen
on those folds, never on the frozen set.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

from ..halves import in_half
from . import _MATCHER
from .model import MODEL_FILE, Model, features

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "insight" / "data"
# writer -> its file; the fourth writer's even ids are a check that training never reads
WRITTEN = {
    "team": DATA / "safeguarding_cases.jsonl",
    "dev": DATA / "safeguarding_dev_independent.jsonl",
    "train": DATA / "safeguarding_train_independent.jsonl",
    "fourth": DATA / "safeguarding_fourth_independent.jsonl",
}
ODD_IDS_ONLY = frozenset({"fourth"})
DEV_CSV = ROOT.parent / "shared" / "data" / "fft-dev-criticality.csv"
TRUSTS = ("Trust A", "Trust B", "Trust C")
C = 4.0  # inverse regularisation strength, chosen on the leave-one-writer-out folds
MIN_DF = 2  # a feature must occur in this many training comments to get a weight
POSITIVE_WEIGHT = 3.0  # a missed disclosure costs more than a comment read for nothing
# The share of real comments the two tiers together may send for reading, with room under
# the 3% ceiling for a new service's comments being more about care than hospital stays.
SHARE_CEILING = 0.02
WEIGHT_DIGITS = 5


@dataclass(frozen=True)
class Row:
    text: str
    flag: bool
    source: str  # a writer's name, or the NHS trust


def load_rows(dev_csv: Path = DEV_CSV) -> list[Row]:
    rows = []
    for writer, path in WRITTEN.items():
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    case = json.loads(line)
                    if writer in ODD_IDS_ONLY and not in_half(case["id"], "odd"):
                        continue
                    rows.append(Row(case["text"], bool(case["flag"]), writer))
    with dev_csv.open(encoding="utf-8", newline="") as f:
        rows.extend(Row(r["text"], False, r["trust"]) for r in csv.DictReader(f))
    return rows


def fit(rows: list[Row], c: float = C) -> tuple[dict[str, float], float]:
    import numpy as np
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    found = [features(r.text) for r in rows]
    counts: dict[str, int] = {}
    for feats in found:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_DF)
    index = {f: i for i, f in enumerate(vocabulary)}
    data, cols, indptr = [], [], [0]
    for feats in found:
        # Scaled by every feature the comment has, as the scorer does, not just known ones.
        scale = 1.0 / math.sqrt(len(feats)) if feats else 0.0
        known = sorted(index[f] for f in feats if f in index)
        cols.extend(known)
        data.extend([scale] * len(known))
        indptr.append(len(cols))
    x = sparse.csr_matrix((data, cols, indptr), shape=(len(rows), len(vocabulary)))
    y = np.array([r.flag for r in rows], dtype=int)
    positives = max(int(y.sum()), 1)
    weights = {0: len(rows) / (2 * (len(rows) - positives)), 1: len(rows) / (2 * positives)}
    weights[1] *= POSITIVE_WEIGHT
    model = LogisticRegression(C=c, class_weight=weights, max_iter=5000, solver="liblinear")
    model.fit(x, y)
    coef = model.coef_[0]
    kept = {
        f: round(float(w), WEIGHT_DIGITS)
        for f, w in zip(vocabulary, coef, strict=True)
        if abs(w) >= 10**-WEIGHT_DIGITS
    }
    return kept, round(float(model.intercept_[0]), WEIGHT_DIGITS)


@dataclass(frozen=True)
class FoldResult:
    writer: str
    trust: str
    probabilities: list[float]  # for the left-out writer's comments
    flags: list[bool]
    by_rules: list[bool]
    trust_probabilities: list[float]
    trust_by_rules: list[bool]


def folds(rows: list[Row], c: float = C) -> list[FoldResult]:
    results = []
    for k, writer in enumerate(WRITTEN):
        trust = TRUSTS[k % len(TRUSTS)]
        train = [r for r in rows if r.source not in (writer, trust)]
        weights, bias = fit(train, c)
        model = Model(weights, bias, threshold=1.0)
        held = [r for r in rows if r.source == writer]
        nhs = [r for r in rows if r.source == trust]
        results.append(
            FoldResult(
                writer,
                trust,
                [model.probability(r.text) for r in held],
                [r.flag for r in held],
                [_rules(r.text) for r in held],
                [model.probability(r.text) for r in nhs],
                [_rules(r.text) for r in nhs],
            )
        )
    return results


def _rules(text: str) -> bool:
    return bool(_MATCHER.find(text))


def _either(rule: bool, probability: float, threshold: float) -> bool:
    """As check_safeguarding decides: a concept, or else the model."""
    return rule or probability >= threshold


def measure(result: FoldResult, threshold: float) -> dict[str, float]:
    either = [
        _either(rule, p, threshold)
        for rule, p in zip(result.by_rules, result.probabilities, strict=True)
    ]
    tp = sum(f and e for f, e in zip(result.flags, either, strict=True))
    flagged = sum(either)
    disclosures = sum(result.flags)
    rules_tp = sum(f and bool(r) for f, r in zip(result.flags, result.by_rules, strict=True))
    share = sum(
        _either(rule, p, threshold)
        for rule, p in zip(result.trust_by_rules, result.trust_probabilities, strict=True)
    ) / max(len(result.trust_probabilities), 1)
    negatives = len(result.flags) - disclosures
    return {
        "false_alarms": (flagged - tp) / negatives if negatives else 0.0,
        "rules_recall": rules_tp / disclosures if disclosures else 1.0,
        "recall": tp / disclosures if disclosures else 1.0,
        "precision": tp / flagged if flagged else 1.0,
        "share": share,
    }


def choose_threshold(results: list[FoldResult]) -> float:
    """The lowest threshold whose worst left-out trust stays under the share ceiling."""
    for step in range(5, 100):
        threshold = step / 100
        if all(measure(r, threshold)["share"] <= SHARE_CEILING for r in results):
            return threshold
    return 0.99


def report(results: list[FoldResult], threshold: float, out=sys.stdout) -> None:
    print(f"leave one writer out, review threshold {threshold:.2f}", file=out)
    print(
        "writer  trust    rules recall  recall  precision  false alarms  share of real comments",
        file=out,
    )
    for r in results:
        m = measure(r, threshold)
        print(
            f"{r.writer:7} {r.trust:8} {m['rules_recall']:12.3f}  {m['recall']:6.3f}  "
            f"{m['precision']:9.3f}  {m['false_alarms']:12.1%}  {m['share']:.2%}",
            file=out,
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write safeguarding_model.json")
    parser.add_argument("--dev-csv", type=Path, default=DEV_CSV)
    parser.add_argument("--c", type=float, default=C)
    args = parser.parse_args(argv)
    rows = load_rows(args.dev_csv)
    results = folds(rows, args.c)
    threshold = choose_threshold(results)
    report(results, threshold)
    if args.write:
        weights, bias = fit(rows, args.c)
        data = {
            "about": "Review-tier safeguarding model; see model.py and train.py.",
            "c": args.c,
            "threshold": threshold,
            "bias": bias,
            "weights": dict(sorted(weights.items())),
        }
        MODEL_FILE.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {MODEL_FILE.name}: {len(weights)} weights", file=sys.stdout)


if __name__ == "__main__":
    main()
