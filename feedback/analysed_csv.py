"""The `analyse` command's file: a CSV of comments in, the same rows with the analysis out.

Rows are read and written one at a time, so a file of any size takes little
memory. Pure like `insight`: no Flask, no database (an import contract says so).
Reading ratings and reporting a bad input are `insight.csvfile`'s; this adds the
safeguarding tier and the council's keep terms.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import TextIO

from .insight import analyse
from .insight.csvfile import InputProblem, Summary, parse_rating

ADDED_COLUMNS = (
    "sentiment",
    "sentiment_score",
    "themes",
    "safeguarding",
    "safeguarding_tier",
    "redacted",
)

__all__ = ["ADDED_COLUMNS", "InputProblem", "Summary", "analyse_csv", "parse_rating"]


def analyse_csv(
    source: TextIO,
    target: TextIO,
    *,
    keep: frozenset[str] = frozenset(),
    progress: Callable[[int], None] | None = None,
    progress_every: int = 1000,
) -> Summary:
    """Copy `source` to `target` with ADDED_COLUMNS after its own.

    `safeguarding` is true for either tier; `safeguarding_tier` says which
    ("alert": the duty team would be emailed now; "review": read today), or is
    empty. `keep`: place and organisation names redaction leaves in.
    """
    reader = csv.DictReader(source)
    columns = reader.fieldnames or []
    if "text" not in columns:
        found = ", ".join(columns) or "no header row"
        raise InputProblem(f"The input needs a column called 'text' (found: {found}).")
    clashes = [name for name in ADDED_COLUMNS if name in columns]
    if clashes:
        raise InputProblem(f"The input already has columns this would add: {', '.join(clashes)}.")
    writer = csv.DictWriter(target, fieldnames=[*columns, *ADDED_COLUMNS], lineterminator="\n")
    writer.writeheader()
    summary = Summary()
    for row in reader:
        summary.rows += 1
        raw_rating = row.get("rating")
        rating = parse_rating(raw_rating)
        if rating is None and (raw_rating or "").strip():
            summary.unrecognised_ratings.append(summary.rows)
        result = analyse(row["text"], rating=rating, keep=keep)
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
