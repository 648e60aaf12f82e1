import pytest

from reports.spc import (
    MIN_POINTS_TO_JUDGE,
    SHIFT_POINTS,
    TREND_POINTS,
    Direction,
    Rule,
    Verdict,
    read_latest,
    xmr_chart,
)

# Twelve months of % positive wobbling around 80%. By hand:
#   sum = 9.62, mean = 9.62 / 12 = 0.801667
#   moving ranges .02 .03 .02 .01 .02 .03 .02 .03 .02 .01 .02: sum .23, mean .23 / 11 = 0.020909
#   limits = 0.801667 ± 2.66 × 0.020909 = 0.801667 ± 0.055618 → 0.746048 to 0.857285
#   close  = 0.801667 ± 1.773333 × 0.020909 = 0.801667 ± 0.037079 → 0.764588 to 0.838746
# No point reaches the close lines, sides alternate within three, no run of rises.
FLAT = [0.80, 0.82, 0.79, 0.81, 0.80, 0.78, 0.81, 0.79, 0.82, 0.80, 0.81, 0.79]


def flagged(chart):
    return {i: point.rules for i, point in enumerate(chart.points) if point.special_cause}


def test_flat_series_with_noise_is_common_cause_only():
    chart = xmr_chart(FLAT)

    assert chart.mean == pytest.approx(0.801667, abs=1e-6)
    assert chart.mean_moving_range == pytest.approx(0.020909, abs=1e-6)
    assert chart.lower_limit == pytest.approx(0.746048, abs=1e-6)
    assert chart.upper_limit == pytest.approx(0.857285, abs=1e-6)
    assert chart.lower_close == pytest.approx(0.764588, abs=1e-6)
    assert chart.upper_close == pytest.approx(0.838746, abs=1e-6)
    assert flagged(chart) == {}
    assert [point.direction for point in chart.points] == [None] * 12
    assert chart.points[0].moving_range is None
    assert chart.points[1].moving_range == pytest.approx(0.02)
    assert read_latest(chart).verdict is Verdict.NO_REAL_CHANGE
    assert read_latest(chart).words == (
        "No real change: the latest month is within the usual ups and downs."
    )


def test_one_spike_above_the_limit_is_flagged():
    # Month 7 (index 6) jumps from 81% to 99%.
    #   mean = (9.62 − 0.81 + 0.99) / 12 = 9.80 / 12 = 0.816667
    #   moving ranges: the nine ordinary ones sum to .18, plus .21 and .20 around the
    #   spike: mean .59 / 11 = 0.053636. Screening drops ranges of 3.267 × 0.053636 =
    #   0.175229 or more, so .21 and .20 go: mean .18 / 9 = 0.02.
    #   upper limit = 0.816667 + 2.66 × 0.02 = 0.869867; 0.99 is above it.
    spike = [*FLAT[:6], 0.99, *FLAT[7:]]
    chart = xmr_chart(spike)

    assert chart.mean_moving_range == pytest.approx(0.02)
    assert chart.upper_limit == pytest.approx(0.869867, abs=1e-6)
    assert flagged(chart) == {6: {Rule.OUTSIDE_LIMITS}}
    assert chart.points[6].direction is Direction.IMPROVEMENT
    # The latest month is ordinary again.
    assert read_latest(chart).verdict is Verdict.NO_REAL_CHANGE


def test_without_screening_the_spike_widens_its_own_limits():
    # Mean moving range 0.053636: upper limit 0.816667 + 2.66 × 0.053636 = 0.959339.
    spike = [*FLAT[:6], 0.99, *FLAT[7:]]
    chart = xmr_chart(spike, screen_outliers=False)

    assert chart.mean_moving_range == pytest.approx(0.053636, abs=1e-6)
    assert chart.upper_limit == pytest.approx(0.959339, abs=1e-6)
    assert flagged(chart) == {6: {Rule.OUTSIDE_LIMITS}}


def test_a_latest_month_far_above_is_improving_and_far_below_is_getting_worse():
    better = xmr_chart([*FLAT[:11], 0.99])
    worse = xmr_chart([*FLAT[:11], 0.55])

    assert better.points[-1].rules == {Rule.OUTSIDE_LIMITS}
    assert read_latest(better).verdict is Verdict.IMPROVING
    assert read_latest(better).words == (
        "Improving: the latest month is better than the usual ups and downs explain."
    )
    assert worse.points[-1].direction is Direction.CONCERN
    assert read_latest(worse).verdict is Verdict.GETTING_WORSE
    assert read_latest(worse).words == (
        "Getting worse: the latest month is worse than the usual ups and downs explain."
    )


# Thirteen months around 70%, then seven around 75%. By hand:
#   sums 9.16 and 5.22: mean 14.38 / 20 = 0.719
#   moving ranges: .24 over the first thirteen months, .04 at the step, .08 after:
#   mean .36 / 19 = 0.018947; limits 0.719 ± 0.050400 → 0.668600 to 0.769400
# Every later month is above 0.719 and every earlier one that is above (0.72) is
# followed by one below, so the only long run is the last seven.
BEFORE = [0.70, 0.72, 0.69, 0.71, 0.70, 0.72, 0.69, 0.71, 0.70, 0.72, 0.69, 0.71, 0.70]
AFTER = [0.74, 0.75, 0.74, 0.76, 0.74, 0.75, 0.74]


def test_seven_months_above_the_mean_is_a_shift():
    chart = xmr_chart(BEFORE + AFTER)

    assert SHIFT_POINTS == 7
    assert chart.mean == pytest.approx(0.719)
    assert chart.mean_moving_range == pytest.approx(0.018947, abs=1e-6)
    assert chart.upper_limit == pytest.approx(0.7694, abs=1e-6)
    assert flagged(chart) == {i: {Rule.SHIFT} for i in range(13, 20)}
    assert {chart.points[i].direction for i in range(13, 20)} == {Direction.IMPROVEMENT}
    assert read_latest(chart).verdict is Verdict.IMPROVING


def test_six_months_above_the_mean_is_not_a_shift():
    chart = xmr_chart(BEFORE + AFTER[:6] + [0.70])

    assert flagged(chart) == {}


def test_a_shift_where_lower_is_better_is_a_concern():
    chart = xmr_chart(BEFORE + AFTER, higher_is_better=False)

    assert {chart.points[i].direction for i in range(13, 20)} == {Direction.CONCERN}
    assert read_latest(chart).verdict is Verdict.GETTING_WORSE


def test_a_point_on_the_mean_breaks_a_run():
    # Highs sum 3.20 + 0.70 + 2.40, lows 4.20: mean 10.5 / 15 = 0.7, exactly the fifth
    # month. It splits the highs into runs of four and three; the seven lows are a shift.
    highs = [0.80, 0.82, 0.78, 0.80, 0.70, 0.81, 0.79, 0.80]
    lows = [0.60, 0.62, 0.58, 0.60, 0.61, 0.59, 0.60]
    chart = xmr_chart(highs + lows, screen_outliers=False)

    assert chart.mean == pytest.approx(0.7)
    assert [Rule.SHIFT in point.rules for point in chart.points] == [False] * 8 + [True] * 7


# Ten ordinary months, then seven rising by half a point each: six rises in a row.
#   mean = (8.02 + 5.565) / 17 = 0.799118, so the run crosses the mean (no shift);
#   moving ranges sum to .25 over 16: 0.015625; limits 0.757555 to 0.840680.
RISE = [0.80, 0.82, 0.79, 0.81, 0.80, 0.78, 0.81, 0.79, 0.82, 0.80]
TREND = [0.78, 0.785, 0.79, 0.795, 0.80, 0.805, 0.81]


def test_seven_months_each_higher_than_the_last_is_a_trend():
    chart = xmr_chart(RISE + TREND)

    assert TREND_POINTS == 7
    assert chart.mean == pytest.approx(0.799118, abs=1e-6)
    assert chart.mean_moving_range == pytest.approx(0.015625)
    assert flagged(chart) == {i: {Rule.TREND} for i in range(10, 17)}
    # A rising trend is an improvement even where its first points sit below the mean.
    assert {chart.points[i].direction for i in range(10, 17)} == {Direction.IMPROVEMENT}
    assert read_latest(chart).verdict is Verdict.IMPROVING


