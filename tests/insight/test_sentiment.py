import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from feedback.insight import sentiment
from feedback.insight.sentiment import ANALYSER_VERSION, LABELS, Sentiment, score_sentiment

DEV_CSV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "fft-dev-criticality.csv"
MODEL_FILE = Path(sentiment.__file__).with_name("sentiment_model.json")

# Measured on the fixed test split when the weights were trained (accuracy 0.845,
# macro-F1 0.664, negative recall 0.868 over positive / neutral-or-mixed / negative):
# a little below, so a retrain that loses ground fails. The model itself is chosen on
# the cross-trust folds that train_sentiment prints, not on this split.
ACCURACY_FLOOR = 0.83
MACRO_F1_FLOOR = 0.64
NEGATIVE_RECALL_FLOOR = 0.85


@pytest.mark.parametrize("question", ["improve", None])
@pytest.mark.parametrize("text", ["Nothing.", "No.", "Nothing", "none", "Nothing really, thanks"])
def test_a_nil_answer_means_nothing_to_improve(text, question):
    result = score_sentiment(text, question=question)

    assert result.label == "positive"
    assert "nothing to improve" in result.reasons[0]


def test_nothing_followed_by_praise_is_positive():
    result = score_sentiment("Nothing, you were amazing")

    assert result.label == "positive"
    assert any("amazing" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("text", "praise", "complaint"),
    [
        ("Staff lovely but waited 3 weeks", "lovely", "weeks"),
        ("The carers were lovely but we waited three weeks for the assessment", "lovely", "weeks"),
    ],
)
def test_praise_and_a_complaint_together_are_mixed(text, praise, complaint):
    result = score_sentiment(text)

    assert result.label == "mixed"
    assert any(praise in reason for reason in result.reasons)
    assert any(complaint in reason for reason in result.reasons)
    assert -0.5 < result.score < 0.5


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The staff were not helpful", "helpful"),
        ("The staff were not very helpful", "helpful"),
        ("Didnt help at all", "help"),
    ],
)
def test_a_negated_compliment_is_negative_and_says_it_was_negated(text, word):
    result = score_sentiment(text)

    assert result.label == "negative"
    assert f"\u201c{word}\u201d (after a negative)" in result.reasons


def test_negation_marks_the_next_words_of_its_clause_only():
    assert sentiment.terms("not very helpful") == [
        "not",
        "not_very",
        "not_helpful",
        "not very",
        "very helpful",
    ]
    # a comma or a contrast word ends what "not" covers; no apostrophe is needed
    assert "kind" in sentiment.terms("not great, kind")
    assert "kind" in sentiment.terms("not great but kind staff")
    assert "not_help" in sentiment.terms("didnt help")


def test_vader_is_read_clause_by_clause():
    mean, high, low, both, contrast = sentiment.dense_features(
        "the staff were lovely. the food was awful."
    )

    assert high > 0.3 > -0.1 > low
    assert both == 1.0
    assert contrast == 0.0
    assert sentiment.dense_features("good but slow")[4] == 1.0
    assert sentiment.dense_features("") == (0.0, 0.0, 0.0, 0.0, 0.0)
    assert len(sentiment.DENSE_FEATURES) == 5


@pytest.mark.parametrize("text", ["Mixed", "Some good, some bad", "Hit and miss"])
def test_saying_it_was_mixed_is_mixed(text):
    assert score_sentiment(text).label == "mixed"


@pytest.mark.parametrize(
    "text",
    [
        "I would be grateful if someone could return my calls, I have asked four times",
        "Unfortunately nobody has been in touch since March",
        "With respect, the assessment took far too long",
        "Thank you, but nobody got back to us and we waited six weeks",
    ],
)
def test_a_politely_worded_complaint_is_negative(text):
    result = score_sentiment(text)

    assert result.label == "negative"
    assert result.score < 0


@pytest.mark.parametrize(
    "text", ["The social worker never rang back", "Nobody rang back", "Still waiting to hear"]
)
def test_no_contact_is_negative(text):
    result = score_sentiment(text)

    assert result.label == "negative"
    assert result.score < 0


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Waited 3 hours for transport", "waited"),
        ("The social worker did not ring back", "ring"),
        ("The staff were rude to my mum", "rude"),
        ("Better communication between teams", "better"),
    ],
)
def test_complaints_and_suggestions_are_negative_and_say_why(text, word):
    result = score_sentiment(text)

    assert result.label == "negative"
    assert any(word in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The carers were lovely and kind", "lovely"),
        ("Brilliant", "brilliant"),
        ("Can't fault the Front Door team", "can't fault"),
    ],
)
def test_praise_is_positive_and_the_reasons_name_the_words(text, word):
    result = score_sentiment(text)

    assert result.label == "positive"
    assert any(word in reason for reason in result.reasons)


