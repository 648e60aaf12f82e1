"""How Did We Do: anonymous Friends and Family Test feedback for Adult Social Care."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    alert_outbox,
    analysis_setup,
    cli,
    db,
    delivery,
    errors,
    i18n,
    known_teams,
    rate_limits,
    security,
    taxonomy,
    templating,
    widgets,
)
from . import config as settings
from .cards import bp as cards_bp
from .easy_read import bp as easy_read_bp
from .extensions import babel, csrf
from .feedback_list import bp as feedback_list_bp
from .keying import bp as keying_bp
from .migrations import ensure_migrated
from .ops import bp as ops_bp
from .resident import bp as resident_bp
from .resources import TEMPLATES_DIR
from .safeguarding import bp as safeguarding_bp
from .staff import bp as staff_bp
from .staff import init_app as staff_init_app
from .summaries import bp as summaries_bp
from .templating import NUNJUCKS_NAMES, StrictExceptGovukMacros

BLUEPRINTS = (
    resident_bp,
    easy_read_bp,
    ops_bp,
    staff_bp,
    keying_bp,
    feedback_list_bp,
    cards_bp,
    safeguarding_bp,
    summaries_bp,
)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, template_folder=str(TEMPLATES_DIR))
    app.config.from_mapping(settings.load(app.instance_path, config))
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    app.jinja_env.undefined = StrictExceptGovukMacros
    app.jinja_env.globals.update(NUNJUCKS_NAMES)
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(TEMPLATES_DIR)),
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
    taxonomy.init_app(app)
    analysis_setup.init_app(app)
    known_teams.init_app(app)
    if _serving():
        ensure_migrated(app.config["FEEDBACK_DATABASE_URL"], db.get_engine_for(app))
    alert_outbox.init_app(app)

    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    rate_limits.init_app(app)
    security.init_app(app)
    delivery.init_app(app)
    WTFormsHelpers(app)
    i18n.init_app(app)
    templating.init_app(app)
    widgets.init_app(app)

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    staff_init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    return app


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
