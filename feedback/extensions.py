"""Flask extensions, created unbound and attached in create_app."""

from __future__ import annotations

from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
babel = Babel()
