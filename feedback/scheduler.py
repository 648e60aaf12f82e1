"""The scheduler runs in its own process (`flask --app feedback scheduler`), never in web workers.

What runs when is data, built by `timetable()`, so a test can read it and the
summaries' jobs are entries like the rest. Each job is safe to run twice, and on
more than one machine: an alert is claimed before each email, and escalated once;
a digest's period is claimed in the database before it is built, and its email
before it is sent. Entries marked `at_start` also run as the scheduler starts, so
a month missed while it was down is built then.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from reports import jobs as report_jobs

from . import jobs
from .times import LONDON

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    """One job on the timetable: what to call and an APScheduler trigger for when."""

    name: str
    job: Callable[[], object]
    trigger: str
    when: dict[str, Any] = field(default_factory=dict)
    purpose: str = ""
    # Also run once as the scheduler starts: catches up what was missed while it was down.
    at_start: bool = False


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
        Entry(
            "build-digests",
            report_jobs.build_due,
            "cron",
            {"hour": 7, "minute": 0},
            "build the board's digest for each finished month not yet built (the 1st: last month)",
            at_start=True,
        ),
        Entry(
            "send-digests",
            report_jobs.deliver_due,
            "interval",
            {"minutes": 10},
            "email the board each digest whose preview window has passed, unless held",
        ),
        Entry(
            "retention",
            jobs.apply_retention,
            "cron",
            {"hour": 2, "minute": 30},
            "clear comments older than FEEDBACK_RETENTION_MONTHS, keeping the counts",
            at_start=True,
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
            **({"next_run_time": datetime.now(LONDON)} if entry.at_start else {}),
            **entry.when,
        )
    return scheduler


def run(app: Flask) -> None:
    logging.basicConfig(level=logging.INFO)
    scheduler = build(app)
    for entry in timetable():
        log.info("Scheduled %s (%s %s): %s", entry.name, entry.trigger, entry.when, entry.purpose)
    scheduler.start()
