"""Sentiment of a Friends and Family Test comment, with the reasons a person can check.

Four labels: **positive**, **negative**, **mixed** (praise and a complaint in the same
comment, "staff lovely but waited 3 weeks") and **neutral** (no opinion either way:
"N/A", "Don't know", "It was OK", or nothing written).

The core is a three-class logistic regression (negative / neither / positive) trained
on labelled FFT comments by ``train_sentiment.py`` and shipped as
``sentiment_model.json``. Its features: TF-IDF words and two-word phrases, with the
words after a negation marked ("not very helpful" gives ``not_helpful``), and five
numbers from VADER read clause by clause (a clause ends at a sentence end or a
contrast word such as "but"): the mean, the most positive and the most negative
clause, whether one clause praises and another complains, and whether a contrast
word is there. It is applied here in plain Python (no scikit-learn at runtime): the
same ``terms`` and ``dense_features`` make the features in training and here, so the
sums are the ones the model learnt. When "neither" wins, the comment is *mixed* if
it pulls both ways (a praising clause and a complaining one, or strong words each
way) and *neutral* otherwise. A few whole-answer rules (``sentiment_lexicon.json``)
settle answers whose meaning is fixed: no opinion, lukewarm, mixed, or nothing to
improve.

The tick-box rating, when known, is a modest prior added to the model's log-odds: it
settles a comment that says little but cannot turn a clear complaint positive.

A second, two-class logistic regression, the **no-opinion gate**, reads card answers
that give no opinion of the service at all: a question to the council, a request, a
note from whoever filled the card in, a plain account of what happened, "too soon to
say". The NHS comments the three-class model learnt from are all opinions, so it reads
such answers one way or the other. The gate was trained on card answers an independent
writer labelled, beside the NHS comments as opinions. It makes an answer neutral only
when it is sure (GATE_THRESHOLD) and the three-class model is not (GATE_MAX_SCORE), and
never for the "what could we do better?" question, where a request is a suggestion and
labellers graded suggestions as complaints.
"""

from __future__ import annotations

import json
import math
import re
import string
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ANALYSER_VERSION = "sentiment-2.2"

# How a comment that praises and complains is labelled when the model reads it one way.
# "labellers": by whichever side the model weighs more, as the NHS labellers it learnt
# from graded such comments (mostly by the complaint). "praise-and-complaint": mixed
# whenever one clause praises and another complains, as the service defines mixed. Each
# costs the other's figures (EVALUATION.md, "what making mixed mean ... would cost").
LABELLERS, PRAISE_AND_COMPLAINT = "labellers", "praise-and-complaint"
MIXED_READINGS = (LABELLERS, PRAISE_AND_COMPLAINT)


def analyser_version(mixed: str = LABELLERS) -> str:
    """The version stored with a label: the reading of mixed comments is part of it."""
    return ANALYSER_VERSION if mixed == LABELLERS else f"{ANALYSER_VERSION}-mixed"


LABELS = ("positive", "mixed", "neutral", "negative")
# The model's classes, in the order of the weights in sentiment_model.json. "neither"
# is what labellers graded -1 or +1: mild, mixed or hedged comments.
CLASSES = ("negative", "neither", "positive")
QUESTIONS = ("why", "improve")
# The numbers from VADER the model weighs, in the order of ``dense_features``.
DENSE_FEATURES = ("clause_mean", "clause_max", "clause_min", "praise_and_complaint", "contrast")

RATING_NAMES = {
    1: "Very good",
    2: "Good",
    3: "Neither good nor poor",
    4: "Poor",
    5: "Very poor",
    6: "Don't know",
}
# Added to positive-against-negative log-odds (half to each side). Smaller than the
# evidence of one clear complaint: a "Very good" tick on a card that describes a
# failure must still read negative.
RATING_PRIOR = {1: 1.0, 2: 0.6, 3: 0.0, 4: -0.8, 5: -1.2, 6: 0.0}
NEITHER_PRIOR = {3: 0.8}  # "Neither good nor poor" makes the middle more likely

