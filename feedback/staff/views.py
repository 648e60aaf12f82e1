"""Signing in and out, the staff home page, user administration and the audit log."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from ..db import get_session
from ..models import StaffUser
from ..rate_limits import limit_posts
from ..services import audit
from ..services.staff import (
    ROLE_NAMES,
    AccountError,
    all_users,
    authenticate,
    create_staff_user,
    record_sign_out,
    reset_password,
    set_active,
)
from .access import SignedInUser, allow, protect, public
from .forms import ConfirmForm, NewUserForm, ResetPasswordForm, SignInForm

bp = Blueprint("staff", __name__, url_prefix="/staff")
protect(bp)

EVERY_ROLE = tuple(ROLE_NAMES)


def _safe_next(target: str | None) -> str:
    """Only ever go on to a page of ours, never to another site."""
    if target and target.startswith("/staff") and not urlsplit(target).netloc:
        return target
    return url_for("staff.home")


@bp.route("/sign-in", methods=["GET", "POST"])
@limit_posts("FEEDBACK_SIGN_IN_RATE_LIMIT")
@public
def sign_in():
    form = SignInForm()
    problem = None
    if form.validate_on_submit():
        result = authenticate(get_session(), form.email.data, form.password.data)
        if result.user is not None:
            login_user(SignedInUser(result.user))
            return redirect(_safe_next(request.args.get("next")))
        problem = (
            "Too many wrong passwords for this account. Wait a few minutes, then try again."
            if result.locked
            else "The email address or password is not right"
        )
    status = 400 if form.errors or problem else 200
    return render_template("staff/sign_in.html", form=form, problem=problem), status


@bp.post("/sign-out")
@allow(*EVERY_ROLE)
def sign_out():
    if ConfirmForm().validate_on_submit():
        record_sign_out(get_session(), current_user.account)
        logout_user()
        flash("You have signed out.")
    return redirect(url_for("staff.sign_in"))


@bp.post("/keep-alive")
@allow(*EVERY_ROLE)
def keep_alive():
    """ "Stay signed in" in the idle warning: the guard has counted this request as activity."""
    return {"idle_seconds": current_app.config["FEEDBACK_STAFF_IDLE_MINUTES"] * 60}


@bp.get("/")
@allow(*EVERY_ROLE)
def home():
    return render_template("staff/home.html")


@bp.get("/users")
@allow("admin")
def users():
    return render_template(
        "staff/users.html", users=all_users(get_session()), roles=ROLE_NAMES, form=ConfirmForm()
    )


@bp.route("/users/new", methods=["GET", "POST"])
@allow("admin")
def new_user():
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            create_staff_user(
                get_session(),
                form.email.data,
                form.role.data,
                form.password.data,
                by=current_user.account,
            )
        except AccountError as problem:
            form.email.errors.append(str(problem))
        else:
            flash(f"Added {form.email.data.strip().lower()}.")
            return redirect(url_for("staff.users"))
    return render_template("staff/user_new.html", form=form), 400 if form.errors else 200


def _account(user_id: int) -> StaffUser:
    account = get_session().get(StaffUser, user_id)
    if account is None:
        abort(404)
    return account


@bp.post("/users/<int:user_id>/active")
@allow("admin")
def set_user_active(user_id: int):
    account = _account(user_id)
    if ConfirmForm().validate_on_submit():
        make_active = request.form.get("active") == "yes"
        try:
            set_active(get_session(), account, make_active, by=current_user.account)
        except AccountError as problem:
            flash(str(problem))
        else:
            flash(f"{'Enabled' if make_active else 'Disabled'} {account.email}.")
    return redirect(url_for("staff.users"))


@bp.route("/users/<int:user_id>/password", methods=["GET", "POST"])
@allow("admin")
def reset_user_password(user_id: int):
    account = _account(user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        reset_password(get_session(), account, form.password.data, by=current_user.account)
        flash(f"Reset the password for {account.email}. Their sessions have ended.")
        return redirect(url_for("staff.users"))
    return (
        render_template("staff/user_password.html", form=form, account=account),
        400 if form.errors else 200,
    )


@bp.get("/audit")
@allow("admin")
def audit_log():
    page = max(request.args.get("page", 1, type=int), 1)
    events = audit.recent(get_session(), limit=100, offset=(page - 1) * 100)
    return render_template("staff/audit.html", events=events, page=page)
