"""The halves of an independent writer's case file, by the number that ends each id.

Odd ids ("sg4-0007") are read and tuned on; even ids are a check read as totals only. An id
with no number is in neither half.
"""

from __future__ import annotations

import re

ID_NUMBER = re.compile(r"(\d+)\D*$")


def in_half(case_id: str, which: str) -> bool:
    """Is the case with this id in the "odd" (or "even") half?"""
    found = ID_NUMBER.search(case_id)
    return found is not None and int(found.group(1)) % 2 == (1 if which == "odd" else 0)


def half(cases: list[dict], which: str) -> list[dict]:
    """The cases whose id ends in an odd (or even) number: "rd-0007" is odd."""
    return [c for c in cases if in_half(c["id"], which)]
