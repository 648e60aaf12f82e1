import string

import pytest

from qr.reference import (
    ALPHABET,
    CardReference,
    InvalidReference,
    card_url,
    make_reference,
    parse_reference,
)

SOURCES = ["FD", "RE", "CK", "SH", "SG", "AB12", "XYZ789", "B2", "ZZZZZZ"]
BATCHES = [1, 7, 12, 99, 1234, 99999]
SERIALS = [1, 9, 173, 1000, 9999]
SAMPLE = [make_reference(s, b, n) for s in SOURCES for b in BATCHES for n in SERIALS]
TYPEABLE = string.ascii_uppercase + string.digits
BAD_CHECK = "The check letter does not match — check the reference for a typo"


def accepts_as_different_card(typed: str, printed: str) -> bool:
    try:
        return parse_reference(typed).canonical != printed
    except InvalidReference:
        return False


def test_printed_form():
    reference = make_reference("FD", 12, 173)
    assert reference.startswith("FD-B12-0173-")
    assert len(reference) == 13
    assert reference[-1] in ALPHABET


def test_parse_round_trip():
    reference = make_reference("FD", 12, 173)
    parsed = parse_reference(reference)
    assert parsed == CardReference("FD", 12, 173, reference[-1], reference)
    assert str(parsed) == reference
    assert not parsed.is_source_only


@pytest.mark.parametrize("printed", SAMPLE)
def test_every_single_substitution_is_caught(printed):
    for position, original in enumerate(printed):
        if original == "-":
            continue
        for typed_char in TYPEABLE:
            typed = printed[:position] + typed_char + printed[position + 1 :]
            if parse_is_same(typed, printed):
                # O for 0, I or L for 1: the same reference, read as intended.
                assert typed_char in "OIL" or typed_char == original
                continue
            with pytest.raises(InvalidReference):
                parse_reference(typed)


def parse_is_same(typed: str, printed: str) -> bool:
    try:
        return parse_reference(typed).canonical == printed
    except InvalidReference:
        return False


@pytest.mark.parametrize("printed", SAMPLE)
def test_every_adjacent_transposition_is_caught(printed):
    compact = printed.replace("-", "")
    for i in range(len(compact) - 1):
        if compact[i] == compact[i + 1]:
            continue
        typed = compact[:i] + compact[i + 1] + compact[i] + compact[i + 2 :]
        with pytest.raises(InvalidReference):
            parse_reference(typed)
    # Swapping a dash with a neighbour only moves the dash: never another card.
    for i in range(len(printed) - 1):
        typed = printed[:i] + printed[i + 1] + printed[i] + printed[i + 2 :]
        assert not accepts_as_different_card(typed, printed)


def test_bad_check_character_message():
    reference = make_reference("FD", 12, 173)
    wrong = ALPHABET[(ALPHABET.index(reference[-1]) + 1) % 32]
    with pytest.raises(InvalidReference) as error:
        parse_reference(reference[:-1] + wrong)
    assert str(error.value) == BAD_CHECK
    assert error.value.message == BAD_CHECK


@pytest.mark.parametrize(
    "typed",
    [
        "{ref}",
        "{lower}",
        "{compact}",
        "  {spaced}  ",
        "{en_dash}",
        "{with_o}",
    ],
)
def test_tolerant_of_how_people_type(typed):
    reference = make_reference("FD", 12, 1073)
    variants = {
        "ref": reference,
        "lower": reference.lower(),
        "compact": reference.replace("-", ""),
        "spaced": reference.replace("-", " "),
        "en_dash": reference.replace("-", "–"),
        "with_o": reference.replace("0", "O").replace("1", "l"),
    }
    assert parse_reference(typed.format(**variants)).canonical == reference


def test_i_and_l_read_as_one():
    reference = make_reference("FD", 11, 1)
    assert parse_reference(reference.replace("1", "I")).canonical == reference
    assert parse_reference(reference.replace("1", "L")).canonical == reference


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the card reference"),
        ("   ", "Enter the card reference"),
        (
            "FD-B12-0173-U",
            "Card references do not use the letter U — check the reference for a typo",
        ),
        ("FD/B12/0173", "The card reference can only contain letters, numbers and dashes"),
        (
            "FD-B12-17-X",
            "Enter the card reference exactly as it is printed on the card, like FD-B12-0173-X",
        ),
        (
            "FD-B012-0173-X",
            "Enter the card reference exactly as it is printed on the card, like FD-B12-0173-X",
        ),
        ("F", "Enter the card reference exactly as it is printed on the card, like FD-B12-0173-X"),
    ],
)
def test_clear_messages(typed, message):
    with pytest.raises(InvalidReference) as error:
        parse_reference(typed)
    assert str(error.value) == message


def test_bare_source_code_is_a_source_level_reference():
    parsed = parse_reference(" fd ")
    assert parsed == CardReference("FD", None, None, None, "FD")
    assert parsed.is_source_only


def test_card_url():
    reference = make_reference("FD", 12, 173)
    assert card_url("https://example.gov.uk", reference) == f"https://example.gov.uk/f/{reference}"
    assert card_url("https://example.gov.uk/", reference.lower()) == (
        f"https://example.gov.uk/f/{reference}"
    )
    assert card_url("https://example.gov.uk", "FD") == "https://example.gov.uk/f/FD"


@pytest.mark.parametrize(
    ("source", "batch", "serial"),
    [("SL", 1, 1), ("F", 1, 1), ("TOOLONG", 1, 1), ("FD", 0, 1), ("FD", 1, 0), ("FD", 1, 10000)],
)
def test_make_reference_rejects_what_cannot_be_printed(source, batch, serial):
    with pytest.raises(InvalidReference):
        make_reference(source, batch, serial)
