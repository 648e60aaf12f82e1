import pytest

from reports.suppression import SECONDARY_REASON, Cell, suppress

SMALL = "fewer than 5 responses"


def shown(table):
    """Each unit as the reader sees it, then the total."""
    return {name: cell.display for name, cell in table.units.items()}, table.total.display


def test_all_teams_have_enough_responses():
    table = suppress({"Front Door": 12, "Reablement": 7, "Carers Link": 5})

    assert shown(table) == ({"Front Door": "12", "Reablement": "7", "Carers Link": "5"}, "24")
    assert table.hidden_units == []
    assert table.total == Cell(24)


def test_one_team_under_five_takes_the_next_smallest_with_it():
    # Alone, the 3 would be 43 − 8 − 12 − 20. Hiding the 8 too leaves 11 for two
    # cells: the small one could be 1 to 4 and the other 7 to 10.
    table = suppress({"Front Door": 20, "Reablement": 12, "Carers Link": 3, "Shared Lives": 8})

    assert shown(table) == (
        {"Front Door": "20", "Reablement": "12", "Carers Link": "*", "Shared Lives": "*"},
        "43",
    )
    assert table.units["Carers Link"] == Cell(None, SMALL)
    assert table.units["Shared Lives"] == Cell(None, SECONDARY_REASON)


def test_a_tie_for_next_smallest_goes_to_the_first_name():
    table = suppress({"Carers Link": 7, "Bramley": 7, "Shared Lives": 2})

    assert table.units["Bramley"].reason == SECONDARY_REASON
    assert table.units["Carers Link"] == Cell(7)


def test_two_teams_under_five_protect_each_other():
    # 27 − 10 − 12 = 5 for two small cells: 1 + 4, 2 + 3, 3 + 2 or 4 + 1.
    table = suppress({"Front Door": 10, "Reablement": 2, "Carers Link": 3, "Shared Lives": 12})

    assert shown(table) == (
        {"Front Door": "10", "Reablement": "*", "Carers Link": "*", "Shared Lives": "12"},
        "27",
    )
    assert table.units["Reablement"].reason == SMALL
    assert table.units["Carers Link"].reason == SMALL


def test_two_small_teams_that_can_only_be_one_each_take_a_third():
    # 22 − 20 = 2 split over two cells of at least 1 each: both are 1. Hiding the 20 as
    # well leaves 22 over three cells; the big one could be anything from 14 to 20.
    table = suppress({"Front Door": 20, "Reablement": 1, "Carers Link": 1})

    assert shown(table) == ({"Front Door": "*", "Reablement": "*", "Carers Link": "*"}, "22")
    assert table.units["Front Door"].reason == SECONDARY_REASON


def test_total_is_withheld_when_no_team_is_left_to_hide():
    # 8 over two cells of at most 4 each: both are 4. The only other team had nobody.
    table = suppress({"Front Door": 4, "Reablement": 4, "Carers Link": 0})

    assert shown(table) == ({"Front Door": "*", "Reablement": "*", "Carers Link": "0"}, "*")
    assert table.total == Cell(None, SECONDARY_REASON)


def test_a_total_under_five_hides_the_total_and_every_team():
    table = suppress({"Front Door": 2, "Reablement": 1, "Carers Link": 0})

    assert shown(table) == ({"Front Door": "*", "Reablement": "*", "Carers Link": "0"}, "*")
    assert table.total == Cell(None, SMALL)
    assert table.units["Reablement"] == Cell(None, SMALL)


def test_a_single_team():
    assert shown(suppress({"Front Door": 12})) == ({"Front Door": "12"}, "12")
    small = suppress({"Front Door": 3})
    assert shown(small) == ({"Front Door": "*"}, "*")
    assert small.total.reason == SMALL


def test_teams_with_no_responses_show_zero_and_are_never_the_extra_one_hidden():
    table = suppress({"Front Door": 0, "Reablement": 2, "Carers Link": 9, "Shared Lives": 6})

    assert shown(table) == (
        {"Front Door": "0", "Reablement": "*", "Carers Link": "9", "Shared Lives": "*"},
        "17",
    )
    assert table.units["Front Door"] == Cell(0)
    assert table.units["Shared Lives"].reason == SECONDARY_REASON


def test_nobody_answered_at_all():
    table = suppress({"Front Door": 0, "Reablement": 0})

    assert shown(table) == ({"Front Door": "0", "Reablement": "0"}, "0")


def test_threshold_of_ten():
    small = "fewer than 10 responses"
    # 9 and 7 are both under 10: 16 over two cells of 1 to 9 leaves each 7 to 9.
    table = suppress({"Front Door": 30, "Reablement": 9, "Carers Link": 7}, threshold=10)
    assert shown(table) == ({"Front Door": "30", "Reablement": "*", "Carers Link": "*"}, "46")
    assert table.units["Reablement"].reason == small

    # Only the 9 is under 10, so the 10 goes with it; 11 stays.
    table = suppress({"A": 9, "B": 10, "C": 11}, threshold=10)
    assert shown(table) == ({"A": "*", "B": "*", "C": "11"}, "30")
    assert table.units["B"].reason == SECONDARY_REASON

    # A total of 8 is under 10.
    table = suppress({"A": 5, "B": 3}, threshold=10)
    assert shown(table) == ({"A": "*", "B": "*"}, "*")
    assert table.total.reason == small


def test_hidden_cells_carry_no_number():
    table = suppress({"Front Door": 20, "Reablement": 3, "Carers Link": 8})

    assert table.units["Reablement"].value is None
    assert table.units["Carers Link"].value is None
    assert table.units["Front Door"].value == 20


def test_a_given_total_must_match_the_teams():
    assert suppress({"A": 6, "B": 7}, total=13).total == Cell(13)
    with pytest.raises(ValueError, match="add up to 13, not the total 15"):
        suppress({"A": 6, "B": 7}, total=15)


@pytest.mark.parametrize(("counts", "threshold"), [({"A": -1}, 5), ({"A": 3}, 0)])
def test_bad_input_is_refused(counts, threshold):
    with pytest.raises(ValueError):
        suppress(counts, threshold=threshold)
