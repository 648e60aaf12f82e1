"""Forms for sources and card batches."""

from __future__ import annotations

from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import IntegerField, RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange

from ..html_forms import HtmlForm
from ..services.cards import MAX_QUANTITY, SHEETS, VARIANTS


class SourceForm(HtmlForm):
    code = StringField(
        "Short code",
        description="2 to 6 letters or numbers, printed on every card, like FD. "
        "Not the letters I, L, O or U.",
        validators=[
            InputRequired(message="Enter a short code"),
            Length(max=6, message="Use 6 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    name = StringField(
        "Team or service point",
        validators=[InputRequired(message="Enter the team's name"), Length(max=120)],
        widget=GovTextInput(),
    )
    submit = SubmitField("Add source", widget=GovSubmitInput())


class BatchForm(HtmlForm):
    quantity = IntegerField(
        "How many cards",
        validators=[
            InputRequired(message="Enter how many cards to print"),
            NumberRange(
                min=1, max=MAX_QUANTITY, message=f"Enter a number between 1 and {MAX_QUANTITY:,}"
            ),
        ],
        widget=GovTextInput(),
    )
    variant = RadioField(
        "Card",
        choices=[SelectChoice(key, label) for key, label in VARIANTS.items()],
        default="a6",
        validators=[InputRequired(message="Choose a card")],
        widget=GovRadioInput(),
    )
    sheet = RadioField(
        "Printed on",
        choices=[SelectChoice(key, label) for key, label in SHEETS.items()],
        default="a4",
        validators=[InputRequired(message="Choose a sheet size")],
        widget=GovRadioInput(),
    )
    language = RadioField(
        "Language",
        # Filled in per request from the languages the site has translations for.
        choices=[],
        default="en",
        validators=[InputRequired(message="Choose a language")],
        widget=GovRadioInput(),
    )
    submit = SubmitField("Order cards", widget=GovSubmitInput())