# The no-opinion gate: an answer is neutral when the gate's probability is at least
# GATE_THRESHOLD and the three-class score (P(positive) - P(negative)) is within
# GATE_MAX_SCORE of zero. Chosen on the cross-trust folds and the odd half of the second
# card-answer set (EVALUATION.md): the guard keeps the labellers' negative recall level.
GATE_THRESHOLD = 0.7
GATE_MAX_SCORE = 0.5
# The gate's numbers besides its words, in the order of ``gate_features``.
GATE_FEATURES = ("strongest_clause", "mean_clause_strength", "questions", "log_words")

# A term must pull this hard (in log-odds, positive against negative) to count as
# evidence one way: "mixed" needs such a term each way. Weaker terms may be reasons.
PULL = 0.25
REASON_PULL = 0.05
# A clause at least this positive and another at most this negative (VADER compound)
# make a comment that praises and complains: VADER rarely scores a plain complaint
# ("we waited three weeks") far below zero, so the bar on that side is low.
PRAISE, COMPLAINT = 0.3, -0.1
# How many words after "not", "never", "didn't"... are read as negated.
NEGATION_REACH = 3

# Comments longer than this are scored on their first MAX_CHARS characters: enough
# for any real card, and a bound on the work one request can cause.
MAX_CHARS = 20_000
_CHUNK_WORDS = 30

_HERE = Path(__file__).parent


@dataclass(frozen=True)
class Sentiment:
    label: str  # "positive" | "mixed" | "neutral" | "negative"
    score: float  # -1 (very negative) .. 1 (very positive): P(positive) - P(negative)
    reasons: tuple[str, ...]  # what drove the label, in words staff can check


@dataclass(frozen=True)
class _Rules:
    nil_answer: re.Pattern[str]
    no_opinion: re.Pattern[str]
    lukewarm: re.Pattern[str]
    mixed: re.Pattern[str]
    suggestion: re.Pattern[str]
    reason_stopwords: frozenset[str]
    negators: frozenset[str]
    contrast_words: frozenset[str]  # the one-word ones: they end a negation's reach
    contrast: re.Pattern[str]
    clause_break: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = json.loads((_HERE / "sentiment_lexicon.json").read_text(encoding="utf-8"))
    closing = r"(?:\s*(?:,|\.|!)?\s*(?:thanks?|thank you|thankyou|cheers|ta|x+))?"
    lead = r"(?:(?:it was|it's|it is|it has been|was|just|fairly|pretty|quite|very)\s+)*"

    def whole(key: str, prefix: str = "") -> re.Pattern[str]:
        return re.compile(rf"^\W*{prefix}{data[key]}{closing}\W*$")

    contrast = "|".join(re.escape(word) for word in data["contrast_words"])
    return _Rules(
        nil_answer=whole("nil_answers"),
        no_opinion=whole("no_opinion_answers"),
        lukewarm=whole("lukewarm_answers", lead),
        mixed=whole("mixed_answers", lead),
        suggestion=re.compile(data["suggestion_pattern"]),
        reason_stopwords=frozenset(data["reason_stopwords"]),
        negators=frozenset(data["negators"]),
        contrast_words=frozenset(w for w in data["contrast_words"] if " " not in w),
        contrast=re.compile(rf"\b(?:{contrast})\b"),
        clause_break=re.compile(rf"(?<=[.!?;])\s+|\s*\n\s*|\s*\b(?=(?:{contrast})\b)"),
    )


Row = tuple[float, float, float, float]  # idf, then a weight per class


@dataclass(frozen=True)
class _Gate:
    terms: dict[str, tuple[float, float]]  # term -> (idf, weight)
    dense: tuple[float, ...]  # per GATE_FEATURES
    bias: float


@dataclass(frozen=True)
class _Model:
    terms: dict[str, Row]  # words and phrases
    dense: tuple[tuple[float, float, float], ...]  # per DENSE_FEATURES, weight per class
    bias: tuple[float, float, float]
    gate: _Gate | None = None


def load_model(data: dict) -> _Model:
    """The JSON weights as tuples, so scoring one comment is a few dict look-ups."""
    gate = data.get("gate")
    return _Model(
        terms={term: tuple(row) for term, row in data["terms"].items()},
        dense=tuple(tuple(data["dense"][name]) for name in DENSE_FEATURES),
        bias=tuple(data["bias"]),
        gate=_Gate(
            terms={term: tuple(row) for term, row in gate["terms"].items()},
            dense=tuple(gate["dense"][name] for name in GATE_FEATURES),
            bias=gate["bias"],
        )
        if gate
        else None,
    )


