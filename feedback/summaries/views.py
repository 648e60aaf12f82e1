"""The board's summaries. Every page reads a stored report: nothing is recomputed here.

Board members, managers and administrators can read them; a manager can hold a
digest back before it is emailed. None of these pages shows a comment: quotes
are the approved, redacted ones the digest stored.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user

from reports import jobs as report_jobs
from reports import store
from reports.export import to_csv, to_json

from ..db import get_session
from ..models import Report
from ..staff.access import allow, protect
from ..staff.forms import ConfirmForm

bp = Blueprint("summaries", __name__, url_prefix="/staff/summaries")
protect(bp)

READERS = ("board", "manager", "admin")


def _report(report_id: int) -> Report:
    found = get_session().get(Report, report_id)
    if found is None or found.status != store.BUILT:
        abort(404)
    return found


def _title(report: Report) -> str:
    kind = "Local Account pack" if report.kind == "annual" else "digest"
    return f"{report.content['title']} {kind}, version {report.version}"


@bp.get("")
@allow(*READERS)
def index():
    return render_template("reports/list.html", reports=store.built_reports(get_session()))


@bp.get("/<int:report_id>")
@allow(*READERS)
def show(report_id: int):
    report = _report(report_id)
    return render_template(
        "reports/page.html",
        report=report,
        c=report.content,
        report_title=_title(report),
        report_has_pdf=store.has_pdf(get_session(), report.id),
        delivery=store.delivery_for(get_session(), report.id),
        history=store.history(get_session(), report.id) if current_user.role != "board" else [],
        form=ConfirmForm(),
    )


@bp.get("/<int:report_id>/easy-read")
@allow(*READERS)
def easy_read(report_id: int):
    report = _report(report_id)
    if report.kind != "monthly":
        abort(404)
    return render_template("reports/easy_read.html", report=report, c=report.content)


@bp.get("/<int:report_id>.pdf")
@allow(*READERS)
def pdf(report_id: int):
    report = _report(report_id)
    if report.pdf is None:
        flash("This version has no PDF: the server could not make one when it was built.")
        return redirect(url_for(".show", report_id=report.id))
    return _download(report, report.pdf, "pdf", "application/pdf")


@bp.get("/<int:report_id>.csv")
@allow(*READERS)
def csv(report_id: int):
    report = _report(report_id)
    return _download(report, to_csv(report.content), "csv", "text/csv")


@bp.get("/<int:report_id>.json")
@allow(*READERS)
def json(report_id: int):
    report = _report(report_id)
    return _download(report, to_json(report), "json", "application/json")


def _download(report: Report, body: bytes | str, extension: str, mimetype: str) -> Response:
    name = f"how-did-we-do-{report.kind}-{report.period}-v{report.version}.{extension}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@bp.post("/<int:report_id>/hold")
@allow("manager", "admin")
def hold(report_id: int):
    return _change_delivery(
        report_id, report_jobs.hold, "is held back: it will not be emailed",
        "had already been emailed: nothing changed",
    )  # fmt: skip


@bp.post("/<int:report_id>/release")
@allow("manager", "admin")
def release(report_id: int):
    return _change_delivery(
        report_id, report_jobs.release, "is released: it will be emailed when its preview ends",
        "was not held: nothing changed",
    )  # fmt: skip


def _change_delivery(report_id: int, change, done: str, not_done: str):  # type: ignore[no-untyped-def]
    report = _report(report_id)
    delivery = store.delivery_for(get_session(), report.id)
    if delivery is None or not ConfirmForm().validate_on_submit():
        abort(400)
    outcome = done if change(delivery, current_user.account) else not_done
    flash(f"The {report.content['title']} digest {outcome}.")
    return redirect(url_for(".show", report_id=report.id))