def test_reasons_are_not_function_words():
    reasons = score_sentiment("Nobody got back to us and we waited six weeks for an assessment")

    quoted = " ".join(reasons.reasons)
    for word in ("\u201cfor\u201d", "\u201cto\u201d", "\u201cus\u201d", "\u201cand\u201d"):
        assert word not in quoted


def test_a_complaint_stays_negative_with_a_very_good_tick():
    text = "Nobody got back to us and we waited six weeks for an assessment"

    result = score_sentiment(text, rating=1)

    assert result.label == "negative"
    assert "rating: Very good" in result.reasons
    assert score_sentiment(text, rating=1).score > score_sentiment(text).score
    assert score_sentiment(text, rating=5).score < score_sentiment(text).score


def test_the_rating_settles_a_comment_that_says_nothing_either_way():
    assert score_sentiment("", rating=5).label == "negative"
    assert score_sentiment("N/A", rating=1).label == "positive"
    assert score_sentiment("", rating=6).label == "neutral"
    assert score_sentiment("", rating=None).reasons == ("no comment written",)


def test_the_tick_moves_the_score_of_a_mixed_comment_but_cannot_hide_either_side():
    text = "Staff lovely but waited 3 weeks"

    scores = [score_sentiment(text, rating=r).score for r in (1, 2, 4, 5)]

    assert scores == sorted(scores, reverse=True)
    # "Very good" cannot hide the wait; "Very poor" may tip it to negative, never positive
    assert score_sentiment(text, rating=1).label == "mixed"
    assert score_sentiment(text, rating=5).label in ("mixed", "negative")


def test_neither_good_nor_poor_keeps_lukewarm_text_neutral():
    result = score_sentiment("It was OK", rating=3)

    assert result.label == "neutral"
    assert "rating: Neither good nor poor" in result.reasons


@pytest.mark.parametrize("text", ["N/A", "No comment", "Don't know", "Not sure", "-", "It was OK"])
def test_no_opinion_is_neutral(text):
    result = score_sentiment(text)

    assert result.label == "neutral"
    assert result.score == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "When will the new carers start?",
        "Could someone send me the forms in large print please.",
        "My son rang the duty team on Monday and a social worker came out on Thursday.",
        "Only had one visit so far so cannot really say.",
    ],
)
def test_an_answer_with_no_opinion_of_the_service_is_neutral_and_says_why(text):
    result = score_sentiment(text, question="why")

    assert result.label == "neutral"
    assert result.reasons == (sentiment.NO_OPINION_REASON,)


def test_the_gate_leaves_a_complaint_asked_as_a_question_negative():
    # The gate is sure it is a question; the three-class model is surer it is a complaint.
    text = "Why has nobody rung me back after six weeks?"
    assert sentiment.no_opinion(sentiment._model(), text.lower()) >= sentiment.GATE_THRESHOLD

    assert score_sentiment(text, question="why").label == "negative"


def test_the_same_request_answering_what_could_we_do_better_is_not_made_neutral():
    # Labellers graded suggestions as complaints: the gate never speaks for that question.
    text = "My son rang the duty team on Monday and a social worker came out on Thursday."

    result = score_sentiment(text, question="improve")

    assert result.label != "neutral"
    assert sentiment.NO_OPINION_REASON not in result.reasons


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "!!!",
        "😀😀😀",
        "EXCELLENT EXCELLENT EXCELLENT!!!",
        "terrible awful appalling disgusting " * 30,
        "خدمة ممتازة",
        "NothIng could be better",
    ],
)
@pytest.mark.parametrize("rating", [None, 1, 3, 5, 6])
def test_scores_are_in_range(text, rating):
    result = score_sentiment(text, rating=rating)

    assert result.label in LABELS
    assert -1.0 <= result.score <= 1.0
    assert result.reasons


def test_scoring_is_deterministic():
    texts = ["Staff were great but the wait was long", "Nothing.", "Rubbish", "OK"]

    first = [score_sentiment(t, rating=2, question="why") for t in texts]
    second = [score_sentiment(t, rating=2, question="why") for t in reversed(texts)]

    assert first == list(reversed(second))


