"""Resident pages. Glue only: validate, call one service, redirect or render."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError

from ..analysis_setup import analysis_setup
from ..db import get_session
from ..fft import Channel
from ..i18n import available_languages, language_name
from ..known_teams import known_teams
from ..rate_limits import limit_posts
from ..services.actions import completed_actions
from ..services.answers import (
    Answer,
    StorageUnavailable,
    Submission,
    store_answer,
    usable_token,
)
from ..services.cards import VARIANTS as CARD_VARIANTS
from ..services.sources import resolve_card
from .blank_form import blank_form
from .forms import FeedbackForm

bp = Blueprint("resident", __name__)
# Set when a stored answer may tell of harm: the thank-you page then says where to get help.
URGENT_HELP = "urgent_help"
FORM_ID = "feedback-form"  # the language buttons post this form, so answers are kept


def _render_form(
    reference: str | None, form: FeedbackForm, notice: str | None = None, status: int = 200
):
    return _draw(reference, form, _team(reference), notice), status


def _draw(
    reference: str | None, form: FeedbackForm, team: str | None, notice: str | None = None
) -> str:
    return render_template(
        "resident/form.html",
        form=form,
        team=team,
        notice=notice,
        reference=reference,
        language_form=FORM_ID,
    )


def _blank_form(reference: str | None):
    team = _team(reference)

    def draw(drawn_reference: str | None, token: str, csrf_token: str) -> str:
        form = FeedbackForm()
        form.token.data = token
        form.csrf_token.current_token = csrf_token
        return _draw(drawn_reference, form, team)

    return blank_form(reference, team, draw)


def _team(reference: str | None) -> str | None:
    # Twice: a connection a database restart cut fails once, and the pool then
    # connects afresh (feedback/db.py pings only connections that sat idle).
    for _attempt in range(2):
        try:
            origin = resolve_card(get_session(), reference, known_teams())
            return origin.source.name if origin.recognised else None
        except OperationalError:
            get_session().rollback()
    # The form still works while the database is away; sending will retry.
    return None


@bp.get("/")
def start():
    return render_template("resident/start.html")


@bp.route("/f/", methods=["GET", "POST"], defaults={"reference": None})
@bp.route("/f/<reference>", methods=["GET", "POST"])
@limit_posts("FEEDBACK_RATE_LIMIT")
def feedback(reference: str | None):
    if request.method == "GET":
        return _blank_form(reference)

    form = FeedbackForm()
    form.token.data = usable_token(form.token.data)
    if "lang" in request.form:
        # A language button: the same answers again in that language, nothing stored.
        return _render_form(reference, form)
    if not form.validate_on_submit():
        return _render_form(reference, form, status=400)
    answer = Answer(
        rating=int(form.rating.data),
        comment=form.comment.data,
        respondent_type=form.respondent_type.data or None,
        helped=form.helped_value(),
        language=str(get_locale() or "en"),
    )
    submission = Submission(
        answer=answer, channel=Channel.WEB, token=form.token.data, reference=reference
    )
    try:
        stored = store_answer(get_session(), submission, analysis_setup(), known=known_teams())
    except StorageUnavailable:
        current_app.logger.exception(
            "An answer could not be stored; the resident was asked to retry"
        )
        notice = _(
            "We could not save your feedback just now. Your answers are still here: "
            "please press ‘Send feedback’ again in a minute."
        )
        return _render_form(reference, form, notice=notice, status=503)
    if stored.safeguarding:
        session[URGENT_HELP] = True
    return redirect(url_for("resident.thanks"))


@bp.get("/thank-you")
def thanks():
    return render_template("resident/thanks.html", urgent=session.pop(URGENT_HELP, False))


@bp.get("/privacy")
def privacy():
    return render_template("resident/privacy.html")


@bp.get("/accessibility")
def accessibility():
    config = current_app.config
    return render_template(
        "resident/accessibility.html",
        tested_on=date.fromisoformat(config["FEEDBACK_ACCESSIBILITY_TESTED_ON"]),
        prepared_on=date.fromisoformat(config["FEEDBACK_ACCESSIBILITY_PREPARED_ON"]),
        reviewed_on=date.fromisoformat(config["FEEDBACK_ACCESSIBILITY_REVIEWED_ON"]),
        # The statement offers only formats the service has: it reads them from the code.
        languages=[(code, language_name(code)) for code in available_languages() if code != "en"],
        card_variants=set(CARD_VARIANTS),
        easy_read_form="easy_read.journey" in current_app.view_functions,
    )


@bp.get("/you-said-we-did")
def you_said_we_did():
    return render_template(
        "resident/you_said_we_did.html", actions=completed_actions(get_session())
    )


def _refill(notice: str, status: int):
    """Show the resident's answers again, with a fresh token and a plain message.

    Used when something other than their answers stopped the submission, so
    nothing they typed is lost: sending again stores it.
    """
    form = FeedbackForm()
    form.validate()  # binds the posted answers; their errors are not the point here
    for field in form:
        field.errors = []
    form.token.data = usable_token(form.token.data)
    reference = (request.view_args or {}).get("reference")
    return _render_form(reference, form, notice=notice, status=status)


def refill_after_csrf_error(error: CSRFError):
    """An expired or missing session cookie must not throw away what a resident typed."""
    if request.endpoint != "resident.feedback":
        return render_template("errors/csrf.html"), 400
    return _refill(
        _(
            "Your page had been open a long time, so we could not send your feedback yet. "
            "Your answers are still here: please press ‘Send feedback’ again."
        ),
        400,
    )


def refill_after_rate_limit(error):  # type: ignore[no-untyped-def]
    if request.endpoint != "resident.feedback":
        return render_template("errors/429.html"), 429
    return _refill(
        _(
            "A lot of feedback has been sent from your connection in the last few minutes. "
            "Your answers are still here: please wait a minute, then press ‘Send feedback’ again."
        ),
        429,
    )
