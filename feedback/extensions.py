"""Flask extensions, created unbound and attached in create_app."""

from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect

from .security import anonymous_client_key

csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=anonymous_client_key, default_limits=[], headers_enabled=False)