def test_a_2000_character_comment_scores_and_finishes():
    # A hang guard, not a speed measurement (bench/analyse.py times a 2,000-character comment).
    sentence = (
        "The carer was kind but arrived late again and nobody rang to say why, "
        "which left my father waiting without his tablets. "
    )
    text = (sentence * 20)[:2000]

    start = time.perf_counter()
    result = score_sentiment(text)
    took = time.perf_counter() - start

    assert result.label == "negative"
    assert took < 10


def test_sentiment_is_a_frozen_value():
    result = score_sentiment("Brilliant")

    assert isinstance(result, Sentiment)
    assert isinstance(result.reasons, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.label = "negative"


def test_shipped_weights_match_the_analyser_version():
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))

    assert model["version"] == ANALYSER_VERSION
    assert model["classes"] == list(sentiment.CLASSES)
    assert all(len(row) == 4 for row in model["terms"].values())
    assert list(model["dense"]) == list(sentiment.DENSE_FEATURES)
    assert list(model["gate"]["dense"]) == list(sentiment.GATE_FEATURES)
    assert all(len(row) == 2 for row in model["gate"]["terms"].values())
    assert MODEL_FILE.stat().st_size < 3_000_000


def test_the_shipped_weights_score_without_scikit_learn():
    # A fresh interpreter in which importing scikit-learn, scipy or numpy fails.
    program = (
        "import sys\n"
        "for name in ('sklearn', 'scipy', 'numpy'):\n"
        "    sys.modules[name] = None\n"
        "from feedback.insight.sentiment import score_sentiment\n"
        "print(score_sentiment('The carers were lovely and kind').label)\n"
        "print(score_sentiment('The staff were rude to my mum').label)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=root, capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["positive", "negative"]


def _training_rows():
    from feedback.insight.evaluate_sentiment import Row

    praise = ["lovely staff", "kind and caring", "brilliant service", "very helpful team"]
    complaints = ["waited weeks", "nobody rang back", "rude and late", "carer never came"]
    middling = ["lovely staff but waited weeks", "kind but late", "helpful but slow"]
    rows = []
    for n in range(3):
        rows += [Row(f"{t} {n}", "positive", trust="T") for t in praise]
        rows += [Row(f"{t} {n}", "negative", trust="T") for t in complaints]
        rows += [Row(f"{t} {n}", "neutral", trust="T") for t in middling]
    return rows


def _card_rows():
    from feedback.insight.evaluate_sentiment import Row

    no_opinion = ["when is my review", "who do i ring", "filled in by my son", "is there a charge"]
    opinions = {"positive": "lovely kind carers", "negative": "nobody rang back"}
    rows = []
    for n in range(3):
        rows += [Row(f"{t} {n}", "neutral", four="neutral") for t in no_opinion]
        rows += [Row(f"{t} {n}", label, four=label) for label, t in opinions.items()]
    return rows


def test_training_gives_byte_identical_weights():
    pytest.importorskip("sklearn")
    from feedback.insight.train_sentiment import fit, to_json

    rows, cards = _training_rows(), _card_rows()

    first = to_json(fit(rows, cards=cards))
    second = to_json(fit(list(rows), cards=list(cards)))

    assert first == second
    assert json.loads(first)["terms"]["lovely"][0] > 0  # an idf, then a weight per class
    assert json.loads(first)["gate"]["terms"]["charge"][1] > 0  # an idf, then one weight


def test_trained_weights_score_in_plain_python():
    pytest.importorskip("sklearn")
    from feedback.insight.sentiment import load_model, score_with
    from feedback.insight.train_sentiment import fit, to_json

    model = load_model(json.loads(to_json(fit(_training_rows()))))

    assert score_with(model, "brilliant kind staff").label == "positive"
    assert score_with(model, "nobody rang back, rude").label == "negative"


def test_a_trained_gate_reads_a_question_as_no_opinion():
    pytest.importorskip("sklearn")
    from feedback.insight.sentiment import load_model, no_opinion, score_with
    from feedback.insight.train_sentiment import fit, to_json

    model = load_model(json.loads(to_json(fit(_training_rows(), cards=_card_rows()))))
    gateless = load_model(json.loads(to_json(fit(_training_rows()))))

    assert no_opinion(model, "who do i ring about my review") > no_opinion(
        model, "lovely kind carers"
    )
    assert no_opinion(gateless, "who do i ring about my review") == 0.0
    assert score_with(model, "brilliant kind staff").label == "positive"


@pytest.mark.skipif(
    not DEV_CSV.exists(), reason=f"development data not found at {DEV_CSV.resolve()}"
)
def test_accuracy_on_the_fixed_test_split_does_not_regress():
    from feedback.insight.evaluate_sentiment import evaluate, load_rows, scorer_label, split

    test_rows = split(load_rows(DEV_CSV))[1]

    report = evaluate(test_rows, scorer_label)

    assert report.n > 1000
    assert report.accuracy >= ACCURACY_FLOOR
    assert report.macro_f1 >= MACRO_F1_FLOOR
    assert report.recall["negative"] >= NEGATIVE_RECALL_FLOOR


def test_a_jsonl_case_file_is_scored_in_three_and_four_labels_by_half(tmp_path, capsys):
    import json

    from feedback.insight.evaluate_sentiment import main

    cases = [
        {"id": 1, "text": "Brilliant carers, thank you all.", "rating": 1, "label": "positive"},
        {"id": 2, "text": "Nobody rang back for six weeks.", "rating": 4, "label": "negative"},
        {"id": 3, "text": "Lovely carers but they never come on time.", "rating": 2,
         "label": "mixed"},
        {"id": 4, "text": "Too early to say.", "rating": None, "label": "neutral"},
    ]  # fmt: skip
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(case) + "\n" for case in cases), encoding="utf-8")

    assert main([str(path)]) == 0
    printed = capsys.readouterr().out
    assert "cases.jsonl: card answers, totals only" in printed
    assert "scorer: accuracy" in printed and "on 4 comments" in printed
    assert "scorer, four labels: accuracy" in printed
    assert "  mixed      recall " in printed and "/1" in printed
    assert "Lovely carers" not in printed  # totals only, never a case

    assert main([str(path), "--half", "odd"]) == 0
    printed = capsys.readouterr().out
    assert "card answers, odd ids" in printed and "on 2 comments" in printed

    path.write_text(json.dumps({**cases[0], "label": "happy"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="label 'happy' is not one of"):
        main([str(path)])


@pytest.mark.parametrize(
    ("text", "labellers"),
    [
        ("The carers are lovely, but they are always late and the office is useless.", "negative"),
        ("Excellent occupational therapist, but the rail fitting was a disaster.", "negative"),
        ("I am happy with my carer but I am angry about the charges.", "positive"),
    ],
)
def test_the_praise_and_complaint_reading_calls_both_sides_mixed(text, labellers):
    from feedback.insight.sentiment import PRAISE_AND_COMPLAINT

    assert score_sentiment(text, rating=2, question="why").label == labellers
    reading = score_sentiment(text, rating=2, question="why", mixed=PRAISE_AND_COMPLAINT)
    assert reading.label == "mixed"
    # The reasons show both sides, as for any mixed comment.
    assert len(reading.reasons) >= 3


@pytest.mark.parametrize(
    "text", ["Kind staff, thank you.", "Nobody has rung me back about the hoist for weeks."]
)
def test_one_sided_comments_read_the_same_either_way(text):
    from feedback.insight.sentiment import PRAISE_AND_COMPLAINT

    assert score_sentiment(text, mixed=PRAISE_AND_COMPLAINT).label == score_sentiment(text).label


def test_the_reading_of_mixed_comments_is_part_of_the_version():
    from feedback.insight import ANALYSIS_VERSION, analyse

    assert analyse("Kind staff").version == ANALYSIS_VERSION
    other = analyse("Kind staff", mixed="praise-and-complaint").version
    assert other.startswith("sentiment-2.2-mixed+") and other != ANALYSIS_VERSION
    with pytest.raises(ValueError, match="mixed must be one of labellers, praise-and-complaint"):
        score_sentiment("Kind staff", mixed="both")


@pytest.mark.parametrize(
    "lower",
    [
        "the appointment was on tuesday at the clinic",  # no word VADER knows: 0 unasked
        "ok. fine.",
        "waited an hour :( and nobody said why",
        "the nurse was kind of rushed",
        "at least they rang",
        "thumbs up 👍 from me",
        "no complaints, no problems",
        "meh",
    ],
)
def test_clause_scores_are_vaders_own(lower):
    from feedback.insight.sentiment import _clauses, _vader, clause_compounds

    vader = _vader()
    asked = [vader.polarity_scores(c)["compound"] for c in _clauses(lower) if c.strip()]
    assert clause_compounds(lower) == asked
