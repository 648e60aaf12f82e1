"""The `analyse` command's file: a CSV of comments in, the same rows with the analysis out,
row by row, without holding the file in memory."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar

from . import analyse
from .sentiment import LABELLERS, RATING_NAMES

# `safeguarding` is true for either tier; `safeguarding_tier` says which.
ADDED_COLUMNS = (
    "sentiment",
    "sentiment_score",
    "themes",
    "safeguarding",
    "safeguarding_tier",
    "redacted",
)
T = TypeVar("T")
_RATING_WORDS = {name.lower(): code for code, name in RATING_NAMES.items()}
_RATING_WORDS["dont know"] = 6


class InputProblem(ValueError):
    """The input cannot be analysed as it is; the message says what to change."""


@dataclass
class Summary:
    rows: int = 0
    flagged: int = 0
    unrecognised_ratings: list[int] = field(default_factory=list)


def parse_rating(value: str | None) -> int | None:
    """FFT 1–6 or the answer's words ("Very good"); None when blank or unrecognised."""
    text = (value or "").strip().lower().replace("’", "'")
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= 6:
        return int(text)
    return _RATING_WORDS.get(text)


def _readable(reader: csv.DictReader, read: Callable[[], T]) -> T:
    """What `read` reads, or an InputProblem that says which line and what to change."""
    try:
        return read()
    except UnicodeDecodeError:
        # The decoder reads ahead of the csv module: no line number to give.
        raise InputProblem(
            "The file is not UTF-8 text: save it as CSV UTF-8 and try again."
        ) from None
    except csv.Error as error:
        raise InputProblem(
            f"Near line {reader.line_num + 1}, the file cannot be read as CSV: {error}."
        ) from None


def _rows(reader: csv.DictReader) -> Iterator[dict[str | None, Any]]:
    while (row := _readable(reader, lambda: next(reader, None))) is not None:
        if None in row:
            # More fields than the header names: where they belong is anyone's guess.
            raise InputProblem(f"Line {reader.line_num} has more fields than the header row names.")
        yield row


def analyse_csv(
    source: TextIO,
    target: TextIO,
    *,
    keep: frozenset[str] = frozenset(),
    mixed: str = LABELLERS,
    progress: Callable[[int], None] | None = None,
    progress_every: int = 1000,
) -> Summary:
    """Copy `source` to `target` with ADDED_COLUMNS after its own.

    `safeguarding` is true for either tier; `safeguarding_tier` says which
    ("alert": the duty team would be emailed now; "review": read today), or is
    empty. `keep`: place and organisation names redaction leaves in. `mixed`: how a
    comment that praises and complains is labelled.
    """
    reader = csv.DictReader(source)
    columns = _readable(reader, lambda: reader.fieldnames) or []
    if "text" not in columns:
        found = ", ".join(columns) or "no header row"
        raise InputProblem(f"The input needs a column called 'text' (found: {found}).")
    clashes = [name for name in ADDED_COLUMNS if name in columns]
    if clashes:
        raise InputProblem(f"The input already has columns this would add: {', '.join(clashes)}.")
    writer = csv.DictWriter(target, fieldnames=[*columns, *ADDED_COLUMNS], lineterminator="\n")
    writer.writeheader()
    summary = Summary()
    for row in _rows(reader):
        summary.rows += 1
        raw_rating = row.get("rating")
        rating = parse_rating(raw_rating)
        if rating is None and (raw_rating or "").strip():
            summary.unrecognised_ratings.append(summary.rows)
        result = analyse(row["text"], rating=rating, keep=keep, mixed=mixed)
        summary.flagged += result.safeguarding.flagged
        row.update(
            sentiment=result.sentiment.label,
            sentiment_score=f"{result.sentiment.score:.3f}",
            themes=";".join(theme.slug for theme in result.themes),
            safeguarding="true" if result.safeguarding.flagged else "false",
            safeguarding_tier=result.safeguarding.tier or "",
            redacted=result.redaction.text,
        )
        writer.writerow(row)
        if progress and summary.rows % progress_every == 0:
            progress(summary.rows)
    return summary
