"""Administrators manage sources; managers and administrators order card batches and
download their print files, posters and QR codes here."""

from __future__ import annotations

import io

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from ..db import get_session
from ..models import CardBatch, Source
from ..services import cards
from ..staff.access import allow, protect
from ..staff.forms import ConfirmForm
from .forms import BatchForm, SourceForm
from .setup import card_setup

bp = Blueprint("cards", __name__, url_prefix="/staff")
protect(bp)

# Who orders cards for their teams; adding and retiring sources stays with administrators.
ORDERING = ("admin", "manager")


def _source(source_id: int) -> Source:
    source = get_session().get(Source, source_id)
    if source is None or source.code == "UNKNOWN":
        abort(404)
    return source


def _attachment(content: bytes, mimetype: str, name: str):  # type: ignore[no-untyped-def]
    return send_file(io.BytesIO(content), mimetype=mimetype, as_attachment=True, download_name=name)


def _batch(batch_id: int) -> CardBatch:
    batch = get_session().get(CardBatch, batch_id)
    if batch is None:
        abort(404)
    return batch


@bp.get("/sources")
@allow(*ORDERING)
def sources():
    session = get_session()
    return render_template(
        "staff/cards/sources.html",
        sources=cards.all_sources(session),
        ordered=cards.card_counts(session),
        form=ConfirmForm(),
    )


@bp.route("/sources/new", methods=["GET", "POST"])
@allow("admin")
def new_source():
    form = SourceForm()
    if form.validate_on_submit():
        try:
            source = cards.create_source(
                get_session(), form.code.data, form.name.data, current_user.account
            )
        except cards.CardError as problem:
            form.code.errors.append(str(problem))
        else:
            flash(f"Added {source.code}, {source.name}.")
            return redirect(url_for("cards.source", source_id=source.id))
    return render_template("staff/cards/source_new.html", form=form), 400 if form.errors else 200


@bp.route("/sources/<int:source_id>", methods=["GET", "POST"])
@allow(*ORDERING)
def source(source_id: int):
    item = _source(source_id)
    form = BatchForm()
    form.language.choices = [
        SelectChoice(code, name) for code, name in cards.language_names(card_setup()).items()
    ]
    if form.validate_on_submit():
        try:
            batch = cards.order_batch(
                get_session(),
                item,
                form.quantity.data,
                setup=card_setup(),
                variant=form.variant.data,
                sheet=form.sheet.data,
                language=form.language.data,
                by=current_user.account,
            )
        except cards.CardError as problem:
            form.quantity.errors.append(str(problem))
        else:
            flash(
                f"Ordered batch {batch.id}: {batch.quantity:,} cards. "
                "Download the print file below."
            )
            return redirect(url_for("cards.batch", batch_id=batch.id))
    return (
        render_template(
            "staff/cards/source.html",
            source=item,
            batches=cards.batches_for(get_session(), item),
            form=form,
            url=cards.source_url(item, card_setup()),
            variants=cards.VARIANTS,
        ),
        400 if form.errors else 200,
    )


@bp.post("/sources/<int:source_id>/active")
@allow("admin")
def set_source_active(source_id: int):
    item = _source(source_id)
    if ConfirmForm().validate_on_submit():
        make_active = request.form.get("active") == "yes"
        cards.set_source_active(get_session(), item, make_active, current_user.account)
        flash(
            f"{'Reactivated' if make_active else 'Retired'} {item.code}. "
            "Its printed cards still work."
        )
    return redirect(url_for("cards.sources"))


@bp.get("/batches/<int:batch_id>")
@allow(*ORDERING)
def batch(batch_id: int):
    item = _batch(batch_id)
    references = cards.batch_references(item)
    return render_template(
        "staff/cards/batch.html",
        batch=item,
        first=references[0],
        last=references[-1],
        variants=cards.VARIANTS,
    )


@bp.get("/batches/<int:batch_id>/cards.pdf")
@allow(*ORDERING)
def batch_pdf(batch_id: int):
    item = _batch(batch_id)
    buffer = io.BytesIO()
    cards.write_batch_pdf(item, card_setup(), buffer)
    name = f"cards-{item.source.code}-batch-{item.id}.pdf"
    return _attachment(buffer.getvalue(), "application/pdf", name)


@bp.get("/sources/<int:source_id>/qr.svg")
@allow(*ORDERING)
def source_qr_svg(source_id: int):
    item = _source(source_id)
    svg = cards.source_qr_svg(item, card_setup()).encode()
    return _attachment(svg, "image/svg+xml", f"qr-{item.code}.svg")


@bp.get("/sources/<int:source_id>/qr.png")
@allow(*ORDERING)
def source_qr_png(source_id: int):
    item = _source(source_id)
    png = cards.source_qr_png(item, card_setup())
    return _attachment(png, "image/png", f"qr-{item.code}.png")


@bp.get("/sources/<int:source_id>/poster.pdf")
@allow(*ORDERING)
def source_poster(source_id: int):
    item = _source(source_id)
    buffer = io.BytesIO()
    cards.write_poster_pdf(item, card_setup(), buffer)
    return _attachment(buffer.getvalue(), "application/pdf", f"poster-{item.code}.pdf")
