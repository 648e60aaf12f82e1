"""Entry point for WSGI servers: `gunicorn wsgi:app` (settings in gunicorn.conf.py)."""

from feedback import create_app

app = create_app()
