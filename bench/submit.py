"""Benchmark: how many residents per second can send an answer, and is every answer kept?

Starts the service under gunicorn (2 sync workers, the repo's gunicorn.conf.py) on
a free 127.0.0.1 port, on a fresh SQLite file and then on a fresh PostgreSQL
scratch database, and drives it from separate driver processes with N concurrent
simulated residents for a fixed time. Each resident round is:

    GET /f/FD-B1-<serial>  -> parse csrf_token and token (session cookie kept)
    POST the same URL with rating, a short comment, respondent_type, helped -> expect 302

Afterwards it counts the rows the run added to the response table and compares
them with the 302s received (and the one-time tokens, one by one): they must be
equal. The same load is then run against bench/minimal_app.py (Flask +
SQLAlchemy, one insert per POST, no CSRF or templates) for the framework's ceiling.

This is a benchmark, not a test: it prints figures. It exits non-zero only when
stored != acknowledged (a MISMATCH line says so) or when a server would not start.

    .venv/bin/python bench/submit.py                       # both databases, 16 residents, 20 s
    .venv/bin/python bench/submit.py --db sqlite --seconds 10 --concurrency 8
    .venv/bin/python bench/submit.py --json figures.json   # the figures as JSON too, for table.py
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import random
import secrets
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

from harness import (
    Client,
    DriverResult,
    check_stored,
    command_line,
    hidden_fields,
    machine_line,
    markdown_table,
    percentile,
    run_load,
)
from servers import BENCH, PROTECTED_DATABASES, WORKERS, Database, Server, clean_env, run_quietly

RESPONDENT_TYPES = ("person", "carer", "family_or_friend", "someone_else", "prefer_not_to_say", "")
COMMENTS = (
    "Staff were kind and called back quickly.",
    "It took three weeks to hear anything.",
    "Good advice about the care assessment.",
    "",
)


# ---------------------------------------------------------------- one resident's round


def resident_round(
    client: Client,
    serial: str,
    result: DriverResult,
    window: tuple[float, float],
    required: tuple[str, ...],
    every: float | None = None,
) -> None:
    """GET the form, POST an answer: a 302 to /thank-you is an acknowledged submission.

    With `every` (seconds), this user starts a round at most that often: a paced load.
    """
    if every:
        now = time.perf_counter()
        next_at = getattr(client, "next_at", None) or now + random.uniform(0, every)
        time.sleep(max(0.0, next_at - now))
        client.next_at = max(next_at, time.perf_counter() - every) + every  # type: ignore[attr-defined]
    client.cookies = {}  # a new resident each round; the connection is reused
    path = f"/f/FD-B1-{serial}"
    started = time.perf_counter()
    post_sent = False
    try:
        response, data = client.request("GET", path)
        if response.status != 200:
            result.error(f"GET {response.status}", data.decode(errors="replace"))
            return
        fields = hidden_fields(data.decode())
        missing = [name for name in required if not fields.get(name)]
        if missing:
            result.error("form without " + "+".join(missing))
            return
        answer = {
            **fields,
            "rating": str(random.randint(1, 6)),
            "comment": random.choice(COMMENTS),
            "respondent_type": random.choice(RESPONDENT_TYPES),
            "helped": random.choice(("yes", "no", "")),
        }
        posted = time.perf_counter()
        post_sent = True
        response, data = client.request("POST", path, urlencode(answer))
        finished = time.perf_counter()
        location = response.headers.get("Location", "")
        if response.status != 302 or not location.endswith("/thank-you"):
            result.error(f"POST {response.status}", data.decode(errors="replace"))
            return
    except TimeoutError:
        client.connection.close()
        result.unanswered_posts += post_sent
        result.error("timeout (POST)" if post_sent else "timeout (GET)")
        return
    except (OSError, http.client.HTTPException) as problem:
        client.connection.close()
        result.unanswered_posts += post_sent
        result.error(type(problem).__name__, str(problem))
        return
    result.acknowledged += 1
    result.tokens.append(fields.get("token", ""))
    now = time.time()
    if window[0] <= now <= window[1]:
        result.measured += 1
        result.round_ms.append((finished - started) * 1000)
        result.post_ms.append((finished - posted) * 1000)


# ---------------------------------------------------------------- one benchmark run


@dataclass
class Target:
    label: str  # "ours" or "minimal"
    table: str
    token_column: str
    required: tuple[str, ...]


OURS = Target("ours", "response", "submission_token", ("csrf_token", "token"))
MINIMAL = Target("minimal", "bench_response", "token", ("token",))


@dataclass
class Figures:
    target: str
    db: str
    rate: float
    round_p50: float
    round_p99: float
    post_p50: float
    post_p99: float
    errors: int
    acknowledged: int
    stored: int
    mismatch: bool
    notes: list[str]
    server_version: str = ""  # PostgreSQL's, as the scratch database reported it


def prepare(target: Target, database: Database) -> dict[str, str]:
    """Create, migrate and seed the database; return the server's environment."""
    database.create()
    if target is OURS:
        env = clean_env(
            FEEDBACK_DATABASE_URL=database.url,
            FEEDBACK_SECRET_KEY=secrets.token_hex(32),
            FEEDBACK_RATE_LIMIT="1000000 per minute",
        )
        flask = [sys.executable, "-m", "flask", "--app", "feedback"]
        run_quietly([*flask, "db", "upgrade"], env, "flask db upgrade")
        run_quietly([*flask, "seed-demo"], env, "flask seed-demo")
        if not database.scalar("SELECT count(*) FROM source WHERE code = 'FD'"):
            raise SystemExit("seed-demo did not create source FD")
        return env
    env = clean_env(BENCH_DATABASE_URL=database.url)
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import minimal_app

    minimal_app.init_db(database.url)
    return env


