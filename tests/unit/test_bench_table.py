"""bench/readme_table.py turns the benchmarks' figures into the README's table (nothing runs)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "bench" / "readme_table.py"
_SPEC = importlib.util.spec_from_file_location("bench_readme_table", _PATH)
assert _SPEC and _SPEC.loader
table = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(table)


def run(target, db, rate, *, stored=100, acknowledged=100, server_version=""):
    return {
        "target": target,
        "db": db,
        "rate": rate,
        "round_p50": 40.0,
        "round_p99": 412.4,
        "post_p50": 20.0,
        "post_p99": 150.6,
        "errors": 0,
        "acknowledged": acknowledged,
        "stored": stored,
        "mismatch": stored != acknowledged,
        "notes": [],
        "server_version": server_version,
    }


def figures(**parts):
    submit = {
        "settings": {"concurrency": 16, "rate": None, "seconds": 20.0},
        "runs": [
            run("ours", "sqlite", 58.46),
            run("minimal", "sqlite", 343.8),
            run("ours", "postgres", 53.8, server_version="15.20"),
            run("minimal", "postgres", 377.8),
        ],
        "ceiling": {
            "sqlite": {"ratio": 0.17, "ours": 58.46, "minimal": 343.8},
            "postgres": {"ratio": 0.1424, "ours": 53.8, "minimal": 377.8},
        },
    }
    paced = {
        "settings": {"concurrency": 16, "rate": 50.0, "seconds": 20.0},
        "runs": [run("ours", "sqlite", 49.9), run("ours", "postgres", 49.7, stored=7)],
        "ceiling": {},
    }
    reports = {
        "repeats": 5,
        "rows": [
            {"db": db, "stored": 1_000_000, "what": "month", "median_s": seconds}
            for db, seconds in (("sqlite", 0.81234), ("postgres", 0.4))
        ],
    }
    base = {
        "started": "2026-12-05 14:03 UTC",
        "command": "make bench",
        "revision": "commit ee73c8f",
        "elapsed_s": 780.0,
        "machine": {
            "cpu": "Intel(R) Xeon(R) Processor",
            "cores": 2,
            "ram_gib": 23.5,
            "os": "Debian GNU/Linux 12 (bookworm)",
            "python": "3.11.7",
            "postgresql": "15.20",
            "sqlite": "3.40.1",
            "load_start": [2.09, 1.5, 0.68],
            "load_end": [4.91, 2.99, 1.42],
        },
        "parts": {
            "submit": submit,
            "paced": paced,
            "reports": reports,
            "soak": {"not_run": "not run: bench/soak.py missing"},
            "fuzz": {"cases": 10_600, "seconds": 49.4, "passed": 18, "failed": 0},
        },
        "timings": {"submit": {"seconds": 130.0, "load_start": 2.09, "load_end": 3.27}},
    }
    base["parts"].update(parts)
    return base


def rows(markdown):
    return [line for line in markdown.splitlines() if line.startswith("| ")]


def test_each_database_has_its_column():
    lines = rows(table.build_table(figures()))
    assert lines[0] == "| figure | SQLite | PostgreSQL |"
    assert "| Submissions/s, flat out (16 residents, 20 s) | 58.5 | 53.8 |" in lines
    assert "| Ratio to the ceiling | 0.17 | 0.14 |" in lines
    assert "| p99 ms at 50/s, the POST alone | 151 | 151 |" in lines
    assert "| Monthly digest at 1,000,000 stored, s (median of 5) | 0.812 | 0.400 |" in lines


def test_lost_answers_are_shown_not_hidden():
    lines = rows(table.build_table(figures()))
    assert (
        "| Stored = acknowledged, every load run above | yes, 300 of 300 "
        "| **MISMATCH**: 207 stored, 300 acknowledged |"
    ) in lines
    assert table.problems(figures()) == ["paced: stored != acknowledged (ours on postgres)"]


def test_a_missing_soak_and_a_skipped_part_say_so():
    markdown = table.build_table(figures(reports={"not_run": "not run (--skip reports)"}))
    lines = rows(markdown)
    assert (
        "| Faults survived with stored = acknowledged | not run: bench/soak.py missing |" in lines
    )
    assert "| Report build times | not run (--skip reports) | not run (--skip reports) |" in lines
    fuzz = "| Fuzz cases run (Hypothesis, tests/web/test_fuzz_*.py on SQLite) |"
    assert f"{fuzz} 10,600 in 49 s; 18 tests passed |" in lines


def test_the_machine_line_records_the_load_at_both_ends():
    markdown = table.build_table(figures())
    assert markdown.startswith(
        "Measured 2026-12-05 14:03 UTC with `make bench` (13 min in all) on commit ee73c8f."
    )
    assert "2 cores, 24 GiB RAM" in markdown
    assert "2.09 / 1.50 / 0.68 at the start, 4.91 / 2.99 / 1.42 at the end" in markdown
    assert "submit 130 s (load 2.09 → 3.27)" in markdown


def test_faults_get_a_row_each():
    soak = {
        "seconds": 60.0,
        "load": {
            "submissions_per_s": 57.2,
            "p50_ms": 220.0,
            "p99_ms": 887.0,
            "server_errors": 6,
            "acknowledged": 3593,
            "stored": 3593,
            "ok": True,
        },
        "faults": [
            {
                "name": "gunicorn worker SIGKILL",
                "acknowledged": 95,
                "stored": 95,
                "server_errors": 0,
                "recovered_s": 1.84,
                "ok": True,
                "detail": "worker killed",
            },
            {
                "name": "SQLite disk full",
                "acknowledged": 1,
                "stored": 0,
                "server_errors": 1,
                "recovered_s": None,
                "ok": False,
                "detail": "",
            },
        ],
    }
    lines = rows(table.build_table(figures(soak=soak)))
    assert (
        "| Faults survived with stored = acknowledged | 1 of 2 (not: SQLite disk full) |" in lines
    )
    assert "| gunicorn worker SIGKILL | 95 | 95 | 0 | 1.8 | yes | worker killed |" in lines
    assert "| SQLite disk full | 1 | 0 | 1 | – | **no** |  |" in lines


def test_the_block_goes_between_the_markers_only():
    readme = f"# Title\n\nbefore\n{table.START}\nold table\n{table.END}\nafter\n"
    assert table.replace_block(readme, "new") == (
        f"# Title\n\nbefore\n{table.START}\nnew\n{table.END}\nafter\n"
    )
    with pytest.raises(SystemExit):
        table.replace_block("# Title\n", "new")


def test_fuzz_cases_are_read_from_the_tests_own_summary():
    output = (
        "==== fuzz cases ====\nanalyse CSV: 4,000 cases in 3.4 s\n"
        "total: 10,600 generated cases in 49.4 s\n==== 18 passed in 77.14s ====\n"
    )
    assert table.parse_fuzz_summary(output) == {"cases": 10_600, "seconds": 49.4}
    assert table.parse_fuzz_summary("18 passed") == {}
