"""The safeguarding queue: possible disclosures for the duty team to read and acknowledge.

Alerts (emailed at once) and reviews (for today, not emailed) share the queue
and are handled the same way; each says which it is and why it was raised.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from ..db import get_session
from ..models import SafeguardingAlert
from ..services import safeguarding
from ..staff.access import allow, protect
from ..staff.forms import ConfirmForm
from . import wording

bp = Blueprint("safeguarding", __name__, url_prefix="/staff/safeguarding")
protect(bp)


@bp.context_processor
def _wording() -> dict[str, object]:
    return {
        "tier_names": wording.TIER_NAMES,
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
    form = ConfirmForm()
    if form.validate_on_submit():
        safeguarding.acknowledge(get_session(), found, current_user.account)
        flash(f"{wording.item_name(found.tier, found.id)} acknowledged.")
        return redirect(url_for("safeguarding.queue"))
    return render_template("staff/safeguarding/alert.html", alert=found, form=form)