def bench_one(target: Target, kind: str, workdir: Path, args: argparse.Namespace) -> Figures:
    name = f"{args.postgres_db}_minimal" if target is MINIMAL else args.postgres_db
    database = Database(
        kind, name if kind == "postgres" else target.label, workdir, args.postgres_url_base
    )
    server = None
    try:
        env = prepare(target, database)
        before = database.scalar(f"SELECT count(*) FROM {target.table}")
        last_id = database.scalar(f"SELECT coalesce(max(id), 0) FROM {target.table}")
        extra = ["--pythonpath", str(BENCH)] if target is MINIMAL else []
        app = "minimal_app:app" if target is MINIMAL else "wsgi:app"
        server = Server(app, env, workdir / f"gunicorn-{target.label}-{kind}.log", extra)
        server.wait_healthy()
        result = run_load(
            server.port,
            partial(
                resident_round,
                required=target.required,
                every=args.concurrency / args.rate if args.rate else None,
            ),
            users=args.concurrency,
            processes=args.driver_processes,
            warmup=args.warmup,
            seconds=args.seconds,
            timeout=args.timeout,
        )
        time.sleep(0.5)  # let a commit racing the last response land before counting
        stored = database.scalar(f"SELECT count(*) FROM {target.table}") - before
        stored_tokens = [
            row[0]
            for row in database.rows(
                f"SELECT {target.token_column} FROM {target.table} WHERE id > {last_id}"
            )
        ]
        server_errors = server.log_tail(25, errors_only=True)
        server_version = database.scalar("SHOW server_version") if kind == "postgres" else ""
    finally:
        if server is not None:
            server.stop()
        if not args.keep:
            database.drop()

    mismatch, notes = check_stored(result, stored, stored_tokens)
    if result.unanswered_posts:
        notes.append(
            f"{result.unanswered_posts} POSTs got no HTTP answer (timeout/connection), "
            "so stored may legitimately exceed acknowledged by up to that many"
        )
    figures = Figures(
        target=target.label,
        db=kind,
        rate=result.measured / args.seconds,
        round_p50=percentile(result.round_ms, 50),
        round_p99=percentile(result.round_ms, 99),
        post_p50=percentile(result.post_ms, 50),
        post_p99=percentile(result.post_ms, 99),
        errors=sum(result.errors.values()),
        acknowledged=result.acknowledged,
        stored=stored,
        mismatch=mismatch,
        notes=notes,
        server_version=server_version,
    )
    print_figures(figures, result, args)
    if result.errors and server_errors:
        print("  server log (non-2xx/3xx lines, last 25):")
        print("    " + server_errors.replace("\n", "\n    "))
    if args.keep:
        print(f"  kept: database {database.url}  log {server.log_path if server else '-'}")
    return figures


