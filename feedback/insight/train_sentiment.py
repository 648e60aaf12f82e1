"""Train the sentiment model's weights on labelled FFT comments, reproducibly.

    python -m feedback.insight.train_sentiment [CSV] [--write]

Training needs scikit-learn and numpy (``pip install scikit-learn numpy``); the
service does not: it reads the weights from ``sentiment_model.json`` and applies them
in plain Python. The shipped weights are fitted on the training part of the fixed
80/20 split only, so ``evaluate_sentiment`` on the development file measures rows the
model never saw. Same data and same code give byte-identical JSON.

The model is a binary logistic regression, positive against negative (criticality > 0
against < 0; ungraded rows left out). Neutral is the band of weak evidence either side
of zero (see ``NEUTRAL_BAND``) plus the explicit "no opinion" answers in the lexicon:
the development file has no neutral label to learn from.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from feedback.insight.evaluate_sentiment import (
    DEV_CSV,
    SPLIT_SEED,
    Row,
    evaluate,
    load_rows,
    near_neutral,
    split,
    vader_label,
)
from feedback.insight.sentiment import ANALYSER_VERSION, _score, comment_features

MODEL_PATH = Path(__file__).with_name("sentiment_model.json")
C = 1.0  # inverse regularisation strength, chosen by the cross-trust folds
MIN_DF = 3  # a word or phrase must occur in this many training comments to get a weight
NEUTRAL_BAND = 0.5  # |log-odds| below this reads as neither positive nor negative
MIN_WEIGHT = 0.005


def _examples(rows: list[Row]) -> tuple[list[dict[str, float]], list[int], list[float]]:
    """Each comment twice: with its question and without, so both uses are learnt."""
    features, targets, weights = [], [], []
    for row in rows:
        if row.label == "neutral":
            continue
        questions = (row.question, None) if row.question else (None,)
        for question in questions:
            features.append(comment_features(row.text, question))
            targets.append(1 if row.label == "positive" else 0)
            weights.append(1.0 / len(questions))
    return features, targets, weights


def fit(rows: list[Row]) -> dict:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    features, targets, weights = _examples(rows)
    df: Counter[str] = Counter()  # in how many comments (weights sum to 1 per comment)
    for f, weight in zip(features, weights, strict=True):
        for name in f:
            if name[:2] in ("w:", "b:"):
                df[name] += weight
    keep = {n for n, count in df.items() if count >= MIN_DF - 1e-9}
    features = [
        {n: v for n, v in f.items() if n[:2] not in ("w:", "b:") or n in keep} for f in features
    ]

    vectoriser = DictVectorizer(sort=True)
    x = vectoriser.fit_transform(features)
    model = LogisticRegression(
        C=C, class_weight="balanced", solver="lbfgs", max_iter=5000, random_state=SPLIT_SEED
    )
    model.fit(x, targets, sample_weight=weights)
    names = vectoriser.get_feature_names_out()
    coefficients = {
        str(n): round(float(w), 4)
        for n, w in zip(names, model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    return {
        "version": ANALYSER_VERSION,
        "about": (
            "Logistic regression, positive vs negative, over VADER, rule and n-gram features "
            "(feedback/insight/train_sentiment.py). Score = tanh(log-odds / 2)."
        ),
        "trained_on": f"{len(rows)} comments",
        "bias": round(float(model.intercept_[0]), 4),
        "neutral_band": NEUTRAL_BAND,
        "weights": dict(sorted(coefficients.items())),
    }


def _predictor(model: dict):
    def predict(text: str, rating: int | None = None, question: str | None = None) -> str:
        return _score(model, text, rating, question).label

    return predict


def _summary(title: str, rows: list[Row], model: dict) -> list[str]:
    lines = []
    for name, predict, use_q in (
        ("VADER only", vader_label, True),
        ("scorer", _predictor(model), True),
        ("scorer, q?", _predictor(model), False),
    ):
        r = evaluate(rows, predict, use_q)
        lines.append(
            f"{title:<28}{name:<11} acc {r.accuracy:.3f}  neg recall {r.recall['negative']:.3f}"
            f"  pos recall {r.recall['positive']:.3f}  neg precision {r.precision['negative']:.3f}"
            f"  neutral predicted {sum(v for (_, p), v in r.confusion.items() if p == 'neutral')}"
            f"  n={r.n}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEV_CSV)
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_PATH.name}")
    parser.add_argument("--quick", action="store_true", help="skip the cross-trust folds")
    args = parser.parse_args(argv)

    rows = load_rows(args.csv)
    train, test = split(rows)
    model = fit(train)
    print(f"fixed split: {len(train)} training, {len(test)} test comments")
    print("\n".join(_summary("stratified 80/20 test", test, model)))
    print("\n".join(_summary("  (criticality -1 neutral)", near_neutral(test), model)))
    if not args.quick:
        for trust in sorted({r.trust for r in rows}):
            fold = fit([r for r in rows if r.trust != trust])
            held_out = [r for r in rows if r.trust == trust]
            print("\n".join(_summary(f"trained without {trust}", held_out, fold)))
    if args.write:
        text = json.dumps(model, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
        MODEL_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({len(model['weights'])} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
