"""Try a learned second opinion on names beside the rules, and check it across writers.

    python -m feedback.insight.train_name_scorer [--dev comments.csv] [--threshold 0.5]

The name rules (redaction/name_rules.py) say a word is a name when a known context says so.
This tries a logistic regression over each word the rules left that could be a rare name:
a capitalised word in no English dictionary (or a listed given name inside a sentence),
never one inside a keep term or an organisation, a place word, a month or an acronym. Its
features: which lists the word is on, case and shape, its last letters, whether it opens
a sentence, the words either side and whether those are roles, thanks, a person's verbs or
pronouns. It is trained on the team's labelled cases, the independent writer's
(redaction_dev_independent.jsonl) and, with `--dev`, real comments labelled by the rules.

The check trains on one writer and redacts the other's cases with the rules alone and with
the rules and the scorer. Result, 2026-12-05 (threshold 0.5): +1 name of 371 (team to
independent), +2 of 183 (team and odd ids to even ids) for one look-alike lost, and 4 to
18 of 10,110 real comments changed, two words in three of them not names (places,
medicines, cars); lower thresholds lose more look-alikes for no more names. Alone, with
no rules, it found 82% of the unseen half's names where the rules find 91%. So the scorer
is not shipped: the redactor is the rules alone. Kept so the check can be rerun when the
lists or the cases grow.

Needs scikit-learn and an English dictionary: SCOWL as packaged by Debian (`apt-get
install wbritish`, /usr/share/dict/british-english; copyright Kevin Atkinson, free to use
with notice), read at run time here, nothing of it is stored in the repository.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

from feedback.insight.evaluate_redaction import CASES, load_cases, score
from feedback.insight.redaction import Redactor
from feedback.insight.redaction.context import INNER_CAPITAL
from feedback.insight.redaction.name_rules import ARTICLES, THANKS
from feedback.insight.redaction.names import NameFinder
from feedback.insight.redaction.words import (
    BE_VERBS,
    CALENDAR,
    DETERMINERS,
    FAMILY,
    HONORIFICS,
    MORE_PERSON_VERBS,
    PERSON_VERBS,
    PLACE_AFTER,
    PUBLIC_TITLES,
    ROLES,
    SINGLE_ROLES,
    STOP_CAPS,
    WordLists,
)

INDEPENDENT = CASES.with_name("redaction_dev_independent.jsonl")
DICTIONARY = Path("/usr/share/dict/british-english")
C = 0.3  # inverse regularisation strength
THRESHOLD = 0.5
REAL_WEIGHT = 0.2  # a real comment's word, labelled by the rules, counts for this much
SENTENCE_GAPS = {" ": "space", ", ": "comma", ",": "comma", "(": "paren", " (": "paren"}
WINDOW = 4  # words either side read for person words
PRONOUNS = frozenset({"she", "he", "her", "him", "his", "hers", "shes", "hes"})
MEDICINE_WORDS = frozenset({"mg", "dose", "tablets", "tablet", "medication", "meds", "prescribed"})


@dataclass(frozen=True)
class Lexicon:
    words: frozenset[str]  # entries in lower case: "grange", "gutted"
    proper: frozenset[str]  # entries only written with a capital: "english", "jamaica"

    @classmethod
    def read(cls, path: Path = DICTIONARY) -> Lexicon:
        if not path.exists():
            raise SystemExit(f"{path} not found: apt-get install wbritish")
        entries = path.read_text(encoding="utf-8").split()
        words = {w for w in entries if re.fullmatch(r"[a-z][a-z-]+", w)}
        proper = {w.lower() for w in entries if re.fullmatch(r"[A-Z][a-z-]+", w)} - words
        return cls(frozenset(words), frozenset(proper))

    def has(self, lower: str, lists: WordLists) -> bool:
        """A word of English, or one with an s added ("Dads", "Thats", "Parkinsons")."""
        if lower in lists.common_words or lower in self.words or lower in self.proper:
            return True
        stem = lower[:-1] if lower.endswith("s") else ""
        return stem in self.words or stem in self.proper


def _gap_kind(gap: str) -> str:
    if gap in SENTENCE_GAPS:
        return SENTENCE_GAPS[gap]
    return "stop" if any(c in gap for c in ".!?\n") else "other"


def _length(word: str) -> str:
    n = len(word)
    return "2" if n <= 2 else "3" if n == 3 else "4-5" if n <= 5 else "6-8" if n <= 8 else "9+"


def _word_class(rules: NameFinder, j: int, side: str) -> list[str]:
    """What the word at j, beside the candidate, tells: a role, a thank-you, a verb."""
    if not 0 <= j < len(rules.tokens):
        return [f"{side}:<edge>"]
    t = rules.tokens[j]
    found = [f"{side}:{t.lower}"]
    if t.lower in ROLES:
        found.append(f"{side}:family" if t.lower in FAMILY else f"{side}:role")
    if t.lower in HONORIFICS:
        found.append(f"{side}:honorific")
    if t.lower in THANKS:
        found.append(f"{side}:thanks")
    if t.lower in PERSON_VERBS or t.lower in MORE_PERSON_VERBS:
        found.append(f"{side}:person-verb")
    if t.lower in BE_VERBS:
        found.append(f"{side}:be")
    if t.lower in DETERMINERS:
        found.append(f"{side}:determiner")  # "his English", "the Old Mill"; "our kev" too
    if t.cap and not rules._sentence_start(j):
        found.append(f"{side}:cap")
    if rules._known(t):
        found.append(f"{side}:given")
    if t.lower in rules.lists.surnames:
        found.append(f"{side}:surname")
    return found


def _window(rules: NameFinder, i: int) -> list[str]:
    """Person words near token i, either side: "Xiaoling was the interpreter", "she came"."""
    found = set()
    for j in range(max(0, i - WINDOW), min(len(rules.tokens), i + WINDOW + 1)):
        if j == i:
            continue
        side = "before" if j < i else "after"
        w = rules.tokens[j].lower
        if w in PRONOUNS:
            found.add(f"{side}:pronoun")
        if w in ROLES:
            found.add(f"{side}:role")
        if w in THANKS or w == "thank":
            found.add(f"{side}:thanks")
        if w in PERSON_VERBS or w in MORE_PERSON_VERBS:
            found.add(f"{side}:person-verb")
        if w in MEDICINE_WORDS:
            found.add(f"{side}:medicine")
    return sorted(found)


def features(rules: NameFinder, i: int, lexicon: Lexicon) -> list[str]:
    """The features of token i, as strings; the model's weights are keyed by them."""
    t = rules.tokens[i]
    lists = rules.lists
    start = rules._sentence_start(i)
    case = "upper" if t.upper else "cap" if t.cap else "lower"
    comment = (
        "shouting"
        if rules.shouting
        else "no-capitals"
        if rules.lower_case
        else "title-case"
        if rules.title_case
        else "plain"
    )
    on = []
    if t.lower in lists.given or t.lower.split("-")[0] in lists.given:
        on.append("given")
    if t.lower in lists.person_first:
        on.append("person-first")
    if t.lower in lists.word_first:
        on.append("word-first")
    if t.lower in lists.lower_case_ok:
        on.append("lower-ok")
    if t.lower in lists.surnames:
        on.append("surname")
    if t.lower in lists.common_words:
        on.append("common")
    if t.lower in lexicon.words:
        on.append("english")
    elif t.lower in lexicon.proper:
        on.append("english-proper")
    if rules._unknown_word(t):
        on.append("unknown")
    if not on:
        on.append("no-list")
    where = "start" if start else "mid"
    found = [f"case:{case}", f"comment:{comment}", f"at:{where}", f"len:{_length(t.word)}"]
    found += [f"on:{x}" for x in on]
    found += [f"on:{x}|{case}|{where}" for x in on]
    found += [f"suffix2:{t.lower[-2:]}", f"suffix3:{t.lower[-3:]}"]
    if t.possessive:
        found.append("possessive")
    if "-" in t.word:
        found.append("hyphen")
    found.append(f"gap-before:{_gap_kind(rules._gap(i))}")
    after = rules._gap(i + 1) if i + 1 < len(rules.tokens) else "<end>"
    found.append(f"gap-after:{_gap_kind(after) if after != '<end>' else 'end'}")
    found += _word_class(rules, i - 1, "prev")
    found += _word_class(rules, i + 1, "next")
    if i >= 2:
        found.append(f"prev2:{rules.tokens[i - 2].lower}")
    found += _window(rules, i)
    if i + 2 < len(rules.tokens):
        after2 = rules.tokens[i + 2].lower
        found.append(f"next2:{after2}")
        if rules._is(i + 1, ARTICLES) and after2 in SINGLE_ROLES:
            found.append("next:the-role")  # "Florin the driver"
    return found