def print_figures(f: Figures, result: DriverResult, args: argparse.Namespace) -> None:
    print(
        f"\n== {f.target} app on {f.db}: gunicorn {WORKERS} sync workers, "
        f"{args.concurrency} residents"
        + (f" at {args.rate:g}/s" if args.rate else "")
        + f", {args.seconds:g} s measured after {args.warmup:g} s warm-up =="
    )
    print(f"  completed submissions/s   : {f.rate:.1f}   ({result.measured} in the window)")
    print(f"  round GET+POST p50 / p99  : {f.round_p50:.1f} / {f.round_p99:.1f} ms")
    print(f"  POST alone     p50 / p99  : {f.post_p50:.1f} / {f.post_p99:.1f} ms")
    detail = ", ".join(f"{k}: {v}" for k, v in sorted(result.errors.items()))
    print(f"  errors                    : {f.errors}" + (f"  ({detail})" if detail else ""))
    for sample in result.error_samples:
        print(f"    e.g. {sample!r}")
    print(f"  acknowledged (302)        : {f.acknowledged}   (warm-up included)")
    print(f"  stored (new rows)         : {f.stored}")
    if f.mismatch:
        print(
            f"  MISMATCH: {f.target} on {f.db}: stored {f.stored} != acknowledged "
            f"{f.acknowledged}" + "".join(f"; {note}" for note in f.notes)
        )
    else:
        print("  stored == acknowledged    : OK (every acknowledged token stored exactly once)")
        for note in f.notes:
            print(f"  note: {note}")


# ---------------------------------------------------------------- summary


def summary(all_figures: list[Figures], args: argparse.Namespace, started: str) -> str:
    lines = [
        f"**Submit benchmark** ({started}): `{command_line(__file__)}`",
        "",
        f"Machine: {machine_line()}.",
        f"Load: {args.concurrency} concurrent residents"
        + (f" paced to {args.rate:g} rounds/s in all" if args.rate else "")
        + f" ({args.driver_processes} driver "
        f"processes, stdlib http.client), {args.seconds:g} s measured after {args.warmup:g} s "
        f"warm-up; gunicorn.conf.py, {WORKERS} sync workers; round = GET form + POST answer.",
        "",
    ]
    lines += markdown_table(
        [
            "app",
            "db",
            "submissions/s",
            "round p50 ms",
            "round p99 ms",
            "POST p50 ms",
            "POST p99 ms",
            "errors",
            "acknowledged",
            "stored",
            "check",
        ],
        (
            [
                f.target,
                f.db,
                f"{f.rate:.1f}",
                f"{f.round_p50:.0f}",
                f"{f.round_p99:.0f}",
                f"{f.post_p50:.0f}",
                f"{f.post_p99:.0f}",
                str(f.errors),
                str(f.acknowledged),
                str(f.stored),
                "MISMATCH" if f.mismatch else "ok",
            ]
            for f in all_figures
        ),
        "llrrrrrrrrl",
    )
    ratios = [
        f"{db} {ratio:.2f} ({ours:.1f} vs {minimal:.1f}/s)"
        for db, (ratio, ours, minimal) in ceiling_ratios(all_figures).items()
    ]
    if ratios:
        lines += [
            "",
            "Ours/minimal throughput (the framework's ceiling on this machine): "
            + "; ".join(ratios)
            + ".",
        ]
    return "\n".join(lines)


