import time

import pytest

from feedback.insight.evaluate_safeguarding import load_cases, score
from feedback.insight.safeguarding import (
    CATEGORIES,
    SAFEGUARDING_VERSION,
    Safeguarding,
    check_safeguarding,
)


def test_report_split_meets_targets():
    result = score(load_cases("report"))
    assert result.cases >= 150
    assert result.recall >= 0.95
    assert result.precision >= 0.6


def test_case_file_is_big_enough_and_split():
    cases = load_cases("all")
    assert len(cases) >= 300
    assert {c["split"] for c in cases} == {"tune", "report"}


def test_result_shape():
    result = check_safeguarding("My nephew takes her pension every week.")
    assert isinstance(result, Safeguarding)
    assert result.flagged
    assert result.categories == ("financial",)
    assert result.reasons
    assert set(result.categories) <= set(CATEGORIES)
    assert SAFEGUARDING_VERSION


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("carer didn't turn up and mum was left on the floor all night", "neglect"),
        ("my nephew takes her pension", "financial"),
        ("I don't want to be here any more", "self-harm"),
        ("I can't go on", "self-harm"),
        ("The carer slapped my mother", "physical"),
        ("A carer touched her inappropriately", "sexual"),
        ("My husband hits me", "domestic"),
        ("The carer shouts at mum and calls her stupid", "psychological"),
        ("He is living in squalor and refuses all help", "self-neglect"),
        ("They mock his accent because he's Polish", "discriminatory"),
        ("The care home locks residents in their rooms", "organisational"),
        ("The boss has their passports", "modern-slavery"),
        ("carers never came, she sat in a soiled pad all day", "neglect"),
        ("Im thinking of killing myself", "self-harm"),
        ("she was assulted by a resident", "physical"),
        # the match's own word is no resolution: "sorted" in "sorted my affairs"
        ("No need for a review, I've sorted my affairs and said my goodbyes", "self-harm"),
        ("if this is my life now i dont want it any more", "self-harm"),
        ("I've got enough tablets put by to make sure of that", "self-harm"),
        ("Visits are 2 till 3, no exceptions, even though he is dying", "organisational"),
    ],
)
def test_disclosures_are_flagged(text, category):
    result = check_safeguarding(text)
    assert result.flagged
    assert category in result.categories


@pytest.mark.parametrize(
    "text",
    [
        "I feel safe now",
        "the carer was late again",
        "waited ages on the phone",
        "the wait nearly killed me",
        "I could have murdered a cup of tea",
        "they are killing me with kindness",
        "They hit the ground running.",
        "The cost of care is daylight robbery.",
        "We need more people like her.",
    ],
)
def test_ordinary_comments_are_not_flagged(text):
    assert not check_safeguarding(text).flagged


# Known false alarms of the review tier: the concepts take these back (the hospital, the
# bus), but short comments give the model few words, and words of real disclosures ("can't
# go on", "want to be here any more") weigh heavily. They may go to review; never to alert.
@pytest.mark.parametrize(
    "text",
    [
        "Dad doesn't want to be here in hospital any more, he wants to go home.",
        "I can't go on the bus on my own.",
    ],
)
def test_concept_look_alikes_are_never_alerts(text):
    assert not check_safeguarding(text, use_model=False).flagged


@pytest.mark.parametrize(
    "text",
    [
        # "again" inside "never came again" keeps nothing live
        "Dad was frightened of one carer in the summer. We reported it and she never came again.",
        "The sedation was reviewed and the drug was stopped, she is bright as a button.",
        "Mum went through a period of not wanting to go on. It passed with help from the team.",
        "The agency neglected to tell us the visit had moved, but it all went fine.",
        "Our dog is very neglected now, according to Dad, since the carers spoil him.",
        "The court gave her a non-molestation order and he has moved away.",
    ],
)
def test_concerns_said_to_be_dealt_with_are_not_flagged_by_the_concepts(text):
    assert not check_safeguarding(text, use_model=False).flagged
    assert check_safeguarding(text).tier != "alert"


ADVERSARIAL = [
    "a" * 2000,
    "left " * 400,
    "on the floor " * 150,
    "not " * 500,
    "i don't want to " * 125,
    "bruised " * 250,
    ("The carer didn't come and Mum was left on the floor all night. " * 32)[:2000],
]


# A guard against a hang (runaway matching on repeated words), not a speed measurement:
# speed is measured in bench/analyse.py. The bound is far above any real run.
@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_long_and_adversarial_comments_finish(text):
    started = time.perf_counter()
    check_safeguarding(text)
    assert time.perf_counter() - started < 10


def test_the_reasons_come_in_the_same_order_in_every_process():
    """The duty team's list of reasons once followed string hashing, which differs between
    processes: the same comment read twice could list them in another order."""
    import os
    import subprocess
    import sys

    comment = (
        "She was left on the floor all night and nobody came, no food in the house. "
        "no hot water for a week and no heating, she is frightened of her son"
    )
    script = (
        "import sys\n"
        "from feedback.insight.safeguarding import check_safeguarding\n"
        "print(check_safeguarding(sys.argv[1]).reasons)\n"
    )
    orders = {
        subprocess.run(
            [sys.executable, "-c", script, comment],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(3)  # seeds 0 and 1 listed them differently before
    }
    assert len(orders) == 1
    assert "no hot water" in orders.pop()
