"""Easy read pages. Glue only: check the screen's answer, show the next screen, or store.

Every screen posts all the answers so far back to the journey (hidden fields carry
those not on show), so nothing is stored until Send, and Back keeps every answer.
Send goes through the same service as the standard form: one-time token, rate
limit, analysis and safeguarding in the same transaction.
"""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import Markup
from sqlalchemy.exc import OperationalError

from ..analysis_setup import analysis_setup
from ..db import get_session
from ..fft import QUESTION, Channel, FormFormat
from ..known_teams import known_teams
from ..rate_limits import limit_posts
from ..resident.views import URGENT_HELP
from ..services.answers import (
    Answer,
    StorageUnavailable,
    Submission,
    new_submission_token,
    store_answer,
    usable_token,
)
from ..services.sources import resolve_card
from .forms import EasyReadForm
from .journey import CHECK, FIELDS, NEXT, QUESTIONS, SCREENS, STAY, first_unanswered, move
from .pictures import PICTURES, face_svg, picture_svg

bp = Blueprint("easy_read", __name__)

# The session key the thank-you page reads, as on the standard form.
# Beside "Yes, someone helped me" two people; beside "No, I did it myself" one.
_HELPED = {"yes": "people", "no": "one_person"}
FORM_ID = "easy-read-answers"


@bp.route("/easy-read", methods=["GET", "POST"], defaults={"reference": None})
@bp.route("/f/<reference>/easy-read", methods=["GET", "POST"])
def journey(reference: str | None):
    if request.method == "GET":
        form = EasyReadForm(formdata=None)
        form.token.data = new_submission_token()
        return _show(reference, form, QUESTIONS[0])

    form = EasyReadForm()
    form.token.data = usable_token(form.token.data)
    form.validate()
    posted = form.screen.data if form.screen.data in SCREENS else QUESTIONS[0]
    # A language button posts the answers too: the same screen comes back in that language.
    go = STAY if request.form.get("lang") else request.form.get("go", NEXT)
    step = move(posted, go, changing=form.changing.data == "yes")
    if go == NEXT and posted in QUESTIONS and form.errors.get(FIELDS[posted]):
        changing = form.changing.data == "yes"
        return _show(reference, form, posted, changing=changing, problem=True, status=400)
    if step.screen == CHECK and (missing := first_unanswered(form.errors)):
        return _show(reference, form, missing, problem=True, status=400)
    return _show(reference, form, step.screen, changing=step.changing)


@bp.post("/easy-read/send", defaults={"reference": None})
@bp.post("/f/<reference>/easy-read/send")
@limit_posts("FEEDBACK_RATE_LIMIT")
def send(reference: str | None):
    form = EasyReadForm()
    form.token.data = usable_token(form.token.data)
    if not form.validate():
        screen = first_unanswered(form.errors) or CHECK
        return _show(reference, form, screen, problem=True, status=400)
    answer = Answer(
        rating=int(form.rating.data),
        comment=form.comment.data,
        helped=form.helped_value(),
        language=str(get_locale() or "en"),
    )
    submission = Submission(
        answer=answer,
        channel=Channel.WEB,
        token=form.token.data,
        reference=reference,
        form_format=FormFormat.EASY_READ,
    )
    try:
        stored = store_answer(get_session(), submission, analysis_setup(), known=known_teams())
    except StorageUnavailable:
        current_app.logger.exception(
            "An easy read answer could not be stored; the resident was asked to retry"
        )
        notice = _(
            "We could not send your answers just now. Your answers are still here. "
            "Please wait a minute. Then press Send again."
        )
        return _show(reference, form, CHECK, notice=notice, status=503)
    if stored.safeguarding:
        session[URGENT_HELP] = True
    return redirect(url_for("easy_read.thanks"))


@bp.get("/easy-read/thank-you")
def thanks():
    return render_template(
        "easy_read/thanks.html",
        urgent=session.pop(URGENT_HELP, False),
        pictures={name: _svg(picture_svg(name)) for name in PICTURES},
    )


def _show(
    reference: str | None,
    form: EasyReadForm,
    screen: str,
    *,
    changing: bool = False,
    problem: bool = False,
    notice: str | None = None,
    status: int = 200,
):
    """Render `screen` with every answer so far, and (`problem`) what is wrong with its own."""
    form.screen.data = screen
    form.changing.data = "yes" if changing else ""
    field = FIELDS.get(screen)
    message = form.errors[field][0] if problem and field and form.errors.get(field) else None
    return (
        render_template(
            f"easy_read/{screen}.html",
            form=form,
            team=_team(reference),
            notice=notice,
            problem=message,
            field=field,
            question=_(QUESTION),
            faces=[
                {"value": value, "words": words, "picture": _svg(face_svg(int(value)))}
                for value, words, *_rest in form.rating.iter_choices()
            ],
            helped_choices=[
                {"value": value, "words": words, "picture": _svg(picture_svg(_HELPED[value]))}
                for value, words, *_rest in form.helped.iter_choices()
            ],
            # The page's language buttons post this form, so a change of language keeps answers.
            language_form=FORM_ID,
            journey_url=_url("easy_read.journey", reference),
            send_url=_url("easy_read.send", reference),
        ),
        status,
    )


@bp.errorhandler(CSRFError)
def _expired(error: CSRFError):
    return _refill(
        _(
            "This page was open a long time, so we could not go on. "
            "Your answers are still here. Please press the button again."
        ),
        400,
    )


@bp.errorhandler(429)
def _too_many(error: Exception):
    return _refill(
        _(
            "A lot of answers were sent from your connection just now. "
            "Your answers are still here. Please wait a minute. Then press Send again."
        ),
        429,
    )


def _refill(notice: str, status: int):
    """Show the screen again with every answer, when something other than them stopped it."""
    form = EasyReadForm()
    form.validate()  # binds the posted answers; their problems are not the point here
    form.token.data = usable_token(form.token.data)
    screen = form.screen.data if form.screen.data in SCREENS else QUESTIONS[0]
    reference = (request.view_args or {}).get("reference")
    changing = form.changing.data == "yes"
    return _show(reference, form, screen, changing=changing, notice=notice, status=status)


def _url(endpoint: str, reference: str | None) -> str:
    return url_for(endpoint, reference=reference) if reference else url_for(endpoint)


def _team(reference: str | None) -> str | None:
    try:
        origin = resolve_card(get_session(), reference, known_teams())
    except OperationalError:
        # The screens still work while the database is away; Send will retry.
        get_session().rollback()
        return None
    return origin.source.name if origin.recognised else None


def _svg(svg: str) -> Markup:
    # Our own drawings (easy_read.pictures): no text from anyone else is in them.
    return Markup(svg)  # noqa: S704  # nosec B704
