"""Rate-limit storage in the process, when no Redis is set (FEEDBACK_REDIS_URL).

limits' MemoryStorage drops expired entries from a `threading.Timer` it starts 10 ms
after any hit when none is running: at a few answers a second that is a new thread for
almost every answer, about 0.3 ms of CPU, and the request waits for the thread to
start. Here the same clean-up runs in the request that hits the limit, at most once a
second. The limits count exactly as before: a moving window compares each entry's own
time, and a fixed window's counter is checked for expiry when read; the clean-up only
frees memory.
"""

from __future__ import annotations

import threading
import time

from limits.storage import MemoryStorage

SCHEME = "feedback-memory"
EXPIRE_EVERY_SECONDS = 1.0


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
