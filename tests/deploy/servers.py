"""Real gunicorn processes on loopback ports, started as the deploy/ units start them."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX_EXAMPLE = ROOT / "deploy" / "nginx" / "how-did-we-do.conf"
# Where scripts/ensure-test-tools.sh unpacks Debian's nginx when none is installed.
UNPACKED_NGINX = ROOT / ".venv" / "nginx" / "usr" / "sbin" / "nginx"
PUBLIC_HOST = "feedback.example.gov.uk"


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


def wait_until_healthy(instances: list[Instance], seconds: float = 40) -> None:
    import requests

    deadline = time.monotonic() + seconds
    waiting = list(instances)
    while waiting:
        instance = waiting[0]
        assert instance.process.poll() is None, f"gunicorn exited:\n{instance.log.read_text()}"
        assert time.monotonic() < deadline, f"no answer in {seconds} s:\n{instance.log.read_text()}"
        try:
            if requests.get(f"{instance.base}/healthz", timeout=5).status_code == 200:
                waiting.pop(0)
                continue
        except (requests.ConnectionError, requests.Timeout):
            pass  # still starting: a busy machine can take seconds to load the app
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


def find_nginx() -> str:
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found:
        return found
    if UNPACKED_NGINX.exists():
        return str(UNPACKED_NGINX)
    pytest.skip("nginx is not installed (scripts/ensure-test-tools.sh unpacks Debian's)")


def nginx_example(
    folder: Path, upstreams: list[str] | None = None, ports: tuple[int, int] | None = None
) -> Path:
    """deploy/nginx/how-did-we-do.conf made runnable in `folder`: its main config file.

    A throwaway certificate stands in for the placeholder, logs and caches go to
    `folder`, and, when given, these instances and (http, https) loopback ports
    replace the example's.
    """
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: no certificate for the TLS server block")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={PUBLIC_HOST}", "-addext", f"subjectAltName=DNS:{PUBLIC_HOST},IP:127.0.0.1",
         "-keyout", key, "-out", cert],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    conf = (
        NGINX_EXAMPLE.read_text()
        .replace(f"/etc/ssl/certs/{PUBLIC_HOST}.pem", str(cert))
        .replace(f"/etc/ssl/private/{PUBLIC_HOST}.key", str(key))
        .replace("/var/log/nginx/", f"{folder}/")
        .replace("/var/cache/nginx/", f"{folder}/cache/")
    )
    if upstreams:
        servers = "".join(f"    server {address};\n" for address in upstreams)
        conf = re.sub(r"(?m)^ *server [\d.]+:\d+ .*\n", "", conf)
        conf = conf.replace("upstream how_did_we_do {\n", f"upstream how_did_we_do {{\n{servers}")
    if ports:
        conf = re.sub(r"(?m)^ *listen \[::\].*\n", "", conf)
        conf = conf.replace("listen 80;", f"listen 127.0.0.1:{ports[0]};")
        conf = conf.replace("listen 443 ", f"listen 127.0.0.1:{ports[1]} ")
    (folder / "how-did-we-do.conf").write_text(conf)
    (folder / "cache").mkdir()  # Debian's /var/cache/nginx
    temp_paths = "".join(
        f"    {kind}_temp_path {folder}/{kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, workers would run as nobody, who cannot reach pytest's private folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = folder / "nginx.conf"
    main.write_text(
        f"{user}daemon off;\npid {folder}/nginx.pid;\nevents {{}}\n"
        f"http {{\n{temp_paths}    include {folder}/how-did-we-do.conf;\n}}\n"
    )
    return main


def nginx_command(nginx: str, main: Path, *options: str) -> list[str]:
    folder = main.parent
    return [nginx, *options, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(main)]
