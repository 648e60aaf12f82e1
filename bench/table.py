"""Issue 12's figures in one table: run the benchmarks, then write the table into README.md.

    .venv/bin/python bench/table.py                      # everything (~12 min): `make bench`
    .venv/bin/python bench/table.py --seconds 5 --skip reports,soak,fuzz --no-write

One after another, as child processes whose own output is shown as it comes:

- submit:  bench/submit.py flat out on SQLite and PostgreSQL, beside the minimal app (the
           bare-insert ceiling);
- paced:   bench/submit.py --rate 50 --skip-minimal on both (p99 at a set load);
- reports: bench/reports.py (digest build times at 10k, 100k and 1M stored);
- soak:    bench/soak.py (a long load with faults injected), where the checkout has it;
- fuzz:    the Hypothesis fuzz tests (tests/web/test_fuzz_*.py) on SQLite; their "fuzz
           cases" summary counts the generated cases that actually ran.

Each benchmark writes its figures with --json; this script only reads them. It prints one
Markdown block (machine, load average at the start and end, date, command, figures) and
puts it between the bench:start and bench:end comments in README.md (not with --no-write).
A part skipped, missing or failed says so in the table instead of stopping the rest.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from readme_table import (
    END,
    PACED_RATE,
    START,
    build_table,
    parse_fuzz_summary,
    problems,
    replace_block,
)

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
README = REPO / "README.md"
PARTS = ("submit", "paced", "reports", "soak", "fuzz")
FUZZ_TESTS = sorted(str(p.relative_to(REPO)) for p in (REPO / "tests/web").glob("test_fuzz_*.py"))

# ---------------------------------------------------------------- running the parts


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run a child, showing its output as it comes; (exit code, output)."""
    print(f"\n$ {shlex.join(command)}", flush=True)
    env = {**(env or os.environ), "PYTHONUNBUFFERED": "1"}
    lines: list[str] = []
    with subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    return child.returncode, "".join(lines)


def from_json(command: list[str], path: Path) -> dict:
    code, output = run([*command, "--json", str(path)])
    if path.exists():
        return json.loads(path.read_text())
    last = output.strip().splitlines()[-1:] or [""]
    return {"not_run": f"failed (exit {code}): {last[0][:120]}"}


def run_part(name: str, args: argparse.Namespace, workdir: Path) -> dict:
    python = sys.executable
    submit = [python, "bench/submit.py", "--seconds", f"{args.seconds:g}"]
    submit += ["--postgres-url-base", args.postgres_url_base, "--postgres-db", args.postgres_db]
    if name == "submit":
        return from_json(submit, workdir / "submit.json")
    if name == "paced":
        paced = [*submit, "--rate", str(PACED_RATE), "--skip-minimal"]
        return from_json(paced, workdir / "paced.json")
    if name == "reports":
        reports = [python, "bench/reports.py", "--sizes", args.report_sizes]
        reports += ["--postgres-url-base", args.postgres_url_base]
        reports += ["--postgres-name", f"{args.postgres_db}_reports"]
        return from_json(reports, workdir / "reports.json")
    if name == "soak":
        if not (BENCH / "soak.py").exists():
            return {"not_run": "not run: bench/soak.py missing"}
        return from_json(
            [python, "bench/soak.py", *shlex.split(args.soak_args)], workdir / "soak.json"
        )
    # The fuzz tests print the cases they ran ("fuzz cases" in pytest's summary); the
    # JUnit XML gives the tests passed and failed.
    xml = workdir / "fuzz.xml"
    command = [python, "-m", "pytest", "-p", "no:cacheprovider", "-q", f"--junitxml={xml}"]
    code, output = run([*command, *FUZZ_TESTS], {**os.environ, "FEEDBACK_TEST_DATABASE_URL": ""})
    counted = parse_fuzz_summary(output)
    if not counted or not xml.exists():
        return {"not_run": f"failed (exit {code}): no fuzz cases summary"}
    suite = ElementTree.parse(xml).getroot()
    suite = suite if suite.tag == "testsuite" else suite[0]
    tests, failed = int(suite.get("tests", 0)), int(suite.get("failures", 0))
    failed += int(suite.get("errors", 0))
    passed = tests - failed - int(suite.get("skipped", 0))
    return {**counted, "passed": passed, "failed": failed, "exit": code}


