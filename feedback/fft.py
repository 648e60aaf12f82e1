"""The Friends and Family Test as NHS England words it: the question, its answers and codes.

The wording must stay exact so results sit beside NHS partners' FFT figures.
Codes follow NHS England's return: 1 Very good … 5 Very poor, 6 Don't know.
"""

from __future__ import annotations

from enum import StrEnum


def _l(message: str) -> str:
    """Marks a message for the translation catalogue (`pybabel extract -k _l`).

    This module stays free of Flask so services and reports can use it; a
    resident page translates the English text where it shows it.
    """
    return message


QUESTION = _l("Overall, how was your experience of our service?")
WHY_QUESTION = _l("Please can you tell us why you gave your answer?")
COMMENT_MAX_CHARS = 2000

RATINGS = {
    1: _l("Very good"),
    2: _l("Good"),
    3: _l("Neither good nor poor"),
    4: _l("Poor"),
    5: _l("Very poor"),
    6: _l("Don't know"),
}
POSITIVE_RATINGS = frozenset({1, 2})
NEGATIVE_RATINGS = frozenset({4, 5})


class RespondentType(StrEnum):
    PERSON = "person"
    CARER = "carer"
    FAMILY_OR_FRIEND = "family_or_friend"
    SOMEONE_ELSE = "someone_else"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


RESPONDENT_LABELS = {
    RespondentType.PERSON: _l("The person who uses our services"),
    RespondentType.CARER: _l("A carer"),
    RespondentType.FAMILY_OR_FRIEND: _l("A family member or friend"),
    RespondentType.SOMEONE_ELSE: _l("Someone else"),
    RespondentType.PREFER_NOT_TO_SAY: _l("Prefer not to say"),
}


class Channel(StrEnum):
    WEB = "web"
    PAPER = "paper"


class FormFormat(StrEnum):
    """Which version of the form a resident answered: the standard one or easy read."""

    STANDARD = "standard"
    EASY_READ = "easy_read"
