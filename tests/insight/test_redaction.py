import time

import pytest

from feedback.insight.evaluate_redaction import load_cases, score
from feedback.insight.redaction import REDACTOR_VERSION, Found, Redaction, redact


def test_report_split_meets_targets():
    result = score(load_cases("report"))
    assert result.cases >= 150
    assert result.removed_rate >= 0.95
    assert result.kept_rate >= 0.95


def test_case_file_is_big_enough_and_split():
    cases = load_cases("all")
    assert len(cases) >= 300
    assert {c["split"] for c in cases} == {"tune", "report"}


def test_result_shape():
    result = redact("Call Sarah on 07700 900123.")
    assert isinstance(result, Redaction)
    assert result.text == "Call [name] on [phone]."
    assert result.items == (
        Found("name", 5, 10, "Sarah"),
        Found("phone", 14, 26, "07700 900123"),
    )
    assert REDACTOR_VERSION


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ring 07700 900123", "Ring [phone]"),
        ("Ring 07700900123", "Ring [phone]"),
        ("Ring (01709) 543 876", "Ring [phone]"),
        ("Ring 0114 273 4567", "Ring [phone]"),
        ("Ring +44 7911 123456", "Ring [phone]"),
        ("Ring +44 (0)1709 554433", "Ring [phone]"),
        ("Ring 0800 123 4567", "Ring [phone]"),
        ("Email j.barker1952@gmail.com today", "Email [email] today"),
        ("Postcode S60 2TB", "Postcode [postcode]"),
        ("postcode s602tb", "postcode [postcode]"),
        ("DN12 3TY is right", "[postcode] is right"),
        ("We live at 14 Beech Grove now", "We live at [address] now"),
        ("Flat 3, 27 Wellgate Court, Rotherham", "[address], Rotherham"),
        ("NHS number 943 476 5919", "NHS number [nhs number]"),
        ("NI number QQ 12 34 56 C", "NI number [ni number]"),
        ("DOB 12/03/1938", "DOB [date of birth]"),
        ("She was born on 3rd March 1941.", "She was born on [date of birth]."),
        ("[Name redacted] was lovely", "[name] was lovely"),
        ("Mrs Jean Hollis rang", "[name] rang"),
        ("my social worker Sarah was brilliant", "my social worker [name] was brilliant"),
        ("a carer called Dave never came", "a carer called [name] never came"),
        ("My son John filled this in", "My son [name] filled this in"),
        ("Julie was fantastic", "[name] was fantastic"),
    ],
)
def test_personal_data_is_redacted(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Will someone please ring me back?",
        "I hope the carers keep coming.",
        "Grace and dignity matter.",
        "The bill came to £340.",
        "We had a frank discussion.",
        "Prices rose again.",
        "I'd mark this as excellent.",
        "From May until June nobody came, not even on a Monday.",
        "Shared Lives, Carers Link, the Front Door and Age UK all helped.",
        "Rotherham Hospital, the NHS and CQC; I live in Maltby near Sheffield.",
        "Doncaster, Barnsley and Wath are close.",
        "The reference 4830166130 is not an NHS number.",
        "The review was on 12 May 2024.",
    ],
)
def test_look_alikes_are_kept(text):
    assert redact(text).text == text


def test_look_alike_names_with_context_are_redacted():
    assert redact("My husband Will is in a home.").text == "My husband [name] is in a home."
    assert redact("A carer named Bill was rude.").text == "A carer named [name] was rude."
    assert redact("Frank was the only one who listened.").text.startswith("[name] was")


def test_nhs_check_digit_is_validated():
    assert redact("number 9434765919").text == "number [nhs number]"
    assert redact("number 9434765918").text == "number 9434765918"


def test_spans_point_into_the_original():
    text = "Thanks to Gemma and Mrs O'Connor at 3 Rother Way, S60 2TB."
    for item in redact(text).items:
        assert text[item.start : item.end] == item.original


ADVERSARIAL = [
    "a" * 2000,
    "1 " * 1000,
    "Aa " * 667,
    "0" * 2000,
    "07700 " * 333,
    "Mr " * 666,
    "x@" * 1000,
    "a." * 1000 + "@",
    "12 " + "Abc " * 497 + "Road",
    "Sarah and " * 200,
    ("My social worker Sarah was lovely and rang me on 07700 900123. " * 32)[:2000],
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_long_and_adversarial_comments_are_quick(text):
    started = time.perf_counter()
    redact(text)
    assert time.perf_counter() - started < 0.5


def test_time_grows_roughly_linearly():
    unit = "My carer Sarah, 14 Beech Grove, S60 2TB, rang 07700 900123 about Will. "

    def timed(n):
        text = unit * n
        started = time.perf_counter()
        redact(text)
        return time.perf_counter() - started

    small, large = timed(30), timed(120)
    assert large < small * 4 * 3 + 0.05
