"""A second reader for what the concepts miss: a linear model over a comment's words.

The concept file finds disclosures it has words for. People also disclose in ways nobody
wrote a concept for ("she goes quiet when he walks in"), so a logistic regression, trained
on disclosures and ordinary comments written by several writers and on 10,110 real FFT
comments (see train.py), reads every comment too. What it finds on its own only ever goes
to the **review** tier: a person reads it today, nobody is emailed.

Features are presence of normalised words, word pairs within a sentence, and the first five
letters of longer words (so "frightend", "frightened" and "frightening" share one), scaled to
unit length. Scoring is a dictionary look-up per feature, in plain Python.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .text import sentences

MODEL_FILE = Path(__file__).with_name("safeguarding_model.json")
STEM = 5  # letters kept of a longer word as its stem feature
MAX_WORDS = 600  # a comment longer than this is read on its first words: bounded work


def features(text: str) -> set[str]:
    """The comment's features: words, word pairs in one sentence, stems of longer words."""
    found: set[str] = set()
    budget = MAX_WORDS
    for sentence in sentences(text):
        words = sentence.words[:budget]
        budget -= len(words)
        previous = "<s>"
        for word in words:
            found.add(word)
            found.add(f"{previous} {word}")
            if len(word) > STEM + 1:
                found.add(word[:STEM] + "~")
            previous = word
        if budget <= 0:
            break
    return found


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float  # the probability at or above which a comment goes to review

    def probability(self, text: str) -> float:
        found = features(text)
        if not found:
            return 0.0
        scale = 1.0 / math.sqrt(len(found))
        weights = self.weights
        z = self.bias + scale * sum(weights.get(f, 0.0) for f in found)
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def strongest(self, text: str, n: int = 4) -> tuple[str, ...]:
        """The words that pushed the comment furthest towards review, for the reader:
        whole words and pairs only, leaving out the little words that carry no meaning alone."""
        weights = self.weights
        scored = sorted(
            (weights[f], f) for f in features(text) if weights.get(f, 0.0) > 0 and _readable(f)
        )
        return tuple(f for _, f in reversed(scored[-n:]))


_LITTLE = """
a an the and or but so to of in on at for with by from up is am are was were be been i me my he
him his she her it its we us our they them their you your this that not no do does did have has
had will would can could should just all any some when then there what who as if
"""
LITTLE_WORDS = frozenset(_LITTLE.split())


def _readable(feature: str) -> bool:
    if "~" in feature or feature.startswith("<s>"):
        return False
    return not all(word in LITTLE_WORDS for word in feature.split())


def load(data: dict) -> Model:
    return Model(
        weights={k: float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )


@cache
def default_model() -> Model:
    """The shipped model (train.py --write makes it)."""
    return load(json.loads(MODEL_FILE.read_text(encoding="utf-8")))
