"""Every figure of a stored digest as CSV rows: section, item, measure, value.

Hidden cells stay `*`: the rows are made from the stored display values, which
never hold a hidden number.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from feedback.spreadsheets import write_csv

HEADER = ("section", "item", "measure", "value")


def digest_rows(content: dict[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    fft = content["fft"]
    for unit in [*fft["teams"], fft["overall"]]:
        for measure in ("responses", "positive", "interval", "negative"):
            yield "FFT by team", unit["name"], _measure(measure), unit[measure]
    for answer in content["ratings"]:
        yield "FFT answers", answer["label"], "responses", answer["display"]
    for month in content["trend"]["rows"]:
        yield "Trend", month["label"], "responses", month["responses"]
        yield "Trend", month["label"], "% positive", month["positive"]
    yield "Trend", "Latest month", "reading", content["trend"]["reading"]
    for key, section in (("channel", "Answers by channel"), ("respondent", "Answers by who")):
        for item in content["volumes"][key]:
            yield section, item["label"], "answers", item["display"]
    for item in content["sentiment"]["rows"]:
        yield "Comments by tone", item["label"], "comments", item["display"]
    yield (
        "Comments by tone",
        "Words and tick box disagree",
        "comments",
        str(content["sentiment"]["disagreeing"]),
    )
    for theme in content["themes"]:
        for measure in ("count", "previous", "last_year", "change"):
            yield "Themes", theme["name"], _measure(measure), theme[measure]
    safeguarding = content["safeguarding"]
    yield "Safeguarding", "Possible disclosures", "raised", str(safeguarding["raised"])
    yield (
        "Safeguarding",
        "Possible disclosures",
        f"picked up within {safeguarding['target_hours']:g} hours",
        str(safeguarding["acknowledged_in_time"]),
    )
    for measure in ("opened", "completed", "open_now"):
        yield "You said, we did", "Actions", _measure(measure), str(content["actions"][measure])


_MEASURES = {
    "positive": "% positive",
    "negative": "% negative",
    "interval": "95% range of % positive",
    "count": "this month",
    "previous": "last month",
    "last_year": "same month last year",
    "change": "change on last month",
    "open_now": "still open",
}


def _measure(key: str) -> str:
    return _MEASURES.get(key, key)


def to_csv(content: dict[str, Any]) -> str:
    out = io.StringIO()
    write_csv(out, HEADER, digest_rows(content))
    return out.getvalue()
