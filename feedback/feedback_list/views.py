"""Managers' pages: the feedback list, one response, moderation, export and "You said, we did"."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_login import current_user

from .. import models
from ..analysis_setup import keep_terms
from ..db import get_session
from ..fft import RATINGS, RESPONDENT_LABELS
from ..safeguarding.wording import category_name, item_name
from ..services import actions as action_service
from ..services import safeguarding, tone
from ..services import safeguarding_outcomes as alert_outcomes
from ..services.feedback_search import (
    audit_trail,
    begin_export,
    csv_chunks,
    search,
)
from ..services.moderation import ModerationError, draft_quote, moderate
from ..staff.access import allow, protect
from ..taxonomy import current_taxonomy
from ..times import london_today
from .forms import (
    CHANNEL_NAMES,
    ActionForm,
    FilterForm,
    LinkActionForm,
    ModerationForm,
    RaiseForm,
    ToneForm,
)

bp = Blueprint("feedback_list", __name__, url_prefix="/staff")
protect(bp)

CURSORS = ("older", "newer")
LABELS = {
    "ratings": {code: str(label) for code, label in RATINGS.items()},
    "respondents": {kind.value: str(label) for kind, label in RESPONDENT_LABELS.items()},
    "channels": CHANNEL_NAMES,
    "statuses": action_service.STATUSES,
}


def _filter_form() -> FilterForm:
    teams = action_service.team_choices(get_session())
    form = FilterForm(formdata=request.args or None).with_teams(teams)
    return form


def _list_args() -> dict[str, list[str]]:
    """The filters as they came in the URL, without the page cursor."""
    args = request.args.to_dict(flat=False)
    for cursor in CURSORS:
        args.pop(cursor, None)
    return args


@bp.get("/feedback")
@allow("manager")
def index():
    args = _list_args()
    filled = {name: values for name, values in args.items() if any(v.strip() for v in values)}
    if filled != args:
        # The filter form sends every box, blank or not: keep the shareable link short.
        return redirect(url_for(".index", **filled))
    form = _filter_form()
    if request.args and not form.validate():
        return render_template(
            "staff/feedback/list.html", form=form, page=None, args=args, filtered=True, **LABELS
        ), 400
    results = search(
        get_session(),
        form.filters(),
        older=request.args.get("older"),
        newer=request.args.get("newer"),
    )
    return render_template(
        "staff/feedback/list.html",
        form=form,
        page=results,
        args=args,
        filtered=bool(args),
        **LABELS,
    )


@bp.get("/feedback/export.csv")
@allow("manager")
def export():
    form = _filter_form()
    if request.args and not form.validate():
        return redirect(url_for(".index", **_list_args()))
    plan = begin_export(get_session(), form.filters(), by=current_user.account)
    filename = f"feedback-{london_today():%Y-%m-%d}.csv"

    def chunks():  # type: ignore[no-untyped-def]
        # The session is opened here, while streaming, so it is closed when the stream ends;
        # the request's own session was closed when the view returned.
        yield from csv_chunks(get_session(), plan)

    return Response(
        stream_with_context(chunks()),
        mimetype="text/csv",
        headers={"Content-Disposition": f"attachment; filename={filename}"},
    )


def _response_or_none(response_id: int) -> models.Response | None:
    found = get_session().get(models.Response, response_id)
    if found is None:
        flash(f"There is no feedback numbered {response_id}.")
    return found


@bp.get("/feedback/<int:response_id>")
@allow("manager")
def detail(response_id: int):
    response = _response_or_none(response_id)
    if response is None:
        return redirect(url_for(".index"))
    form = ToneForm()
    form.tone.data = response.sentiment_checked
    return _detail_page(response, form)


def _detail_page(  # type: ignore[no-untyped-def]
    response: models.Response,
    tone_form: ToneForm | None = None,
    raise_form: RaiseForm | None = None,
    status: int = 200,
):
    session = get_session()
    linked = action_service.actions_for_response(session, response.id)
    others = [a for a in action_service.all_actions(session) if a not in linked]
    tone_form = tone_form or ToneForm(formdata=None)
    raise_form = raise_form or RaiseForm(formdata=None)
    page = render_template(
        "staff/feedback/detail.html",
        response=response,
        actions=linked,
        link_form=LinkActionForm().with_actions(others),
        tone_form=tone_form,
        raise_form=raise_form,
        # The form sent, as `form`, so the page's error summary lists what to fix.
        form=raise_form if raise_form.errors else tone_form,
        item_name=item_name,
        trail=audit_trail(session, response.id),
        **LABELS,
    )
    return page, status


@bp.post("/feedback/<int:response_id>/tone")
@allow("manager")
def check_tone(response_id: int):
    response = _response_or_none(response_id)
    if response is None:
        return redirect(url_for(".index"))
    form = ToneForm()
    if form.validate_on_submit():
        try:
            tone.check_tone(get_session(), response, form.tone.data, current_user.account)
        except tone.ToneError as problem:
            form.tone.errors = [*form.tone.errors, str(problem)]
        else:
            flash(f"Tone saved as {form.tone.data}.")
            return redirect(url_for(".detail", response_id=response.id))
    return _detail_page(response, tone_form=form, status=400)


@bp.post("/feedback/<int:response_id>/safeguarding")
@allow("manager")
def raise_safeguarding(response_id: int):
    response = _response_or_none(response_id)
    if response is None:
        return redirect(url_for(".index"))
    form = RaiseForm()
    if form.validate_on_submit():
        try:
            alert = safeguarding.raise_by_staff(
                get_session(), response, current_user.account, form.tier.data
            )
        except safeguarding.AlertError as problem:
            form.tier.errors = [*form.tier.errors, str(problem)]
        else:
            flash(f"Raised with the duty team as {item_name(alert.tier, alert.id)}.")
            return redirect(url_for(".detail", response_id=response.id))
    return _detail_page(response, raise_form=form, status=400)


@bp.route("/feedback/<int:response_id>/moderate", methods=["GET", "POST"])
@allow("manager")
def moderate_quote(response_id: int):
    response = _response_or_none(response_id)
    if response is None:
        return redirect(url_for(".index"))
    form = ModerationForm()
    if request.method == "GET":
        form.quote.data = draft_quote(response)
        if response.moderation_status != "pending":
            form.decision.data = response.moderation_status
    elif form.validate_on_submit():
        try:
            moderate(
                get_session(),
                response,
                form.decision.data,
                form.quote.data,
                current_user.account,
                keep=keep_terms(),
            )
        except ModerationError as problem:
            form.quote.errors = [*form.quote.errors, str(problem)]
        else:
            flash(
                "Quote approved for publication."
                if response.moderation_status == "approved"
                else "Comment rejected for publication."
            )
            return redirect(url_for(".detail", response_id=response.id))
    return (
        render_template("staff/feedback/moderate.html", form=form, response=response, **LABELS),
        400 if form.errors else 200,
    )


@bp.post("/feedback/<int:response_id>/link")
@allow("manager")
def link_action(response_id: int):
    response = _response_or_none(response_id)
    if response is None:
        return redirect(url_for(".index"))
    session = get_session()
    form = LinkActionForm().with_actions(action_service.all_actions(session))
    if form.validate_on_submit():
        action = session.get(models.Action, int(form.action.data))
        if action is not None and action_service.link_response(
            session, action, response, current_user.account
        ):
            flash("Linked this feedback to the action.")
    else:
        flash("Select the action this feedback led to.")
    return redirect(url_for(".detail", response_id=response_id))


@bp.get("/analysis-checks")
@allow("manager")
def analysis_checks():
    """How the analyser reads this council's comments, by what staff found when they read."""
    session = get_session()
    return render_template(
        "staff/feedback/analysis_checks.html",
        tones=tone.agreement(session),
        alerts=alert_outcomes.outcomes(session),
        category_name=category_name,
    )