def ceiling_ratios(all_figures: list[Figures]) -> dict[str, tuple[float, float, float]]:
    """Per database: (ours/minimal, ours, minimal) submissions/s, where both ran."""
    by_key = {(f.target, f.db): f for f in all_figures}
    ratios = {}
    for db in dict.fromkeys(f.db for f in all_figures):
        ours, minimal = by_key.get(("ours", db)), by_key.get(("minimal", db))
        if ours and minimal and minimal.rate:
            ratios[db] = (ours.rate / minimal.rate, ours.rate, minimal.rate)
    return ratios


def write_json(
    path: Path, all_figures: list[Figures], args: argparse.Namespace, started: str
) -> None:
    """The figures as one JSON object (NaN, a percentile of nothing, as null)."""

    def plain(value):
        return None if isinstance(value, float) and math.isnan(value) else value

    figures = {
        "machine": machine_line(),
        "started": started,
        "command": command_line(__file__),
        "settings": {
            "concurrency": args.concurrency,
            "rate": args.rate,
            "seconds": args.seconds,
            "warmup": args.warmup,
            "driver_processes": args.driver_processes,
            "workers": WORKERS,
        },
        "runs": [{k: plain(v) for k, v in asdict(f).items()} for f in all_figures],
        "ceiling": {
            db: {"ratio": ratio, "ours": ours, "minimal": minimal}
            for db, (ratio, ours, minimal) in ceiling_ratios(all_figures).items()
        },
    }
    path.write_text(json.dumps(figures, indent=2) + "\n")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--concurrency", type=int, default=16, help="simulated residents")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured time per run")
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="residents per second in all (paced: latency at a set load); default: flat out",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=2.0,
        help="seconds of load before measuring (its answers are still checked)",
    )
    parser.add_argument("--timeout", type=float, default=15.0, help="per-request timeout (s)")
    parser.add_argument(
        "--driver-processes",
        type=int,
        default=2,
        help="load driver processes the residents are spread over",
    )
    parser.add_argument(
        "--postgres-url-base", default="postgresql+psycopg://postgres@127.0.0.1:5432"
    )
    parser.add_argument(
        "--postgres-db",
        default="hdwd_bench",
        help="scratch database name (dropped and recreated; NAME_minimal too)",
    )
    parser.add_argument("--skip-minimal", action="store_true", help="only benchmark the service")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temp dir, gunicorn logs and PostgreSQL scratch databases",
    )
    args = parser.parse_args(argv)
    if args.rate is not None and args.rate <= 0:
        parser.error("--rate must be positive")
    if args.concurrency < 1 or args.seconds <= 0 or args.warmup < 0 or args.timeout <= 0:
        parser.error("--concurrency, --seconds and --timeout must be positive")
    if args.postgres_db in PROTECTED_DATABASES:
        parser.error(f"--postgres-db may not be {args.postgres_db!r}")
    return args


def _terminate(signum, _frame):  # pragma: no cover - signal hook
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in background
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    if "postgres" in kinds and not (shutil.which("createdb") and shutil.which("dropdb")):
        raise SystemExit("createdb/dropdb (PostgreSQL client tools) are needed for --db postgres")
    targets = [OURS] if args.skip_minimal else [OURS, MINIMAL]
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    print(f"Machine: {machine_line()}")
    workdir = Path(tempfile.mkdtemp(prefix="hdwd-bench-"))
    all_figures: list[Figures] = []
    try:
        for kind in kinds:
            for target in targets:
                all_figures.append(bench_one(target, kind, workdir, args))
    finally:
        if args.keep:
            print(f"\nkept temp dir {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print("\n" + summary(all_figures, args, started))
    if args.json:
        write_json(args.json, all_figures, args, started)
    bad = [f for f in all_figures if f.mismatch]
    for f in bad:
        print(f"MISMATCH: {f.target} on {f.db}: stored {f.stored} != acknowledged {f.acknowledged}")
    return 1 if bad else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted: servers, drivers and scratch databases were cleaned up")
        sys.exit(130)
