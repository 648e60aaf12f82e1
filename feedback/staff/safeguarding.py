"""The safeguarding queue: possible disclosures for the duty team to read and acknowledge."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from ..db import get_session
from ..models import SafeguardingAlert
from ..services import safeguarding
from .access import allow
from .forms import ConfirmForm
from .views import bp


@bp.get("/safeguarding")
@allow("manager")
def safeguarding_queue():
    return render_template(
        "staff/safeguarding/queue.html", alerts=safeguarding.alerts(get_session(), open_only=False)
    )


@bp.route("/safeguarding/<int:alert_id>", methods=["GET", "POST"])
@allow("manager")
def safeguarding_alert(alert_id: int):
    alert = get_session().get(SafeguardingAlert, alert_id)
    if alert is None:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        safeguarding.acknowledge(get_session(), alert, current_user.account)
        flash(f"Alert {alert.id} acknowledged.")
        return redirect(url_for("staff.safeguarding_queue"))
    return render_template("staff/safeguarding/alert.html", alert=alert, form=form)
