"""Security headers, the CSP nonce, and keeping residents anonymous.

The service must never store or log who a resident is: no IP address, no user
agent. Rate limiting still needs to tell clients apart, so it uses a keyed hash
of the address that changes every day and is never written anywhere durable.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
from datetime import UTC, datetime

from flask import Flask, abort, current_app, g, request
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer

_LEADING_ADDRESS = re.compile(r"^\S+ - - ")


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def anonymous_client_key() -> str:
    """A per-day keyed hash of the client address: enough to count, useless to identify."""
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    secret = f"{current_app.config['SECRET_KEY']}:{day}".encode()
    address = (request.remote_addr or "").encode()
    return hmac.new(secret, address, hashlib.sha256).hexdigest()[:32]


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


def _set_headers(response):  # type: ignore[no-untyped-def]
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    headers["X-Frame-Options"] = "DENY"
    headers["X-Content-Type-Options"] = "nosniff"
    # Never to another site (a card's reference is in the address), but to ourselves:
    # over HTTPS, Flask-WTF refuses a form posted without a same-origin Referer, so
    # `no-referrer` made every form fail behind a TLS proxy.
    headers["Referrer-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if current_app.config["FEEDBACK_ENV"] == "production":
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.endpoint and not request.endpoint.startswith("static"):
        # Answers and forms must not sit in shared caches.
        headers.setdefault("Cache-Control", "no-store")
    return response


class DropClientAddress(logging.Filter):
    """Strip the client address the development server puts at the start of each line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = _LEADING_ADDRESS.sub("", record.msg)
        return True


def _refuse_nameless_fields() -> None:
    """A multipart part whose name cannot be read arrives as a field named None, and
    Flask-WTF's CSRF check failed on it with a server error. No browser sends one."""
    if request.mimetype == "multipart/form-data" and (
        None in request.form or None in request.files
    ):
        abort(400)


class KeptSignerSessionInterface(SecureCookieSessionInterface):
    """Flask's signed session cookie, with its signer made once per secret key rather than
    twice on every request (reading the cookie and writing it): a fortieth of a round."""

    def __init__(self) -> None:
        self._serializers: dict[tuple[object, ...], URLSafeTimedSerializer | None] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if keys not in self._serializers:
            self._serializers[keys] = super().get_signing_serializer(app)
        return self._serializers[keys]


def init_app(app: Flask) -> None:
    app.session_interface = KeptSignerSessionInterface()
    # First of all, before the CSRF check reads the form's field names.
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_nameless_fields)
    app.after_request(_set_headers)
    app.add_template_global(csp_nonce)
    werkzeug_logger = logging.getLogger("werkzeug")
    if not any(isinstance(f, DropClientAddress) for f in werkzeug_logger.filters):
        werkzeug_logger.addFilter(DropClientAddress())
