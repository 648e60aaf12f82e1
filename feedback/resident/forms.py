"""The Friends and Family Test form a resident answers."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput
from wtforms import HiddenField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from ..fft import COMMENT_MAX_CHARS, QUESTION, RATINGS, RESPONDENT_LABELS, WHY_QUESTION

_CHOOSE_RATING = _l("Select how your experience of our service was")


class FeedbackForm(FlaskForm):
    rating = RadioField(
        QUESTION,
        choices=[SelectChoice(str(code), label) for code, label in RATINGS.items()],
        validators=[InputRequired(message=_CHOOSE_RATING)],
        invalid_choice_message=_CHOOSE_RATING,
        widget=GovRadioInput(),
    )
    comment = TextAreaField(
        WHY_QUESTION,
        validators=[
            Optional(),
            Length(
                max=COMMENT_MAX_CHARS,
                message=_l("Your answer must be 2,000 characters or fewer"),
            ),
        ],
        widget=GovCharacterCount(),
    )
    respondent_type = RadioField(
        _l("Who is giving feedback? (optional)"),
        choices=[SelectChoice(kind.value, label) for kind, label in RESPONDENT_LABELS.items()],
        validators=[Optional()],
        invalid_choice_message=_l("Select who is giving feedback, or leave it blank"),
        widget=GovRadioInput(),
    )
    helped = RadioField(
        _l("Did someone help you fill this in? (optional)"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validators=[Optional()],
        invalid_choice_message=_l("Select yes or no, or leave it blank"),
        widget=GovRadioInput(),
    )
    # One-time token for this view of the form: makes a double tap store one answer.
    token = HiddenField()
    submit = SubmitField(_l("Send feedback"), widget=GovSubmitInput())

    def helped_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.helped.data or "")
