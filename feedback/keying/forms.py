"""Forms for keying freepost cards: opening a batch, one card, a correction."""

from __future__ import annotations

from datetime import date
from typing import Any

from govuk_frontend_wtf.main import wtforms_errors
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovDateInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import Field, HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..fft import COMMENT_MAX_CHARS, RATINGS, RESPONDENT_LABELS
from ..html_forms import HtmlForm
from ..times import london_today

NOT_TICKED = "0"
RATING_HINT = (
    ", ".join(f"{code} {label}" for code, label in RATINGS.items())
    + ", 0 if no box or more than one box is ticked"
)
_RATING_PROBLEM = "Enter the number of the box ticked, from 1 to 6, or 0 if none is ticked"


class DayMonthYearField(Field):
    """A GOV.UK date input (day, month, year) that says exactly what is wrong with a date."""

    widget = GovDateInput()

    def __init__(self, label: str, **kwargs: Any) -> None:
        super().__init__(label, **kwargs)
        self.parts: list[str] = ["", "", ""]

    def _value(self) -> str:
        return self.data.strftime("%d %m %Y") if self.data else ""

    def process_formdata(self, valuelist: list[str]) -> None:
        # Called only for a posted form: three boxes, any of them possibly missing.
        self.parts = [part.strip() for part in (list(valuelist) + ["", "", ""])[:3]]
        self.raw_data = self.parts
        self.data = None

    def pre_validate(self, form: Any) -> None:
        if getattr(self, "raw_data", None) is None:
            return  # nothing posted: the default stands
        name = self.label.text
        day, month, year = self.parts
        if not any(self.parts):
            raise ValidationError(f"Enter the {name.lower()}")
        missing = [
            what
            for what, part in zip(("day", "month", "year"), self.parts, strict=True)
            if not part
        ]
        if missing:
            raise ValidationError(f"{name} must include a {' and a '.join(missing)}")
        if not all(part.isdigit() for part in self.parts) or len(year) != 4:
            raise ValidationError(f"{name} must be a real date, like 27 3 2025")
        try:
            self.data = date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{name} must be a real date, like 27 3 2025") from None
        if self.data > london_today():
            raise ValidationError(f"{name} must be today or in the past")


class OpenBatchForm(HtmlForm):
    received_on = DayMonthYearField("Date received", default=london_today)
    label = StringField(
        "Tray or box label (optional)",
        validators=[Optional(), Length(max=80, message="The label must be 80 characters or fewer")],
        widget=GovTextInput(),
    )
    submit = SubmitField("Open batch", widget=GovSubmitInput())

    def error_summary(self) -> dict[str, Any]:
        # The summary links to the first box of the date, which can take focus.
        summary = wtforms_errors(self)
        for item in summary["errorList"]:
            if item["href"] == "#received_on":
                item["href"] = "#received_on-day"
        return summary


class CardForm(HtmlForm):
    """One card, in the order the keyer reads it. Ratings are typed as one digit."""

    reference = StringField(
        "Card reference",
        validators=[InputRequired(message="Enter the card reference")],
        widget=GovTextInput(),
    )
    rating = StringField(
        "Rating (1 to 6, or 0)",
        description=RATING_HINT,
        validators=[InputRequired(message=_RATING_PROBLEM)],
        widget=GovTextInput(),
    )
    comment = TextAreaField(
        "Comment, as written on the card",
        validators=[
            Optional(),
            Length(
                max=COMMENT_MAX_CHARS,
                message="The comment must be 2,000 characters or fewer: key the first 2,000 "
                "and keep the card for the manager",
            ),
        ],
        widget=GovCharacterCount(),
    )
    respondent_type = RadioField(
        "Who is giving feedback",
        choices=[
            SelectChoice("", "Not given"),
            *(SelectChoice(kind.value, label) for kind, label in RESPONDENT_LABELS.items()),
        ],
        default="",
        validators=[Optional()],
        invalid_choice_message="Select who is giving feedback, or Not given",
        widget=GovRadioInput(),
    )
    helped = RadioField(
        "Did someone help them fill it in",
        choices=[
            SelectChoice("", "Not given"),
            SelectChoice("yes", "Yes"),
            SelectChoice("no", "No"),
        ],
        default="",
        validators=[Optional()],
        invalid_choice_message="Select yes, no or Not given",
        widget=GovRadioInput(),
    )

    def validate_rating(self, field: Field) -> None:
        value = (field.data or "").strip()
        if value not in {NOT_TICKED, *map(str, RATINGS)}:
            raise ValidationError(_RATING_PROBLEM)
        field.data = value

    def rating_value(self) -> int | None:
        return None if self.rating.data == NOT_TICKED else int(self.rating.data)

    def helped_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.helped.data or "")

    def fill_from(self, response: Any) -> None:
        self.reference.data = response.card_reference
        self.rating.data = NOT_TICKED if response.rating is None else str(response.rating)
        self.comment.data = response.comment or ""
        self.respondent_type.data = response.respondent_type or ""
        self.helped.data = {True: "yes", False: "no"}.get(response.helped, "")


DIFFERENT = "different"
DUPLICATE = "duplicate"


class KeyCardForm(CardForm):
    # One-time token for this view of the form: a double submit stores one card.
    token = HiddenField()
    # The reference the keyer was warned about; their decision applies only to it.
    flagged = HiddenField()
    decision = RadioField(
        "What do you want to do with this card?",
        choices=[
            SelectChoice(DIFFERENT, "It is a different card — save it"),
            SelectChoice(DUPLICATE, "It is a duplicate — skip it"),
        ],
        validators=[Optional()],
        invalid_choice_message="Select whether it is a different card or a duplicate",
        widget=GovRadioInput(),
    )
    submit = SubmitField("Save and key next", widget=GovSubmitInput())


class CorrectCardForm(CardForm):
    submit = SubmitField("Save correction", widget=GovSubmitInput())
