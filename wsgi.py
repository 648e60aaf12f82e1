"""Entry point for `gunicorn wsgi:app` in a checkout; an installed copy uses feedback.wsgi."""

from feedback.wsgi import app

__all__ = ["app"]
