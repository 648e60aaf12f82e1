"""Benchmark: composing the board's monthly digest at 10k, 100k and 1M stored responses.

    .venv/bin/python bench/reports.py                        # SQLite then PostgreSQL, 10k/100k/1M
    .venv/bin/python bench/reports.py --sizes 10000,100000 --databases postgresql
    .venv/bin/python bench/reports.py --json figures.json    # the figures as JSON too

For each database kind and each size it makes a fresh scratch database (SQLite: a
file in a temporary directory; PostgreSQL: `hdwd_bench_reports_<size>`, made with
createdb and dropped afterwards unless --keep; `test` and `postgres` are refused),
migrates it with `feedback.migrations.upgrade`, and loads N responses in the order
they would have arrived (SQLite: executemany in 50,000-row transactions, the FTS5
triggers running; PostgreSQL: COPY, then VACUUM ANALYZE). They are spread evenly
over the 36 London months ending last month, so the newest month holds about N/36.
Eight teams, ratings 1-6 with some unticked paper cards, web and paper, respondent
types, about 30% with a comment (sentiment and 0-3 themes from themes.toml), 1% of
comments approved as quotes, 0.3% raising a safeguarding alert, and six "you said,
we did" actions a month.

It then times `reports.monthly.compose_monthly` for last month, the way a digest
build runs it (an engine from `feedback.db.make_engine`, a fresh session per run,
the default `DigestSettings` with the packaged taxonomy): the median of --repeats
runs after one warm-up, and the peak Python memory of one more run (tracemalloc;
the database's own memory is not counted). At the largest size it also times the
12 monthly digests of the last complete financial year (April-March), summed, and,
where this checkout has `reports.annual`, `compose_annual` (the Local Account pack)
for the same year, timed the same way.

At the largest size it prints each SQL statement of one digest (and of one annual
pack) with its time, the indexes on `response`, and the plan of the slowest statement
and of the ratings by team (PostgreSQL: EXPLAIN (ANALYZE, BUFFERS); SQLite: EXPLAIN QUERY PLAN).
A benchmark, not a test: it prints figures and the verdict against the targets.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from harness import markdown_table  # noqa: E402 - the shared helpers live beside this script
from servers import Database  # noqa: E402

MONTHS = 36
MONTH_TARGET_S = 1.0  # a month's digest, within 1,000,000 stored responses, on PostgreSQL
YEAR_TARGET_S = 5.0  # a financial year
TARGET_SIZE = 1_000_000

# Code, name and share of the answers: Front Door hands out far more cards than Shared Lives.
TEAMS = [
    ("FD", "Front Door", 30),
    ("RB", "Reablement", 20),
    ("CL", "Carers Link", 12),
    ("SL", "Shared Lives", 4),
    ("NL", "North locality", 12),
    ("SO", "South locality", 12),
    ("SG", "Safeguarding", 4),
    ("OT", "Occupational therapy", 6),
]
RESPONDENTS = ["person", "carer", "family_or_friend", "someone_else", "prefer_not_to_say", None]
RESPONDENT_WEIGHTS = [45, 20, 18, 4, 5, 8]
RATING_WEIGHTS = [45, 25, 8, 8, 9, 5]  # codes 1 (Very good) .. 6 (Don't know)
PRAISE = [
    "The staff were kind and listened to what I needed.",
    "My social worker explained the assessment clearly.",
    "Really helpful advice about direct payments and charging.",
    "The equipment came quickly and the fitter was patient.",
    "Reablement helped mum get back on her feet after hospital.",
    "We felt involved in every decision about dad's support.",
]
COMPLAINTS = [
    "I waited three weeks for anyone to call me back.",
    "Nobody told me what was happening with the care package.",
    "The carers arrive late most mornings and rush the visit.",
    "It was hard to get through on the phone, I was waiting on hold.",
    "Staff changed too often so we had to repeat ourselves.",
]
WORRIES = [
    "I do not feel safe at home since the last visit.",
    "Someone is taking money from my father's account.",
]
COMMENT_SHARE = 0.30
QUOTE_SHARE = 0.01  # of comments, approved as a quote
REJECTED_SHARE = 0.01
ALERT_SHARE = 0.003  # of comments, a possible disclosure
UNANALYSED_SHARE = 0.03  # of comments, not analysed yet
ACTIONS_PER_MONTH = 6
COLUMNS = (
    "source_id",
    "channel",
    "card_reference",
    "rating",
    "comment",
    "respondent_type",
    "helped",
    "language",
    "received_at",
    "sentiment_label",
    "sentiment_score",
    "themes",
    "analysed_at",
    "analyser_version",
    "has_personal_data",
    "safeguarding_flag",
    "moderation_status",
    "quote_text",
    "moderated_by_id",
    "moderated_at",
)
TIME_COLUMNS = {COLUMNS.index(name) for name in ("received_at", "analysed_at", "moderated_at")}


# ------------------------------------------------------------------ the months


def months_back(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def last_month() -> date:
    from feedback.times import london_today

    return months_back(london_today().replace(day=1), 1)


def financial_year(latest: date) -> list[date]:
    """The 12 months of the last financial year (April-March) that ended by `latest`."""
    year = latest.year if latest.month >= 3 else latest.year - 1
    return [months_back(date(year, 4, 1), 12 - n) for n in range(12)]


# ------------------------------------------------------------------ filling the scratch database


def fake_rows(
    rng: random.Random, count: int, span: tuple[datetime, datetime], teams: list[int], staff: int
) -> Iterator[tuple]:
    """`count` answers in the order they arrived, evenly over `span` (UTC instants)."""
    from feedback.insight.themes import load_taxonomy

    slugs = [theme.slug for theme in load_taxonomy().themes]
    start, end = span
    seconds = (end - start).total_seconds()
    team_weights = [weight for _code, _name, weight in TEAMS]
    for serial, offset in enumerate(sorted(rng.random() * seconds for _ in range(count))):
        received = start + timedelta(seconds=offset)
        team = rng.choices(teams, team_weights)[0]
        paper = rng.random() < 0.3
        rating = (
            None if paper and rng.random() < 0.12 else rng.choices(range(1, 7), RATING_WEIGHTS)[0]
        )
        comment = label = score = themes = analysed = version = None
        personal = flagged = None
        status, quote, moderator, moderated = "pending", None, None, None
        if rng.random() < COMMENT_SHARE:
            worried = rng.random() < ALERT_SHARE
            good = rating in (1, 2) or (rating in (3, 6, None) and rng.random() < 0.5)
            if rng.random() < 0.05:  # the words and the tick box disagree
                good = not good
            comment = rng.choice(WORRIES if worried else PRAISE if good else COMPLAINTS)
            if rng.random() >= UNANALYSED_SHARE:
                label = "positive" if good else "negative"
                if rng.random() < 0.15:
                    label = "neutral"
                score = {"positive": 0.6, "neutral": 0.0, "negative": -0.6}[label]
                score += rng.uniform(-0.3, 0.3)
                themes = json.dumps(
                    rng.sample(slugs, rng.choices([0, 1, 2, 3], [20, 45, 25, 10])[0])
                )
                analysed = received + timedelta(seconds=rng.randrange(5, 600))
                version = "bench-1"
                personal, flagged = rng.random() < 0.02, worried
            decided = rng.random()
            if decided < QUOTE_SHARE + REJECTED_SHARE and not worried:
                status = "approved" if decided < QUOTE_SHARE else "rejected"
                quote = comment if status == "approved" else None
                moderator = staff
                moderated = received + timedelta(days=rng.randrange(1, 10))
        yield (
            team,
            "paper" if paper else "web",
            f"{team:02d}-B{serial % 90 + 1}-{serial % 10000:04d}" if paper else None,
            rating,
            comment,
            rng.choices(RESPONDENTS, RESPONDENT_WEIGHTS)[0],
            rng.choice([True, False, None]),
            "en",
            received,
            label,
            score,
            themes,
            analysed,
            version,
            personal,
            flagged,
            status,
            quote,
            moderator,
            moderated,
        )


def load_sqlite(url: str, rows: Iterator[tuple], batch: int = 50_000) -> None:
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    connection.execute("PRAGMA synchronous=OFF")
    placeholders = ", ".join("?" for _ in COLUMNS)
    statement = f"INSERT INTO response ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    chunk: list[tuple] = []

    def stored(row: tuple) -> tuple:  # SQLAlchemy's SQLite format: naive UTC text
        return tuple(
            value.strftime("%Y-%m-%d %H:%M:%S.%f")
            if index in TIME_COLUMNS and value is not None
            else value
            for index, value in enumerate(row)
        )

    def flush() -> None:
        with connection:
            connection.executemany(statement, [stored(row) for row in chunk])
        chunk.clear()

    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            flush()
    if chunk:
        flush()
    connection.close()


def load_postgres(url: str, rows: Iterator[tuple]) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        statement = f"COPY response ({', '.join(COLUMNS)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        connection.commit()


def add_teams_and_staff(url: str) -> tuple[list[int], int]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from feedback.db import make_engine
    from feedback.models import Source, StaffUser
    from feedback.services.sources import add_source

    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        for code, name, _weight in TEAMS:
            add_source(session, code, name)
        manager = StaffUser(email="bench.manager@example.gov.uk", password_hash="x", role="manager")
        session.add(manager)
        session.commit()
        codes = [code for code, _name, _weight in TEAMS]
        ids = {code: id_ for id_, code in session.execute(select(Source.id, Source.code))}
    engine.dispose()
    return [ids[code] for code in codes], manager.id


def add_alerts_and_actions(
    url: str, rng: random.Random, span: tuple[datetime, datetime], teams: list[int], staff: int
) -> tuple[int, int]:
    """Alerts for the answers flagged as possible disclosures, and the months' actions."""
    from sqlalchemy import insert, select

    from feedback.db import make_engine
    from feedback.models import Action, Response, SafeguardingAlert
    from feedback.times import as_utc

    engine = make_engine(url)
    with engine.begin() as connection:
        flagged = connection.execute(
            select(Response.id, Response.received_at).where(Response.safeguarding_flag.is_(True))
        ).all()
        alerts = []
        for response_id, received in flagged:
            raised = as_utc(received) + timedelta(seconds=rng.randrange(1, 30))  # type: ignore[operator]
            acknowledged = None
            if rng.random() < 0.9:
                acknowledged = raised + timedelta(hours=rng.expovariate(1 / 8))
            alerts.append(
                {
                    "response_id": response_id,
                    "raised_at": raised,
                    "categories": ["harm"],
                    "notified_at": raised + timedelta(minutes=1),
                    "email_attempts": 1,
                    "acknowledged_at": acknowledged,
                    "acknowledged_by_id": staff if acknowledged else None,
                }
            )
        if alerts:
            connection.execute(insert(SafeguardingAlert), alerts)
        actions = []
        first = span[0].date() + timedelta(days=1)  # a London month starts late on the 31st UTC
        for n in range(MONTHS):
            month = months_back(first.replace(day=1), -n)
            for _ in range(ACTIONS_PER_MONTH):
                age = MONTHS - n
                actions.append(
                    {
                        "you_said": rng.choice(COMPLAINTS),
                        "we_did": "We changed how we work and told the team.",
                        "source_id": rng.choice(teams),
                        "theme": None,
                        "status": "completed"
                        if rng.random() < min(0.95, age / 6)
                        else rng.choice(["planned", "in_progress"]),
                        "action_date": month + timedelta(days=rng.randrange(28)),
                        "created_by_id": staff,
                        "created_at": span[0] + timedelta(days=30 * n),
                    }
                )
        connection.execute(insert(Action), actions)
    engine.dispose()
    return len(alerts), len(actions)


