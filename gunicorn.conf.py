"""`gunicorn wsgi:app` in a checkout reads this file: the settings shipped in the package."""

from feedback.gunicorn_conf import *  # noqa: F403