def is_candidate(rules: NameFinder, i: int, lexicon: Lexicon, alone: bool = False) -> bool:
    """Could token i be a name the rules missed? The guards (keep terms, organisations,
    places, months, acronyms, ordinary words) are checked here, so the model never
    overrides them."""
    t = rules.tokens[i]
    lists = rules.lists
    if not rules.free[i] or rules.in_organisation[i] or len(t.word) < 2:
        return False
    if t.lower in rules.keep_words or t.lower in CALENDAR or t.lower in STOP_CAPS:
        return False
    if t.lower in ROLES or t.lower in HONORIFICS or t.lower in PUBLIC_TITLES:
        return False
    if t.lower in PLACE_AFTER or rules._place_follows(i):
        return False  # "Bridge Street"
    if rules.shouting and t.lower in lists.common_words:
        return False  # "MY DADS NHS NUMBER"
    if ("'" in t.word or "’" in t.word) and not INNER_CAPITAL.match(t.word):
        return False
    if t.upper and not rules.shouting:
        return False  # an acronym: CBT, IRIS
    if not t.upper and sum(c.isupper() for c in t.word) > 1 and not INNER_CAPITAL.match(t.word):
        return False  # "CPNs", "TIWs"; but "McDonald" and "O'Neil" are read
    if alone:  # the scorer without the rules reads every capitalised or listed word
        return t.cap or t.lower in lists.given or t.lower in lists.lower_case_ok
    # A listed given name inside a sentence ("Its Pat I want to thank"); opening one,
    # "Grace and dignity" is a word. Otherwise ordinary words are left to the rules.
    if t.lower in lists.given or t.lower in lists.person_first or t.lower in lists.word_first:
        return not rules._sentence_start(i)
    return not lexicon.has(t.lower, lists)


