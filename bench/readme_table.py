"""The README's figures table, from what bench/table.py's parts reported: pure, no I/O.

`build_table(figures)` is the Markdown block; `problems(figures)` what went wrong;
`replace_block` puts a block between the README's markers; `parse_fuzz_summary` reads
the fuzz tests' own count of the cases they ran.

Only the standard library, so tests/unit/test_bench_table.py can load it by path without
putting bench/ on sys.path (where bench/reports.py would hide the `reports` package);
that is also why it has its own few lines of Markdown table rather than harness's.
"""

from __future__ import annotations

import re

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PACED_RATE = 50  # residents a second in all for the paced load runs
DATABASES = (("sqlite", "SQLite"), ("postgres", "PostgreSQL"))


def _n(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 600 else f"{seconds / 60:.0f} min"


def _loads(values: list[float]) -> str:
    return " / ".join(f"{x:.2f}" for x in values)


def _by_db(part: dict, target: str) -> dict[str, dict]:
    return {run["db"]: run for run in part.get("runs", []) if run["target"] == target}


def _stored_check(runs: list[dict]) -> str:
    if not runs:
        return "–"
    stored = sum(run["stored"] for run in runs)
    acknowledged = sum(run["acknowledged"] for run in runs)
    if any(run["mismatch"] for run in runs):
        return f"**MISMATCH**: {stored:,} stored, {acknowledged:,} acknowledged"
    return f"yes, {stored:,} of {acknowledged:,}"


def _db_rows(figures: dict) -> list[list[str]]:
    """Figure | SQLite | PostgreSQL rows: the load runs and the report build times."""
    rows: list[list[str]] = []
    submit, paced = figures["parts"].get("submit", {}), figures["parts"].get("paced", {})
    for label, part in (("flat out", submit), (f"at {PACED_RATE}/s", paced)):
        if "not_run" in part:
            rows.append([f"Load {label}", *[part["not_run"]] * 2])
    if "not_run" not in submit:
        settings, ours, minimal = submit["settings"], _by_db(submit, "ours"), submit["ceiling"]
        residents = f"{settings['concurrency']} residents, {settings['seconds']:g} s"
        rows += [
            [f"Submissions/s, flat out ({residents})"]
            + [_n(ours.get(db, {}).get("rate"), 1) for db, _ in DATABASES],
            ["Bare-insert ceiling, submissions/s (minimal Flask + SQLAlchemy app)"]
            + [_n(minimal.get(db, {}).get("minimal"), 1) for db, _ in DATABASES],
            ["Ratio to the ceiling"]
            + [_n(minimal.get(db, {}).get("ratio"), 2) for db, _ in DATABASES],
            ["p99 ms, flat out (GET + POST; mostly queueing)"]
            + [_n(ours.get(db, {}).get("round_p99")) for db, _ in DATABASES],
        ]
    if "not_run" not in paced:
        ours = _by_db(paced, "ours")
        rows += [
            [f"Submissions/s, paced at {paced['settings']['rate']:g}/s"]
            + [_n(ours.get(db, {}).get("rate"), 1) for db, _ in DATABASES],
            [f"p99 ms at {paced['settings']['rate']:g}/s, GET + POST"]
            + [_n(ours.get(db, {}).get("round_p99")) for db, _ in DATABASES],
            [f"p99 ms at {paced['settings']['rate']:g}/s, the POST alone"]
            + [_n(ours.get(db, {}).get("post_p99")) for db, _ in DATABASES],
        ]
    runs = [run for part in (submit, paced) for run in part.get("runs", [])]
    if runs:
        rows.append(
            ["Stored = acknowledged, every load run above"]
            + [_stored_check([run for run in runs if run["db"] == db]) for db, _ in DATABASES]
        )
    reports = figures["parts"].get("reports", {})
    if "not_run" in reports:
        return rows + [["Report build times", *[reports["not_run"]] * 2]]
    names = {
        "month": "Monthly digest at {:,} stored, s",
        "year": "12 monthly digests of a financial year at {:,} stored, s",
        "annual": "Local Account (compose_annual) at {:,} stored, s",
    }
    seen: dict[tuple[str, int], dict[str, float]] = {}
    for row in reports.get("rows", []):
        seen.setdefault((row["what"], row["stored"]), {})[row["db"]] = row["median_s"]
    for (what, stored), medians in seen.items():
        label = names[what].format(stored) + f" (median of {reports['repeats']})"
        rows.append([label] + [_n(medians.get(db), 3) for db, _ in DATABASES])
    return rows


def _other_rows(figures: dict) -> list[list[str]]:
    """Figure | value rows: the soak and its faults, the fuzz cases."""
    rows: list[list[str]] = []
    soak = figures["parts"].get("soak", {})
    if "not_run" in soak:
        rows.append(["Faults survived with stored = acknowledged", soak["not_run"]])
    else:
        faults, load = soak.get("faults", []), soak.get("load", {})
        failed = [fault["name"] for fault in faults if not fault["ok"]]
        rows.append(
            [
                "Faults survived with stored = acknowledged",
                f"{len(faults) - len(failed)} of {len(faults)}"
                + (f" (not: {', '.join(failed)})" if failed else ""),
            ]
        )
        rows.append(
            [
                f"Soak ({_n(soak.get('seconds'))} s): submissions/s, p50 / p99 ms",
                f"{_n(load.get('submissions_per_s'), 1)}, "
                f"{_n(load.get('p50_ms'))} / {_n(load.get('p99_ms'))}",
            ]
        )
        rows.append(
            [
                "Soak: stored = acknowledged, server errors",
                f"{'yes' if load.get('ok') else '**no**'}: {_n(load.get('stored'))} stored, "
                f"{_n(load.get('acknowledged'))} acknowledged; "
                f"{_n(load.get('server_errors'))} server errors",
            ]
        )
    fuzz = figures["parts"].get("fuzz", {})
    if "not_run" in fuzz:
        rows.append(["Fuzz cases run", fuzz["not_run"]])
    else:
        verdict = (
            f"{fuzz['passed']} tests passed"
            if not fuzz["failed"]
            else f"**{fuzz['failed']} of {fuzz['passed'] + fuzz['failed']} tests failed**"
        )
        rows.append(
            [
                "Fuzz cases run (Hypothesis, tests/web/test_fuzz_*.py on SQLite)",
                f"{fuzz['cases']:,} in {fuzz['seconds']:.0f} s; {verdict}",
            ]
        )
    return rows


def _table(header: list[str], rows: list[list[str]], align: str) -> list[str]:
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---:" if a == "r" else "---" for a in align) + "|")
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def build_table(figures: dict) -> str:
    """The README block (without its markers) from what the parts reported."""
    machine = figures["machine"]
    lines = [
        f"Measured {figures['started']} with `{figures['command']}` "
        f"({_duration(figures['elapsed_s'])} in all) on {figures['revision']}.",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram_gib']:.0f} GiB RAM; "
        f"{machine['os']}; Python {machine['python']}, PostgreSQL {machine['postgresql']}, "
        f"SQLite {machine['sqlite']}. Load average (1, 5, 15 min) "
        f"{_loads(machine['load_start'])} at the start, {_loads(machine['load_end'])} at the end: "
        "the machine is shared, so figures move by 20–50% between runs.",
        "",
    ]
    lines += _table(["figure", "SQLite", "PostgreSQL"], _db_rows(figures), "lrr")
    lines += [""] + _table(["figure", "value"], _other_rows(figures), "ll")
    faults = figures["parts"].get("soak", {}).get("faults", [])
    if faults:
        rows = [
            [
                fault["name"],
                _n(fault["acknowledged"]),
                _n(fault["stored"]),
                _n(fault["server_errors"]),
                _n(fault.get("recovered_s"), 1),
                "yes" if fault["ok"] else "**no**",
                fault.get("detail", ""),
            ]
            for fault in faults
        ]
        header = ["fault", "acknowledged", "stored", "server errors", "recovered s", "ok", "detail"]
        lines += [""] + _table(header, rows, "lrrrrll")
    timings = [
        f"{name} {_duration(timing['seconds'])}"
        f" (load {timing['load_start']:.2f} → {timing['load_end']:.2f})"
        for name, timing in figures["timings"].items()
    ]
    if timings:
        lines += ["", "Each part: " + "; ".join(timings) + "."]
    return "\n".join(lines)


def problems(figures: dict) -> list[str]:
    """What went wrong: parts that failed, answers lost, faults not survived, fuzz failures."""
    found = []
    for name, part in figures["parts"].items():
        if part.get("not_run", "").startswith("failed"):
            found.append(f"{name}: {part['not_run']}")
        for run in part.get("runs", []):
            if run["mismatch"]:
                found.append(f"{name}: stored != acknowledged ({run['target']} on {run['db']})")
        if name == "soak" and "not_run" not in part:
            bad = [f["name"] for f in part.get("faults", []) if not f["ok"]]
            bad += ["the load"] if not part.get("load", {}).get("ok") else []
            found += [f"soak: {what} not ok" for what in bad]
        if name == "fuzz" and part.get("failed"):
            found.append(f"fuzz: {part['failed']} tests failed")
    return found


def replace_block(text: str, block: str) -> str:
    """`text` with what lies between the START and END markers replaced by `block`."""
    before, start, rest = text.partition(START)
    _old, end, after = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"README.md has no {START} … {END} block to fill")
    return f"{before}{START}\n{block}\n{END}{after}"


def parse_fuzz_summary(output: str) -> dict[str, float]:
    """The total of the fuzz tests' "fuzz cases" summary: {"cases": n, "seconds": s}."""
    found = re.findall(r"^total: ([\d,]+) generated cases in ([\d.]+) s$", output, re.M)
    if not found:
        return {}
    cases, seconds = found[-1]
    return {"cases": int(cases.replace(",", "")), "seconds": float(seconds)}
