"""Who may open which staff page.

Every staff view declares its roles with @allow(...) (or @public for sign-in);
a view that declares nothing is refused to everyone, so a new page cannot be
left open by mistake. A signed-out request goes to sign-in; a signed-in user
without the role gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask_login import LoginManager, current_user, logout_user

from ..db import get_session
from ..models import StaffUser
from ..services.drafts import keep_draft

login_manager = LoginManager()
login_manager.login_view = "staff.sign_in"
login_manager.session_protection = "basic"

PUBLIC = "public"
KEPT_AFTER_SIGN_OUT = (
    "The card you were keying has been kept. Sign in and it comes back, ready to check and save."
)


def allow(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def mark(view: Callable[..., Any]) -> Callable[..., Any]:
        view.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return view

    return mark


def public(view: Callable[..., Any]) -> Callable[..., Any]:
    view.allowed_roles = PUBLIC  # type: ignore[attr-defined]
    return view


def allowed_roles(endpoint: str) -> frozenset[str] | str | None:
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "allowed_roles", None)


class SignedInUser:
    """What Flask-Login keeps: the account's id and session version, nothing about the person."""

    def __init__(self, account: StaffUser) -> None:
        self.account = account
        self.id = account.id
        self.email = account.email
        self.role = account.role
        self.is_authenticated = True
        self.is_active = account.active
        self.is_anonymous = False

    def get_id(self) -> str:
        return f"{self.account.id}:{self.account.session_version}"


@login_manager.user_loader
def _load(user_id: str) -> SignedInUser | None:
    try:
        account_id, version = (int(part) for part in user_id.split(":"))
    except ValueError:
        return None
    account = get_session().get(StaffUser, account_id)
    # A disabled account or a reset password ends every earlier session.
    if account is None or not account.active or account.session_version != version:
        return None
    return SignedInUser(account)


def keeps_draft(view: Callable[..., Any]) -> Callable[..., Any]:
    """A form whose typing is kept when it is sent after the session ended (keying a card)."""
    view.keeps_draft = True  # type: ignore[attr-defined]
    return view


def _keep_what_was_typed(account_id: int | None) -> bool:
    """Keep a form sent too late to be saved, to come back after signing in; True if kept."""
    view = current_app.view_functions.get(request.endpoint or "")
    if request.method != "POST" or not getattr(view, "keeps_draft", False):
        return False
    fields = {key: value for key, value in request.form.items() if key != "csrf_token"}
    session["draft"] = keep_draft(get_session(), request.path, fields, account_id)
    return True


def _guard() -> Any:
    if request.endpoint is None:
        return None
    roles = allowed_roles(request.endpoint)
    if roles == PUBLIC:
        return None
    if not current_user.is_authenticated:
        if _keep_what_was_typed(None):
            flash(KEPT_AFTER_SIGN_OUT)
        return redirect(url_for("staff.sign_in", next=request.full_path.rstrip("?")))
    if _idle_too_long():
        account_id = current_user.id
        logout_user()
        session.clear()
        flash("You were signed out because you had not used the service for a while.")
        if _keep_what_was_typed(account_id):
            flash(KEPT_AFTER_SIGN_OUT)
        return redirect(url_for("staff.sign_in", next=request.full_path.rstrip("?")))
    session["seen"] = datetime.now(UTC).timestamp()
    if not roles or current_user.role not in roles:
        abort(403)
    return None


def _idle_too_long() -> bool:
    seen = session.get("seen")
    if seen is None:
        return False
    limit = current_app.config["FEEDBACK_STAFF_IDLE_MINUTES"] * 60
    return datetime.now(UTC).timestamp() - float(seen) > limit


def protect(blueprint: Blueprint) -> None:
    blueprint.before_request(_guard)
