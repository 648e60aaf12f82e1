"""Sentiment of a Friends and Family Test comment, with the reasons a person can check.

VADER is the core, but on its own it agrees with people only about half the time on
feedback cards: it reads "Nothing." as neutral, "can't fault them" as negative and
"waited 3 hours for transport" as neutral. So the comment is scored in three layers:

1. VADER with a domain lexicon (``sentiment_lexicon.json``), sentence by sentence so a
   long comment costs time in proportion to its length;
2. FFT rules: nil answers, praise and complaint idioms, waiting times, suggestions,
   each aware of the question the comment answers ("why" or "improve");
3. a logistic regression over (1), (2) and word n-grams, trained on labelled FFT
   comments by ``train_sentiment.py`` and shipped as ``sentiment_model.json``. It is
   applied here in plain Python: a weighted sum of named features, so every label
   can be explained by its largest terms.

The tick-box rating, when known, is a modest prior added afterwards: it settles a
comment that says nothing either way but cannot turn a clear complaint positive.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

ANALYSER_VERSION = "sentiment-1.0"

LABELS = ("positive", "neutral", "negative")
QUESTIONS = ("why", "improve")

RATING_NAMES = {
    1: "Very good",
    2: "Good",
    3: "Neither good nor poor",
    4: "Poor",
    5: "Very poor",
    6: "Don't know",
}
# Added to the model's log-odds. Smaller than the evidence of one clear complaint
# (a "Very good" tick on a card that describes a failure must still read negative).
RATING_PRIOR = {1: 1.0, 2: 0.6, 3: 0.0, 4: -0.8, 5: -1.2, 6: 0.0}

# Comments longer than this are scored on their first MAX_CHARS characters: enough
# for any real card, and a bound on the work one request can cause.
MAX_CHARS = 20_000
_CHUNK_WORDS = 30

_HERE = Path(__file__).parent
_NEGATORS = frozenset(NEGATE) | {"no", "not"}


@dataclass(frozen=True)
class Sentiment:
    label: str  # "positive" | "neutral" | "negative"
    score: float  # -1 (very negative) .. 1 (very positive)
    reasons: tuple[str, ...]  # what drove the label, in words staff can check


@dataclass
class _Evidence:
    """Why each feature fired, so the largest terms can be shown to people."""

    why: dict[str, str] = field(default_factory=dict)
    positive_words: list[str] = field(default_factory=list)
    negative_words: list[str] = field(default_factory=list)
    neutral_answer: str | None = None


@dataclass(frozen=True)
class _Lexicon:
    vader: SentimentIntensityAnalyzer
    nil_answer: re.Pattern[str]
    nil_lead: re.Pattern[str]
    neutral_answer: re.Pattern[str]
    praise: tuple[tuple[re.Pattern[str], str], ...]
    complaint: tuple[tuple[re.Pattern[str], str], ...]
    delay: re.Pattern[str]
    suggestion: re.Pattern[str]
    contrast: re.Pattern[str]
    stopwords: frozenset[str]


@cache
def _lexicon() -> _Lexicon:
    data = json.loads((_HERE / "sentiment_lexicon.json").read_text(encoding="utf-8"))
    vader = SentimentIntensityAnalyzer()  # reads the lexicon shipped inside the package
    for word, valence in data["vader_words"].items():
        if not word.startswith("_"):
            vader.lexicon[word] = float(valence)
    nil = data["nil_answers"]
    closing = r"(?:\s*(?:,|\.|!)?\s*(?:thanks?|thank you|thankyou|cheers|ta|x+))?"
    lead_words = (
        r"everything|everyone|all|it|it's|its|you|you're|your|the|staff|service|"
        r"care|i|i'm|very|keep|they|thank|thanks|great|excellent|good|brilliant|"
        r"amazing|perfect|fantastic|lovely|because|happy"
    )
    return _Lexicon(
        vader=vader,
        nil_answer=re.compile(rf"^\W*{nil}{closing}\W*$"),
        nil_lead=re.compile(
            rf"^\W*({nil})(?:\s*[,.;:!\-]+\s*|\s+(?=(?:{lead_words})\b))(?=\S)", re.DOTALL
        ),
        neutral_answer=re.compile(
            rf"^\W*(?:(?:it was|it's|it is|it has been|was|just|fairly|pretty|quite)\s+)*"
            rf"{data['neutral_answers']}{closing}\W*$"
        ),
        praise=tuple((re.compile(p), why) for p, why in data["praise_idioms"].items()),
        complaint=tuple((re.compile(p), why) for p, why in data["complaint_idioms"].items()),
        delay=re.compile(data["delay_pattern"]),
        suggestion=re.compile(data["suggestion_pattern"]),
        contrast=re.compile(data["contrast_pattern"]),
        stopwords=frozenset(data["stopwords"]),
    )


@cache
def _model() -> dict:
    return json.loads((_HERE / "sentiment_model.json").read_text(encoding="utf-8"))


_PLAIN = {
    "why": "answering why the rating was given",
    "improve": "answering what could be better",
    "unknown": "question not known",
}
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u201c": '"', "\u201d": '"'})
# Some exports print a capital I inside words ("NothIng"): undo it before reading.
_MID_WORD_I = re.compile(r"(?<=[a-z])I(?=[a-z])")
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\s*\n\s*")
_TOKENS = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:/\d+)?")


def normalise(text: str) -> str:
    """Straight quotes, no stray capital I's, bounded length."""
    return _MID_WORD_I.sub("i", text[:MAX_CHARS].translate(_QUOTES)).strip()


