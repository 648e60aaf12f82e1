"""The load and the figures the HTTP benchmarks share (servers.py starts what they load).

- `Client`: one persistent HTTP/1.1 connection and a cookie jar; `hidden_fields` reads
  a form's hidden inputs (the CSRF and one-time tokens).
- `run_load`: N concurrent users spread over driver processes, each repeating a visit
  for warm-up + measured seconds; what they saw comes back as one `DriverResult`.
- `check_stored`: stored == acknowledged, token by token; `percentile`, `machine_line`,
  `command_line` and `markdown_table` for the printed figures.

Used by bench/submit.py, bench/keying.py and bench/feedback_list.py; not a benchmark
itself.
"""

from __future__ import annotations

import http.client
import math
import multiprocessing
import os
import platform
import queue
import random
import re
import shlex
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from html import unescape
from importlib import metadata
from typing import ClassVar

from servers import REPO

# ---------------------------------------------------------------- HTTP clients

_INPUT_TAG = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([A-Za-z_:][-\w:.]*)\s*=\s*"([^"]*)"')


def hidden_fields(html: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for tag in _INPUT_TAG.findall(html):
        attributes = {name.lower(): unescape(value) for name, value in _ATTRIBUTE.findall(tag)}
        if attributes.get("type", "").lower() == "hidden" and "name" in attributes:
            fields[attributes["name"]] = attributes.get("value", "")
    return fields


class Client:
    """One simulated person: a persistent HTTP/1.1 connection and a cookie jar."""

    def __init__(self, host: str, port: int, timeout: float):
        self.connection = http.client.HTTPConnection(host, port, timeout=timeout)
        self.cookies: dict[str, str] = {}

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


# ---------------------------------------------------------------- load driver (child processes)


@dataclass
class Tally:
    """What the server acknowledged (a one-time token each) and what went wrong."""

    SAMPLES: ClassVar[int] = 5  # error texts kept to print

    acknowledged: int = 0  # answers the server confirmed (compared with rows stored)
    tokens: list[str] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)

    def error(self, kind: str, sample: str = "") -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if sample and len(self.error_samples) < self.SAMPLES:
            self.error_samples.append(f"{kind}: {sample[:300]}")


@dataclass
class DriverResult(Tally):
    measured: int = 0  # acknowledgements whose round finished inside the measured window
    round_ms: list[float] = field(default_factory=list)
    post_ms: list[float] = field(default_factory=list)
    unanswered_posts: int = 0  # POSTs sent that got no HTTP answer (may or may not be stored)

    def merge(self, other: DriverResult) -> None:
        self.acknowledged += other.acknowledged
        self.measured += other.measured
        self.round_ms += other.round_ms
        self.post_ms += other.post_ms
        self.unanswered_posts += other.unanswered_posts
        self.tokens += other.tokens
        for kind, count in other.errors.items():
            self.errors[kind] = self.errors.get(kind, 0) + count
        self.error_samples += other.error_samples[: max(0, self.SAMPLES - len(self.error_samples))]


# One visit by one user: (client, a serial unique to the run, where to count, the measured
# window as (from, to) in time.time()). A module-level function, so it can be sent to the
# driver processes; functools.partial to give it settings.
Visit = Callable[[Client, str, DriverResult, tuple[float, float]], None]


def drive(
    process_index: int,
    users: int,
    port: int,
    visit: Visit,
    start_at: float,
    warmup: float,
    seconds: float,
    timeout: float,
    out: multiprocessing.Queue,
) -> None:
    """A driver process: `users` threads, each one user repeating `visit` until the end time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us; no tracebacks on Ctrl-C
    measure_from, end_at = start_at + warmup, start_at + warmup + seconds
    results = [DriverResult() for _ in range(users)]

    def loop(index: int) -> None:
        random.seed(f"{process_index}-{index}")
        client = Client("127.0.0.1", port, timeout)
        time.sleep(max(0.0, start_at - time.time()))
        serial = 0
        while time.time() < end_at:
            serial += 1
            visit(
                client,
                f"{process_index:02d}{index:03d}{serial:06d}",
                results[index],
                (measure_from, end_at),
            )
        client.connection.close()

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(users)]
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
    out.put(asdict(total))  # plain data across the process boundary


def run_load(
    port: int,
    visit: Visit,
    *,
    users: int,
    processes: int,
    warmup: float,
    seconds: float,
    timeout: float,
) -> DriverResult:
    """Run the users in separate driver processes and gather what they saw."""
    processes = max(1, min(processes, users))
    shares = [users // processes + (i < users % processes) for i in range(processes)]
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    start_at = time.time() + 2.0  # time for the spawned interpreters to start
    children = [
        context.Process(
            target=drive,
            args=(i, share, port, visit, start_at, warmup, seconds, timeout, out),
            daemon=True,
        )
        for i, share in enumerate(shares)
    ]
    total = DriverResult()
    try:
        for child in children:
            child.start()
        deadline = start_at + warmup + seconds + 3 * timeout + 30
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


# ---------------------------------------------------------------- figures


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def check_stored(tally: Tally, stored: int, stored_tokens: list[str]) -> tuple[bool, list[str]]:
    """Stored == acknowledged, token by token: (mismatch, notes saying what differs).

    `stored` is the number of rows the run added, `stored_tokens` their one-time tokens.
    Every acknowledged token must be stored exactly once, and nothing else stored.
    """
    notes: list[str] = []
    acknowledged_tokens, kept = set(tally.tokens), set(stored_tokens)
    lost = acknowledged_tokens - kept
    unacknowledged = kept - acknowledged_tokens
    doubled = len(stored_tokens) - len(kept)
    if lost:
        notes.append(f"{len(lost)} acknowledged answers are not in the database")
    if unacknowledged:
        notes.append(f"{len(unacknowledged)} stored answers were never acknowledged")
    if doubled:
        notes.append(f"{doubled} answers stored more than once")
    if len(tally.tokens) != len(acknowledged_tokens):
        notes.append("the server handed out the same one-time token twice")
    mismatch = stored != tally.acknowledged or bool(lost or unacknowledged or doubled)
    return mismatch, notes


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


def command_line(script: str) -> str:
    """The command that ran `script`, runnable again from anywhere: cd to the repo first."""
    python = (
        os.path.relpath(sys.executable, REPO)
        if sys.executable.startswith(str(REPO))
        else sys.executable
    )
    return (
        "cd "
        + shlex.quote(str(REPO))
        + " && "
        + shlex.join([python, os.path.relpath(script, REPO), *sys.argv[1:]])
    )


def markdown_table(header: list[str], rows: Iterable[list[str]], align: str) -> list[str]:
    """The lines of a Markdown table; `align` has a letter per column: l(eft) or r(ight)."""
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---:" if a == "r" else "---" for a in align) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines
