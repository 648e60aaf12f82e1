import re
import xml.etree.ElementTree as ET

import pytest

from reports.charts import bar_chart_svg, spc_chart_svg
from reports.pictures import PICTURES, picture_svg
from reports.spc import Direction, xmr_chart
from reports.suppression import SUPPRESSED

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LABELS = [f"{month} 2025" for month in MONTHS]

# Ten months alternating 80% / 84%, then 98% and 60%. By hand:
#   sum = 5 × 0.80 + 5 × 0.84 + 0.98 + 0.60 = 9.78, mean = 9.78 / 12 = 0.815 → "82%" (half up)
#   moving ranges: nine of 0.04, then 0.14 and 0.38; mean 0.88 / 11 = 0.08
#   screening: 0.38 ≥ 3.267 × 0.08 = 0.261 is left out, so the mean moving range is
#   (9 × 0.04 + 0.14) / 10 = 0.05
#   limits = 0.815 ± 2.66 × 0.05 = 0.815 ± 0.133 → 0.682 ("68%") to 0.948 ("95%")
# 98% is above the upper limit (improvement), 60% below the lower (concern); the rest
# alternate sides of the mean and stay inside the close lines (0.726 to 0.904).
VALUES = [0.80, 0.84] * 5 + [0.98, 0.60]


def parse(svg):
    return ET.fromstring(svg)


def texts(root):
    """Every piece of visible text, tspans of one label joined with a space."""
    return [" ".join(part.strip() for part in el.itertext()) for el in root.iter(f"{SVG}text")]


def months(root):
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "month"]


def marker(group):
    (found,) = [el for el in group if "marker" in (el.get("class") or "").split()]
    return found


def bar_rows(root):
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "row"]


def is_bar(el):
    return el.tag == f"{SVG}rect" and el.get("class") == "bar"


def flagged_chart():
    chart = xmr_chart(VALUES)
    svg = spc_chart_svg(
        chart, LABELS, title="% positive by month", description="It went up, then down."
    )
    return chart, svg


EVERY_KIND = {
    "spc": lambda: flagged_chart()[1],
    "spc short": lambda: spc_chart_svg(
        xmr_chart([0.7]), ["Jan 2025"], title="t", description="d", id_prefix="short"
    ),
    "spc empty": lambda: spc_chart_svg(xmr_chart([]), [], title="t", description="d"),
    "spc counts": lambda: spc_chart_svg(
        xmr_chart([3, 50, 7, 12], proportion=False),
        LABELS[:4],
        title="t",
        description="d",
        percent=False,
    ),
    "bars": lambda: bar_chart_svg(
        [("Front Door", 12, "12"), ("Carers Link", None, SUPPRESSED)],
        title="t",
        description="d",
        id_prefix="teams",
    ),
    "bars empty": lambda: bar_chart_svg([], title="t", description="d", id_prefix="none"),
    **{name: (lambda name=name: picture_svg(name, label=name)) for name in PICTURES},
}


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_every_svg_is_an_accessible_scalable_image(kind):
    svg = EVERY_KIND[kind]()
    root = parse(svg)

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root[0], root[1]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text and desc.text
    assert len(root.get("viewBox").split()) == 4
    assert root.get("width") in (None, "100%")
    assert root.get("height") is None
    assert "max-width" in root.get("style")
    assert root.get("font-family") == "arial, sans-serif"
    for text in root.iter(f"{SVG}text"):
        assert float(text.get("font-size")) >= 12
    for el in root.iter():
        assert el.tag not in (f"{SVG}script", f"{SVG}image", f"{SVG}a", f"{SVG}foreignObject")
        assert not [name for name in el.attrib if name.startswith("on") or "href" in name]
    for forbidden in ("<script", 'href="http', "<image", "url("):
        assert forbidden not in svg


def test_title_and_description_are_the_callers_words_escaped():
    svg = spc_chart_svg(
        xmr_chart(VALUES),
        LABELS,
        title="Front Door & <Reablement>",
        description='"% positive" rose',
        id_prefix="board-1",
    )
    root = parse(svg)

    assert root.get("aria-labelledby") == "board-1-title board-1-desc"
    assert root.find(f"{SVG}title").text == "Front Door & <Reablement>"
    assert root.find(f"{SVG}desc").text == '"% positive" rose'
    assert "&amp;" in svg and "&lt;Reablement&gt;" in svg


