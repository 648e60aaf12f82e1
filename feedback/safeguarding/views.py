"""The safeguarding queue: possible disclosures for the duty team to read and acknowledge.

Alerts (emailed at once) and reviews (for today, not emailed) share the queue
and are handled the same way; each says which it is and why it was raised.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from ..db import get_session
from ..models import SafeguardingAlert
from ..services import safeguarding
from ..staff.access import allow, protect
from . import wording
from .forms import AcknowledgeForm

bp = Blueprint("safeguarding", __name__, url_prefix="/staff/safeguarding")
protect(bp)


@bp.context_processor
def _wording() -> dict[str, object]:
    return {
        "tier_names": wording.TIER_NAMES,
        "outcome_names": wording.OUTCOME_NAMES,
        "item_name": wording.item_name,
        "categories_text": wording.categories_text,
        "reasons": wording.reasons,
    }


@bp.get("")
@allow("manager")
def queue():
    return render_template(
        "staff/safeguarding/queue.html", alerts=safeguarding.alerts(get_session(), open_only=False)
    )


@bp.route("/<int:alert_id>", methods=["GET", "POST"])
@allow("manager")
def alert(alert_id: int):
    found = get_session().get(SafeguardingAlert, alert_id)
    if found is None:
        abort(404)
    form = AcknowledgeForm()
    if request.method == "POST" and found.acknowledged_at is not None:
        return redirect(url_for("safeguarding.queue"))  # a second tap, or two readers at once
    if form.validate_on_submit():
        try:
            recorded = safeguarding.acknowledge(
                get_session(), found, current_user.account, form.outcome.data
            )
        except safeguarding.AlertError as problem:
            form.outcome.errors = [*form.outcome.errors, str(problem)]
        else:
            name = wording.item_name(found.tier, found.id)
            if recorded:
                flash(f"{name} acknowledged.")
            else:
                flash(f"{name} was acknowledged by someone else a moment ago: their answer stands.")
            return redirect(url_for("safeguarding.queue"))
    page = render_template("staff/safeguarding/alert.html", alert=found, form=form)
    return page, 400 if form.errors else 200