@bp.get("/actions")
@allow("manager")
def actions():
    return render_template(
        "staff/feedback/actions.html",
        actions=action_service.all_actions(get_session()),
        **LABELS,
    )


def _action_form() -> ActionForm:
    themes = [(theme.slug, theme.name) for theme in current_taxonomy().themes]
    return ActionForm().with_choices(action_service.team_choices(get_session()), themes)


def _details(form: ActionForm) -> action_service.ActionDetails:
    return action_service.ActionDetails(
        you_said=form.you_said.data,
        we_did=form.we_did.data,
        source_id=int(form.source.data) if form.source.data else None,
        theme=form.theme.data or None,
        status=form.status.data,
        action_date=form.action_date.data,
    )


@bp.route("/actions/new", methods=["GET", "POST"])
@allow("manager")
def new_action():
    form = _action_form()
    if request.method == "GET":
        form.status.data = "planned"
        form.responses.data = request.args.get("response", "")
    elif form.validate_on_submit():
        try:
            action = action_service.create_action(
                get_session(), _details(form), current_user.account, form.response_ids()
            )
        except action_service.ActionError as problem:
            form.responses.errors = [*form.responses.errors, str(problem)]
        else:
            flash("Action saved.")
            return redirect(url_for(".edit_action", action_id=action.id))
    return (
        render_template("staff/feedback/action_form.html", form=form, action=None),
        400 if form.errors else 200,
    )


@bp.route("/actions/<int:action_id>", methods=["GET", "POST"])
@allow("manager")
def edit_action(action_id: int):
    session = get_session()
    action = session.get(models.Action, action_id)
    if action is None:
        flash(f"There is no action numbered {action_id}.")
        return redirect(url_for(".actions"))
    form = _action_form()
    del form.responses  # links are made from each response's page
    if request.method == "GET":
        form.fill_from(action)
    elif form.validate_on_submit():
        action_service.update_action(session, action, _details(form), current_user.account)
        flash("Action saved.")
        return redirect(url_for(".edit_action", action_id=action.id))
    return (
        render_template(
            "staff/feedback/action_form.html",
            form=form,
            action=action,
            linked=action_service.response_ids_for_action(session, action.id),
        ),
        400 if form.errors else 200,
    )
