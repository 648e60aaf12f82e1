"""How well the sentiment scorer agrees with people, beside plain VADER.

    python -m feedback.insight.evaluate_sentiment [CSV|JSONL] [--split auto|test|all] [--speed]
        [--half odd|even] [--mixed labellers|praise-and-complaint]

A JSONL case file (one {"id", "text", "rating", "label"} per line, label one of the
scorer's four) is read as card answers to the "why" question and is also scored in all
four labels, mixed and neutral apart; ``--half`` keeps its odd or even ids. Only totals
are printed, never a case.

The CSV needs a ``text`` column and either ``criticality`` (-5..+5, as in the
development file), ``polarity`` (positive / negative / ungraded_0) or ``label``
(positive / mixed / neutral / negative; such a file, as ``tone-agreement --export``
writes, is scored in the four labels too). Optional columns: ``question`` ("why",
"improve", or Q1/Q2 together with ``trust``) and ``rating`` (FFT code 1-6).

Three classes are scored: positive, negative, and the middle, "neutral/mixed" (the
scorer's "mixed" and "neutral" both count as the middle; a ``label`` of mixed or
neutral is the middle). From criticality: >= 2 positive, <= -2 negative, -1 and +1
the middle (labellers use +-1 for mild, hedged and mixed comments; it is a proxy, not
a mixed label: nobody marked these rows "mixed"), 0 left out (ungraded praise).

On the development file (it has ``trust`` and ``criticality``) the default is the
fixed test split, the rows the shipped model never saw; any other file is scored in
full, as a held-out set should be. The model was chosen on the cross-trust folds that
``train_sentiment`` prints.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from feedback.insight.halves import in_half
from feedback.insight.sentiment import (
    LABELLERS,
    LABELS,
    MIXED_READINGS,
    looks_like_improvement_answer,
    score_sentiment,
)

DEV_CSV = Path(__file__).resolve().parents[3] / "shared" / "data" / "fft-dev-criticality.csv"
SPLIT_SEED = 2026
TEST_FRACTION = 0.2
CLASSES = ("positive", "neutral", "negative")  # "neutral" here is neutral or mixed
MIDDLE = "neutral"

_LABEL_ALIASES = {
    "positive": "positive",
    "pos": "positive",
    "neutral": "neutral",
    "neu": "neutral",
    "mixed": MIDDLE,
    "negative": "negative",
    "neg": "negative",
}


@dataclass(frozen=True)
class Row:
    text: str
    label: str
    question: str | None = None
    rating: int | None = None
    trust: str = ""
    criticality: int | None = None
    key: int = 0
    # The person's label in the scorer's four (mixed and neutral apart), where a file has it.
    four: str | None = None


def _rating(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and 1 <= int(value) <= 6 else None


def criticality_label(criticality: int) -> str | None:
    """>= 2 positive, <= -2 negative, +-1 the middle, 0 (ungraded) none."""
    if criticality == 0:
        return None
    return "positive" if criticality >= 2 else "negative" if criticality <= -2 else MIDDLE


def load_rows(path: Path) -> list[Row]:
    """Labelled rows; ungraded and unrecognised labels are left out."""
    with path.open(newline="", encoding="utf-8-sig") as f:
        raw = list(csv.DictReader(f))
    questions = infer_questions(raw)
    rows = []
    for n, r in enumerate(raw):
        crit = (r.get("criticality") or "").strip()
        if re.fullmatch(r"-?\d+", crit):
            label = criticality_label(int(crit))
        else:
            label = _LABEL_ALIASES.get((r.get("label") or r.get("polarity") or "").strip().lower())
        if label is None:  # e.g. ungraded_0: criticality 0 was never graded
            continue
        four = (r.get("label") or "").strip().lower()
        rows.append(
            Row(
                text=r.get("text") or "",
                label=label,
                question=questions.get((r.get("trust", ""), r.get("question", ""))),
                rating=_rating(r.get("rating")),
                trust=r.get("trust", ""),
                criticality=int(crit) if re.fullmatch(r"-?\d+", crit) else None,
                key=int(r["row_index"]) if (r.get("row_index") or "").isdigit() else n,
                four=four if four in LABELS else None,
            )
        )
    return rows


def load_cases(path: Path, which: str | None = None) -> list[Row]:
    """A JSONL case file of card answers: text, rating (1-6 or null) and one of the four
    labels; `which` keeps the "odd" or "even" ids only."""
    rows = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f):
            if not line.strip():
                continue
            case = json.loads(line)
            if which and not in_half(str(case["id"]), which):
                continue
            four = str(case["label"]).strip().lower()
            if four not in LABELS:
                raise ValueError(f"{path.name} line {n + 1}: label {four!r} is not one of {LABELS}")
            rating = case.get("rating")
            rows.append(
                Row(
                    text=case["text"],
                    label=as_class(four),
                    question="why",  # what every card answers
                    rating=rating if isinstance(rating, int) and 1 <= rating <= 6 else None,
                    key=n,
                    four=four,
                )
            )
    return rows


def infer_questions(raw: list[dict[str, str]]) -> dict[tuple[str, str], str]:
    """Map each (trust, question) to "why" or "improve", reading the answers.

    Upstream does not publish the prompts, and Q1 is the improvement question at one
    trust and the "why" question at another; nil answers and suggestions give it away.
    """
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in raw:
        groups[(r.get("trust", ""), (r.get("question") or "").strip())].append(r.get("text", ""))
    mapping = {}
    for key, texts in groups.items():
        q = key[1].lower()
        if q in ("why", "improve"):
            mapping[key] = q
        elif q:
            share = sum(map(looks_like_improvement_answer, texts)) / len(texts)
            mapping[key] = "improve" if share >= 0.15 else "why"
    return mapping


def split(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """The fixed stratified 80/20 split (by trust and label, seed 2026)."""
    strata: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        strata[(row.trust, row.label)].append(row)
    rng = random.Random(SPLIT_SEED)
    train, test = [], []
    for key in sorted(strata):
        members = sorted(strata[key], key=lambda r: r.key)
        rng.shuffle(members)
        cut = round(len(members) * TEST_FRACTION)
        test.extend(members[:cut])
        train.extend(members[cut:])
    return train, test


def is_dev_file(rows: list[Row]) -> bool:
    return any(r.trust for r in rows) and any(r.criticality is not None for r in rows)


_VADER = SentimentIntensityAnalyzer()


def vader_label(text: str, rating: int | None = None, question: str | None = None) -> str:
    """Plain VADER with its authors' thresholds: the baseline to beat."""
    compound = _VADER.polarity_scores(text)["compound"]
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def scorer_label(
    text: str, rating: int | None = None, question: str | None = None, mixed: str = LABELLERS
) -> str:
    return score_sentiment(text, rating=rating, question=question, mixed=mixed).label


