"""Gunicorn settings for production, shipped in the package so an installed copy has them.

    gunicorn -c python:feedback.gunicorn_conf feedback.wsgi:app

(From a checkout, `gunicorn wsgi:app` reads ./gunicorn.conf.py, which is these.)

Residents are anonymous, so the access log never records the client address,
user agent or referrer: only time, request line, status, size and duration.
"""

import os

from gunicorn.glogging import Logger

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


class AnonymousAccessLog(Logger):
    """The access log's values are only these and the worker's process id, whatever the
    format asks for: an address, user agent, referrer, header or environ value would be
    written as "-".

    Gunicorn's own made every header and environ value into a value the format might use,
    on every request: two thirds of the time a line took."""

    def atoms(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
        status = resp.status
        return {
            "t": self.now(),
            "m": environ.get("REQUEST_METHOD"),
            "U": environ.get("PATH_INFO"),
            "s": status.split(None, 1)[0] if isinstance(status, str) else status,
            "B": getattr(resp, "sent", None),
            "M": request_time.seconds * 1000 + request_time.microseconds // 1000,
            # The worker's process id, as gunicorn writes it: bench/soak.py tells a worker
            # that replaced a killed one by it.
            "p": f"<{os.getpid()}>",
        }


logger_class = AnonymousAccessLog


def post_worker_init(worker):  # type: ignore[no-untyped-def]
    """Set aside what loading the app made (catalogues, themes, the sentiment lexicon,
    compiled templates) from the garbage collector: it lives as long as the worker, and
    each full collection walked all of it, tens of milliseconds in the middle of a request."""
    import gc

    gc.collect()
    gc.freeze()