@cache
def _model() -> _Model:
    return load_model(json.loads((_HERE / "sentiment_model.json").read_text(encoding="utf-8")))


@cache
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()  # reads the lexicon shipped inside the package


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"'})
# Some exports print a capital I inside words ("NothIng"): undo it before reading.
_MID_WORD_I = re.compile(r"(?<=[a-z])I(?=[a-z])")
_TOKENS = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
_TOKENS_AND_STOPS = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|[.,;:!?()\n]")


def normalise(text: str) -> str:
    """Straight quotes, no stray capital I's, bounded length."""
    return _MID_WORD_I.sub("i", text[:MAX_CHARS].translate(_QUOTES)).strip()


def terms(lower: str) -> list[str]:
    """Words and two-word phrases: the model's vocabulary (training uses this too).

    A word within NEGATION_REACH words after a negator in the same clause is marked
    ``not_``: "not helpful" and "never helpful" share ``not_helpful``, and "helpful"
    keeps its praise. The phrases are of the words as written.
    """
    rules = _rules()
    words: list[str] = []
    plain: list[str] = []
    reach = 0
    for token in _TOKENS_AND_STOPS.findall(lower):
        if not token[0].isalnum() or token in rules.contrast_words:
            reach = 0  # punctuation or "but" ends what a negation covers
            if not token[0].isalnum():
                continue
        plain.append(token)
        if reach:
            words.append("not_" + token)
            reach -= 1
        else:
            words.append(token)
        if token in rules.negators or token.endswith("n't"):
            reach = NEGATION_REACH
    return words + [f"{a} {b}" for a, b in zip(plain, plain[1:], strict=False)]


def _clauses(lower: str) -> Iterator[str]:
    """Sentences split before contrast words, cut to at most _CHUNK_WORDS words
    (VADER's cost grows faster than length)."""
    for clause in _rules().clause_break.split(lower):
        words = clause.split()
        for start in range(0, len(words), _CHUNK_WORDS):
            yield " ".join(words[start : start + _CHUNK_WORDS])


def clause_compounds(lower: str) -> list[float]:
    """VADER's compound score of each clause that has a word in it."""
    vader = _vader()
    return [_compound(vader, c) for c in _clauses(lower) if _TOKENS.search(c)]


def _compound(vader: SentimentIntensityAnalyzer, clause: str) -> float:
    """VADER gives a word a value only if its lexicon has the word, so a clause with no
    such word scores 0 without asking it (a quarter of clauses); an emoji, which it reads
    as words, always asks."""
    lexicon = vader.lexicon
    if clause.isascii() and not any(
        word in lexicon or word.strip(string.punctuation) in lexicon for word in clause.split()
    ):
        return 0.0
    return vader.polarity_scores(clause)["compound"]


def dense_features(lower: str, scores: list[float] | None = None) -> tuple[float, ...]:
    """The VADER numbers the model weighs, in the order of DENSE_FEATURES (``scores``:
    the clause compounds, when already read)."""
    if scores is None:
        scores = clause_compounds(lower)
    contrast = 1.0 if _rules().contrast.search(lower) else 0.0
    if not scores:
        return (0.0, 0.0, 0.0, 0.0, contrast)
    high, low = max(scores), min(scores)
    both = 1.0 if high >= PRAISE and low <= COMPLAINT else 0.0
    return (sum(scores) / len(scores), high, low, both, contrast)


_SENTENCES = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
_ASKS = re.compile(
    r"^\W*(?:who|what|when|where|why|how|which|is|are|am|can|could|do|does|did|will|would|"
    r"should|shall|has|have|hw|wot|wen)\b"
)


