"""The duty team's form: acknowledging an alert with what they found."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from ..html_forms import HtmlForm
from .wording import OUTCOME_CHOICES

_CHOOSE = "Select what you found when you read it"


class AcknowledgeForm(HtmlForm):
    outcome = RadioField(
        "What did you find?",
        choices=[SelectChoice(value, label) for value, label in OUTCOME_CHOICES.items()],
        validators=[InputRequired(message=_CHOOSE)],
        invalid_choice_message=_CHOOSE,
        widget=GovRadioInput(),
    )
    submit = SubmitField("I have read this and acted on it", widget=GovSubmitInput())
