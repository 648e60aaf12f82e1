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
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import math
import multiprocessing
import os
import platform
import queue
import random
import re
import secrets
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from html import unescape
from importlib import metadata
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
WORKERS = 2
PROTECTED_DATABASES = {"test", "postgres", "template0", "template1"}
RESPONDENT_TYPES = ("person", "carer", "family_or_friend", "someone_else", "prefer_not_to_say", "")
COMMENTS = (
    "Staff were kind and called back quickly.",
    "It took three weeks to hear anything.",
    "Good advice about the care assessment.",
    "",
)


# ---------------------------------------------------------------- load driver (child processes)

_INPUT_TAG = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([A-Za-z_:][-\w:.]*)\s*=\s*"([^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for tag in _INPUT_TAG.findall(html):
        attributes = {name.lower(): unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        if attributes.get("type", "").lower() == "hidden" and "name" in attributes:
            fields[attributes["name"]] = attributes.get("value", "")
    return fields


@dataclass
class DriverResult:
    acknowledged: int = 0  # 302s received, warm-up included (compared with rows stored)
    measured: int = 0  # 302s whose round finished inside the measured window
    round_ms: list[float] = field(default_factory=list)
    post_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    unanswered_posts: int = 0  # POSTs sent that got no HTTP answer (may or may not be stored)
    tokens: list[str] = field(default_factory=list)
    error_samples: list[str] = field(default_factory=list)

    def error(self, kind: str, sample: str = "") -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if sample and len(self.error_samples) < 5:
            self.error_samples.append(f"{kind}: {sample[:300]}")

    def merge(self, other: DriverResult) -> None:
        self.acknowledged += other.acknowledged
        self.measured += other.measured
        self.round_ms += other.round_ms
        self.post_ms += other.post_ms
        self.unanswered_posts += other.unanswered_posts
        self.tokens += other.tokens
        for kind, count in other.errors.items():
            self.errors[kind] = self.errors.get(kind, 0) + count
        self.error_samples += other.error_samples[: max(0, 5 - len(self.error_samples))]


class Resident:
    """One simulated resident: a persistent HTTP/1.1 connection and a cookie jar per round."""

    def __init__(self, host: str, port: int, timeout: float, required: tuple[str, ...]):
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)
        self.cookies: dict[str, str] = {}
        self.required = required

    def request(self, method: str, path: str, body: str | None = None):
        headers = {"Accept": "text/html", "User-Agent": "hdwd-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, data

    def round(self, serial: str, result: DriverResult, window: tuple[float, float]) -> None:
        self.cookies = {}  # a new resident each round; the connection is reused
        path = f"/f/FD-B1-{serial}"
        started = time.perf_counter()
        post_sent = False
        try:
            response, data = self.request("GET", path)
            if response.status != 200:
                result.error(f"GET {response.status}", data.decode(errors="replace"))
                return
            fields = hidden_fields(data.decode())
            missing = [name for name in self.required if not fields.get(name)]
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
            response, data = self.request("POST", path, urlencode(answer))
            finished = time.perf_counter()
            location = response.headers.get("Location", "")
            if response.status != 302 or not location.endswith("/thank-you"):
                result.error(f"POST {response.status}", data.decode(errors="replace"))
                return
        except TimeoutError:
            self.connection.close()
            result.unanswered_posts += post_sent
            result.error("timeout (POST)" if post_sent else "timeout (GET)")
            return
        except (OSError, http.client.HTTPException) as problem:
            self.connection.close()
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


def drive(
    process_index: int,
    residents: int,
    port: int,
    required: tuple[str, ...],
    start_at: float,
    warmup: float,
    seconds: float,
    timeout: float,
    out: multiprocessing.Queue,
) -> None:
    """A driver process: `residents` threads, each one resident looping until the end time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us; no tracebacks on Ctrl-C
    measure_from, end_at = start_at + warmup, start_at + warmup + seconds
    results = [DriverResult() for _ in range(residents)]

    def loop(index: int) -> None:
        random.seed(f"{process_index}-{index}")
        resident = Resident("127.0.0.1", port, timeout, required)
        time.sleep(max(0.0, start_at - time.time()))
        serial = 0
        while time.time() < end_at:
            serial += 1
            resident.round(
                f"{process_index:02d}{index:03d}{serial:06d}",
                results[index],
                (measure_from, end_at),
            )
        resident.connection.close()

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(residents)]
    for thread in threads:
        thread.start()
    for thread in threads:
        # Every request has a timeout, so each thread ends soon after end_at.
        thread.join(timeout=max(0.0, end_at - time.time()) + 3 * timeout + 5)
    total = DriverResult()
    for result in results:
        total.merge(result)
    if any(thread.is_alive() for thread in threads):
        total.error("driver thread did not stop")
    out.put(asdict(total))  # plain data: the class lives in __mp_main__ here


def run_load(port: int, required: tuple[str, ...], args: argparse.Namespace) -> DriverResult:
    """Run the residents in separate driver processes and gather what they saw."""
    processes = max(1, min(args.driver_processes, args.concurrency))
    shares = [
        args.concurrency // processes + (i < args.concurrency % processes) for i in range(processes)
    ]
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    start_at = time.time() + 2.0  # time for the spawned interpreters to start
    children = [
        context.Process(
            target=drive,
            args=(i, share, port, required, start_at, args.warmup, args.seconds, args.timeout, out),
            daemon=True,
        )
        for i, share in enumerate(shares)
    ]
    total = DriverResult()
    try:
        for child in children:
            child.start()
        deadline = start_at + args.warmup + args.seconds + 3 * args.timeout + 30
        for _ in children:
            try:
                total.merge(DriverResult(**out.get(timeout=max(1.0, deadline - time.time()))))
            except queue.Empty:
                total.error("driver process gave no result")
        for child in children:
            child.join(timeout=5)
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()
                child.join(timeout=5)
            if child.is_alive():
                child.kill()
                child.join(timeout=5)
    return total


# ---------------------------------------------------------------- servers and databases


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("FEEDBACK_", "BENCH_", "WEB_CONCURRENCY"))
    }
    env.pop("HOST", None)
    env.pop("PORT", None)
    env.update(extra)
    return env


def run_quietly(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"{what} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def _private_control_socket(workdir: Path) -> list[str]:
    """gunicorn >= 24 opens a control socket in ~/.gunicorn shared by all instances: use ours."""
    from gunicorn.config import KNOWN_SETTINGS

    if any(setting.name == "control_socket" for setting in KNOWN_SETTINGS):
        return ["--control-socket", str(workdir / f"gunicorn-{secrets.token_hex(4)}.ctl")]
    return []


class Server:
    """gunicorn in its own process group, killed (group and all) on stop()."""

    def __init__(self, app: str, env: dict[str, str], log_path: Path, extra: list[str]):
        self.port = free_port()
        self.log_path = log_path
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(REPO / "gunicorn.conf.py"),
            *_private_control_socket(log_path.parent),
            *extra,
            app,
        ]
        env = {**env, "HOST": "127.0.0.1", "PORT": str(self.port), "WEB_CONCURRENCY": str(WORKERS)}
        self.log = open(log_path, "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_healthy(self, limit: float = 60.0) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited ({self.process.returncode}):\n{self.log_tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                try:
                    connection.request("GET", "/healthz")
                    if connection.getresponse().status == 200:
                        return
                finally:
                    connection.close()
            time.sleep(0.2)
        raise SystemExit(f"/healthz did not answer 200 within {limit:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40, errors_only: bool = False) -> str:
        self.log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        if errors_only:
            text = [line for line in text if not re.search(r'" [23]\d\d \d+ |\[INFO\]', line)]
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self.log.close()


class Database:
    """A fresh scratch database: a SQLite file in the temp dir or a PostgreSQL database."""

    def __init__(self, kind: str, name: str, workdir: Path, pg_base: str):
        self.kind, self.name = kind, name
        if kind == "sqlite":
            self.url = f"sqlite:///{workdir / (name + '.sqlite3')}"
            return
        if name in PROTECTED_DATABASES:
            raise SystemExit(f"refusing to use database {name!r}")
        from sqlalchemy.engine import make_url

        base = make_url(pg_base)
        self.url = base.set(database=name).render_as_string(hide_password=False)
        self.pg_args = [
            "-h",
            base.host or "127.0.0.1",
            "-p",
            str(base.port or 5432),
            "-U",
            base.username or "postgres",
        ]
        self.pg_env = clean_env(**({"PGPASSWORD": base.password} if base.password else {}))

    def create(self) -> None:
        if self.kind == "postgres":
            self.drop()
            run_quietly(["createdb", *self.pg_args, self.name], self.pg_env, "createdb")

    def drop(self) -> None:
        if self.kind == "postgres":
            run_quietly(
                ["dropdb", "--if-exists", "--force", *self.pg_args, self.name],
                self.pg_env,
                "dropdb",
            )

    def scalar(self, sql: str):
        return self.rows(sql)[0][0]

    def rows(self, sql: str) -> list[tuple]:
        from sqlalchemy import create_engine, text

        engine = create_engine(self.url)
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql))]
        finally:
            engine.dispose()


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


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


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
        result = run_load(server.port, target.required, args)
        time.sleep(0.5)  # let a commit racing the last response land before counting
        stored = database.scalar(f"SELECT count(*) FROM {target.table}") - before
        stored_tokens = [
            row[0]
            for row in database.rows(
                f"SELECT {target.token_column} FROM {target.table} WHERE id > {last_id}"
            )
        ]
        server_errors = server.log_tail(25, errors_only=True)
    finally:
        if server is not None:
            server.stop()
        if not args.keep:
            database.drop()

    notes: list[str] = []
    acknowledged_tokens, kept = set(result.tokens), set(stored_tokens)
    lost = acknowledged_tokens - kept
    unacknowledged = kept - acknowledged_tokens
    doubled = len(stored_tokens) - len(kept)
    if lost:
        notes.append(f"{len(lost)} acknowledged answers are not in the database")
    if unacknowledged:
        notes.append(f"{len(unacknowledged)} stored answers were never acknowledged")
    if doubled:
        notes.append(f"{doubled} answers stored more than once")
    if len(result.tokens) != len(acknowledged_tokens):
        notes.append("the server handed out the same one-time token twice")
    if result.unanswered_posts:
        notes.append(
            f"{result.unanswered_posts} POSTs got no HTTP answer (timeout/connection), "
            "so stored may legitimately exceed acknowledged by up to that many"
        )
    mismatch = stored != result.acknowledged or bool(lost or unacknowledged or doubled)
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
        f"{args.concurrency} residents, {args.seconds:g} s measured after {args.warmup:g} s "
        "warm-up =="
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


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def machine_line() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({usable} usable), load average {load}; "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, "
        f"gunicorn {version('gunicorn')}, Flask {version('flask')}, "
        f"SQLAlchemy {version('sqlalchemy')}, SQLite {sqlite3.sqlite_version}"
    )


def summary(all_figures: list[Figures], args: argparse.Namespace, started: str) -> str:
    command = (
        "cd "
        + shlex.quote(str(REPO))
        + " && "
        + shlex.join(
            [
                os.path.relpath(sys.executable, REPO)
                if sys.executable.startswith(str(REPO))
                else sys.executable,
                os.path.relpath(__file__, REPO),
                *sys.argv[1:],
            ]
        )
    )
    lines = [
        f"**Submit benchmark** ({started}): `{command}`",
        "",
        f"Machine: {machine_line()}.",
        f"Load: {args.concurrency} concurrent residents ({args.driver_processes} driver "
        f"processes, stdlib http.client), {args.seconds:g} s measured after {args.warmup:g} s "
        f"warm-up; gunicorn.conf.py, {WORKERS} sync workers; round = GET form + POST answer.",
        "",
        "| app | db | submissions/s | round p50 ms | round p99 ms | POST p50 ms | POST p99 ms "
        "| errors | acknowledged | stored | check |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for f in all_figures:
        lines.append(
            f"| {f.target} | {f.db} | {f.rate:.1f} | {f.round_p50:.0f} | {f.round_p99:.0f} "
            f"| {f.post_p50:.0f} | {f.post_p99:.0f} | {f.errors} | {f.acknowledged} "
            f"| {f.stored} | {'MISMATCH' if f.mismatch else 'ok'} |"
        )
    by_key = {(f.target, f.db): f for f in all_figures}
    ratios = []
    for db in dict.fromkeys(f.db for f in all_figures):
        ours, minimal = by_key.get(("ours", db)), by_key.get(("minimal", db))
        if ours and minimal and minimal.rate:
            ratios.append(
                f"{db} {ours.rate / minimal.rate:.2f} ({ours.rate:.1f} vs {minimal.rate:.1f}/s)"
            )
    if ratios:
        lines += [
            "",
            "Ours/minimal throughput (the framework's ceiling on this machine): "
            + "; ".join(ratios)
            + ".",
        ]
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--concurrency", type=int, default=16, help="simulated residents")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured time per run")
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
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temp dir, gunicorn logs and PostgreSQL scratch databases",
    )
    args = parser.parse_args(argv)
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