def as_class(label: str) -> str:
    """The scorer's four labels on the three scored classes."""
    return MIDDLE if label == "mixed" else label


@dataclass(frozen=True)
class Report:
    accuracy: float
    precision: dict[str, float]
    recall: dict[str, float]
    f1: dict[str, float]
    confusion: dict[tuple[str, str], int]  # (truth, predicted) -> count
    n: int

    @property
    def macro_f1(self) -> float:
        return sum(self.f1.values()) / len(self.f1)

    def line(self, title: str) -> str:
        """One line: the figures the model is chosen by."""
        return _line(
            title,
            self.accuracy,
            self.macro_f1,
            self.recall["negative"],
            self.recall[MIDDLE],
            self.recall["positive"],
            f"n={self.n}",
        )

    def lines(self, title: str) -> list[str]:
        out = [
            f"{title}: accuracy {self.accuracy:.3f}, macro-F1 {self.macro_f1:.3f}"
            f" on {self.n} comments ('neutral' = neutral or mixed)"
        ]
        out.append(f"  {'class':<10}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}")
        for label in CLASSES:
            support = sum(v for (t, _), v in self.confusion.items() if t == label)
            out.append(
                f"  {label:<10}{self.precision[label]:>10.3f}{self.recall[label]:>8.3f}"
                f"{self.f1[label]:>8.3f}{support:>9}"
            )
        out.append("  confusion (rows: people, columns: predicted)")
        out.append("  " + " " * 10 + "".join(f"{p[:8]:>10}" for p in CLASSES))
        for truth in CLASSES:
            cells = "".join(f"{self.confusion.get((truth, p), 0):>10}" for p in CLASSES)
            out.append(f"  {truth:<10}{cells}")
        return out


def _line(title: str, acc: float, f1: float, neg: float, mid: float, pos: float, n: str) -> str:
    return (
        f"{title:<44} acc {acc:.3f}  macro-F1 {f1:.3f}  neg recall {neg:.3f}"
        f"  neutral/mixed recall {mid:.3f}  pos recall {pos:.3f}  {n}"
    )


def mean_line(reports: list[Report], title: str) -> str:
    """The unweighted mean of several reports (the cross-trust folds), as one line."""
    mean = statistics.fmean
    return _line(
        title,
        mean(r.accuracy for r in reports),
        mean(r.macro_f1 for r in reports),
        mean(r.recall["negative"] for r in reports),
        mean(r.recall[MIDDLE] for r in reports),
        mean(r.recall["positive"] for r in reports),
        f"n={sum(r.n for r in reports)}",
    )


def evaluate(rows: Iterable[Row], predict: Callable[..., str], use_question: bool = True) -> Report:
    confusion: Counter[tuple[str, str]] = Counter()
    for row in rows:
        question = row.question if use_question else None
        predicted = as_class(predict(row.text, rating=row.rating, question=question))
        confusion[(row.label, predicted)] += 1
    n = sum(confusion.values())
    correct = sum(v for (t, p), v in confusion.items() if t == p)
    precision, recall, f1 = {}, {}, {}
    for label in CLASSES:
        predicted = sum(v for (_, p), v in confusion.items() if p == label)
        actual = sum(v for (t, _), v in confusion.items() if t == label)
        precision[label] = confusion[(label, label)] / predicted if predicted else 0.0
        recall[label] = confusion[(label, label)] / actual if actual else 0.0
        both = precision[label] + recall[label]
        f1[label] = 2 * precision[label] * recall[label] / both if both else 0.0
    return Report(correct / n if n else 0.0, precision, recall, f1, dict(confusion), n)