def gate_features(lower: str, scores: list[float] | None = None) -> tuple[float, ...]:
    """The no-opinion gate's numbers, in the order of GATE_FEATURES: how strong the
    strongest clause and the clauses on average are (VADER, either way), the share of
    sentences that ask something, and the answer's length in words (log)."""
    if scores is None:
        scores = clause_compounds(lower)
    strengths = [abs(x) for x in scores] or [0.0]
    sentences = [s for s in _SENTENCES.split(lower) if s.strip()]
    asks = sum(1 for s in sentences if s.rstrip().endswith("?") or _ASKS.match(s))
    return (
        max(strengths),
        sum(strengths) / len(strengths),
        asks / max(1, len(sentences)),
        math.log1p(len(_TOKENS.findall(lower))),
    )


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"\u201c{text}\u201d"


def score_sentiment(
    text: str, rating: int | None = None, question: str | None = None, mixed: str = LABELLERS
) -> Sentiment:
    """Label a comment positive, mixed, neutral or negative, with a score and its reasons.

    ``rating`` is the FFT tick-box code (1 Very good … 5 Very poor, 6 Don't know);
    ``question`` is "why" (why did you give your answer?) or "improve" (what could we
    do better?), or None when unknown. The weights do not use the question: it did not
    carry from one trust to another. ``mixed`` is one of MIXED_READINGS.
    """
    return score_with(_model(), text, rating, question, mixed)


def _rule(lower: str, rules: _Rules) -> tuple[str, str] | None:
    if rules.nil_answer.match(lower):
        return "positive", "nothing to improve"
    if rules.no_opinion.match(lower):
        return "", "no opinion either way"  # the rating, if any, decides
    if rules.mixed.match(lower):
        return "mixed", "says it was mixed"
    if rules.lukewarm.match(lower):
        return "neutral", "neither good nor poor"
    return None


def score_with(
    model: _Model,
    text: str,
    rating: int | None = None,
    question: str | None = None,
    mixed: str = LABELLERS,
) -> Sentiment:
    """``score_sentiment`` with given weights (the training script scores its folds so)."""
    if mixed not in MIXED_READINGS:
        raise ValueError(f"mixed must be one of {', '.join(MIXED_READINGS)}, not {mixed!r}")
    text = normalise(text or "")
    lower = text.lower()
    prior = RATING_PRIOR.get(rating, 0.0) if rating is not None else 0.0
    rating_reason = (f"rating: {RATING_NAMES[rating]}",) if rating in RATING_NAMES else ()

    ruled = _rule(lower, _rules()) if _TOKENS.search(lower) else ("", "")
    if ruled and not ruled[0]:  # nothing said either way: only the rating can speak
        label = "positive" if prior > 0 else "negative" if prior < 0 else "neutral"
        why = f"{_quote(text)} ({ruled[1]})" if ruled[1] else "no comment written"
        return Sentiment(label, round(math.tanh(prior), 4), (why, *rating_reason))
    if ruled:
        label, why = ruled
        score = {"positive": 0.8, "negative": -0.8}.get(label, 0.0)
        return Sentiment(label, score, (f"{_quote(text)} ({why})", *rating_reason))

    scores, items = clause_compounds(lower), terms(lower)
    logits, pulls, both = _logits(model, lower, scores, items)
    logits[0] -= prior / 2
    logits[2] += prior / 2
    logits[1] += NEITHER_PRIOR.get(rating, 0.0)
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    p_negative, _, p_positive = (e / total for e in exps)
    winner = CLASSES[logits.index(top)]

    toward = [(p, name) for p, name in pulls if p >= REASON_PULL]
    against = [(-p, name) for p, name in pulls if p <= -REASON_PULL]
    if winner == "neither":
        strong = toward and against and toward[0][0] >= PULL and against[0][0] >= PULL
        label = "mixed" if both or strong else "neutral"
    elif both and mixed == PRAISE_AND_COMPLAINT:
        label = "mixed"  # a praising clause and a complaining one, whichever weighs more
    else:
        label = winner
    score = round(p_positive - p_negative, 4)
    if (
        label != "neutral"
        and question != "improve"
        and abs(score) < GATE_MAX_SCORE
        and no_opinion(model, lower, scores, items) >= GATE_THRESHOLD
    ):
        return Sentiment("neutral", score, (NO_OPINION_REASON, *rating_reason))
    return Sentiment(
        label=label, score=score, reasons=_reasons(label, toward, against) + rating_reason
    )


NO_OPINION_REASON = "reads as a question, a request or an account, with no opinion either way"


