import pytest

from reports.fft import FftResult, format_percent, whole_percent, wilson_interval

# Codes: 1 Very good, 2 Good, 3 Neither good nor poor, 4 Poor, 5 Very poor, 6 Don't know.


def test_dont_know_and_neither_count_in_the_total():
    # 10 + 5 positive, 2 Neither, 1 + 1 negative, 1 Don't know: 20 in all.
    result = FftResult.from_counts({1: 10, 2: 5, 3: 2, 4: 1, 5: 1, 6: 1}, unit="Reablement")

    assert result == FftResult(
        unit="Reablement", total=20, positive=15, negative=2, neither=2, dont_know=1
    )
    # 15 ÷ 20, not 15 ÷ 19 (which leaving out Don't know would give: 79%).
    assert result.percent_positive == 0.75
    assert result.percent_negative == 0.10
    assert result.positive_display == "75%"
    assert result.negative_display == "10%"


def test_missing_codes_count_as_zero():
    result = FftResult.from_counts({1: 3, 6: 1})

    assert (result.total, result.positive, result.negative) == (4, 3, 0)
    assert result.percent_positive == 0.75
    assert result.percent_negative == 0.0


def test_a_unit_with_no_responses_has_no_percentage():
    result = FftResult.from_counts({})

    assert result.total == 0
    assert result.percent_positive is None
    assert result.percent_negative is None
    assert result.positive_display == "–"
    assert result.positive_interval() is None


@pytest.mark.parametrize("counts", [{7: 1}, {0: 2}, {1: -1}])
def test_unknown_codes_and_negative_counts_are_refused(counts):
    with pytest.raises(ValueError):
        FftResult.from_counts(counts)


@pytest.mark.parametrize(
    ("part", "whole", "percent"),
    [
        (1, 8, 13),  # 12.5 rounds up; round(12.5) would give 12
        (3, 8, 38),  # 37.5 rounds up; round(37.5) gives 38 too, by luck of evenness
        (29, 200, 15),  # 14.5 exactly; as floats 29 / 200 * 100 is 14.499999999999998
        (1, 3, 33),  # 33.33…
        (2, 3, 67),  # 66.66…
        (199, 200, 100),  # 99.5 rounds up
        (1, 200, 1),  # 0.5 rounds up
        (0, 7, 0),
        (7, 7, 100),
    ],
)
def test_whole_percent_rounds_halves_up(part, whole, percent):
    assert whole_percent(part, whole) == percent
    assert format_percent(part, whole) == f"{percent}%"


def test_whole_percent_needs_a_sensible_part_and_whole():
    with pytest.raises(ValueError):
        whole_percent(1, 0)
    with pytest.raises(ValueError):
        whole_percent(5, 4)


# Wilson: with p = k/n and z² = 1.959964² = 3.841459,
#   centre = (p + z²/2n) / (1 + z²/n)
#   half   = z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²)


def test_wilson_eight_of_ten():
    # z²/n = 0.384146, so 1 + z²/n = 1.384146.
    # centre = (0.8 + 0.192073) / 1.384146 = 0.716740
    # half   = 1.415998 · √(0.016 + 0.009604) = 1.415998 · 0.160012 = 0.226578
    low, high = wilson_interval(8, 10)

    assert low == pytest.approx(0.490162, abs=1e-6)
    assert high == pytest.approx(0.943318, abs=1e-6)


def test_wilson_half_of_a_hundred():
    # z²/n = 0.038415; centre = 0.5 exactly.
    # half = 1.887460 · √(0.0025 + 0.000096) = 1.887460 · 0.050951 = 0.096168
    low, high = wilson_interval(50, 100)

    assert low == pytest.approx(0.403832, abs=1e-6)
    assert high == pytest.approx(0.596168, abs=1e-6)


def test_wilson_at_zero_and_at_n():
    # At k = 0 the interval is 0 to (z²/n) / (1 + z²/n) = 0.384146 / 1.384146 = 0.277533;
    # at k = n it is 1 / 1.384146 = 0.722467 to 1.
    assert wilson_interval(0, 10) == (0.0, pytest.approx(0.277533, abs=1e-6))
    assert wilson_interval(10, 10) == (pytest.approx(0.722467, abs=1e-6), 1.0)
    # One response: 1 / (1 + 3.841459) = 0.206549.
    assert wilson_interval(1, 1) == (pytest.approx(0.206549, abs=1e-6), 1.0)


def test_wilson_with_no_responses_is_none():
    assert wilson_interval(0, 0) is None


def test_wilson_refuses_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


def test_result_intervals_use_its_own_counts():
    result = FftResult.from_counts({1: 5, 2: 3, 4: 2})

    assert result.positive_interval() == wilson_interval(8, 10)
    assert result.negative_interval() == wilson_interval(2, 10)
