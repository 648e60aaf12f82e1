"""The first email about a new safeguarding alert, tried in the background once it is stored.

Whatever stores an alert of the "alert" tier (a web answer, a keyed card, a correction, a re-score)
commits it with the answer; this module notices the commit and hands the alert
to one background thread per process, which tries the duty email at once. The
request that stored it returns straight away: a resident's thank-you page never
waits for the mail server. If that try fails, or the process stops first, the
alert is still pending and the scheduler's `deliver_alerts` sends it; each
alert is claimed before sending, so the two never email it twice.

This is the one place that decides "email the duty team now". An alert of the
"review" tier is never emailed: it waits in the safeguarding queue for a
person to read today.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from . import jobs
from .models import ALERT_TIER, SafeguardingAlert

log = logging.getLogger(__name__)

_PENDING = "feedback.new_alert_ids"
# More waiting than this and the scheduler is the better sender: the queue stays small.
MAX_QUEUED = 50


class AlertOutbox:
    def __init__(self, send: Callable[[int], object]) -> None:
        self._send = send
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._futures: set[Future[object]] = set()

    def submit(self, alert_id: int) -> None:
        with self._lock:
            if len(self._futures) >= MAX_QUEUED:
                log.warning(
                    "Alert %s left for the scheduler: %s already queued", alert_id, MAX_QUEUED
                )
                return
            if self._executor is None:
                # Started on first use, never at import: a process that stores no
                # alert starts no thread.
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alerts")
            future = self._executor.submit(self._try, alert_id)
            self._futures.add(future)
            future.add_done_callback(self._forget)

    def _try(self, alert_id: int) -> None:
        try:
            self._send(alert_id)
        except Exception:  # noqa: BLE001 - the alert is stored; the scheduler retries it
            log.exception(
                "Could not try the duty email for alert %s now; it will be retried", alert_id
            )

    def _forget(self, future: Future[object]) -> None:
        with self._lock:
            self._futures.discard(future)

    def wait(self, timeout: float = 10.0) -> bool:
        """Wait for the tries in hand (tests and shutdown); True if all finished."""
        with self._lock:
            futures = set(self._futures)
        _done, not_done = wait(futures, timeout=timeout)
        return not not_done


def init_app(app: Flask) -> AlertOutbox:
    def send(alert_id: int) -> None:
        with app.app_context():
            jobs.deliver_alerts(only_id=alert_id)

    outbox = AlertOutbox(send)
    app.extensions["feedback.alert_outbox"] = outbox
    factory: sessionmaker = app.extensions["feedback.sessionmaker"]

    @event.listens_for(factory, "after_flush")
    def _collect(session: Session, _context: object) -> None:
        # During after_flush `session.new` still lists what this flush inserted, with ids.
        # Only the "alert" tier is emailed; a "review" waits in the queue for today.
        ids = {
            item.id
            for item in session.new
            if isinstance(item, SafeguardingAlert) and item.tier == ALERT_TIER
        }
        if ids:
            session.info.setdefault(_PENDING, set()).update(ids)

    @event.listens_for(factory, "after_commit")
    def _hand_over(session: Session) -> None:
        for alert_id in sorted(session.info.pop(_PENDING, ())):
            outbox.submit(alert_id)

    @event.listens_for(factory, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(_PENDING, None)

    return outbox
