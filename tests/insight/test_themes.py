import time

import pytest

from feedback.insight.themes import TaxonomyError, ThemeMatch, load_taxonomy, tag_themes

STARTING_THEMES = {
    "staff-attitude",
    "communication",
    "listening-involvement",
    "waiting-getting-through",
    "assessment-review",
    "care-package-provider",
    "reablement",
    "equipment-adaptations",
    "charging-finance",
    "direct-payments",
    "carers-support",
    "information-advice",
    "safety",
    "access-accessibility",
    "continuity-of-staff",
}


def slugs(text, taxonomy=None):
    return {m.slug for m in tag_themes(text, taxonomy)}


def test_default_taxonomy_has_the_starting_themes_mapped_to_both_frameworks():
    taxonomy = load_taxonomy()
    assert {t.slug for t in taxonomy.themes} >= STARTING_THEMES
    assert len(taxonomy.cqc) == 9
    assert len(taxonomy.making_it_real) == 6
    for theme in taxonomy.themes:
        assert theme.name and theme.description and theme.terms
        assert set(theme.cqc) <= set(taxonomy.cqc)
        assert set(theme.making_it_real) <= set(taxonomy.making_it_real)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The carer was so kind and caring", {"staff-attitude"}),
        ("Nobody rang me back and I was never kept informed", {"communication"}),
        ("They listened and involved me in every decision", {"listening-involvement"}),
        ("I waited weeks to get through on the phone", {"waiting-getting-through"}),
        ("My review is overdue and the care plan is wrong", {"assessment-review"}),
        ("The home care agency sends carers late", {"care-package-provider"}),
        ("Reablement got me back on my feet", {"reablement"}),
        ("The OT fitted grab rails and a stairlift", {"equipment-adaptations"}),
        ("The charges and the invoice were a shock", {"charging-finance"}),
        ("My direct payment pays for a personal assistant", {"direct-payments"}),
        ("As a carer the respite is a lifeline", {"carers-support"}),
        ("Good advice and information about what to expect", {"information-advice"}),
        ("I feel safe since the fall", {"safety"}),
        ("No transport and no interpreter", {"access-accessibility"}),
        ("A different carer every day, no continuity", {"continuity-of-staff"}),
    ],
)
def test_each_theme_is_found(text, expected):
    assert expected <= slugs(text)


def test_multi_label_with_matched_terms():
    matches = tag_themes("The carer was late and rude, and the invoice was wrong.")
    assert all(isinstance(m, ThemeMatch) for m in matches)
    by_slug = {m.slug: m for m in matches}
    assert {"staff-attitude", "charging-finance", "care-package-provider"} <= set(by_slug)
    assert "rude" in by_slug["staff-attitude"].terms
    assert by_slug["staff-attitude"].name == "Staff attitude and kindness"


def test_stemming_and_whole_words():
    assert "staff-attitude" in slugs("Such kindness")  # kind*
    assert "waiting-getting-through" not in slugs("Dad was awaited")  # whole words only
    assert "equipment-adaptations" in slugs("The OT came")
    assert "equipment-adaptations" not in slugs("not a lot")  # OT only in capitals


FRAMEWORKS = """
[frameworks]
cqc = ["Assessing needs"]
making_it_real = ["Workforce"]
"""


def write(tmp_path, body):
    path = tmp_path / "themes.toml"
    path.write_text(FRAMEWORKS + body, encoding="utf-8")
    return path


def test_override_path_is_used(tmp_path):
    path = write(
        tmp_path,
        """
[[theme]]
slug = "food"
name = "Food"
description = "Meals"
cqc = ["Assessing needs"]
making_it_real = ["Workforce"]
terms = ["meal*", "hot|cold dinner"]
""",
    )
    taxonomy = load_taxonomy(path)
    assert [m.slug for m in tag_themes("The meals were cold, a cold dinner", taxonomy)] == ["food"]
    assert tag_themes("The carer was kind", taxonomy) == ()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[theme]]\nslug = "Bad Slug"\n', "theme 1: 'slug'"),
        (
            '[[theme]]\nslug = "x"\nname = "X"\ndescription = "d"\ncqc = ["Nope"]\n'
            'making_it_real = ["Workforce"]\nterms = ["a"]\n',
            "theme 1 ('x'): 'cqc' has 'Nope'",
        ),
        (
            '[[theme]]\nslug = "x"\nname = "X"\ndescription = "d"\ncqc = ["Assessing needs"]\n'
            'making_it_real = ["Workforce"]\nterms = ["a(b"]\n',
            "theme 1 ('x'): term 'a(b'",
        ),
        (
            '[[theme]]\nslug = "x"\nname = "X"\ndescription = "d"\ncqc = ["Assessing needs"]\n'
            'making_it_real = ["Workforce"]\nterms = []\n',
            "'terms' must be a non-empty list",
        ),
        ("[[theme]]\nslug = \n", "not valid TOML"),
    ],
)
def test_bad_files_name_the_entry(tmp_path, body, message):
    with pytest.raises(TaxonomyError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_taxonomy(write(tmp_path, body))


ADVERSARIAL = [
    "a" * 2000,
    "kind" * 500,
    "wait " * 400,
    "- " * 1000,
    "carer's " * 250,
    ("The carer was kind but late and the invoice was wrong. " * 40)[:2000],
]


# A guard against a hang (runaway matching on repeated words), not a speed measurement:
# speed is measured in bench/analyse.py. The bound is far above any real run.
@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_long_and_adversarial_comments_finish(text):
    load_taxonomy()
    started = time.perf_counter()
    tag_themes(text)
    assert time.perf_counter() - started < 10
