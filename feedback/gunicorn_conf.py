"""Gunicorn settings for production, shipped in the package so an installed copy has them.

    gunicorn -c python:feedback.gunicorn_conf feedback.wsgi:app

(From a checkout, `gunicorn wsgi:app` reads ./gunicorn.conf.py, which is these.)

Residents are anonymous, so the access log never records the client address,
user agent or referrer: only time, request line, status, size and duration.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
# Behind a proxy the address is in X-Forwarded-For; gunicorn must not put it in logs either.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"


def post_worker_init(worker):  # type: ignore[no-untyped-def]
    """Set aside what loading the app made (catalogues, themes, the sentiment lexicon,
    compiled templates) from the garbage collector: it lives as long as the worker, and
    each full collection walked all of it, tens of milliseconds in the middle of a request."""
    import gc

    gc.collect()
    gc.freeze()
