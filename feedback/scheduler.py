"""The scheduler runs in its own process (`flask --app feedback scheduler`), never in web workers.

Each job is safe to run twice: an alert is emailed until it is marked sent, and
escalated once.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from . import jobs

log = logging.getLogger(__name__)


def _in_app(app: Flask, job):  # type: ignore[no-untyped-def]
    def run_job() -> None:
        with app.app_context():
            job()

    run_job.__name__ = job.__name__
    return run_job


def run(app: Flask) -> None:
    logging.basicConfig(level=logging.INFO)
    scheduler = BlockingScheduler(timezone="Europe/London")
    scheduler.add_job(_in_app(app, jobs.deliver_alerts), "interval", minutes=1, max_instances=1)
    scheduler.add_job(_in_app(app, jobs.escalate_alerts), "interval", minutes=1, max_instances=1)
    log.info("Scheduler started: safeguarding alerts every minute")
    scheduler.start()
