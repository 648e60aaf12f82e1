"""A span of personal data found in a comment, and the overlap test the finders share."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Found:
    kind: str
    start: int
    end: int
    original: str


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)
