"""Train the sentiment model's weights on labelled FFT comments, reproducibly.

    python -m feedback.insight.train_sentiment [CSV] [--write] [--quick]

Training needs scikit-learn and numpy (``pip install scikit-learn numpy``); the
service does not: it reads the weights from ``sentiment_model.json`` and applies them
in plain Python (``sentiment.score_with``). Same data and same code give byte-identical
JSON. The shipped weights are fitted on the training part of the fixed 80/20 split
only, so ``evaluate_sentiment`` on the development file measures rows the model never
saw.

The model: TF-IDF over words and two-word phrases (``sentiment.terms``; sublinear tf,
l2 norm, in at least MIN_DF training comments) plus VADER's compound score, into a
three-class logistic regression (negative / neither / positive; criticality <= -2,
+-1, >= 2; ungraded 0 left out), classes balanced. It was chosen on the cross-trust
folds printed here (train on two trusts, score the third with the plain-Python
scorer), by macro-F1 and negative recall, over the previous hand-written features,
words alone, words with character n-grams, and words with the question as a feature.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from feedback.insight.evaluate_sentiment import (
    DEV_CSV,
    Row,
    evaluate,
    load_rows,
    split,
    vader_label,
)
from feedback.insight.sentiment import (
    ANALYSER_VERSION,
    CLASSES,
    load_model,
    normalise,
    score_with,
    terms,
    vader_compound,
)

MODEL_PATH = Path(__file__).with_name("sentiment_model.json")
C = 1.0  # inverse regularisation strength, chosen by the cross-trust folds
MIN_DF = 2  # a word or phrase must occur in this many training comments to get a weight
_TARGET = {"negative": "negative", "neutral": "neither", "positive": "positive"}


def fit(rows: list[Row], use_vader: bool = True) -> dict:
    """Fitted weights as the JSON the scorer reads."""
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = [normalise(row.text).lower() for row in rows]
    targets = [CLASSES.index(_TARGET[row.label]) for row in rows]
    vectoriser = TfidfVectorizer(analyzer=terms, min_df=MIN_DF, sublinear_tf=True)
    x = vectoriser.fit_transform(texts)
    compound = np.array([[vader_compound(t) if use_vader else 0.0] for t in texts])
    x = sparse.hstack([x, sparse.csr_matrix(compound)]).tocsr()
    model = LogisticRegression(C=C, class_weight="balanced", solver="lbfgs", max_iter=5000)
    model.fit(x, targets)
    assert list(model.classes_) == [0, 1, 2]
    names = vectoriser.get_feature_names_out()
    idf = vectoriser.idf_
    coef = model.coef_
    table = {
        str(name): [round(float(idf[j]), 4), *(round(float(coef[k, j]), 4) for k in range(3))]
        for j, name in enumerate(names)
    }
    return {
        "version": ANALYSER_VERSION,
        "about": (
            "Three-class logistic regression (classes in order) over TF-IDF words and "
            "two-word phrases plus VADER's compound score (feedback/insight/train_sentiment.py). "
            "terms: term -> [idf, weight per class]. Applied in feedback/insight/sentiment.py."
        ),
        "trained_on": f"{len(rows)} comments",
        "classes": list(CLASSES),
        "bias": [round(float(b), 4) for b in model.intercept_],
        "vader": [round(float(coef[k, -1]), 4) for k in range(3)],
        "terms": dict(sorted(table.items())),
    }


def to_json(model: dict) -> str:
    """One term a line: diffs of a retrain stay readable."""
    head = [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in model.items()]
    rows = [
        f"  {json.dumps(t, ensure_ascii=False)}: {json.dumps(v)}" for t, v in model["terms"].items()
    ]
    head = [line for line in head if not line.startswith(' "terms"')]
    return "\n".join(["{", *head, ' "terms": {', ",\n".join(rows), " }", "}"]) + "\n"


def _predictor(model: dict):
    weights = load_model(model)

    def predict(text: str, rating: int | None = None, question: str | None = None) -> str:
        return score_with(weights, text, rating, question).label

    return predict


def folds(rows: list[Row]) -> list[str]:
    """Train on two trusts, score the third: the figures the model is chosen by."""
    lines = []
    for trust in sorted({r.trust for r in rows}):
        train = [r for r in rows if r.trust != trust]
        held_out = [r for r in rows if r.trust == trust]
        for name, predict in (
            ("VADER only", vader_label),
            ("words", _predictor(fit(train, use_vader=False))),
            ("words + VADER (shipped)", _predictor(fit(train))),
        ):
            lines.append(evaluate(held_out, predict).line(f"without {trust}: {name}"))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEV_CSV)
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_PATH.name}")
    parser.add_argument("--quick", action="store_true", help="skip the cross-trust folds")
    args = parser.parse_args(argv)

    rows = load_rows(args.csv)
    if not args.quick:
        print("\n".join(folds(rows)))
    train, test = split(rows)
    model = fit(train)
    print(f"fixed split: {len(train)} training, {len(test)} test comments")
    print(evaluate(test, _predictor(model)).line("fixed 80/20 test split"))
    if args.write:
        MODEL_PATH.write_text(to_json(model), encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({len(model['terms'])} terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
