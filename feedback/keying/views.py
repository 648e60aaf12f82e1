"""Keying freepost cards: open a batch, key card after card, close it, correct a card.

Glue only: validate, call one service, redirect or render.
"""

from __future__ import annotations

from datetime import datetime

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import session as browser_session
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from ..analysis_setup import analysis_setup
from ..db import get_session
from ..fft import RATINGS, RESPONDENT_LABELS
from ..models import KeyingBatch, Response
from ..services import drafts, keying
from ..services.answers import StorageUnavailable, new_submission_token, usable_token
from ..services.card_references import (
    EarlierAnswer,
    KeyedReference,
    ReferenceProblem,
    read_reference,
)
from ..staff.access import allow, keeps_draft, protect
from ..staff.forms import ConfirmForm
from ..times import format_london
from .forms import (
    DIFFERENT,
    DUPLICATE,
    CardForm,
    CorrectCardForm,
    KeyCardForm,
    OpenBatchForm,
)

bp = Blueprint("keying", __name__, url_prefix="/staff/keying")
protect(bp)

KEYERS = ("keyer", "manager")
LATEST_CARDS = 20
FIELD_NAMES = {
    "card_reference": "Card reference",
    "source": "Team",
    "rating": "Rating",
    "comment": "Comment",
    "respondent_type": "Who is giving feedback",
    "helped": "Helped",
    "sentiment_checked": "Tone checked by staff",
}


@bp.context_processor
def _presentation() -> dict[str, object]:
    return {"when": _when, "shown": _shown, "field_names": FIELD_NAMES}


def _when(moment: datetime | None) -> str:
    return f"on {format_london(moment)}"


def _shown(field: str, value: object) -> str:
    """A stored value as a keyer would read it on the card."""
    if field == "rating":
        return "Not ticked" if value is None else f"{value} {RATINGS[value]}"  # type: ignore[index]
    if field == "sentiment_checked":
        return "not checked" if value is None else str(value)
    if value is None or value == "":
        return "not given"
    if field == "helped":
        return "Yes" if value else "No"
    if field == "respondent_type":
        return str(RESPONDENT_LABELS.get(value, value))  # type: ignore[call-overload]
    if field == "comment":
        return f"“{value}”"
    return str(value)


@bp.get("/")
@allow(*KEYERS)
def index():
    session = get_session()
    return render_template(
        "staff/keying/index.html",
        open_batches=keying.batches(session, open_only=True),
        closed_batches=keying.batches(session, open_only=False, limit=10),
    )


@bp.route("/batches/new", methods=["GET", "POST"])
@allow(*KEYERS)
def new_batch():
    form = OpenBatchForm()
    if form.validate_on_submit():
        batch = keying.open_batch(
            get_session(), current_user.account, form.received_on.data, form.label.data
        )
        return redirect(url_for("keying.batch", batch_id=batch.id))
    return render_template("staff/keying/new_batch.html", form=form), 400 if form.errors else 200


@bp.route("/batches/<int:batch_id>", methods=["GET", "POST"])
@allow(*KEYERS)
@keeps_draft
def batch(batch_id: int):
    found = get_session().get(KeyingBatch, batch_id)
    if found is None:
        return _not_found("That batch")
    if request.method == "GET":
        form = _kept_card() or KeyCardForm()
        form.token.data = form.token.data or new_submission_token()
        return _keying_page(found, form)
    form = KeyCardForm()
    form.token.data = usable_token(form.token.data)
    if found.closed_at is not None:
        return _keying_page(found, form, status=409)
    reference = _read_reference(form)
    if reference is None:
        return _keying_page(found, form, status=400)

    flagged_before = form.flagged.data == reference.reference
    decision = form.decision.data if flagged_before else None
    if decision == DUPLICATE:
        keying.skip_duplicate(
            get_session(), found, current_user.account, reference, form.token.data
        )
        return redirect(url_for("keying.batch", batch_id=found.id, skipped=reference.reference))
    try:
        result = keying.key_card(
            get_session(),
            found,
            current_user.account,
            _card(form, reference),
            form.token.data,
            analysis_setup(),
            different_card=decision == DIFFERENT,
        )
    except keying.BatchClosed:
        return _keying_page(found, form, status=409)
    except StorageUnavailable:
        current_app.logger.exception(
            "A keyed card could not be stored; the keyer was asked to retry"
        )
        # Shown on this page: the card as typed is still in the form.
        flash(
            "The card could not be saved just now. What you typed is still here: "
            "press ‘Save and key next’ again in a minute."
        )
        return _keying_page(found, form, status=503)
    if result.needs_decision:
        form.flagged.data = reference.reference
        form.decision.data = None
        if flagged_before:
            form.decision.errors.append("Select whether it is a different card or a duplicate")
        return _keying_page(found, form, earlier=result.earlier, status=400 if form.errors else 200)
    return redirect(url_for("keying.batch", batch_id=found.id, last=result.response_id))