def no_opinion(
    model: _Model, lower: str, scores: list[float] | None = None, items: list[str] | None = None
) -> float:
    """The gate's probability that an answer gives no opinion of the service (0 without
    a gate). ``scores`` and ``items``: the clause compounds and the terms, when already read."""
    gate = model.gate
    if gate is None:
        return 0.0
    z = gate.bias
    for term, x in _tfidf(gate.terms, terms(lower) if items is None else items).items():
        z += x * gate.terms[term][1]
    for value, weight in zip(gate_features(lower, scores), gate.dense, strict=True):
        z += value * weight
    return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0


def _tfidf(rows: dict[str, tuple[float, ...]], items: list[str]) -> dict[str, float]:
    """TF-IDF as scikit-learn computes it with ``sublinear_tf=True`` and l2 norm: known
    items only, weight (1 + ln count) × idf, the vector scaled to unit length."""
    counts = Counter(item for item in items if item in rows)
    values = {item: (1.0 + math.log(n)) * rows[item][0] for item, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    return {item: v / norm for item, v in values.items()}


def _logits(
    model: _Model, lower: str, scores: list[float], items: list[str]
) -> tuple[list[float], list[tuple[float, str]], bool]:
    """Each class's log-odds; how hard each present word or phrase pulls positive over
    negative; and whether one clause praises and another complains."""
    logits = list(model.bias)
    pulls: list[tuple[float, str]] = []
    for term, x in _tfidf(model.terms, items).items():
        _, negative, neither, positive = model.terms[term]
        logits[0] += x * negative
        logits[1] += x * neither
        logits[2] += x * positive
        pulls.append((x * (positive - negative), term))
    dense = dense_features(lower, scores)
    for value, weights in zip(dense, model.dense, strict=True):
        for k in range(3):
            logits[k] += value * weights[k]
    mean, mean_weights = dense[0], model.dense[0]
    tone = mean * (mean_weights[2] - mean_weights[0])
    if abs(tone) >= REASON_PULL:
        pulls.append((tone, f"VADER:{mean:+.2f}"))
    # Strongest first; ties by name, so the reasons never depend on dict order.
    pulls.sort(key=lambda p: (-abs(p[0]), p[1]))
    return logits, pulls, bool(dense[3])


def _words(name: str) -> set[str]:
    return {word.removeprefix("not_") for word in name.split(" ")}


def _describe(name: str) -> str:
    if name.startswith("VADER:"):
        kind = "positive" if name[6] == "+" else "negative"
        return f"{kind} wording overall (VADER {name[6:]})"
    if name.startswith("not_"):
        return f"{_quote(name[4:])} (after a negative)"
    return f"{_quote(name)} ({'phrase' if ' ' in name else 'word'})"


def _dull(words: set[str], stop: frozenset[str]) -> bool:
    """Function words and bare numbers: weighed by the model, but no reason to a reader."""
    return all(word in stop or word.isdigit() for word in words)


def _reasons(
    label: str, toward: list[tuple[float, str]], against: list[tuple[float, str]]
) -> tuple[str, ...]:
    """The strongest terms behind the label: both sides for mixed, up to four in all."""
    stop = _rules().reason_stopwords
    shown: set[str] = set()

    def pick(pulls: list[tuple[float, str]], limit: int) -> list[str]:
        picked = []
        for _, name in pulls:
            words = _words(name)
            # "waited 3" after "waited" would say the same thing twice
            if words & shown or _dull(words, stop):
                continue
            shown.update(words)
            picked.append(_describe(name))
            if len(picked) == limit:
                break
        return picked

    if label == "positive":
        reasons = pick(toward, 4)
    elif label == "negative":
        reasons = pick(against, 4)
    else:
        reasons = pick(toward, 2) + pick(against, 2)
    if not reasons:
        reasons = ["no strong words either way" if label == "neutral" else "the comment as a whole"]
    return tuple(reasons)


def looks_like_improvement_answer(text: str) -> bool:
    """True for a nil answer or a suggestion: how answers to "what could we do better?" read."""
    rules = _rules()
    lower = normalise(text).lower()
    return bool(rules.nil_answer.match(lower) or rules.suggestion.match(lower))
