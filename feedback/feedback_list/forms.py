"""Forms for finding feedback, moderating quotes and recording "You said, we did" actions."""

from __future__ import annotations

import re
from datetime import datetime

from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovDateInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..fft import RATINGS, RESPONDENT_LABELS, Channel
from ..html_forms import HtmlForm
from ..models import Action, Source
from ..services.actions import STATUSES
from ..services.feedback_search import DISAGREE, SEARCH_MAX_CHARS, Filters
from ..services.moderation import APPROVED, QUOTE_MAX_CHARS, REJECTED

ANY = SelectChoice("", "Any")
CHANNEL_NAMES = {Channel.WEB.value: "Web (QR code)", Channel.PAPER.value: "Paper card"}
_NUMBERS = re.compile(r"\d+")


class DateParts(GovDateInput):
    """GOV.UK's three-box date input, which also copes with a URL that leaves the date out."""

    def map_gov_params(self, field, **kwargs):  # type: ignore[no-untyped-def]
        if field.raw_data is not None and len(field.raw_data) != 3:
            field.raw_data = None
        return super().map_gov_params(field, **kwargs)


class DayField(DateField):
    """A date typed as day, month and year boxes; all three blank means no date."""

    def __init__(self, label: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("widget", DateParts())
        super().__init__(label, format="%d %m %Y", **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        parts = [part.strip() for part in valuelist]
        self.data = None
        if not any(parts):
            return
        try:
            self.data = datetime.strptime(" ".join(parts), "%d %m %Y").date()
        except ValueError as problem:
            raise ValueError(f"{self.label.text} must be a real date, like 27 3 2026") from problem


class FilterForm(HtmlForm):
    """The list's filters. Sent by GET, so a filtered list is a link a manager can share."""

    class Meta:
        csrf = False

    received_from = DayField("Received from", validators=[Optional()])
    received_to = DayField("Received to", validators=[Optional()])
    source = SelectField("Team", choices=[ANY], validators=[Optional()], widget=GovSelect())
    channel = SelectField(
        "How it was sent",
        choices=[ANY, *(SelectChoice(value, label) for value, label in CHANNEL_NAMES.items())],
        validators=[Optional()],
        widget=GovSelect(),
    )
    rating = SelectField(
        "Rating",
        choices=[ANY, *(SelectChoice(str(code), str(label)) for code, label in RATINGS.items())],
        validators=[Optional()],
        widget=GovSelect(),
    )
    respondent_type = SelectField(
        "Who gave feedback",
        choices=[
            ANY,
            *(SelectChoice(k.value, str(label)) for k, label in RESPONDENT_LABELS.items()),
        ],
        validators=[Optional()],
        widget=GovSelect(),
    )
    has_comment = SelectField(
        "Comment",
        choices=[ANY, SelectChoice("yes", "With a comment"), SelectChoice("no", "No comment")],
        validators=[Optional()],
        widget=GovSelect(),
    )
    tone = SelectField(
        "Tone",
        choices=[
            ANY,
            SelectChoice("positive", "Positive"),
            SelectChoice("mixed", "Mixed"),
            SelectChoice("neutral", "Neutral"),
            SelectChoice("negative", "Negative"),
            SelectChoice(DISAGREE, "Words and tick box disagree"),
        ],
        validators=[Optional()],
        widget=GovSelect(),
    )
    tone_checked = SelectField(
        "Tone checked by staff",
        choices=[ANY, SelectChoice("yes", "Checked"), SelectChoice("no", "Not checked yet")],
        validators=[Optional()],
        widget=GovSelect(),
    )
    q = StringField(
        "Words in the comment",
        validators=[
            Optional(),
            Length(max=SEARCH_MAX_CHARS, message="Search for 200 characters or fewer"),
        ],
        widget=GovTextInput(),
    )
    submit = SubmitField("Apply filters", widget=GovSubmitInput())

    def with_teams(self, teams: list[Source]) -> FilterForm:
        self.source.choices = [ANY, *(SelectChoice(str(t.id), t.name) for t in teams)]
        return self

    def validate_received_to(self, field: DayField) -> None:
        start = self.received_from.data
        if start and field.data and field.data < start:
            raise ValidationError("Received to must be the same as or after received from")

    def filters(self) -> Filters:
        comment = {"yes": True, "no": False}.get(self.has_comment.data or "")
        checked = {"yes": True, "no": False}.get(self.tone_checked.data or "")
        return Filters(
            received_from=self.received_from.data,
            received_to=self.received_to.data,
            source_id=int(self.source.data) if self.source.data else None,
            channel=self.channel.data or None,
            rating=int(self.rating.data) if self.rating.data else None,
            respondent_type=self.respondent_type.data or None,
            has_comment=comment,
            words=(self.q.data or "").strip() or None,
            tone=self.tone.data or None,
            tone_checked=checked,
        )


class ModerationForm(HtmlForm):
    quote = TextAreaField(
        "Quote that may be published",
        validators=[
            Length(max=QUOTE_MAX_CHARS, message="The quote must be 2,000 characters or fewer")
        ],
        widget=GovCharacterCount(),
    )
    decision = RadioField(
        "Can this be quoted?",
        choices=[
            SelectChoice(APPROVED, "Yes, approve this quote for the board and the Local Account"),
            SelectChoice(REJECTED, "No, do not publish this comment"),
        ],
        validators=[InputRequired(message="Select whether this quote can be published")],
        invalid_choice_message="Select whether this quote can be published",
        widget=GovRadioInput(),
    )
    submit = SubmitField("Save decision", widget=GovSubmitInput())


TONE_CHOICES = {
    "positive": "Positive: praise or thanks",
    "mixed": "Mixed: praise and a complaint",
    "neutral": "Neutral: neither, or no opinion",
    "negative": "Negative: a complaint or criticism",
}


class ToneForm(HtmlForm):
    """A manager's reading of a comment's tone, kept beside the analyser's."""

    tone = RadioField(
        "What is the tone of this comment?",
        choices=[SelectChoice(value, label) for value, label in TONE_CHOICES.items()],
        validators=[InputRequired(message="Select the tone of the comment")],
        invalid_choice_message="Select the tone of the comment",
        widget=GovRadioInput(),
    )
    submit = SubmitField("Save the tone", widget=GovSubmitInput())


RAISE_CHOICES = {
    "alert": "Email the duty team now: it may be a clear disclosure",
    "review": "Put it in the queue to read today: a possible or indirect sign",
}
_RAISE = "Select whether to email the duty team now or to read it today"


class RaiseForm(HtmlForm):
    """A manager raising a comment the safeguarding detector did not flag."""

    tier = RadioField(
        "How soon must the duty team read it?",
        choices=[SelectChoice(value, label) for value, label in RAISE_CHOICES.items()],
        validators=[InputRequired(message=_RAISE)],
        invalid_choice_message=_RAISE,
        widget=GovRadioInput(),
    )
    submit = SubmitField("Raise with the duty team", widget=GovSubmitInput())


class ActionForm(HtmlForm):
    you_said = TextAreaField(
        "You said",
        validators=[
            InputRequired(message="Enter what people told us"),
            Length(max=2000, message="You said must be 2,000 characters or fewer"),
        ],
        widget=GovTextArea(),
    )
    we_did = TextAreaField(
        "We did",
        validators=[
            InputRequired(message="Enter what we did or will do"),
            Length(max=2000, message="We did must be 2,000 characters or fewer"),
        ],
        widget=GovTextArea(),
    )
    source = SelectField(
        "Team",
        choices=[SelectChoice("", "Not one team")],
        validators=[Optional()],
        widget=GovSelect(),
    )
    theme = SelectField(
        "Theme", choices=[SelectChoice("", "No theme")], validators=[Optional()], widget=GovSelect()
    )
    status = RadioField(
        "Status",
        choices=[SelectChoice(value, label) for value, label in STATUSES.items()],
        validators=[InputRequired(message="Select the action's status")],
        invalid_choice_message="Select the action's status",
        widget=GovRadioInput(),
    )
    action_date = DayField(
        "Date", validators=[InputRequired(message="Enter the date of the action")]
    )
    responses = StringField(
        "Feedback numbers this came from (optional)",
        validators=[Optional(), Length(max=500, message="List 500 characters or fewer")],
        widget=GovTextInput(),
    )
    submit = SubmitField("Save action", widget=GovSubmitInput())

    def with_choices(self, teams: list[Source], themes: list[tuple[str, str]]) -> ActionForm:
        self.source.choices = [
            SelectChoice("", "Not one team"),
            *(SelectChoice(str(t.id), t.name) for t in teams),
        ]
        self.theme.choices = [
            SelectChoice("", "No theme"),
            *(SelectChoice(name, name) for _slug, name in themes),
        ]
        return self

    def response_ids(self) -> list[int]:
        return sorted({int(number) for number in _NUMBERS.findall(self.responses.data or "")})

    def fill_from(self, action: Action) -> None:
        self.you_said.data = action.you_said
        self.we_did.data = action.we_did
        self.source.data = str(action.source_id) if action.source_id else ""
        self.theme.data = action.theme or ""
        self.status.data = action.status
        self.action_date.data = action.action_date


class LinkActionForm(HtmlForm):
    action = SelectField(
        "Action",
        choices=[],
        validators=[InputRequired(message="Select the action this feedback led to")],
        widget=GovSelect(),
    )
    submit = SubmitField("Link to this action", widget=GovSubmitInput())

    def with_actions(self, actions: list[Action]) -> LinkActionForm:
        self.action.choices = [
            SelectChoice(str(a.id), f"{a.action_date:%d %b %Y}: {_short(a.you_said)}")
            for a in actions
        ]
        return self


def _short(words: str, limit: int = 60) -> str:
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"
