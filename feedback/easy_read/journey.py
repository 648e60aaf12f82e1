"""The easy read journey's screens, in order, and where each button leads.

Nothing is stored until the last screen's Send: every screen carries the answers
given so far in hidden fields, so Back and Change keep them without a session or
JavaScript. Pure: no Flask, no database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

QUESTIONS = ("how", "why", "helped")
CHECK = "check"
SCREENS = (*QUESTIONS, CHECK)
# The form field each question screen asks for.
FIELDS = {"how": "rating", "why": "comment", "helped": "helped"}
NEXT, BACK = "next", "back"
# Show the same screen again, as it is: the page's language buttons post the answers.
STAY = "stay"


@dataclass(frozen=True)
class Move:
    screen: str
    # Came from "Change" on the check screen: Next (or Back) returns there.
    changing: bool = False


def move(posted: str, go: str, *, changing: bool) -> Move:
    """Where pressing `go` on screen `posted` leads, before the answer is checked.

    `go` is "next", "back", "stay", or the question a Change button reopens.
    """
    if go == STAY:
        return Move(posted if posted in SCREENS else QUESTIONS[0], changing=changing)
    if go in QUESTIONS:
        return Move(go, changing=True)
    if posted == CHECK:
        return Move(QUESTIONS[-1] if go == BACK else CHECK)
    if posted not in QUESTIONS:
        return Move(QUESTIONS[0])
    if changing:
        return Move(CHECK)
    at = QUESTIONS.index(posted)
    if go == BACK:
        return Move(QUESTIONS[max(at - 1, 0)])
    return Move(SCREENS[at + 1])


def first_unanswered(errors: Mapping[str, Sequence[str]]) -> str | None:
    """The first question screen whose answer has a problem, if any."""
    for screen in QUESTIONS:
        if errors.get(FIELDS[screen]):
            return screen
    return None
