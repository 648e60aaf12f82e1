"""`pip install .` gives a working app: the wheel alone carries templates and migrations.

The wheel is installed into a fresh virtual environment that borrows the project's
installed dependencies but cannot see this checkout, and run from an empty folder,
so anything the wheel forgot fails here rather than in production.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FFT_QUESTION = "Overall, how was your experience of our service?"
# What is not source: building in a copy keeps build/ and *.egg-info out of the shared
# checkout, and a stale build/lib can never hand the wheel a file the tree no longer has.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "instance", "build", "dist", "*.egg-info",
    "__pycache__", ".*_cache", "tests", "bench",
)  # fmt: skip


def test_the_wheel_alone_migrates_a_database_and_serves_the_form(tmp_path):
    wheel = build_wheel(tmp_path)
    assert_wheel_carries_the_checkout(wheel)

    python = fresh_venv_with(wheel, tmp_path / "venv")
    workdir = tmp_path / "empty"
    workdir.mkdir()
    env = clean_env(
        FEEDBACK_ENV="production",
        FEEDBACK_SECRET_KEY="wheel-test-secret-not-for-production",
        FEEDBACK_DATABASE_URL=f"sqlite:///{tmp_path / 'feedback.sqlite3'}",
    )

    where = run(python, "-c", WHERE_FROM, cwd=workdir, env=env)
    for place in json.loads(where.stdout).values():
        assert Path(place).is_relative_to(tmp_path / "venv"), where.stdout

    run(python, "-m", "flask", "--app", "feedback", "db", "upgrade", cwd=workdir, env=env)

    # The README's production command, with the settings the package ships.
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [python, "-m", "gunicorn", "-c", "python:feedback.gunicorn_conf"]
        + control_socket(python, tmp_path)
        + ["feedback.wsgi:app"],
        cwd=workdir,
        env={**env, "HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        status, body = wait_for(f"{base}/healthz", server, tmp_path / "gunicorn.log")
        assert status == 200
        health = json.loads(body)
        assert health["status"] == "ok"
        assert health["database"] == "ok"

        status, body = get(f"{base}/f/FD")
        assert status == 200
        assert FFT_QUESTION in body
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    # The packaged access log: the request is there, the resident's address is not.
    access = [
        line for line in (tmp_path / "gunicorn.log").read_text().splitlines() if '"GET ' in line
    ]
    assert any('"GET /f/FD" 200' in line for line in access), access
    assert not any("127.0.0.1" in line for line in access), access


# Printed by the new environment's python: where it finds the app and its files.
WHERE_FROM = """
import json, feedback, feedback.resources as r
print(json.dumps({"package": feedback.__file__, "templates": str(r.TEMPLATES_DIR),
                  "migrations": str(r.MIGRATIONS_DIR)}))
"""


def control_socket(python: Path, tmp_path: Path) -> list[str]:
    """gunicorn >= 24 shares a control socket in ~/.gunicorn between instances: use our own."""
    has = run(
        python,
        "-c",
        "import gunicorn.config as c;"
        "print(any(s.name == 'control_socket' for s in c.KNOWN_SETTINGS))",
    )
    return (
        ["--control-socket", str(tmp_path / "gunicorn.ctl")] if has.stdout.strip() == "True" else []
    )


def build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    dist = tmp_path / "dist"
    # With build isolation, as `pip install .` does: pip fetches the setuptools that
    # [build-system] asks for, which may be newer than the one in .venv.
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", dist, source)
    # pip passes on what setuptools warns of, such as a pyproject.toml form it will stop
    # reading (the old license table): a new user would see it, so it fails here first.
    assert "BuildBackendWarning" not in built.stderr, built.stderr
    (wheel,) = dist.glob("*.whl")
    return wheel


def assert_wheel_carries_the_checkout(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())

    def shipped_as(folder: str, pattern: str, inside: str) -> set[str]:
        files = {p.relative_to(ROOT / folder).as_posix() for p in (ROOT / folder).glob(pattern)}
        assert files, f"nothing matches {folder}/{pattern} in the checkout"
        return {f"{inside}/{name}" for name in files}

    templates = shipped_as("templates", "**/*.html", "feedback/templates")
    migrations = shipped_as("migrations", "versions/*.py", "feedback/alembic")
    assert templates <= names, sorted(templates - names)
    assert migrations <= names, sorted(migrations - names)
    assert "feedback/templates/resident/form.html" in names
    assert {"feedback/alembic/env.py", "feedback/alembic/script.py.mako"} <= names
    assert {"feedback/wsgi.py", "feedback/gunicorn_conf.py"} <= names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    # pyproject.toml names its packages one by one (it has to, to map the folders):
    # a package folder added without a line there would be missing from the wheel.
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    packages = {
        p.relative_to(ROOT).as_posix()
        for top in {name.split(".")[0] for name in listed}
        for p in (ROOT / top).rglob("__init__.py")
    }
    assert packages <= names, sorted(packages - names)


def fresh_venv_with(wheel: Path, venv: Path) -> Path:
    """A virtual environment holding the wheel, with the project's dependencies on its path."""
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(
        sys.executable,
        *("-m", "pip", "--python", python, "install", "--quiet", "--no-deps", "--no-index"),
        wheel,
    )
    # Written after the install, so pip never sees the checkout's editable install. A
    # directory named in a .pth file is added to sys.path without reading its own .pth
    # files, so the editable install's finder never runs: `feedback` comes from the wheel.
    borrowed = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    (site_packages(python) / "borrowed-dependencies.pth").write_text("\n".join(borrowed) + "\n")
    return python


def site_packages(python: Path) -> Path:
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return Path(run(python, "-c", code).stdout.strip())


def clean_env(**settings: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FEEDBACK_", "PYTHON", "VIRTUAL_ENV", "FLASK_"))
    }
    return env | {"PYTHONNOUSERSITE": "1"} | settings


def run(*command: object, **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=300, **kwargs
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read().decode()


def wait_for(url: str, server: subprocess.Popen, log: Path) -> tuple[int, str]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, f"gunicorn exited:\n{log.read_text()}"
        try:
            return get(url)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError(f"gunicorn did not answer {url} in 30 s:\n{log.read_text()}")
