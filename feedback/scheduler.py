"""The scheduler runs in its own process (`flask --app feedback scheduler`), never in web workers.

What runs when is data, built by `timetable()`, so a test can read it and the
summaries' jobs join it as entries. Each job is safe to run twice, and on more
than one machine: an alert is claimed before each email, and escalated once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from . import jobs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """One job on the timetable: what to call and an APScheduler trigger for when."""

    name: str
    job: Callable[[], object]
    trigger: str
    when: dict[str, Any] = field(default_factory=dict)
    purpose: str = ""


def timetable() -> list[Entry]:
    return [
        Entry(
            "deliver-alerts",
            jobs.deliver_alerts,
            "interval",
            {"minutes": 1},
            "email the duty team about any alert whose first try failed",
        ),
        Entry(
            "escalate-alerts",
            jobs.escalate_alerts,
            "interval",
            {"minutes": 1},
            "email the escalation address about alerts nobody has acknowledged in time",
        ),
    ]


def _in_app(app: Flask, entry: Entry) -> Callable[[], None]:
    def run_job() -> None:
        with app.app_context():
            entry.job()

    run_job.__name__ = entry.name
    return run_job


def build(app: Flask, entries: list[Entry] | None = None) -> BlockingScheduler:
    # Report periods are London's, so cron-style entries are read in London time.
    scheduler = BlockingScheduler(timezone="Europe/London")
    for entry in timetable() if entries is None else entries:
        scheduler.add_job(
            _in_app(app, entry),
            entry.trigger,
            id=entry.name,
            name=entry.name,
            max_instances=1,
            coalesce=True,
            **entry.when,
        )
    return scheduler


def run(app: Flask) -> None:
    logging.basicConfig(level=logging.INFO)
    scheduler = build(app)
    for entry in timetable():
        log.info("Scheduled %s (%s %s): %s", entry.name, entry.trigger, entry.when, entry.purpose)
    scheduler.start()
