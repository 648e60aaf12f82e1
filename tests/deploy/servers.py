"""Real gunicorn processes on loopback ports, started as the deploy/ units start them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Instance:
    base: str
    process: subprocess.Popen
    log: Path
    log_file: IO[str]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_env(**settings: str) -> dict[str, str]:
    """The environment a unit file would give: only the FEEDBACK_* settings named here."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("FEEDBACK_")}
    return env | settings


def flask(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "feedback", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, f"flask {' '.join(args)}\n{result.stdout}\n{result.stderr}"


def start_instance(env: dict[str, str], tmp_path: Path, name: str) -> Instance:
    """The README's production command, on a free loopback port."""
    port = free_port()
    log = tmp_path / f"{name}.log"
    log_file = log.open("w")
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "-c", "python:feedback.gunicorn_conf"),
            # gunicorn >= 24 shares a control socket in ~/.gunicorn between instances.
            *("--control-socket", str(tmp_path / f"{name}.ctl")),
            "feedback.wsgi:app",
        ],
        cwd=ROOT,
        env=env | {"HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "2"},
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    return Instance(f"http://127.0.0.1:{port}", process, log, log_file)


def wait_until_healthy(instances: list[Instance], seconds: float = 30) -> None:
    import requests

    deadline = time.monotonic() + seconds
    waiting = list(instances)
    while waiting:
        instance = waiting[0]
        assert instance.process.poll() is None, f"gunicorn exited:\n{instance.log.read_text()}"
        assert time.monotonic() < deadline, f"no answer in {seconds} s:\n{instance.log.read_text()}"
        try:
            if requests.get(f"{instance.base}/healthz", timeout=2).status_code == 200:
                waiting.pop(0)
                continue
        except requests.ConnectionError:
            pass
        time.sleep(0.2)


def stop(instances: list[Instance]) -> None:
    for instance in instances:
        if instance.process.poll() is None:
            instance.process.terminate()
    for instance in instances:
        try:
            instance.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            instance.process.kill()
            instance.process.wait()
        instance.log_file.close()