def test_two_charts_on_a_page_get_different_ids():
    first = parse(spc_chart_svg(xmr_chart(VALUES), LABELS, title="a", description="b"))
    second = parse(
        spc_chart_svg(xmr_chart(VALUES), LABELS, title="a", description="b", id_prefix="spc-2")
    )

    assert first[0].get("id") != second[0].get("id")


def test_an_id_prefix_that_would_break_aria_labelledby_is_refused():
    with pytest.raises(ValueError, match="id_prefix"):
        bar_chart_svg([("a", 1, "1")], title="t", description="d", id_prefix="two words")


def test_one_marker_per_month_in_order():
    _, svg = flagged_chart()
    groups = months(parse(svg))

    assert len(groups) == 12
    assert [g.find(f"{SVG}title").text for g in groups[:2]] == ["Jan 2025: 80%", "Feb 2025: 84%"]
    assert groups[10].find(f"{SVG}title").text == "Nov 2025: 98%, improvement"
    assert groups[11].find(f"{SVG}title").text == "Dec 2025: 60%, concern"


def test_special_cause_points_differ_in_shape_not_only_colour():
    chart, svg = flagged_chart()
    assert [p.direction for p in chart.points[10:]] == [Direction.IMPROVEMENT, Direction.CONCERN]
    groups = months(parse(svg))
    common, improvement, concern = marker(groups[0]), marker(groups[10]), marker(groups[11])

    assert len({common.tag, improvement.tag, concern.tag}) == 3
    assert improvement.get("fill") != concern.get("fill")
    assert all(marker(g).tag == common.tag for g in groups[:10])


def test_the_legend_names_every_shape():
    _, svg = flagged_chart()
    root = parse(svg)
    (legend,) = [g for g in root.iter(f"{SVG}g") if g.get("class") == "legend"]
    shapes = [el.tag for el in legend if "marker" in (el.get("class") or "")]
    words = [el.text for el in legend.iter(f"{SVG}text")]

    assert words == ["Usual ups and downs", "Improvement", "Concern"]
    assert shapes == [f"{SVG}circle", f"{SVG}rect", f"{SVG}path"]


def test_limits_and_average_are_labelled_in_whole_percent():
    chart, svg = flagged_chart()
    assert chart.upper_limit == pytest.approx(0.948)
    assert chart.lower_limit == pytest.approx(0.682)
    words = texts(parse(svg))

    assert "Upper limit 95%" in words
    assert "Average 82%" in words
    assert "Lower limit 68%" in words


def test_limits_are_dashed_and_the_average_solid():
    _, svg = flagged_chart()
    lines = [line for line in parse(svg).iter(f"{SVG}line") if line.get("stroke") == "#0b0c0c"]

    assert sorted(line.get("stroke-dasharray") is not None for line in lines) == [
        False,
        True,
        True,
    ]


def test_every_month_is_named_under_the_axis():
    _, svg = flagged_chart()
    words = texts(parse(svg))

    assert [label for label in LABELS if label in words] == LABELS


def test_long_series_thins_month_names_but_keeps_the_latest():
    labels = [f"{month} {year}" for year in (2023, 2024, 2025) for month in MONTHS]
    svg = spc_chart_svg(xmr_chart([0.8, 0.82] * 18), labels, title="t", description="d")
    named = [label for label in labels if label in texts(parse(svg))]

    assert len(months(parse(svg))) == 36
    assert 4 < len(named) < 36
    assert named[-1] == "Dec 2025"


def test_y_ticks_are_whole_percentages():
    _, svg = flagged_chart()
    ticks = [w for w in texts(parse(svg)) if re.fullmatch(r"\d+%", w)]

    assert len(ticks) >= 3
    assert "100%" in ticks and "60%" in ticks


def test_counts_are_not_shown_as_percentages():
    svg = spc_chart_svg(
        xmr_chart([3, 5, 4, 6], proportion=False),
        LABELS[:4],
        title="t",
        description="d",
        percent=False,
    )
    words = texts(parse(svg))

    assert "Average 4.5" in words
    assert not [w for w in words if w.endswith("%")]


def test_a_single_month_has_an_average_but_no_limits():
    chart = xmr_chart([0.7])
    assert chart.mean_moving_range is None
    words = texts(parse(spc_chart_svg(chart, ["Jan 2025"], title="t", description="d")))

    assert "Average 70%" in words
    assert not [w for w in words if "limit " in w]
    assert "Too few months to draw process limits." in words