def test_a_falling_trend_is_a_concern():
    chart = xmr_chart(RISE + TREND[::-1])

    assert flagged(chart) == {i: {Rule.TREND} for i in range(10, 17)}
    assert read_latest(chart).verdict is Verdict.GETTING_WORSE


def test_six_rising_months_or_a_repeat_is_not_a_trend():
    assert flagged(xmr_chart(RISE + TREND[:6] + [0.79])) == {}
    # The repeated 0.79 makes two runs of four, not one of seven.
    assert flagged(xmr_chart(RISE + [0.78, 0.785, 0.79, 0.79, 0.795, 0.80, 0.805])) == {}


def test_two_of_three_close_to_the_upper_limit():
    # FLAT then 86%, 83%, 86%:
    #   mean = (9.62 + 2.55) / 15 = 0.811333
    #   moving ranges .23 + .07 + .03 + .03 = .36 over 14: 0.025714
    #   close line 0.811333 + 1.773333 × 0.025714 = 0.856933; limit 0.879733
    # Both 86%s are between the close line and the limit; 83% is above the mean.
    chart = xmr_chart([*FLAT, 0.86, 0.83, 0.86])

    assert chart.upper_close == pytest.approx(0.856933, abs=1e-6)
    assert chart.upper_limit == pytest.approx(0.879733, abs=1e-6)
    assert flagged(chart) == {12: {Rule.TWO_OF_THREE}, 14: {Rule.TWO_OF_THREE}}
    assert read_latest(chart).verdict is Verdict.IMPROVING


def test_two_close_points_need_the_third_on_their_side_of_the_mean():
    # 86%, 86%, 80%: mean 0.809333, close line 0.854933. The windows holding both 86%s
    # also hold 79% or 80%, below the mean (NHSRplotthedots' rule).
    chart = xmr_chart([*FLAT, 0.86, 0.86, 0.80])

    assert chart.upper_close == pytest.approx(0.854933, abs=1e-6)
    assert flagged(chart) == {}


def test_limits_for_a_proportion_stay_between_0_and_1():
    # mean = 3 × 3.85 / 12 = 0.9625; moving ranges sum .85 over 11: 0.077273;
    # upper limit 0.9625 + 0.205545 = 1.168045, clamped to 1.
    values = [0.95, 1.0, 0.9, 1.0] * 3
    chart = xmr_chart(values)
    unclamped = xmr_chart(values, proportion=False)

    assert chart.upper_limit == 1.0
    assert chart.lower_limit == pytest.approx(0.756955, abs=1e-6)
    assert unclamped.upper_limit == pytest.approx(1.168045, abs=1e-6)
    assert flagged(chart) == flagged(unclamped) == {}


def test_too_few_months_to_judge_but_still_charted():
    chart = xmr_chart(FLAT[:8])

    assert MIN_POINTS_TO_JUDGE == 12
    assert chart.too_few_points
    assert chart.limits_provisional
    assert chart.upper_limit is not None
    assert read_latest(chart).verdict is Verdict.TOO_FEW_POINTS
    assert read_latest(chart).words == (
        "Too few months to judge: we have 8 and need at least 12 before we can tell "
        "a real change from the usual ups and downs."
    )
    assert not xmr_chart(FLAT).too_few_points
    assert xmr_chart(FLAT).limits_provisional
    assert not xmr_chart([*FLAT, 0.8, 0.81, 0.79]).limits_provisional


def test_empty_and_single_month_series():
    empty = xmr_chart([])
    one = xmr_chart([0.8])

    assert (empty.points, empty.mean, empty.upper_limit) == ((), None, None)
    assert read_latest(empty).verdict is Verdict.TOO_FEW_POINTS
    assert one.mean == 0.8
    assert (one.mean_moving_range, one.lower_limit, one.upper_limit) == (None, None, None)
    assert flagged(one) == {}


@pytest.mark.parametrize("values", [[0.8, 1.2], [0.8, float("nan")], [-0.1]])
def test_impossible_proportions_are_refused(values):
    with pytest.raises(ValueError):
        xmr_chart(values)