@dataclass(frozen=True)
class NameScorer:
    """Weights by feature; called as the redactor's second opinion on names."""

    weights: dict[str, float]
    bias: float
    threshold: float
    lexicon: Lexicon

    def probability(self, found: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(found))
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def __call__(self, finder: NameFinder, covered: set[int]) -> list[tuple[int, int]]:
        return [
            (t.start, t.end)
            for i, t in enumerate(finder.tokens)
            if i not in covered
            and is_candidate(finder, i, self.lexicon)
            and self.probability(features(finder, i, self.lexicon)) >= self.threshold
        ]


def examples(
    cases: list[dict], lexicon: Lexicon, alone: bool = False
) -> tuple[list[list[str]], list[int]]:
    """Features and labels of the candidate words in labelled cases: a name or not."""
    redactor = Redactor()
    rows, labels = [], []
    for case in cases:
        _, finder = redactor.read(case["text"])
        names = [(i["start"], i["end"]) for i in case["items"] if i["kind"] == "name"]
        for i, t in enumerate(finder.tokens):
            if is_candidate(finder, i, lexicon, alone):
                rows.append(features(finder, i, lexicon))
                labels.append(int(any(s < t.end and t.start < e for s, e in names)))
    return rows, labels


def real_examples(texts: list[str], lexicon: Lexicon) -> tuple[list[list[str]], list[int]]:
    """Candidate words in real comments, labelled by the rules: nobody has marked their
    names, so a word counts as a name when the rules find it. They show the scorer the
    medicines, cars and places real comments are full of ("on Sertraline", "a Corsa")."""
    redactor = Redactor()
    rows, labels = [], []
    for text in texts:
        _, finder = redactor.read(text)
        covered = finder.covered(finder.find())
        for i in range(len(finder.tokens)):
            if is_candidate(finder, i, lexicon):
                rows.append(features(finder, i, lexicon))
                labels.append(int(i in covered))
    return rows, labels


