"""The Friends and Family Test form a resident answers."""

from __future__ import annotations

from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput
from wtforms import HiddenField, RadioField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from ..fft import COMMENT_MAX_CHARS, QUESTION, RATINGS, RESPONDENT_LABELS, WHY_QUESTION
from ..html_forms import HtmlForm
from ..i18n import plural_categories
from ..widgets import CachedRender

_CHOOSE_RATING = _l("Select how your experience of our service was")


class _TranslatedErrorPrefix:
    """GOV.UK widgets say "Error:" to screen readers before a message: in the page's language."""

    def map_gov_params(self, field, **kwargs):  # type: ignore[no-untyped-def]
        params = super().map_gov_params(field, **kwargs)  # type: ignore[misc]
        if "errorMessage" in params:
            params["errorMessage"]["visuallyHiddenText"] = gettext("Error")
        return params


class RadioWidget(CachedRender, _TranslatedErrorPrefix, GovRadioInput):
    pass


class CharacterCountWidget(CachedRender, _TranslatedErrorPrefix, GovCharacterCount):
    typed = "value"


class SubmitWidget(CachedRender, GovSubmitInput):
    pass


class FeedbackForm(HtmlForm):
    rating = RadioField(
        _l(QUESTION),
        choices=[SelectChoice(str(code), _l(label)) for code, label in RATINGS.items()],
        validators=[InputRequired(message=_CHOOSE_RATING)],
        invalid_choice_message=_CHOOSE_RATING,
        widget=RadioWidget(),
    )
    comment = TextAreaField(
        _l(WHY_QUESTION),
        validators=[
            Optional(),
            Length(
                max=COMMENT_MAX_CHARS,
                message=_l("Your answer must be 2,000 characters or fewer"),
            ),
        ],
        widget=CharacterCountWidget(),
    )
    respondent_type = RadioField(
        _l("Who is giving feedback? (optional)"),
        choices=[SelectChoice(kind.value, _l(label)) for kind, label in RESPONDENT_LABELS.items()],
        validators=[Optional()],
        invalid_choice_message=_l("Select who is giving feedback, or leave it blank"),
        widget=RadioWidget(),
    )
    helped = RadioField(
        _l("Did someone help you fill this in? (optional)"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validators=[Optional()],
        invalid_choice_message=_l("Select yes or no, or leave it blank"),
        widget=RadioWidget(),
    )
    # One-time token for this view of the form: makes a double tap store one answer.
    token = HiddenField()
    submit = SubmitField(_l("Send feedback"), widget=SubmitWidget())

    @staticmethod
    def count_messages() -> dict[str, dict[str, str]]:
        """The character count's live messages, one per plural category of the page's language."""
        return {
            "under": plural_categories(
                lambda n: ngettext(
                    "You have %%{count} character remaining",
                    "You have %%{count} characters remaining",
                    n,
                )
            ),
            "over": plural_categories(
                lambda n: ngettext(
                    "You have %%{count} character too many",
                    "You have %%{count} characters too many",
                    n,
                )
            ),
        }

    def helped_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.helped.data or "")
