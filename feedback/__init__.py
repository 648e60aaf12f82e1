"""How Did We Do: anonymous Friends and Family Test feedback for Adult Social Care."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from . import config as settings
from . import db, errors, i18n, security, staff
from .extensions import babel, csrf, limiter
from .insight.themes import load_taxonomy
from .migrations import require_current
from .services.analysis import use_taxonomy
from .templating import NUNJUCKS_NAMES, StrictExceptGovukMacros

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(TEMPLATES))
    app.config.from_mapping(settings.load(app.instance_path, config))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    app.jinja_env.undefined = StrictExceptGovukMacros
    app.jinja_env.globals.update(NUNJUCKS_NAMES)
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(TEMPLATES)),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    if app.config["FEEDBACK_TRUSTED_PROXIES"]:
        hops = app.config["FEEDBACK_TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    db.init_app(app)
    # A bad themes file stops start-up with a message naming the bad entry.
    use_taxonomy(
        load_taxonomy(app.config["FEEDBACK_THEMES_FILE"])
        if app.config["FEEDBACK_THEMES_FILE"]
        else None
    )
    if _serving():
        ensure_migrated(app)

    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    app.config["RATELIMIT_STORAGE_URI"] = app.config["FEEDBACK_REDIS_URL"] or "memory://"
    # A moving window: a burst cannot straddle two fixed windows to get twice the limit.
    app.config["RATELIMIT_STRATEGY"] = "moving-window"
    limiter.init_app(app)
    security.init_app(app)
    WTFormsHelpers(app)
    i18n.init_app(app)

    from .ops.views import bp as ops_bp
    from .resident import bp as resident_bp

    app.register_blueprint(resident_bp)
    app.register_blueprint(ops_bp)
    staff.init_app(app)
    errors.init_app(app)

    from . import cli

    cli.init_app(app)
    return app


def ensure_migrated(app: Flask) -> None:
    """Refuse to work on a database that is not at the latest migration, saying what to run."""
    require_current(app.config["FEEDBACK_DATABASE_URL"], db.schema_revision(db.get_engine_for(app)))


def _serving() -> bool:
    """True unless the flask CLI is loading the app to find one of its commands.

    A WSGI server, the tests and `flask run` must not serve an unmigrated
    database. Commands such as `db upgrade` have to load the app before the
    schema exists; those that need the schema call ensure_migrated themselves.
    """
    context = click.get_current_context(silent=True)
    if context is None:
        return True
    return context.command.name == "run"