def test_a_short_series_says_its_limits_are_provisional():
    chart = xmr_chart(VALUES[:6])
    words = texts(parse(spc_chart_svg(chart, LABELS[:6], title="t", description="d")))

    assert any(w.startswith("Limits are provisional: 6 months") for w in words)


def test_an_empty_chart_says_no_data():
    root = parse(spc_chart_svg(xmr_chart([]), [], title="Trend", description="Nothing yet."))

    assert "No data" in texts(root)
    assert months(root) == []
    assert root.find(f"{SVG}title").text == "Trend"


def test_a_label_per_month_is_required():
    with pytest.raises(ValueError, match="labels"):
        spc_chart_svg(xmr_chart(VALUES), LABELS[:-1], title="t", description="d")


TEAMS = [("Front Door", 12, "12"), ("Reablement", 30, "30"), ("Carers Link", None, SUPPRESSED)]


def test_bars_have_their_values_written_beside_them():
    rows = bar_rows(parse(bar_chart_svg(TEAMS, title="t", description="d", id_prefix="teams")))

    assert [texts(row) for row in rows] == [
        ["Front Door", "12"],
        ["Reablement", "30"],
        ["Carers Link", "*"],
    ]
    front_door, reablement = (next(el for el in row if is_bar(el)) for row in rows[:2])
    assert float(reablement.get("width")) == pytest.approx(float(front_door.get("width")) * 30 / 12)


def test_a_suppressed_row_draws_no_bar():
    rows = bar_rows(parse(bar_chart_svg(TEAMS, title="t", description="d", id_prefix="teams")))

    assert [any(is_bar(el) for el in row) for row in rows] == [True, True, False]
    assert texts(rows[2])[-1] == SUPPRESSED


def test_a_zero_draws_no_bar_but_says_zero():
    rows = bar_rows(
        parse(
            bar_chart_svg(
                [("Post", 0, "0"), ("Web", 4, "4")], title="t", description="d", id_prefix="ch"
            )
        )
    )

    assert texts(rows[0]) == ["Post", "0"]
    assert not any(is_bar(el) for el in rows[0])


def test_the_bar_chart_grows_with_its_rows():
    def height(rows):
        svg = bar_chart_svg(rows, title="t", description="d", id_prefix="h")
        return float(parse(svg).get("viewBox").split()[3])

    assert height(TEAMS * 2) > height(TEAMS) > height(TEAMS[:1])


def test_a_long_label_wraps_instead_of_being_cut():
    label = "Reablement and recovery team for the north and east localities " * 2
    svg = bar_chart_svg([(label, 5, "5")], title="t", description="d", id_prefix="wrap")
    (row,) = bar_rows(parse(svg))
    lines = texts(row)[:-1]

    assert len(lines) >= 2
    assert " ".join(lines) == label.strip()


def test_bars_with_nothing_to_show_say_no_data():
    svg = bar_chart_svg([], title="t", description="d", id_prefix="empty")

    assert "No data" in texts(parse(svg))


@pytest.mark.parametrize("name", PICTURES)
def test_every_picture_draws_with_its_label(name):
    root = parse(picture_svg(name, label="Good", size=120))

    assert root.find(f"{SVG}title").text == "Good"
    assert root.find(f"{SVG}desc").text
    assert "max-width: 120px" in root.get("style")
    assert len(list(root)) > 3


def test_the_pictures_are_the_easy_read_set_and_all_different():
    assert set(PICTURES) == {
        "thumbs_up",
        "thumbs_down",
        "people",
        "letter",
        "phone",
        "speech",
        "shield",
        "check",
        "calendar",
        "chart",
    }
    bodies = {
        b"".join(ET.tostring(el) for el in parse(picture_svg(name, label="x"))[2:])
        for name in PICTURES
    }
    assert len(bodies) == len(PICTURES)


def test_the_same_picture_twice_can_have_its_own_ids():
    first = parse(picture_svg("check", label="Done"))
    second = parse(picture_svg("check", label="Done", id_prefix="check-2"))

    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_an_unknown_picture_is_refused():
    with pytest.raises(ValueError, match="no picture called 'rocket'"):
        picture_svg("rocket", label="Rocket")
