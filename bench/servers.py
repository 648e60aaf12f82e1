"""The server under test and its scratch database, for the HTTP benchmarks.

- `Database`: a fresh SQLite file in a temporary directory or a PostgreSQL scratch
  database (dropped and recreated with dropdb/createdb; `test` and `postgres` refused).
- `Server`: gunicorn with the repo's gunicorn.conf.py (WORKERS sync workers) on a free
  127.0.0.1 port, in its own process group; healthy once `/healthz` answers 200.

Used by bench/submit.py, bench/keying.py and bench/feedback_list.py; not a benchmark itself.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
WORKERS = 2
PROTECTED_DATABASES = {"test", "postgres", "template0", "template1"}


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


def _die_with_parent() -> None:
    """Runs in the server's process before gunicorn starts: a benchmark killed outright (a
    timeout, SIGKILL) takes its server with it instead of leaving it serving for hours."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


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
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
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
