"""Friendly error pages: a person sees what happened and what to do, never a stack trace."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

from .resident.views import refill_after_csrf_error, refill_after_rate_limit


def _page(template: str, status: int):
    def handler(_error):  # type: ignore[no-untyped-def]
        return render_template(template), status

    return handler


def init_app(app: Flask) -> None:
    app.register_error_handler(403, _page("errors/403.html", 403))
    app.register_error_handler(404, _page("errors/404.html", 404))
    app.register_error_handler(405, _page("errors/404.html", 405))
    app.register_error_handler(413, _page("errors/413.html", 413))
    app.register_error_handler(500, _page("errors/500.html", 500))
    app.register_error_handler(429, refill_after_rate_limit)
    app.register_error_handler(CSRFError, refill_after_csrf_error)