def revision() -> str:
    """The commit measured, and whether the working tree differed from it."""

    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=REPO, capture_output=True, text=True)
        return done.stdout.rstrip() if done.returncode == 0 else ""  # status lines start " M"

    commit = git("rev-parse", "--short", "HEAD") or "an unknown commit"
    # Named, because work in progress (even a new untracked module) changes the figures.
    changed = [
        ("new " if line.startswith("??") else "") + f"`{line[3:]}`"
        for line in git("status", "--porcelain", "--untracked-files=all").splitlines()
        if line[3:] != "README.md"  # this script writes it
    ]
    if not changed:
        return f"commit {commit}"
    shown = ", ".join(changed[:8])
    more = f" and {len(changed) - 8} more" if len(changed) > 8 else ""
    return f"commit {commit} with uncommitted changes in the working tree: {shown}{more}"


def machine(parts: dict[str, dict]) -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    cpu = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    ram = re.search(r"^MemTotal:\s*(\d+) kB", meminfo, re.M)
    postgresql = next(
        (
            run["server_version"]
            for part in (parts.get("submit", {}), parts.get("paced", {}))
            for run in part.get("runs", [])
            if run.get("server_version")
        ),
        None,
    )
    if postgresql is None and shutil.which("psql"):
        client = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout
        postgresql = f"(client {client.split()[-1]})" if client else "?"
    return {
        "cpu": cpu.group(1).strip() if cpu else platform.processor() or "?",
        "cores": os.cpu_count(),
        "ram_gib": int(ram.group(1)) / 2**20 if ram else 0,
        "os": platform.freedesktop_os_release().get("PRETTY_NAME", platform.system()),
        "python": platform.python_version(),
        "postgresql": postgresql or "?",
        "sqlite": sqlite3.sqlite_version,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds", type=float, default=20.0, help="measured seconds per submit.py load run"
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        help=f"parts to leave out, comma-separated: {', '.join(PARTS)}",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave README.md")
    parser.add_argument("--report-sizes", default="10000,100000,1000000")
    parser.add_argument("--soak-args", default="", help="extra arguments for bench/soak.py")
    parser.add_argument(
        "--postgres-url-base", default="postgresql+psycopg://postgres@127.0.0.1:5432"
    )
    parser.add_argument(
        "--postgres-db",
        default="hdwd_bench_table",
        help="scratch database name for submit.py (NAME_minimal, NAME_reports_<size> too)",
    )
    args = parser.parse_args(argv)
    args.skip = {name.strip() for value in args.skip for name in value.split(",") if name.strip()}
    if unknown := args.skip - set(PARTS):
        parser.error(f"--skip: unknown part(s) {', '.join(sorted(unknown))}; use {PARTS}")
    if args.seconds <= 0:
        parser.error("--seconds must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    given = sys.argv[1:] if argv is None else argv
    script = shlex.join([".venv/bin/python", "bench/table.py", *given])
    command = "make bench" if os.environ.get("MAKELEVEL") and not given else script
    began, load_start = time.monotonic(), list(os.getloadavg())
    started, measured = time.strftime("%Y-%m-%d %H:%M %Z"), revision()
    parts: dict[str, dict] = {}
    timings: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="hdwd-bench-table-") as folder:
        for name in PARTS:
            if name in args.skip:
                parts[name] = {"not_run": f"not run (--skip {name})"}
                continue
            part_began, part_load = time.monotonic(), os.getloadavg()[0]
            parts[name] = run_part(name, args, Path(folder))
            timings[name] = {
                "seconds": time.monotonic() - part_began,
                "load_start": part_load,
                "load_end": os.getloadavg()[0],
            }
    figures = {
        "started": started,
        "command": command,
        "revision": measured,
        "elapsed_s": time.monotonic() - began,
        "machine": {**machine(parts), "load_start": load_start, "load_end": list(os.getloadavg())},
        "parts": parts,
        "timings": timings,
    }
    block = build_table(figures)
    print("\n" + block)
    if not args.no_write:
        README.write_text(replace_block(README.read_text(), block))
        print(f"\nwritten to {README.relative_to(REPO)} between {START} and {END}")
    for problem in problems(figures):
        print(f"PROBLEM: {problem}")
    return 1 if problems(figures) else 0


if __name__ == "__main__":
    sys.exit(main())
