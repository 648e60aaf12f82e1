"""The scheduler's timetable is data: what runs, how often, and that it builds."""

from __future__ import annotations

from feedback import jobs
from feedback.scheduler import build, timetable


def test_the_timetable_retries_and_escalates_alerts_every_minute():
    entries = {entry.name: entry for entry in timetable()}
    assert entries["deliver-alerts"].job is jobs.deliver_alerts
    assert entries["escalate-alerts"].job is jobs.escalate_alerts
    for name in ("deliver-alerts", "escalate-alerts"):
        assert (entries[name].trigger, entries[name].when) == ("interval", {"minutes": 1})
        assert entries[name].purpose


def test_every_entry_becomes_one_job_that_never_overlaps_itself(app):
    scheduler = build(app)
    jobs_by_id = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs_by_id) == {entry.name for entry in timetable()}
    for job in jobs_by_id.values():
        assert job.max_instances == 1 and job.coalesce is True


def test_the_timetable_builds_digests_at_seven_and_catches_up_on_start(app):
    from reports import jobs as report_jobs

    entries = {entry.name: entry for entry in timetable()}
    digests = entries["build-digests"]
    assert digests.job is report_jobs.build_due
    assert (digests.trigger, digests.when, digests.at_start) == (
        "cron",
        {"hour": 7, "minute": 0},
        True,
    )
    assert entries["send-digests"].job is report_jobs.deliver_due
    assert entries["retention"].job is jobs.apply_retention
    scheduler = build(app)
    # Catch-up: the entries marked at_start are due as soon as the scheduler starts.
    # (Before start, APScheduler gives a job a next_run_time only when one was asked for.)
    starting = {job.id for job in scheduler.get_jobs() if getattr(job, "next_run_time", None)}
    assert starting == {"build-digests", "retention"}
