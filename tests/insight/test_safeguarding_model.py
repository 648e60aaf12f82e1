"""The review-tier model: what it adds to the concepts, and that it never emails anyone."""

import json

import pytest

from feedback.insight.halves import half
from feedback.insight.safeguarding import check_safeguarding
from feedback.insight.safeguarding.model import MODEL_FILE, Model, default_model, features
from feedback.insight.safeguarding.train import DEV_CSV, WEIGHT_DIGITS, WRITTEN, load_rows

# No concept has words for this; the model reads it as a possible disclosure.
UNWORDED = "my brother lets men stay at his flat and they have his phone now, he sleeps on the sofa"


def test_model_finds_what_no_concept_words_and_sends_it_to_review():
    assert not check_safeguarding(UNWORDED, use_model=False).flagged
    result = check_safeguarding(UNWORDED)
    assert result.flagged
    assert result.tier == "review"
    assert result.categories == ("unclear",)
    assert "no concept matched" in result.reasons[0]
    assert "brother" in result.reasons[0]
    assert result.findings[0].sentence == UNWORDED


def test_model_alone_never_raises_an_alert():
    # A model that flags everything still only ever sends comments to review.
    eager = Model(weights={"great": 5.0}, bias=10.0, threshold=0.5)
    result = check_safeguarding("The staff were great, thank you", model=eager)
    assert result.tier == "review"
    assert not result.alert


def test_empty_and_blank_comments_are_not_read_by_the_model():
    eager = Model(weights={}, bias=10.0, threshold=0.5)
    assert not check_safeguarding("", model=eager).flagged
    assert not check_safeguarding("   \n ", model=eager).flagged


def test_features_are_words_pairs_and_stems_within_a_sentence():
    found = features("Frightened of him. Dont tell")
    assert {"frightened", "of", "him", "frightened of", "frigh~", "do not", "not tell"} <= found
    assert "him do" not in found  # no pair across a sentence end


def test_shipped_model_is_in_range():
    model = default_model()
    assert 0.05 <= model.threshold < 1
    assert len(model.weights) > 1000


@pytest.mark.skipif(
    not DEV_CSV.exists() or not all(p.exists() for p in WRITTEN.values()),
    reason="the shared dev comments are not beside this checkout",
)
def test_training_reproduces_the_shipped_model(tmp_path, monkeypatch):
    from feedback.insight.safeguarding import train

    monkeypatch.setattr(train, "MODEL_FILE", tmp_path / "model.json")
    train.main(["--write"])
    fresh = json.loads((tmp_path / "model.json").read_text(encoding="utf-8"))
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    fresh_weights, shipped_weights = fresh.pop("weights"), shipped.pop("weights")
    assert fresh.keys() == shipped.keys()
    assert fresh["threshold"] == shipped["threshold"]
    # The solver's last binary digits vary between machines, so a weight that lies on a
    # rounding edge may land one step either side of it: equal to the printed digit.
    step = 10**-WEIGHT_DIGITS * 1.01
    assert fresh["bias"] == pytest.approx(shipped["bias"], abs=step)
    assert fresh_weights.keys() == shipped_weights.keys()
    moved = {f for f, w in fresh_weights.items() if abs(w - shipped_weights[f]) > step}
    assert not moved


@pytest.mark.parametrize(
    "text",
    [
        "Opiekunka była miła, ale mama boi się jej syna, który zabiera jej kartę bankową.",
        "میری ماں کو گھر میں ڈر لگتا ہے",
        "Personalul a fost foarte amabil, dar mama se teme de fiul ei.",
    ],
)
def test_a_comment_in_another_language_goes_to_review_for_a_person(text):
    result = check_safeguarding(text)
    assert result.tier == "review"
    assert result.categories == ("other-language",)
    assert "reads English only" in result.reasons[0]


@pytest.mark.parametrize("text", ["Staff were lovely", "ok", "Très bien", "Dobrze"])
def test_english_and_very_short_comments_are_not_sent_for_their_language(text):
    assert not check_safeguarding(text).flagged


@pytest.mark.skipif(not DEV_CSV.exists(), reason="the shared dev file is not here")
def test_training_never_reads_the_fourth_writers_check_half():
    with WRITTEN["fourth"].open(encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    check = {c["text"] for c in half(cases, "even")}
    tune = {c["text"] for c in cases} - check
    trained = {row.text for row in load_rows() if row.source == "fourth"}
    assert trained == tune
    assert not trained & check