def _chunks(text: str) -> Iterator[str]:
    """Sentences, cut to at most _CHUNK_WORDS words: VADER's cost grows faster than length."""
    for sentence in _SENTENCES.split(text):
        words = sentence.split()
        for start in range(0, len(words), _CHUNK_WORDS):
            yield " ".join(words[start : start + _CHUNK_WORDS])


def _quote(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"\u201c{text}\u201d"


def _lexicon_words(tokens: list[str], lexicon: dict[str, float], evidence: _Evidence) -> None:
    for i, token in enumerate(tokens):
        valence = lexicon.get(token, 0.0)
        if abs(valence) < 0.5:
            continue
        negator = next((t for t in tokens[max(0, i - 3) : i] if t in _NEGATORS), None)
        if negator:
            valence = -valence
            token = f"{negator} … {token}"
        target = evidence.positive_words if valence > 0 else evidence.negative_words
        if token not in target:
            target.append(token)


def comment_features(text: str, question: str | None = None) -> dict[str, float]:
    """The named features the model weighs; the training script uses the same function."""
    return _analyse(normalise(text), question)[0]


def _analyse(text: str, question: str | None) -> tuple[dict[str, float], _Evidence]:
    lex = _lexicon()
    q = question if question in QUESTIONS else "unknown"
    lower = text.lower()
    features: dict[str, float] = {}
    evidence = _Evidence()

    def fire(name: str, why: str, value: float = 1.0) -> None:
        features[name] = min(features.get(name, 0.0) + value, 2.0)
        evidence.why.setdefault(name, why)

    if lex.neutral_answer.match(lower) and not lex.nil_answer.match(lower):
        evidence.neutral_answer = _quote(text)

    vader_text = lower
    if lex.nil_answer.match(lower):
        fire(f"r:nil:{q}", f"{_quote(text)} (nothing to improve)")
        vader_text = ""
    elif lead := lex.nil_lead.match(lower):
        # "Nothing, you were amazing": the leading "nothing" answers the question;
        # left in, VADER would read it as negating "amazing".
        fire(f"r:nil_lead:{q}", f"{_quote(lead.group(1))} then comment (nothing to improve)")
        vader_text = lower[lead.end() :]

    for patterns, kind in ((lex.praise, "praise"), (lex.complaint, "complaint")):
        for pattern, why in patterns:
            for match in pattern.finditer(vader_text):
                fire(f"r:{kind}", f"{_quote(match.group(0))} ({why})")
            # The idiom is scored as a rule; VADER would misread its negations.
            vader_text = pattern.sub(" , ", vader_text)

    if match := lex.delay.search(lower):
        fire("r:delay", f"{_quote(match.group(0))} (waiting time)")
    if match := lex.suggestion.search(lower):
        fire(f"r:suggestion:{q}", f"{_quote(match.group(0))} (suggestion)")
    if match := lex.contrast.search(lower):
        fire("r:contrast", f"{_quote(match.group(0))} (reservation)")

    compounds = []
    for chunk in _chunks(vader_text):
        compounds.append(lex.vader.polarity_scores(chunk)["compound"])
    if compounds:
        features["v:mean"] = sum(compounds) / len(compounds)
        features["v:max"] = max(0.0, max(compounds))
        features["v:min"] = min(0.0, min(compounds))
        features["v:neg_share"] = sum(c <= -0.05 for c in compounds) / len(compounds)
        if features["v:max"] >= 0.3 and features["v:min"] <= -0.3:
            features["v:mixed"] = 1.0
        _lexicon_words(_TOKENS.findall(vader_text), lex.vader.lexicon, evidence)

    tokens = _TOKENS.findall(lower)
    ruled = any(name.startswith("r:") for name in features)
    if tokens and not (evidence.positive_words or evidence.negative_words or ruled):
        # No feeling either way: what it means depends on the question it answers.
        fire(f"r:plain:{q}", f"plain statement, {_PLAIN[q]}")
    # Function words say more about a comment's length than its sentiment; leave them
    # out unless they are half of a phrase with a content word.
    stop = lex.stopwords
    for i, token in enumerate(tokens):
        if token not in stop:
            features[f"w:{token}"] = 1.0
        if i and not (token in stop and tokens[i - 1] in stop):
            features[f"b:{tokens[i - 1]} {token}"] = 1.0
    return features, evidence


def _reason(name: str, contribution: float, evidence: _Evidence) -> str | None:
    if name in evidence.why:
        return evidence.why[name]
    if name.startswith("v:"):
        words = evidence.positive_words if contribution > 0 else evidence.negative_words
        if not words:
            return None
        kind = "positive" if contribution > 0 else "negative"
        return ", ".join(_quote(w) for w in words[:3]) + f" ({kind} words)"
    if name.startswith("w:"):
        return f"{_quote(name[2:])} (word)"
    if name.startswith("b:"):
        return f"{_quote(name[2:])} (phrase)"
    return None


def score_sentiment(text: str, rating: int | None = None, question: str | None = None) -> Sentiment:
    """Label a comment positive, neutral or negative, with a score and its reasons.

    ``rating`` is the FFT tick-box code (1 Very good … 5 Very poor, 6 Don't know);
    ``question`` is "why" (why did you give your answer?) or "improve" (what could we
    do better?), or None when unknown.
    """
    return _score(_model(), text, rating, question)


def _score(model: dict, text: str, rating: int | None, question: str | None) -> Sentiment:
    text = normalise(text or "")
    features, evidence = _analyse(text, question)
    weights = model["weights"]

    terms: list[tuple[float, str]] = []
    has_text = bool(_TOKENS.search(text.lower()))
    if has_text and evidence.neutral_answer is None:
        terms = [(weights[n] * v, n) for n, v in features.items() if n in weights]
        z = model["bias"] + sum(c for c, _ in terms)
    else:
        z = 0.0  # nothing said either way: only the rating can speak

    band = model["neutral_band"]
    if rating == 3:
        # "Neither good nor poor": lukewarm text stays neutral, a clear comment still counts.
        z, band = z / 2.0, band * 2.5
    z += RATING_PRIOR.get(rating, 0.0) if rating is not None else 0.0
    label = "positive" if z >= band else "negative" if z <= -band else "neutral"

    reasons: list[str] = []
    if not has_text:
        reasons.append("no comment written")
    elif evidence.neutral_answer is not None:
        reasons.append(f"{evidence.neutral_answer} (no opinion either way)")
    sign = 1.0 if label == "positive" else -1.0 if label == "negative" else 0.0
    if sign:
        ranked = [t for t in terms if sign * t[0] > 0.15]
    else:  # neutral: show the strongest pull each way
        ranked = [t for t in terms if abs(t[0]) > 0.15]
    # Rules and VADER's words read better than single n-grams, so they come first.
    ranked.sort(key=lambda t: (t[1][:2] in ("w:", "b:"), -abs(t[0])))
    for contribution, name in ranked:
        if name[:2] in ("w:", "b:") and (abs(contribution) < 0.4 or name[2:] in str(reasons)):
            continue
        reason = _reason(name, contribution, evidence)
        if reason and reason not in reasons:
            reasons.append(reason)
        if len(reasons) >= 4:
            break
    if rating in RATING_NAMES:
        reasons.append(f"rating: {RATING_NAMES[rating]}")
    if not reasons:
        reasons.append("no strong words either way")
    return Sentiment(label=label, score=round(math.tanh(z / 2.0), 4), reasons=tuple(reasons))


def looks_like_improvement_answer(text: str) -> bool:
    """True for a nil answer or a suggestion: how answers to "what could we do better?" read."""
    lex = _lexicon()
    lower = normalise(text).lower()
    return bool(lex.nil_answer.match(lower) or lex.suggestion.match(lower))
