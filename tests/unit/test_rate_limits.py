"""The in-process rate-limit storage counts as limits' own, and still drops what has expired."""

from __future__ import annotations

import threading

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from feedback.rate_limits import SCHEME, InlineExpiryMemoryStorage


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


def test_every_limit_counts_only_the_methods_the_limiter_looks_at(tmp_path):
    """GETs skip the limiter (feedback.extensions): right only while no limit counts them."""
    from feedback import create_app
    from feedback.extensions import LIMITED_METHODS, limiter
    from feedback.migrations import upgrade

    url = f"sqlite:///{tmp_path / 'limits.sqlite3'}"
    upgrade(url)
    create_app({"FEEDBACK_DATABASE_URL": url, "FEEDBACK_SECRET_KEY": "x" * 64})
    manager = limiter.limit_manager
    assert not manager.default_limits
    assert not manager._application_limits and not manager._blueprint_limits
    decorated = [limit for limits in manager._decorated_limits.values() for limit in limits]
    assert decorated
    for limit in decorated:
        assert limit.methods and {method.upper() for method in limit.methods} <= LIMITED_METHODS