def four_lines(rows: list[Row], predict: Callable[..., str]) -> list[str]:
    """The scorer's own four labels against people's: mixed and neutral apart."""
    confusion: Counter[tuple[str, str]] = Counter()
    for row in rows:
        if row.four is not None:
            confusion[(row.four, predict(row.text, rating=row.rating, question=row.question))] += 1
    n = sum(confusion.values())
    if not n:
        return []
    correct = sum(v for (t, p), v in confusion.items() if t == p)
    out = [f"four labels: accuracy {correct / n:.3f} on {n} comments"]
    f1s = []
    for label in LABELS:
        actual = sum(v for (t, _), v in confusion.items() if t == label)
        said = sum(v for (_, p), v in confusion.items() if p == label)
        hit = confusion[(label, label)]
        f1s.append(2 * hit / (actual + said) if actual + said else 0.0)
        out.append(
            f"  {label:<10} recall {hit}/{actual}"
            + (f" = {hit / actual:.3f}" if actual else "")
            + f", precision {hit}/{said}"
            + (f" = {hit / said:.3f}" if said else "")
        )
    out[0] += f", macro-F1 {sum(f1s) / len(f1s):.3f}"
    out.append("  confusion (rows: people, columns: predicted)")
    out.append("  " + " " * 10 + "".join(f"{p:>10}" for p in LABELS))
    for truth in LABELS:
        out.append(f"  {truth:<10}" + "".join(f"{confusion[(truth, p)]:>10}" for p in LABELS))
    return out


def all_texts(path: Path) -> list[str]:
    """Every comment in the file, labelled or not (for timing)."""
    with path.open(newline="", encoding="utf-8-sig") as f:
        return [r.get("text") or "" for r in csv.DictReader(f)]


def speed(texts: list[str]) -> list[str]:
    score_sentiment("warm up: load the weights before the clock starts")
    took_each = []
    start = time.perf_counter()
    for text in texts:
        begin = time.perf_counter()
        score_sentiment(text)
        took_each.append(time.perf_counter() - begin)
    rate = len(texts) / (time.perf_counter() - start)
    p99 = statistics.quantiles(took_each, n=100)[98] * 1000
    long = " ".join(t for t in texts if len(t) > 200)[:2000]
    start = time.perf_counter()
    score_sentiment(long)
    took = time.perf_counter() - start
    start = time.perf_counter()
    _VADER.polarity_scores(long)
    vader_took = time.perf_counter() - start
    return [
        f"speed: {rate:,.0f} comments/s over {len(texts)} comments (one process),"
        f" p99 {p99:.2f} ms, slowest {max(took_each) * 1000:.2f} ms",
        f"speed: one {len(long):,}-character comment in {took * 1000:.1f} ms"
        f" (plain VADER on the whole text: {vader_took * 1000:.1f} ms)",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEV_CSV)
    parser.add_argument("--split", choices=("auto", "test", "all"), default="auto")
    parser.add_argument("--no-question", action="store_true", help="ignore the question column")
    parser.add_argument("--speed", action="store_true", help="also time the scorer")
    parser.add_argument("--half", choices=("odd", "even"), help="a JSONL file's odd or even ids")
    parser.add_argument(
        "--mixed",
        choices=MIXED_READINGS,
        default=LABELLERS,
        help="how a comment that praises and complains is labelled (FEEDBACK_MIXED_READING)",
    )
    args = parser.parse_args(argv)

    def scorer(text: str, rating: int | None = None, question: str | None = None) -> str:
        return scorer_label(text, rating, question, mixed=args.mixed)

    if args.csv.suffix == ".jsonl":
        rows = load_cases(args.csv, args.half)
        half = f", {args.half} ids" if args.half else ""
        print(f"{args.csv.name}: card answers{half}, totals only")
    else:
        rows = load_rows(args.csv)
        dev = is_dev_file(rows)
        if args.split == "test" or (args.split == "auto" and dev):
            rows = split(rows)[1]
            print(f"{args.csv.name}: fixed test split (stratified 80/20, seed {SPLIT_SEED})")
        else:
            print(f"{args.csv.name}: all labelled rows")
    use_q = not args.no_question
    for title, predict in (("VADER only", vader_label), ("scorer", scorer)):
        print("\n".join(evaluate(rows, predict, use_q).lines(title)), end="\n\n")
    four = four_lines(rows, scorer)
    if four:
        print("\n".join(["scorer, " + four[0], *four[1:]]), end="\n\n")
    if args.speed:
        print("\n".join(speed(all_texts(args.csv))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
