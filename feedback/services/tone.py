"""Staff checking a comment's tone: the analyser's reading, confirmed or changed by a person.

The analyser's label (`sentiment_label`) stays as analysis wrote it, and a re-score
redoes it. The tone a member of staff chose (`sentiment_checked`) is kept beside it:
analysis never writes it, and the summaries count it in the analyser's place
(`Response.tone`). Each check goes in the audit log with the analyser's label at
the time, so who changed what can always be seen.

`agreement` counts, in SQL, how the analyser's current labels compare with what staff
chose: the analyser measured on real comments, read by the people who use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from ..fft import NEGATIVE_RATINGS, POSITIVE_RATINGS
from ..insight.sentiment import LABELS
from ..models import Response, StaffUser
from ..times import utcnow
from . import audit

TONES = LABELS  # positive, mixed, neutral, negative
# The three classes the FFT sentiment goals are counted in: mixed and neutral together.
THREE_CLASSES = {
    "positive": "positive",
    "mixed": "middle",
    "neutral": "middle",
    "negative": "negative",
}


def words_and_tick_disagree() -> ColumnElement[bool]:
    """The comment's tone and its tick box pull opposite ways: praise with "Poor", or a
    complaint with "Good". The tone is staff's where checked (`Response.tone`)."""
    return ((Response.tone == "negative") & Response.rating.in_(POSITIVE_RATINGS)) | (
        (Response.tone == "positive") & Response.rating.in_(NEGATIVE_RATINGS)
    )


class ToneError(ValueError):
    """The tone cannot be recorded; the message says what to do."""


def check_tone(session: Session, response: Response, tone: str, by: StaffUser) -> None:
    """Record the tone a member of staff read in the comment, and commit."""
    if tone not in TONES:
        raise ToneError("Select the tone of the comment")
    if not (response.comment or response.redacted_comment):
        raise ToneError("This response has no comment to read, so it has no tone to check")
    before = response.sentiment_checked
    response.sentiment_checked = tone
    response.sentiment_checked_at = utcnow()
    audit.record(
        session,
        by,
        "response.tone_checked",
        f"response:{response.id}",
        tone=tone,
        analyser=response.sentiment_label,
        **({"before": before} if before and before != tone else {}),
    )
    session.commit()


def forget_check(response: Response) -> str | None:
    """Clear a check whose words have changed (a corrected card); the caller commits.

    Returns the tone that was cleared, for the caller's audit entry.
    """
    before = response.sentiment_checked
    response.sentiment_checked = None
    response.sentiment_checked_at = None
    return before


@dataclass(frozen=True)
class Agreement:
    """The analyser's label against the tone staff chose, over every checked comment that
    the analyser has labelled too."""

    # (analyser's label, staff's tone) -> how many comments.
    pairs: dict[tuple[str, str], int]
    # Checked comments with no analyser's label (not analysed yet): left out of the figures.
    unanalysed: int = 0

    @property
    def checked(self) -> int:
        return sum(self.pairs.values())

    def folded(self, classes: dict[str, str]) -> dict[tuple[str, str], int]:
        """The same counts with the tones merged into `classes` (THREE_CLASSES)."""
        merged: dict[tuple[str, str], int] = {}
        for (analyser, staff), count in self.pairs.items():
            key = (classes[analyser], classes[staff])
            merged[key] = merged.get(key, 0) + count
        return merged

    def _counts(self, classes: dict[str, str] | None) -> dict[tuple[str, str], int]:
        return self.folded(classes) if classes else self.pairs

    def recall(self, tone: str, classes: dict[str, str] | None = None) -> tuple[int, int]:
        """Of the comments staff gave `tone`, how many the analyser gave it too."""
        pairs = self._counts(classes)
        total = sum(count for (_, staff), count in pairs.items() if staff == tone)
        return pairs.get((tone, tone), 0), total

    def agreed(self, classes: dict[str, str] | None = None) -> int:
        pairs = self._counts(classes)
        return sum(count for (analyser, staff), count in pairs.items() if analyser == staff)

    def macro_f1(self, classes: dict[str, str] | None = None) -> float | None:
        """The mean F1 over the tones staff or the analyser used at least once."""
        pairs = self._counts(classes)
        used = {staff for _, staff in pairs} | {analyser for analyser, _ in pairs}
        scores = []
        for tone in sorted(used):
            both = pairs.get((tone, tone), 0)
            staff_said = sum(count for (_, staff), count in pairs.items() if staff == tone)
            analyser_said = sum(count for (analyser, _), count in pairs.items() if analyser == tone)
            scores.append(2 * both / (staff_said + analyser_said))
        return sum(scores) / len(scores) if scores else None


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.3f})" if whole else f"{part}/0"


def agreement_lines(found: Agreement) -> list[str]:
    """The analyser against staff, as lines to print: four tones, then three classes."""
    waiting = f"; {found.unanalysed} more not analysed yet" if found.unanalysed else ""
    if not found.checked:
        return [f"No analysed comment's tone has been checked by staff yet{waiting}."]
    lines = [f"Analysed comments whose tone staff checked: {found.checked}{waiting}"]
    for title, classes in (
        ("Four tones", None),
        ("Three classes, mixed and neutral as one", THREE_CLASSES),
    ):
        names = sorted(set(classes.values())) if classes else list(TONES)
        f1 = found.macro_f1(classes)
        agreed = _share(found.agreed(classes), found.checked)
        lines.append(
            f"{title}: the analyser agrees with staff on {agreed}"
            + (f", macro-F1 {f1:.3f}" if f1 is not None else "")
        )
        for name in names:
            found_of = _share(*found.recall(name, classes))
            lines.append(f"  {name} (staff's reading): the analyser found {found_of}")
    lines.append("Staff's tone by the analyser's label (staff <- analyser: comments):")
    for (analyser, staff), count in sorted(
        found.pairs.items(), key=lambda item: (item[0][1], item[0][0])
    ):
        lines.append(f"  {staff} <- {analyser}: {count}")
    return lines


def agreement(session: Session) -> Agreement:
    label, checked = Response.sentiment_label, Response.sentiment_checked
    query = (
        select(label, checked, func.count()).where(checked.is_not(None)).group_by(label, checked)
    )
    pairs: dict[tuple[str, str], int] = {}
    unanalysed = 0
    for analyser, staff, count in session.execute(query):
        if analyser is None:
            unanalysed += count
        else:
            pairs[(analyser, staff)] = count
    return Agreement(pairs, unanalysed)


# The export of checked tones: the columns `evaluate_sentiment` reads (text, rating,
# label, question) and the analyser's label and version beside them.
CHECKED_COLUMNS = ("text", "rating", "label", "question", "analyser_label", "analyser_version")


def checked_rows(session: Session) -> Iterator[tuple[object, ...]]:
    """Every comment whose tone staff checked, as its redacted words (never the original),
    its tick box and the tone staff chose: labelled card answers to measure or train on."""
    query = (
        select(
            Response.redacted_comment,
            Response.rating,
            Response.sentiment_checked,
            Response.sentiment_label,
            Response.analyser_version,
        )
        .where(Response.sentiment_checked.is_not(None), Response.redacted_comment.is_not(None))
        .order_by(Response.id)
        .execution_options(yield_per=500)
    )
    for text, rating, checked, analyser, version in session.execute(query):
        # Every stored comment answers the card's "why did you give your answer?".
        yield (text, rating or "", checked, "why", analyser or "", version or "")
