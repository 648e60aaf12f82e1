"""Every figure of a stored summary as CSV rows (section, item, measure, value), and as JSON.

Hidden cells stay `*`: the rows are made from the stored display values, which
never hold a hidden number.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from feedback.spreadsheets import write_csv
from feedback.times import as_utc

HEADER = ("section", "item", "measure", "value")


Row = tuple[str, str, str, str]


def rows(content: dict[str, Any]) -> Iterator[Row]:
    """Every figure of a stored summary, monthly digest or annual pack."""
    if content["kind"] == "annual":
        yield from annual_rows(content)
    else:
        yield from digest_rows(content)


def _fft(section: str, units: list[dict[str, Any]]) -> Iterator[Row]:
    for unit in units:
        for measure in ("responses", "positive", "interval", "negative"):
            yield section, unit["name"], _measure(measure), unit[measure]


def _trend(trend: dict[str, Any]) -> Iterator[Row]:
    for month in trend["rows"]:
        yield "Trend", month["label"], "responses", month["responses"]
        yield "Trend", month["label"], "% positive", month["positive"]
    yield "Trend", "Latest month", "reading", trend["reading"]


def _counts(section: str, items: list[dict[str, Any]], measure: str) -> Iterator[Row]:
    for item in items:
        yield section, item["label"], measure, item["display"]


def _safeguarding(safeguarding: dict[str, Any]) -> Iterator[Row]:
    yield "Safeguarding", "Possible disclosures", "raised", str(safeguarding["raised"])
    if "alerts" in safeguarding:  # digests stored before the two tiers have no split
        yield "Safeguarding", "Possible disclosures", "emailed at once", str(safeguarding["alerts"])
        reviews = safeguarding["raised"] - safeguarding["alerts"]
        yield "Safeguarding", "Possible disclosures", "to read the same day", str(reviews)
    yield (
        "Safeguarding",
        "Possible disclosures",
        f"picked up within {safeguarding['target_hours']:g} hours",
        str(safeguarding["acknowledged_in_time"]),
    )


def digest_rows(content: dict[str, Any]) -> Iterator[Row]:
    fft = content["fft"]
    yield from _fft("FFT by team", [*fft["teams"], fft["overall"]])
    yield from _counts("FFT answers", content["ratings"], "responses")
    yield from _trend(content["trend"])
    yield from _counts("Answers by channel", content["volumes"]["channel"], "answers")
    yield from _counts("Answers by who", content["volumes"]["respondent"], "answers")
    yield from _counts("Comments by tone", content["sentiment"]["rows"], "comments")
    yield (
        "Comments by tone",
        "Words and tick box disagree",
        "comments",
        str(content["sentiment"]["disagreeing"]),
    )
    if "checked" in content["sentiment"]:  # digests stored before staff checked tones have none
        yield (
            "Comments by tone",
            "Tone checked by staff",
            "comments",
            str(content["sentiment"]["checked"]),
        )
    for theme in content["themes"]:
        for measure in ("count", "previous", "last_year", "change"):
            yield "Themes", theme["name"], _measure(measure), theme[measure]
    yield from _safeguarding(content["safeguarding"])
    for measure in ("opened", "completed", "open_now"):
        yield "You said, we did", "Actions", _measure(measure), str(content["actions"][measure])


def annual_rows(content: dict[str, Any]) -> Iterator[Row]:
    fft = content["fft"]
    yield from _fft("FFT by quarter", content["quarters"])
    yield from _fft("FFT by team", [*fft["teams"], fft["overall"]])
    yield from _trend(content["trend"])
    yield from _counts("Answers by channel", content["volumes"]["channel"], "answers")
    for theme in content["themes"]:
        yield "Themes", theme["name"], "answers mentioning it", theme["count"]
    for key, section in (("cqc", "CQC quality statement"), ("making_it_real", "Making it Real")):
        for item in content[key]:
            yield section, item["statement"], "mentions", item["mentions"]
    for line in content["went_well"]:
        yield "What went well", "", "finding", line
    for line in content["must_improve"]:
        yield "What we must improve", "", "finding", line
    for action in content["you_said_we_did"]:
        yield "You said, we did", action["you_said"], action["status"], action["we_did"]
    yield from _safeguarding(content["safeguarding"])


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
    write_csv(out, HEADER, rows(content))
    return out.getvalue()


def to_json(report: Any) -> str:
    """The stored summary for a designer: what it is, then every figure and text, no drawings."""
    document = {
        "kind": report.kind,
        "period": report.period,
        "version": report.version,
        "built_at": as_utc(report.built_at).isoformat() if report.built_at else None,
        "analyser_version": report.analyser_version,
        "built_from": report.counts,
        "content": _without_drawings(report.content),
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _without_drawings(value: Any) -> Any:
    """The SVG markup stays on the page; a designer draws their own from the figures."""
    if isinstance(value, dict):
        return {k: _without_drawings(v) for k, v in value.items() if not k.endswith("svg")}
    if isinstance(value, list):
        return [_without_drawings(item) for item in value]
    return value
