"""Friendly error pages: a person sees what happened and what to do, never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, current_app, g, redirect, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError

from .resident.views import refill_after_csrf_error, refill_after_rate_limit


def _page(template: str, status: int):
    def handler(_error):  # type: ignore[no-untyped-def]
        return render_template(template), status

    return handler


log = logging.getLogger(__name__)

# How long a person is told to wait before trying again when the database is away.
RETRY_AFTER_SECONDS = 30


def database_trouble(error: DBAPIError):  # type: ignore[no-untyped-def]
    """A page whose database connection a restart had cut is asked for again; a database
    that will not answer gives a page that says to try again (503), not a crash.

    The resident form and keying keep what was typed through their own retry
    (services/answers.py); this is for every other page. When SQLAlchemy meets a cut
    connection it drops it and every older one in the pool, so the page asked for again
    gets a fresh connection: at most once per stale pool, never a loop.
    """
    if error.connection_invalidated and request.method in ("GET", "HEAD"):
        log.warning("A database connection had been cut; asking for the page again")
        return redirect(request.full_path if request.query_string else request.path, 307)
    if not (error.connection_invalidated or isinstance(error, OperationalError)):
        raise error  # a fault in the code, not the database being away: the 500 path
    log.warning("The database did not answer: %s", type(error.orig).__name__)
    # Draw the page without asking the database who is signed in: it would fail again.
    g._login_user = current_app.login_manager.anonymous_user()
    return render_template("errors/500.html"), 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def init_app(app: Flask) -> None:
    app.register_error_handler(403, _page("errors/403.html", 403))
    app.register_error_handler(404, _page("errors/404.html", 404))
    app.register_error_handler(405, _page("errors/404.html", 405))
    app.register_error_handler(413, _page("errors/413.html", 413))
    app.register_error_handler(500, _page("errors/500.html", 500))
    app.register_error_handler(429, refill_after_rate_limit)
    app.register_error_handler(CSRFError, refill_after_csrf_error)
    app.register_error_handler(DBAPIError, database_trouble)
