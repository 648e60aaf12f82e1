"""Settings: safe defaults, overridden by FEEDBACK_* environment variables.

Every setting the service reads is listed in DEFAULTS, so the README and the
code cannot drift apart: `flask --app feedback settings` prints them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def _l(message: str) -> str:
    """Marks a resident-facing default for the translation catalogue (`pybabel extract -k _l`).

    Resident pages translate the setting's text where a catalogue has it, so a
    council's own wording can be translated the same way.
    """
    return message


# Name -> (default, what it is for). Defaults suit `make run` on a laptop.
DEFAULTS: dict[str, tuple[Any, str]] = {
    "FEEDBACK_ENV": ("development", "`production` turns on HSTS and secure cookies"),
    "FEEDBACK_SECRET_KEY": (None, "signs the session/CSRF cookie; required in production"),
    "FEEDBACK_DATABASE_URL": (None, "SQLAlchemy URL; default SQLite file in instance/"),
    "FEEDBACK_DB_LOCK_TIMEOUT_MS": (15000, "how long a write waits for a locked database"),
    "FEEDBACK_REDIS_URL": (None, "Redis URL for shared rate limits across workers"),
    "FEEDBACK_RATE_LIMIT": ("30 per minute;300 per hour", "answers accepted per client address"),
    "FEEDBACK_MAX_BODY_BYTES": (100_000, "largest request body accepted (bytes)"),
    "FEEDBACK_TRUSTED_PROXIES": (0, "reverse proxies in front of the app (for X-Forwarded-*)"),
    "FEEDBACK_COUNCIL_NAME": (_l("Rotherham Metropolitan Borough Council"), "shown in header"),
    "FEEDBACK_SERVICE_NAME": (_l("How did we do?"), "the service's name, shown on every page"),
    "FEEDBACK_BASE_URL": ("http://127.0.0.1:5000", "public address QR codes point to"),
    "FEEDBACK_COMPLAINTS_TEXT": (
        _l(
            "To make a formal complaint, call 01709 382121 or write to the Complaints Team, "
            "Riverside House, Main Street, Rotherham S60 1AE."
        ),
        "how to make a formal complaint (thank-you page)",
    ),
    "FEEDBACK_URGENT_HELP_TEXT": (
        _l(
            "If you think someone is at risk of harm, call Adult Social Care on 01709 822330 "
            "(out of hours 01709 336080). In an emergency, call 999."
        ),
        "who to call if someone is at risk of harm",
    ),
    "FEEDBACK_PRIVACY_CONTACT": (
        _l("the council's Data Protection Officer, dataprotection@example.gov.uk"),
        "who to ask about data protection (privacy notice)",
    ),
    "FEEDBACK_ACCESSIBILITY_CONTACT": (
        _l("email accessibility@example.gov.uk or call 01709 382121"),
        "how to ask for another format or report an accessibility problem",
    ),
    "FEEDBACK_ACCESSIBILITY_TESTED_ON": (
        "2026-12-05",
        "when the service was last tested for accessibility (YYYY-MM-DD); update after each test",
    ),
    "FEEDBACK_ACCESSIBILITY_PREPARED_ON": (
        "2026-12-05",
        "when the accessibility statement was first prepared (YYYY-MM-DD)",
    ),
    "FEEDBACK_ACCESSIBILITY_REVIEWED_ON": (
        "2026-12-05",
        "when the accessibility statement was last reviewed (YYYY-MM-DD)",
    ),
    "FEEDBACK_STAFF_IDLE_MINUTES": (30, "staff are signed out after this long without a request"),
    "FEEDBACK_SIGN_IN_RATE_LIMIT": ("10 per minute;50 per hour", "sign-in attempts per client"),
    "FEEDBACK_SMTP_HOST": ("127.0.0.1", "mail server for safeguarding alerts"),
    "FEEDBACK_SMTP_PORT": (25, "mail server port"),
    "FEEDBACK_SMTP_USERNAME": (None, "mail server login, if it needs one"),
    "FEEDBACK_SMTP_PASSWORD": (None, "mail server password, if it needs one"),
    "FEEDBACK_SMTP_STARTTLS": ("false", "`true` to upgrade the mail connection with STARTTLS"),
    "FEEDBACK_SMTP_TIMEOUT_SECONDS": (10, "give up on the mail server after this long"),
    "FEEDBACK_MAIL_FROM": ("how-did-we-do@example.gov.uk", "sender of the service's emails"),
    "FEEDBACK_DUTY_EMAIL": (
        "asc-duty@example.gov.uk",
        "the safeguarding duty team's address: told at once about a possible disclosure",
    ),
    "FEEDBACK_ESCALATION_EMAIL": (
        "asc-safeguarding-lead@example.gov.uk",
        "told when an alert has not been acknowledged in time",
    ),
    "FEEDBACK_ESCALATE_AFTER_MINUTES": (120, "minutes before an unacknowledged alert escalates"),
    "FEEDBACK_SHORT_BASE_URL": (
        None,
        "the web address printed on cards; default: BASE_URL without https://",
    ),
    "FEEDBACK_FREEPOST_ADDRESS": (
        "Freepost RMBC HOW DID WE DO",
        "the freepost address printed on reply cards, lines separated by |",
    ),
    "FEEDBACK_CARD_PRIVACY_LINE": (
        _l("Anonymous: we use your answers only to improve our services."),
        "the one-line privacy note printed on cards",
    ),
    "FEEDBACK_TRANSLATIONS_DIR": (
        None,
        "a folder of a council's own catalogues (<lang>/LC_MESSAGES/messages.mo); they win",
    ),
    "FEEDBACK_THEMES_FILE": (None, "a themes TOML file to use instead of the packaged taxonomy"),
    "FEEDBACK_KEEP_TERMS_FILE": (
        None,
        "local organisation and place names redaction keeps (one a line); checked at start-up",
    ),
    "FEEDBACK_MIXED_READING": (
        "labellers",
        "a comment that praises and complains: `labellers` (by its weightier side, as NHS "
        "labellers grade) or `praise-and-complaint` (always mixed); then run `reanalyse`",
    ),
    "FEEDBACK_RETENTION_MONTHS": (24, "months free text is kept before it is anonymised"),
    "FEEDBACK_BOARD_EMAIL": (
        "rascal-board@example.gov.uk",
        "the RASCAL board's distribution list: sent each monthly digest (empty: not emailed)",
    ),
    "FEEDBACK_REPORT_PREVIEW_HOURS": (
        48,
        "hours a built digest waits for a manager's preview (and hold) before it is emailed",
    ),
    "FEEDBACK_REPORT_THRESHOLD": (5, "a unit with fewer answers than this shows * in summaries"),
    "FEEDBACK_REPORT_QUOTES_PER_TEAM": (2, "most quotes a digest takes from one team"),
}

# Settings whose default is a number are read from the environment as numbers.
_INT_KEYS = {key for key, (default, _) in DEFAULTS.items() if isinstance(default, int)}


def load(instance_path: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the app config from defaults, the environment, then explicit overrides."""
    config: dict[str, Any] = {key: default for key, (default, _) in DEFAULTS.items()}
    for key in DEFAULTS:
        if key in os.environ:
            value: Any = os.environ[key]
            config[key] = int(value) if key in _INT_KEYS else value
    if overrides:
        config.update(overrides)

    if not config["FEEDBACK_DATABASE_URL"]:
        db_file = Path(instance_path) / "feedback.sqlite3"
        config["FEEDBACK_DATABASE_URL"] = f"sqlite:///{db_file}"

    production = config["FEEDBACK_ENV"] == "production"
    if not config["FEEDBACK_SECRET_KEY"]:
        if production:
            raise RuntimeError(
                "FEEDBACK_SECRET_KEY must be set when FEEDBACK_ENV=production "
                '(for example: python -c "import secrets; print(secrets.token_hex(32))").'
            )
        config["FEEDBACK_SECRET_KEY"] = _development_secret(instance_path)

    config.update(
        SECRET_KEY=config["FEEDBACK_SECRET_KEY"],
        MAX_CONTENT_LENGTH=config["FEEDBACK_MAX_BODY_BYTES"],
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=production,
        # A resident may leave the form open for hours before answering: the CSRF
        # token lives as long as the session cookie instead of one hour.
        WTF_CSRF_TIME_LIMIT=None,
        BABEL_DEFAULT_LOCALE="en",
    )
    # The packaged catalogues, then the council's: a later folder's messages win.
    if "BABEL_TRANSLATION_DIRECTORIES" not in config:
        folders = ["translations"]
        if config["FEEDBACK_TRANSLATIONS_DIR"]:
            folders.append(str(Path(config["FEEDBACK_TRANSLATIONS_DIR"]).resolve()))
        config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(folders)
    return config


def _development_secret(instance_path: str) -> str:
    """A random key kept in instance/ so restarts keep sessions valid in development."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key
