"""Soak and faults: residents submitting for a minute while things break; is every answer kept?

Loopback only. The service runs under gunicorn (2 sync workers, the repo's
gunicorn.conf.py) on a PostgreSQL cluster this script creates for itself (initdb on
a free port in a temporary directory; the shared cluster on 5432 is never touched).
Concurrent simulated residents submit for --seconds; a third of the way in one
gunicorn worker is killed with SIGKILL, and later PostgreSQL is stopped for
--pg-down seconds and started again. A resident whose answer met an error page or
a dropped connection presses Send again a second later, with the same form, as a
person would. Then, on the SQLite default, the database's disk is filled up and
then turned read-only (a small ext4 on a loop device; root only, skipped otherwise).

For the whole run and for each fault it prints acknowledged (302s) and stored (rows
whose one-time token, rating and comment are what was sent, each exactly once), the
5xx answers, whether the try-again pages kept what the resident typed, and the time
from the fault's end to the first answer stored. Faults that tests already prove
(the mail server down, two schedulers racing) are named, not repeated.

A benchmark, not a test: it exits non-zero only when stored != acknowledged or a
fault was not survived (no recovery, a 500, or a try-again page without the text).

    .venv/bin/python bench/soak.py                        # 60 s, 16 residents
    .venv/bin/python bench/soak.py --seconds 20 --json /tmp/soak.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

from faults import LogWatch, PgCluster, kill_worker, workers_of
from harness import (
    DriverResult,
    check_stored,
    command_line,
    machine_line,
    percentile,
    run_load,
)
from servers import REPO, WORKERS, Database, Server
from soak_disk import disk_faults
from soak_rounds import Fault, account, five_hundreds, judge, read_rounds, soak_round
from submit import OURS, prepare

# gunicorn's access log with the worker's pid, to see a replacement worker's first answer.
ACCESS_LOG = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms %(p)s'
FIRST_POST_STORED = r'"POST /f/\S*" 302 '

# Faults the test suite already proves; soak.py names them rather than repeat them.
COVERED_BY_TESTS = {
    "SMTP down while an alert is sent": [
        "tests/web/test_safeguarding_alerts.py::"
        "test_with_the_mail_server_down_the_alert_is_kept_and_sent_later",
        "tests/web/test_safeguarding_alerts.py::"
        "test_an_alert_another_sender_is_sending_is_not_sent_twice",
        "tests/web/test_safeguarding_alerts.py::"
        "test_the_resident_is_thanked_before_the_mail_server_answers",
        "tests/web/test_summaries.py::"
        "test_with_the_mail_server_down_the_digest_is_sent_once_it_is_back",
    ],
    "two schedulers at a period boundary": [
        "tests/web/test_summaries.py::test_two_schedulers_at_once_build_the_month_once",
        "tests/web/test_summaries.py::test_two_senders_at_once_email_the_board_once",
        "tests/web/test_summaries.py::"
        "test_a_build_that_died_mid_way_is_taken_over_once_its_claim_is_stale",
        "tests/web/test_safeguarding_alerts.py::test_two_senders_at_once_escalate_an_alert_once",
    ],
}


# ---------------------------------------------------------------- PostgreSQL under load


def inject_faults(server: Server, pg: PgCluster, watch: LogWatch, times: dict, args) -> list[Fault]:
    """Kill a worker, then stop PostgreSQL for a while, at the times given; time the recoveries."""
    faults = []
    time.sleep(max(0.0, times["kill_at"] - time.time()))
    watch.mark()
    fault = Fault("gunicorn worker SIGKILL", started=time.time())
    victim = kill_worker(server.process.pid)
    booted = watch.wait_for(r"Booting worker with pid: (\d+)", limit=30)
    if booted:
        fault.ended, replacement = booted[0], booted[1].group(1)
        first = watch.wait_for(FIRST_POST_STORED + rf".*<{replacement}>", limit=30)
        fault.recovered = first[0] if first else None
        fault.notes.append(
            f"worker {victim} killed, {replacement} booted after "
            f"{fault.ended - fault.started:.2f} s; recovered = its first answer stored"
        )
    else:
        fault.notes.append(f"worker {victim} killed; no replacement booted within 30 s")
    if len(workers_of(server.process.pid)) != WORKERS:
        fault.notes.append("gunicorn did not get back to 2 workers")
    faults.append(fault)

    time.sleep(max(0.0, times["pg_stop_at"] - time.time()))
    fault = Fault(f"PostgreSQL restart ({args.pg_down:g} s down)", started=time.time())
    pg.stop(args.pg_stop_mode)
    stopped = time.time()
    time.sleep(max(0.0, args.pg_down - (stopped - fault.started)))
    pg.start()
    fault.ended = time.time()
    watch.mark()
    first = watch.wait_for(FIRST_POST_STORED, limit=60)
    fault.recovered = first[0] if first else None
    fault.notes.append(
        f"pg_ctl stop -m {args.pg_stop_mode} took {stopped - fault.started:.2f} s, "
        f"down {fault.ended - stopped:.2f} s in all; recovered = from PostgreSQL up"
    )
    faults.append(fault)
    return faults


def soak_postgres(workdir: Path, args: argparse.Namespace) -> tuple[dict, list[Fault]]:
    pg = PgCluster()
    server = None
    try:
        pg.init()
        database = Database("postgres", "hdwd_soak", workdir, pg.url_base)
        env = prepare(OURS, database)
        last_id = database.scalar("SELECT coalesce(max(id), 0) FROM response")
        log = workdir / "gunicorn-soak.log"
        server = Server("wsgi:app", env, log, ["--access-logformat", ACCESS_LOG])
        server.wait_healthy()
        records = workdir / "rounds"
        records.mkdir()
        t0 = time.time()
        start_at = t0 + 2.0  # run_load gives its spawned drivers 2 s to start
        measured = (start_at + args.warmup, start_at + args.warmup + args.seconds)
        times = {
            "kill_at": measured[0] + args.seconds / 3,
            "pg_stop_at": measured[0] + args.seconds * 0.55,
        }
        outcome: dict = {}

        def load() -> None:
            outcome["result"] = run_load(
                server.port,
                partial(soak_round, records=str(records), patience=args.patience),
                users=args.concurrency,
                processes=args.driver_processes,
                warmup=args.warmup,
                seconds=args.seconds,
                timeout=args.timeout,
            )

        driver = threading.Thread(target=load, daemon=True)
        driver.start()
        faults = inject_faults(server, pg, LogWatch(log), times, args)
        driver.join()
        time.sleep(0.5)  # let a commit racing the last response land before counting
        rows = database.rows(
            "SELECT submission_token, rating, comment FROM response "
            f"WHERE id > {last_id} ORDER BY id"
        )
        server_log = server.log_tail(15, errors_only=True)
    finally:
        if server is not None:
            server.stop()
        if not args.keep:
            pg.destroy()
    result: DriverResult = outcome["result"]
    stored_rows: dict[str, list[tuple]] = {}
    for token, rating, comment in rows:
        stored_rows.setdefault(token, []).append((rating, comment))
    rounds = read_rounds(records)
    for fault in faults:
        judge(fault, rounds, stored_rows, measured[1])

    mismatch, notes = check_stored(result, len(rows), [row[0] for row in rows])
    whole = account(rounds, stored_rows)
    in_window = [
        r
        for r in rounds
        if r["outcome"] == "acknowledged" and measured[0] <= r["done_at"] <= measured[1]
    ]

    def outside_faults(r: dict) -> bool:
        return all(
            r["done_at"] < f.started or r["get_at"] > (f.recovered or measured[1]) + 1.0
            for f in faults
        )

    steady = [r for r in in_window if outside_faults(r)]
    fault_time = sum(
        min(measured[1], (f.recovered or measured[1]) + 1.0) - max(measured[0], f.started)
        for f in faults
    )
    ms = [(r["done_at"] - r["get_at"]) * 1000 for r in in_window]
    steady_ms = [(r["done_at"] - r["get_at"]) * 1000 for r in steady]
    problems = notes if mismatch else []
    problems += [p for p in whole["problems"] if p not in problems]
    figures = {
        "submissions_per_s": round(len(in_window) / args.seconds, 2),
        "p50_ms": round(percentile(ms, 50), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "server_errors": whole["server_errors"],
        "acknowledged": result.acknowledged,
        "stored": len(rows),
        "ok": not (mismatch or whole["problems"]),
        "steady_submissions_per_s": round(len(steady) / max(1e-9, args.seconds - fault_time), 2),
        "steady_p50_ms": round(percentile(steady_ms, 50), 1),
        "steady_p99_ms": round(percentile(steady_ms, 99), 1),
        "steady_server_errors": sum(len(five_hundreds(r)) for r in rounds if outside_faults(r)),
        "concurrency": args.concurrency,
        "errors": dict(sorted(result.errors.items())),
        "problems": problems,
    }
    if server_log and (not figures["ok"] or whole["five_hundreds_not_503"]):
        figures["server_log"] = server_log
    return figures, faults


# ---------------------------------------------------------------- report


def covered_by_tests() -> list[dict]:
    """The faults the tests prove, with each test checked to exist (a rename would show)."""
    covered = []
    for name, tests in COVERED_BY_TESTS.items():
        missing = []
        for test in tests:
            path, function = test.split("::")
            if f"def {function}(" not in (REPO / path).read_text():
                missing.append(test)
        covered.append({"name": name, "tests": tests, "missing": missing})
    return covered


def print_report(figures: dict, faults: list[Fault], covered: list[dict], args) -> None:
    print(
        f"\n== load: {args.concurrency} residents for {args.seconds:g} s (after {args.warmup:g} s "
        f"warm-up), gunicorn {WORKERS} sync workers, PostgreSQL (own cluster), faults included =="
    )
    print(
        f"  completed submissions/s   : {figures['submissions_per_s']:.1f}   "
        f"(outside the faults: {figures['steady_submissions_per_s']:.1f})"
    )
    print(
        f"  round GET+POST p50 / p99  : {figures['p50_ms']:.0f} / {figures['p99_ms']:.0f} ms   "
        f"(outside the faults: {figures['steady_p50_ms']:.0f} / {figures['steady_p99_ms']:.0f})"
    )
    print(
        f"  5xx answers               : {figures['server_errors']}   "
        f"(outside the faults: {figures['steady_server_errors']})"
    )
    if figures["errors"]:
        print(
            "  errors by kind            : "
            + ", ".join(f"{k}: {v}" for k, v in figures["errors"].items())
        )
    print(f"  acknowledged (302)        : {figures['acknowledged']}   (warm-up included)")
    print(f"  stored (new rows)         : {figures['stored']}")
    if figures["ok"]:
        print("  stored == acknowledged    : OK (every thanked answer stored once, as sent)")
    else:
        print("  MISMATCH: " + "; ".join(figures["problems"]))
    if figures.get("server_log"):
        print("  server log (non-2xx/3xx lines, last 15):")
        print("    " + figures["server_log"].replace("\n", "\n    "))
    print("\n== faults ==")
    for fault in faults:
        if fault.skipped:
            print(f"  {fault.name:<32} SKIPPED  {fault.detail}")
            continue
        recovered = "-" if fault.recovered_s is None else f"{fault.recovered_s:.2f} s"
        print(
            f"  {fault.name:<32} {'ok  ' if fault.ok else 'FAIL'}  "
            f"acknowledged {fault.acknowledged}, stored {fault.stored}, "
            f"5xx {fault.server_errors}, recovered in {recovered}"
        )
        print(f"  {'':<32}       {fault.detail}")
    print("\n== proven by tests, not repeated here ==")
    for entry in covered:
        print(f"  {entry['name']}:")
        for test in entry["tests"]:
            print(f"    {'MISSING ' if test in entry['missing'] else ''}{test}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="measured time of the load")
    parser.add_argument("--concurrency", type=int, default=16, help="simulated residents")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring")
    parser.add_argument("--timeout", type=float, default=15.0, help="per-request timeout (s)")
    parser.add_argument("--driver-processes", type=int, default=2)
    parser.add_argument("--pg-down", type=float, default=5.0, help="seconds PostgreSQL is down")
    parser.add_argument(
        "--pg-stop-mode", choices=("fast", "immediate"), default="fast", help="pg_ctl stop -m"
    )
    parser.add_argument(
        "--patience",
        type=float,
        default=30.0,
        help="seconds a resident keeps pressing Send before giving up",
    )
    parser.add_argument(
        "--disk-tries", type=int, default=300, help="long answers sent to the full disk at most"
    )
    parser.add_argument("--skip-disk", action="store_true", help="no SQLite disk faults")
    parser.add_argument("--json", type=Path, help="write every figure to this file as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and PostgreSQL")
    args = parser.parse_args(argv)
    if args.concurrency < 1 or args.seconds < 6 or args.timeout <= 0 or args.pg_down <= 0:
        parser.error("--concurrency, --timeout, --pg-down must be positive, --seconds at least 6")
    return args


def _terminate(signum, _frame):  # pragma: no cover - signal hook
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    machine = machine_line()
    print(f"Machine: {machine}")
    workdir = Path(tempfile.mkdtemp(prefix="hdwd-soak-"))
    try:
        figures, faults = soak_postgres(workdir, args)
        if args.skip_disk:
            faults += [Fault(name, 0.0, skipped=True, detail="skipped: --skip-disk")
                       for name in ("SQLite disk full", "SQLite disk read-only")]  # fmt: skip
        else:
            faults += disk_faults(workdir, args)
    finally:
        if args.keep:
            print(f"\nkept temp dir {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    covered = covered_by_tests()
    print_report(figures, faults, covered, args)
    load_after = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average after: {load_after}")
    print(f"command: `{command_line(__file__)}`")
    failed = [f.name for f in faults if not f.ok] + ([] if figures["ok"] else ["load"])
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "benchmark": "soak",
                    "started": started,
                    "command": command_line(__file__),
                    "machine": machine,
                    "load_average_after": load_after,
                    "seconds": args.seconds,
                    "load": figures,
                    # Only the faults made: a skipped one was not survived, nor failed.
                    "faults": [f.as_json() for f in faults if not f.skipped],
                    "skipped": [{"name": f.name, "reason": f.detail} for f in faults if f.skipped],
                    "covered_by_tests": covered,
                    "ok": not failed,
                },
                indent=2,
            )
            + "\n"
        )
        print(f"figures written to {args.json}")
    for name in failed:
        print(f"FAIL: {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted: servers, drivers, PostgreSQL cluster and disks were cleaned up")
        sys.exit(130)
