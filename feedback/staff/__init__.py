"""The staff back office under /staff/: sign-in by role, keying, feedback, moderation."""

from __future__ import annotations

from flask import Flask, request, url_for
from flask_login import current_user

from ..services.staff import ROLE_NAMES
from .access import allowed_roles, login_manager
from .views import bp

__all__ = ["bp", "init_app", "staff_links"]

# The staff menu, in order. Each entry shows only to roles its page allows.
MENU: list[tuple[str, str]] = [
    ("staff.users", "Users"),
    ("staff.audit_log", "Audit log"),
    ("keying.index", "Key paper cards"),
    ("feedback_list.index", "Feedback"),
    ("feedback_list.actions", "You said, we did"),
    ("safeguarding.queue", "Safeguarding alerts"),
    ("feedback_list.analysis_checks", "Analysis checks"),
    ("cards.sources", "Sources and cards"),
    ("summaries.index", "Summaries"),
]


def staff_links() -> list[dict[str, object]]:
    if not current_user.is_authenticated:
        return []
    links = []
    for endpoint, text in MENU:
        roles = allowed_roles(endpoint)
        if roles and current_user.role in roles:
            links.append(
                {"href": url_for(endpoint), "text": text, "current": request.endpoint == endpoint}
            )
    return links


def init_app(app: Flask) -> None:
    """Sign-in and the staff menu; the staff blueprints are registered by create_app."""
    login_manager.init_app(app)
    app.add_template_global(staff_links)
    app.add_template_global(lambda role: ROLE_NAMES.get(role, role), "role_name")