def fit(
    cases: list[dict],
    lexicon: Lexicon,
    threshold: float,
    real: tuple[list, list],
    alone: bool = False,
) -> NameScorer:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = examples(cases, lexicon, alone)
    weights = [1.0] * len(rows) + [REAL_WEIGHT] * len(real[0])
    vectoriser = DictVectorizer(sort=True)
    x = vectoriser.fit_transform([dict.fromkeys(r, 1) for r in rows + real[0]])
    model = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
    model.fit(x, labels + real[1], sample_weight=weights)
    names = vectoriser.get_feature_names_out()
    found = {n: float(w) for n, w in zip(names, model.coef_[0], strict=True) if w}
    return NameScorer(found, float(model.intercept_[0]), threshold, lexicon)


def report(name: str, cases: list[dict], scorer: NameScorer, texts: list[str]) -> None:
    alone = score(cases, redactor=Redactor())
    both = score(cases, redactor=Redactor(second_opinion=scorer))
    n, a, _ = alone.by_kind.get("name", [0, 0, 0])
    _, b, _ = both.by_kind.get("name", [0, 0, 0])
    line = (
        f"{name:<22} names {a}/{n} = {a / n:.1%} -> {b}/{n} = {b / n:.1%}; "
        f"removed {alone.removed_rate:.1%} -> {both.removed_rate:.1%}; "
        f"kept {alone.kept_rate:.1%} -> {both.kept_rate:.1%}"
    )
    if texts:
        rules, with_scorer = Redactor(), Redactor(second_opinion=scorer)
        changed = sum(rules.redact(t).text != with_scorer.redact(t).text for t in texts)
        line += f"; real comments changed {changed}/{len(texts)}"
    print(line)


def report_alone(cases: list[dict], scorer: NameScorer) -> str:
    """Names found by the scorer with no rules at all (every word of a name scored)."""
    redactor = Redactor()
    names = found = 0
    for case in cases:
        _, finder = redactor.read(case["text"])
        taken = {
            i
            for i in range(len(finder.tokens))
            if is_candidate(finder, i, scorer.lexicon, alone=True)
            and scorer.probability(features(finder, i, scorer.lexicon)) >= scorer.threshold
        }
        for item in case["items"]:
            if item["kind"] == "name":
                inside = finder.covered([(item["start"], item["end"])])
                names += 1
                found += bool(inside) and inside <= taken
    return f"scorer alone, no rules: names {found}/{names} = {found / names:.1%}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, help="real comments (a text column) to learn from")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    parser.add_argument("--dictionary", type=Path, default=DICTIONARY)
    args = parser.parse_args(argv)
    lexicon = Lexicon.read(args.dictionary)
    texts: list[str] = []
    if args.dev:
        with args.dev.open(encoding="utf-8", newline="") as f:
            texts = [row["text"] for row in csv.DictReader(f)]
    real = real_examples(texts, lexicon)
    team, independent = load_cases("all"), load_cases("all", INDEPENDENT)
    odd = [c for c in independent if int(c["id"].split("-")[-1]) % 2]
    even = [c for c in independent if not int(c["id"].split("-")[-1]) % 2]
    print(f"threshold {args.threshold}: rules alone -> rules + scorer, on the unseen writer")
    for name, train, test in (
        ("team -> independent", team, independent),
        ("independent -> team", independent, team),
        ("team + odd -> even", team + odd, even),
    ):
        report(name, test, fit(train, lexicon, args.threshold, real), texts)
        print(" " * 23 + report_alone(test, fit(train, lexicon, args.threshold, ([], []), True)))


if __name__ == "__main__":
    main()
