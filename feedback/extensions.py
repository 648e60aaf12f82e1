"""Flask extensions, created unbound and attached in create_app."""

from __future__ import annotations

from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect

from .security import anonymous_client_key

csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=anonymous_client_key, default_limits=[], headers_enabled=False)

# Every limit here counts POSTs (answers, sign-ins), so a page view skips the limiter's
# bookkeeping, which was a sixth of a resident's GET. tests/unit/test_rate_limits.py
# fails if a limit on another method is added.
LIMITED_METHODS = frozenset({"POST"})


@limiter.request_filter
def _not_limited() -> bool:
    return request.method not in LIMITED_METHODS