def fill(kind: str, url: str, size: int, seed: int) -> float:
    """Migrate and load `size` answers; returns the seconds it took."""
    from feedback.migrations import upgrade
    from feedback.times import london_month_bounds

    began = time.perf_counter()
    upgrade(url)
    latest = last_month()
    span = (
        london_month_bounds(months_back(latest, MONTHS - 1))[0],
        london_month_bounds(latest)[1],
    )
    rng = random.Random(seed + size)
    teams, staff = add_teams_and_staff(url)
    rows = fake_rows(rng, size, span, teams, staff)
    (load_sqlite if kind == "sqlite" else load_postgres)(url, rows)
    add_alerts_and_actions(url, rng, span, teams, staff)
    if kind == "sqlite":
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
        connection.execute("ANALYZE")
        connection.close()
    else:
        import psycopg

        dsn = url.replace("postgresql+psycopg", "postgresql")
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
    return time.perf_counter() - began


# ------------------------------------------------------------------ measuring


def timed(run: Callable[[], object], repeats: int) -> tuple[float, float, float]:
    run()  # warm-up: caches, pool connections, prepared plans
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples), min(samples), max(samples)


def peak_mib(run: Callable[[], object]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def rows_in(engine, months: list[date]) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from feedback.models import Response
    from feedback.times import london_month_bounds

    start, end = london_month_bounds(months[0])[0], london_month_bounds(months[-1])[1]
    query = select(func.count()).where(Response.received_at >= start, Response.received_at < end)
    with engine.connect() as connection:
        return connection.execute(query).scalar_one()


def statements_of(engine, run: Callable[[], object]) -> list[tuple[str, float, str, object]]:  # type: ignore[no-untyped-def]
    """Each SQL statement one run sends: (the function that sent it, seconds, SQL, parameters)."""
    from sqlalchemy import event

    seen: list[tuple[str, float, str, object]] = []
    started: list[float] = []

    def caller() -> str:
        frame = sys._getframe(2)
        while frame is not None:
            path = frame.f_code.co_filename
            if path.endswith(("reports/build.py", "services/moderation.py")):
                return f"{Path(path).stem}.{frame.f_code.co_name}"
            frame = frame.f_back  # type: ignore[assignment]
        return "?"

    def before(_conn, _cursor, _statement, _parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        started.append(time.perf_counter())

    def after(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        seen.append((caller(), time.perf_counter() - started.pop(), statement, parameters))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    return seen


def show_plans(kind: str, engine, seen: list[tuple[str, float, str, object]]) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    print("  its statements (time from execute to result):", flush=True)
    for name, seconds, statement, _params in sorted(seen, key=lambda s: -s[1]):
        print(f"    {seconds * 1000:8.1f} ms  {name:<32} {' '.join(statement.split())[:70]}")
    with engine.connect() as connection:
        if kind == "sqlite":
            indexes = [row[1] for row in connection.exec_driver_sql("PRAGMA index_list(response)")]
        else:
            indexes = list(
                connection.execute(
                    text("SELECT indexname FROM pg_indexes WHERE tablename = 'response'")
                ).scalars()
            )
        print(f"  indexes on response: {', '.join(sorted(indexes))}")
        slowest = max(seen, key=lambda s: s[1])
        chosen = [slowest]
        chosen += [s for s in seen if s[0] == "build.ratings_by_team" and s is not slowest][:1]
        explain = "EXPLAIN QUERY PLAN " if kind == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
        for name, seconds, statement, params in chosen:
            print(f"  {explain.strip()} of {name} ({seconds * 1000:.1f} ms in the digest):")
            result = connection.exec_driver_sql(explain + statement, params)  # type: ignore[arg-type]
            for row in result:
                print(
                    "    " + (" | ".join(str(v) for v in row[-1:]) if kind == "sqlite" else row[0])
                )
    print(flush=True)


def measure(
    kind: str, url: str, size: int, repeats: int, year: bool, plans: bool, load_s: float
) -> list[tuple]:
    from sqlalchemy.orm import sessionmaker

    from feedback.db import make_engine
    from feedback.insight.themes import load_taxonomy
    from reports.monthly import Composed, DigestSettings, compose_monthly

    engine = make_engine(url)  # as feedback.db.init_app makes it
    maker = sessionmaker(bind=engine, expire_on_commit=False)
    settings = DigestSettings(taxonomy=load_taxonomy())
    month = last_month()

    def digest(month: date = month) -> Composed:
        with maker() as session:
            return compose_monthly(session, month, settings)

    results = []

    def record(label: str, run: Callable[[], object], months: list[date]) -> None:
        count = rows_in(engine, months)
        median, low, high = timed(run, repeats)
        peak = peak_mib(run)
        results.append((kind, size, label, count, median, low, high, peak, load_s))
        print(
            f"  {label}: {count:,} rows, median {median:.3f} s"
            f" ({low:.3f}-{high:.3f}), peak {peak:.1f} MiB",
            flush=True,
        )

    answers = digest().counts["answers"]
    if answers != rows_in(engine, [month]):
        print(f"  warning: the digest counted {answers:,}, the table {rows_in(engine, [month]):,}")
    record(f"month {month:%Y-%m}", digest, [month])
    months = financial_year(month)
    annual = annual_composer(maker, months[0].year, settings)
    if year:
        record(
            f"12 monthly digests of one financial year {months[0]:%Y}-{months[-1]:%y}",
            lambda: [digest(first) for first in months],
            months,
        )
        if annual is not None:
            record(f"compose_annual, Local Account {months[0]:%Y}-{months[-1]:%y}", annual, months)
    if plans:
        print("  one monthly digest:")
        show_plans(kind, engine, statements_of(engine, digest))
        if annual is not None:
            print("  one annual Local Account:")
            show_plans(kind, engine, statements_of(engine, annual))
    engine.dispose()
    return results


def annual_composer(maker, year: int, settings) -> Callable[[], object] | None:  # type: ignore[no-untyped-def]
    """`reports.annual.compose_annual` for the financial year, where this checkout has it."""
    try:
        from reports.annual import compose_annual
    except ImportError:
        return None

    def run() -> object:
        with maker() as session:
            return compose_annual(session, year, settings)

    return run


# ------------------------------------------------------------------ the verdict


def verdict(table: list[tuple]) -> list[str]:
    lines = []
    for kind in dict.fromkeys(row[0] for row in table):
        months = [row for row in table if row[0] == kind and row[2].startswith("month")]
        within = [row for row in months if row[1] <= TARGET_SIZE]
        worst = max(within, key=lambda row: row[4]) if within else None
        scope = "production target" if kind == "postgres" else "for comparison"
        if worst is None:
            lines.append(f"{kind}: a month: not measured at or below {TARGET_SIZE:,} stored")
        else:
            largest = max(row[1] for row in within)
            ok = all(row[4] < MONTH_TARGET_S for row in within)
            mark = "PASS" if ok else "MISS"
            if ok and largest < TARGET_SIZE:
                mark = f"PASS only up to {largest:,} stored ({TARGET_SIZE:,} not measured)"
            lines.append(
                f"{kind}: a month within {TARGET_SIZE:,} stored under {MONTH_TARGET_S:g} s"
                f" ({scope}): {mark} (slowest median {worst[4]:.3f} s at {worst[1]:,} stored)"
            )
        years = [row for row in table if row[0] == kind and not row[2].startswith("month")]
        for row in years:
            mark = "PASS" if row[4] < YEAR_TARGET_S else "MISS"
            if mark == "PASS" and row[1] < TARGET_SIZE:
                mark = f"PASS only at {row[1]:,} stored ({TARGET_SIZE:,} not measured)"
            lines.append(
                f"{kind}: a year under {YEAR_TARGET_S:g} s ({scope}), as {row[2]}"
                f" at {row[1]:,} stored: {mark} (median {row[4]:.3f} s)"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite, postgresql")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--postgres-url-base", default="postgresql+psycopg://postgres@127.0.0.1:5432"
    )
    parser.add_argument("--postgres-name", default="hdwd_bench_reports")
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    sizes = sorted(int(size.replace("_", "")) for size in args.sizes.split(","))
    aliases = {"sqlite": "sqlite", "postgresql": "postgres", "postgres": "postgres"}
    try:
        kinds = [aliases[name.strip()] for name in args.databases.split(",")]
    except KeyError as unknown:
        raise SystemExit(f"unknown database {unknown}: use sqlite and/or postgresql") from None

    began = time.perf_counter()
    table = []
    workdir = Path(tempfile.mkdtemp(prefix="hdwd-bench-reports-"))
    for kind in kinds:
        for size in sizes:
            name = f"{args.postgres_name}_{size}" if kind == "postgres" else f"reports_{size}"
            database = Database(kind, name, workdir, args.postgres_url_base)
            database.create()
            try:
                load_s = fill(kind, database.url, size, args.seed)
                print(f"{kind}: {size:,} responses stored ({load_s:.1f} s to load)", flush=True)
                largest = size == sizes[-1]
                table += measure(kind, database.url, size, args.repeats, largest, largest, load_s)
            finally:
                if not args.keep:
                    database.drop()  # a PostgreSQL database; SQLite's files go below
                    for path in workdir.glob(f"{name}.sqlite3*"):
                        path.unlink()

    if not args.keep:
        workdir.rmdir()

    print()
    print(
        f"Digest build time, seconds (median, min-max of {args.repeats} runs after a warm-up);"
        " peak Python memory of one more run (tracemalloc)"
    )
    print()
    header = ["db", "stored responses", "period", "rows in period", "median s", "min-max s"]
    header += ["peak MiB", "load s"]
    rows = (
        [
            kind,
            f"{size:,}",
            label,
            f"{count:,}",
            f"{median:.3f}",
            f"{low:.3f}-{high:.3f}",
            f"{peak:.1f}",
            f"{load_s:.0f}",
        ]
        for kind, size, label, count, median, low, high, peak, load_s in table
    )
    print("\n".join(markdown_table(header, rows, "lrlrrrrr")))
    print()
    for line in verdict(table):
        print(line)
    print()
    print(
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f},"
        f" Python {platform.python_version()}, SQLite {sqlite3.sqlite_version},"
        f" total {time.perf_counter() - began:.0f} s"
    )
    print("command: " + shlex.join([".venv/bin/python", "bench/reports.py", *sys.argv[1:]]))
    if args.json:
        write_json(args.json, table, args.repeats, time.perf_counter() - began)


def write_json(path: Path, table: list[tuple], repeats: int, total_s: float) -> None:
    def what(period: str) -> str:  # month, year (12 monthly digests) or annual (compose_annual)
        return "month" if period.startswith("month") else "annual" if "annual" in period else "year"

    names = ("db", "stored", "period", "rows_in_period", "median_s", "min_s", "max_s")
    names += ("peak_mib", "load_s")
    figures = {
        "machine": f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f},"
        f" Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        "repeats": repeats,
        "targets": {"month_s": MONTH_TARGET_S, "year_s": YEAR_TARGET_S, "size": TARGET_SIZE},
        "rows": [{**dict(zip(names, row, strict=True)), "what": what(row[2])} for row in table],
        "verdict": verdict(table),
        "total_s": total_s,
        "command": shlex.join([".venv/bin/python", "bench/reports.py", *sys.argv[1:]]),
    }
    path.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
