"""The files in deploy/ are examples a council copies: they must at least parse, and the
nginx one must keep residents anonymous."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from feedback.config import DEFAULTS

from .servers import ROOT, find_nginx, nginx_command, nginx_example

DEPLOY = ROOT / "deploy"
NGINX_CONF = DEPLOY / "nginx" / "how-did-we-do.conf"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
IDENTIFYING = ("$remote_addr", "$http_x_forwarded_for", "$http_user_agent", "$http_referer")


def directives(name: str) -> list[str]:
    """Each `name …;` directive in the nginx example, comments left out."""
    lines = [line.split("#", 1)[0] for line in NGINX_CONF.read_text().splitlines()]
    text = " ".join(lines)
    return [" ".join(m.split()) for m in re.findall(rf"(?<![\w$]){name}\s([^;]*);", text)]


def test_the_nginx_example_logs_no_client_address_user_agent_or_referrer():
    (log_format,) = directives("log_format")
    name = log_format.split()[0]
    assert not [variable for variable in IDENTIFYING if variable in log_format], log_format
    assert "$request " not in log_format  # the query string stays out too
    access_logs = directives("access_log")
    assert access_logs
    for access_log in access_logs:
        assert access_log == "off" or access_log.split()[-1] == name, access_log


def test_the_nginx_example_sets_the_one_address_the_app_trusts_and_leaves_compression_to_it():
    # Set, not appended to, so a client cannot put an address of its choosing last.
    assert "X-Forwarded-For $remote_addr" in directives("proxy_set_header")
    assert "$proxy_add_x_forwarded_for" not in NGINX_CONF.read_text()
    assert directives("gzip") == ["off"]


def test_the_settings_example_names_only_settings_the_app_reads():
    example = DEPLOY / "how-did-we-do.env.example"
    names = re.findall(r"^(FEEDBACK_\w+)=", example.read_text(), re.MULTILINE)
    assert names
    assert set(names) <= set(DEFAULTS), sorted(set(names) - set(DEFAULTS))


def test_the_nginx_example_parses(tmp_path):
    nginx = find_nginx()
    main = nginx_example(tmp_path)
    result = subprocess.run(
        nginx_command(nginx, main, "-t"), capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


@pytest.mark.parametrize("unit", UNITS, ids=[unit.name for unit in UNITS])
def test_the_systemd_units_verify(unit, tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    # The units run the app from /opt/how-did-we-do/venv: here, from this checkout's.
    venv = Path(shutil.which("gunicorn") or ROOT / ".venv" / "bin" / "gunicorn").parent.parent
    copy = tmp_path / unit.name
    copy.write_text(unit.read_text().replace("/opt/how-did-we-do/venv", str(venv)))
    result = subprocess.run(
        [analyze, "verify", copy], capture_output=True, text=True, timeout=60
    )  # fmt: skip
    # verify exits 0 after a line it could not parse: anything it says is a failure.
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
