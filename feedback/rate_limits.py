"""Rate limits on what is sent: answers (FEEDBACK_RATE_LIMIT) and staff sign-ins.

Each limited view counts its POSTs, in a moving window (a burst cannot straddle two
fixed windows to get twice the limit), per client: `security.anonymous_client_key`,
a keyed hash of the address that changes every day, never the address itself. The
counters live in Redis when FEEDBACK_REDIS_URL is set, so every worker and machine
shares them; otherwise in the process.

The view counts after the CSRF check, one hit per limit, and a POST over a limit
gets 429 (errors.py draws the page; the resident form shows the answers again).
Flask-Limiter did the same through hooks it ran on every request, GETs included,
and its per-request bookkeeping was a twelfth of a resident's round. The counters'
keys are the ones it wrote ("LIMITER/<client>/<endpoint>/30/1/minute"), so a
deployment that is half upgraded still counts each client once.

Without Redis: limits' MemoryStorage drops expired entries from a `threading.Timer`
it starts 10 ms after any hit when none is running: at a few answers a second that
is a new thread for almost every answer, about 0.3 ms of CPU, and the request waits
for the thread to start. Here the same clean-up runs in the request that hits the
limit, at most once a second. The limits count exactly as before: a moving window
compares each entry's own time, and a fixed window's counter is checked for expiry
when read; the clean-up only frees memory.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import cache, wraps
from typing import ParamSpec, TypeVar

from flask import Flask, current_app, request
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from .security import anonymous_client_key

SCHEME = "feedback-memory"
EXPIRE_EVERY_SECONDS = 1.0
EXTENSION = "feedback.rate_limits"

P = ParamSpec("P")
R = TypeVar("R")


class InlineExpiryMemoryStorage(MemoryStorage):
    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str):
        self._next_expiry = 0.0
        self._expiry_lock = threading.Lock()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    # MemoryStorage calls self.__schedule_expiry() on every hit; this replaces it.
    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802 - the mangled name
        now = time.monotonic()
        if now < self._next_expiry or not self._expiry_lock.acquire(blocking=False):
            return
        try:
            self._next_expiry = now + EXPIRE_EVERY_SECONDS
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]
        finally:
            self._expiry_lock.release()


@cache
def limits_in(setting: str) -> tuple[RateLimitItem, ...]:
    """The limits a setting such as "30 per minute;300 per hour" names, shortest window first."""
    return tuple(sorted(parse_many(setting)))


class RateLimits:
    """One app's counters."""

    def __init__(self, storage_uri: str) -> None:
        self.counter = MovingWindowRateLimiter(storage_from_string(storage_uri))

    def hit(self, setting: str, client: str, scope: str) -> bool:
        """Count one more for `client`; False, and no more counted, once a limit is over."""
        return all(self.counter.hit(limit, client, scope) for limit in limits_in(setting))


def limit_posts(setting: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Count the view's POSTs against the limits in config[setting]; over them, 429.
    Reading a page is never counted."""

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def limited(*args: P.args, **kwargs: P.kwargs) -> R:
            if request.method == "POST":
                counters: RateLimits = current_app.extensions[EXTENSION]
                client = anonymous_client_key()
                if not counters.hit(current_app.config[setting], client, request.endpoint or ""):
                    raise TooManyRequests()
            return view(*args, **kwargs)

        return limited

    return decorate


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = RateLimits(app.config["FEEDBACK_REDIS_URL"] or f"{SCHEME}://")
