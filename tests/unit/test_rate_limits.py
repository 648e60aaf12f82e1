"""The rate limits' counting, and the in-process storage that counts as limits' own
and still drops what has expired."""

from __future__ import annotations

import threading

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from feedback.rate_limits import SCHEME, InlineExpiryMemoryStorage, RateLimits


def test_the_scheme_gives_the_storage():
    assert isinstance(storage_from_string(f"{SCHEME}://"), InlineExpiryMemoryStorage)


def test_a_moving_window_refuses_the_hit_over_the_limit_as_memory_storage_does():
    for scheme in ("memory://", f"{SCHEME}://"):
        limiter = MovingWindowRateLimiter(storage_from_string(scheme))
        limit = parse("3 per minute")
        assert [limiter.hit(limit, "client") for _ in range(4)] == [True, True, True, False]
        assert limiter.hit(limit, "another client")


def test_expired_entries_are_dropped_by_a_hit_without_a_thread_per_hit():
    storage = InlineExpiryMemoryStorage()
    threads = threading.active_count()
    storage.acquire_entry("old", 5, -1)  # an entry that expired a second ago
    storage._next_expiry = 0.0  # the once-a-second clean-up is due
    storage.acquire_entry("new", 5, 60)
    assert storage.events["old"] == []
    assert len(storage.events["new"]) == 1
    for _ in range(50):
        storage.acquire_entry("new", 100, 60)
    assert threading.active_count() <= threads


def test_each_limit_counts_in_turn_under_the_keys_flask_limiter_wrote():
    """A half-upgraded deployment sharing one Redis still counts each client once."""
    counters = RateLimits(f"{SCHEME}://")
    setting = "2 per minute;5 per hour"
    hits = [counters.hit(setting, "client", "resident.feedback") for _ in range(3)]
    assert hits == [True, True, False]
    assert counters.hit(setting, "client", "easy_read.send")  # another view counts apart
    events = counters.counter.storage.events
    assert {key: len(times) for key, times in events.items()} == {
        "LIMITER/client/resident.feedback/2/1/minute": 2,
        # The refused third answer was not counted against the hour.
        "LIMITER/client/resident.feedback/5/1/hour": 2,
        "LIMITER/client/easy_read.send/2/1/minute": 1,
        "LIMITER/client/easy_read.send/5/1/hour": 1,
    }