def _kept_card() -> KeyCardForm | None:
    """The card typed when the session ended (staff.access kept it), filled in, not saved."""
    token = browser_session.pop("draft", None)
    if token is None:
        return None
    fields = drafts.take_draft(get_session(), token, request.path, current_user.id)
    if fields is None:
        return None
    flash("This is the card you were keying when you were signed out. Check it, then save it.")
    return KeyCardForm(formdata=MultiDict(fields))


def _keying_page(
    found: KeyingBatch,
    form: KeyCardForm,
    earlier: tuple[EarlierAnswer, ...] = (),
    status: int = 200,
):
    session = get_session()
    last = request.args.get("last", type=int)
    # While keying, only the latest cards are listed so the page stays quick in a big pile.
    show_all = found.closed_at is not None or request.args.get("all") == "1"
    return (
        render_template(
            "staff/keying/batch.html",
            batch=found,
            form=form,
            earlier=earlier,
            count=keying.count_cards(session, found.id),
            cards=keying.batch_cards(session, found.id, None if show_all else LATEST_CARDS),
            skipped=keying.count_skipped(session, found.id),
            last=session.get(Response, last) if last and request.method == "GET" else None,
            skipped_reference=request.args.get("skipped") if request.method == "GET" else None,
            ratings=RATINGS,
        ),
        status,
    )


@bp.route("/batches/<int:batch_id>/close", methods=["GET", "POST"])
@allow(*KEYERS)
def close_batch(batch_id: int):
    found = get_session().get(KeyingBatch, batch_id)
    if found is None:
        return _not_found("That batch")
    form = ConfirmForm()
    if found.closed_at is None and form.validate_on_submit():
        keying.close_batch(get_session(), found, current_user.account)
        return redirect(url_for("keying.batch", batch_id=found.id))
    if found.closed_at is not None:
        return redirect(url_for("keying.batch", batch_id=found.id))
    session = get_session()
    return render_template(
        "staff/keying/close_batch.html",
        batch=found,
        form=form,
        cards=keying.count_cards(session, found.id),
        skipped=keying.count_skipped(session, found.id),
    )


@bp.route("/cards/<int:response_id>", methods=["GET", "POST"])
@allow(*KEYERS)
def correct_card(response_id: int):
    session = get_session()
    response = session.get(Response, response_id)
    if response is None or response.keying_batch_id is None:
        return _not_found("That card")
    if current_user.role == "keyer" and response.keyed_by_id != current_user.id:
        abort(403)  # keyers correct their own cards; a manager can correct any
    form = CorrectCardForm()
    if request.method == "GET":
        form.fill_from(response)
    else:
        reference = _read_reference(form)
        if reference is not None:
            changed = keying.correct_card(
                session, response, current_user.account, _card(form, reference), analysis_setup()
            )
            flash(
                f"Corrected card {response.card_reference}: {', '.join(changed)}."
                if changed
                else f"Nothing changed on card {response.card_reference}."
            )
            return redirect(url_for("keying.batch", batch_id=response.keying_batch_id))
    return (
        render_template(
            "staff/keying/correct.html",
            form=form,
            response=response,
            corrections=keying.corrections(session, response.id),
        ),
        400 if form.errors else 200,
    )


def _read_reference(form: CardForm) -> KeyedReference | None:
    """Validate the form and read its reference: None, with errors on the form, if either fails."""
    valid = form.validate_on_submit()
    reference = None
    if not form.reference.errors:
        try:
            reference = read_reference(get_session(), form.reference.data)
        except ReferenceProblem as problem:
            form.reference.errors = [*form.reference.errors, str(problem)]
    return reference if valid and reference is not None else None


def _card(form: CardForm, reference: KeyedReference) -> keying.Card:
    return keying.Card(
        reference=reference,
        rating=form.rating_value(),
        comment=form.comment.data,
        respondent_type=form.respondent_type.data or None,
        helped=form.helped_value(),
    )


def _not_found(what: str):
    # A stale link or a mistyped address: back to the list, saying why.
    flash(f"{what} could not be found. It may have been removed.")
    return redirect(url_for("keying.index"))
