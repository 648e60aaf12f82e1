"""The easy read form: the same answers as the standard form, in short words."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from ..fft import COMMENT_MAX_CHARS, RATINGS
from ..html_forms import HtmlForm
from ..resident.forms import FeedbackForm

PICK_A_FACE = _l("Please pick a face")
PICK_YES_OR_NO = _l("Please pick yes or no")


class EasyReadForm(HtmlForm):
    rating = RadioField(
        choices=[SelectChoice(str(code), _l(label)) for code, label in RATINGS.items()],
        validators=[InputRequired(message=PICK_A_FACE)],
        invalid_choice_message=PICK_A_FACE,
    )
    comment = TextAreaField(
        validators=[
            Optional(),
            Length(
                max=COMMENT_MAX_CHARS,
                message=_l("Please write less. You can use up to 2,000 letters and spaces."),
            ),
        ],
    )
    helped = RadioField(
        choices=[
            SelectChoice("yes", _l("Yes, someone helped me")),
            SelectChoice("no", _l("No, I did it myself")),
        ],
        validators=[InputRequired(message=PICK_YES_OR_NO)],
        invalid_choice_message=PICK_YES_OR_NO,
    )
    # One-time token for this journey: a double tap on Send stores one answer.
    token = HiddenField()
    # The screen this page showed, and whether it was opened by "Change".
    screen = HiddenField()
    changing = HiddenField()

    # The character count speaks as on the standard form, in the page's plural forms.
    count_messages = staticmethod(FeedbackForm.count_messages)

    def helped_value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.helped.data or "")
