"""Benchmark: the managers' feedback list and word search at 10k, 100k and 1M responses.

    .venv/bin/python bench/feedback_list.py                       # both databases, 10k/100k/1M
    .venv/bin/python bench/feedback_list.py --db sqlite --sizes 10000,100000 --repeats 10

For each database kind it makes a scratch database (SQLite: a file in a temporary
directory; PostgreSQL: `hdwd_bench_list`, dropped and recreated with dropdb/createdb,
dropped afterwards unless --keep), migrates it, and grows the response table in
steps to each size with realistic rows (SQLite: executemany in 50,000-row
transactions, the migration's triggers filling the FTS5 table; PostgreSQL: COPY,
the GIN index kept by PostgreSQL, then ANALYZE). At each size it times, with
p50 and p99 over --repeats runs after one warm-up run:

  service   feedback_search.search() called directly with a session
  http      GET through the Flask test client as a signed-in manager (templates included)

for: the newest page unfiltered, the next (older) page, one team in one month,
a search for a common word ("staff", in about a quarter of comments) and for a
rare one ("hydrotherapy", about 1 in 20,000 comments). Prints a Markdown table.
A benchmark, not a test: it prints figures (and warns if a search finds nothing).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shlex
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from harness import markdown_table  # noqa: E402 - the shared helpers live beside this script
from servers import Database  # noqa: E402

TEAMS = [
    ("FD", "Front Door"),
    ("RB", "Reablement"),
    ("CL", "Carers Link"),
    ("SL", "Shared Lives"),
    ("NL", "North locality"),
    ("SO", "South locality"),
    ("SG", "Safeguarding"),
    ("OT", "Occupational therapy"),
]
RESPONDENTS = ["person", "carer", "family_or_friend", "someone_else", "prefer_not_to_say", None]
OPENINGS = [
    "The staff were kind and listened to what I needed.",
    "I waited three weeks for anyone to call me back.",
    "My social worker explained the assessment clearly.",
    "Nobody told me what was happening with the care package.",
    "The carers arrive late most mornings and rush the visit.",
    "Really helpful advice about direct payments and charging.",
    "The equipment came quickly and the fitter was patient.",
    "It was hard to get through on the phone, I was waiting on hold.",
    "Reablement helped mum get back on her feet after hospital.",
    "We felt involved in every decision about dad's support.",
]
TAILS = [
    "",
    " Thank you to everyone involved.",
    " Please keep us informed next time.",
    " The paperwork was confusing.",
    " Staff changed too often so we had to repeat ourselves.",
    " Much better than last year.",
]
RARE_WORD = "hydrotherapy"
RARE_EVERY = 20_000
START = datetime(2023, 4, 1, tzinfo=UTC)
SPAN_SECONDS = int((datetime(2026, 3, 31, tzinfo=UTC) - START).total_seconds())
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
    "moderation_status",
)


def fake_rows(rng: random.Random, count: int, first_serial: int, team_ids: list[int]) -> Iterator:
    for n in range(count):
        serial = first_serial + n
        team = rng.choice(team_ids)
        channel = "paper" if rng.random() < 0.3 else "web"
        comment = None
        if rng.random() < 0.65:
            comment = rng.choice(OPENINGS) + rng.choice(TAILS)
            if serial % RARE_EVERY == 7:
                comment += f" The {RARE_WORD} sessions made a real difference."
        yield (
            team,
            channel,
            f"FD-B{serial % 90 + 1}-{serial % 10000:04d}" if channel == "paper" else None,
            rng.choices([1, 2, 3, 4, 5, 6], weights=[45, 25, 8, 8, 9, 5])[0],
            comment,
            rng.choice(RESPONDENTS),
            rng.choice([True, False, None]),
            "en",
            START + timedelta(seconds=rng.randrange(SPAN_SECONDS)),
            "pending",
        )


# ------------------------------------------------------------------ filling the scratch database


def insert_sqlite(url: str, rows: Iterator, batch: int = 50_000) -> None:
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    connection.execute("PRAGMA synchronous=OFF")
    placeholders = ", ".join("?" for _ in COLUMNS)
    statement = f"INSERT INTO response ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    chunk: list[tuple] = []

    def flush() -> None:
        with connection:
            connection.executemany(
                statement,
                [(*row[:8], row[8].strftime("%Y-%m-%d %H:%M:%S.%f"), row[9]) for row in chunk],
            )
        chunk.clear()

    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            flush()
    if chunk:
        flush()
    connection.execute("ANALYZE")
    connection.close()


def insert_postgres(url: str, rows: Iterator) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        statement = f"COPY response ({', '.join(COLUMNS)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        connection.commit()
        connection.autocommit = True
        connection.execute("VACUUM ANALYZE response")


# ------------------------------------------------------------------ measuring


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99


def timed(run: Callable[[], object], repeats: int) -> tuple[float, float]:
    run()  # warm-up: caches, prepared plans
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        samples.append((time.perf_counter() - began) * 1000)
    return percentiles(samples)


def measure(url: str, size: int, repeats: int, manager_id: int, session_version: int) -> list:
    from feedback import create_app
    from feedback.services.feedback_search import Filters, encode_cursor, search

    app = create_app(
        {
            "FEEDBACK_DATABASE_URL": url,
            "FEEDBACK_SECRET_KEY": "bench-secret-key-not-for-production",
            "TESTING": True,
        }
    )
    client = app.test_client()
    with client.session_transaction() as cookie:
        cookie["_user_id"] = f"{manager_id}:{session_version}"
        cookie["_fresh"] = True

    maker = app.extensions["feedback.sessionmaker"]
    with maker() as session:
        team_id = session.execute(_team_query()).scalar_one()
        first = search(session, Filters())
        older = encode_cursor(first.rows[-1])
    month = date(2025, 11, 1), date(2025, 11, 30)
    cases = [
        ("newest page", Filters(), None, ""),
        ("next page", Filters(), older, f"older={older}"),
        (
            "team + month",
            Filters(source_id=team_id, received_from=month[0], received_to=month[1]),
            None,
            f"source={team_id}&received_from=1&received_from=11&received_from=2025"
            "&received_to=30&received_to=11&received_to=2025",
        ),
        ("search common", Filters(words="staff"), None, "q=staff"),
        ("search rare", Filters(words=RARE_WORD), None, f"q={RARE_WORD}"),
    ]
    results = []
    for name, filters, cursor, query in cases:
        with maker() as session:
            found = search(session, filters, older=cursor)
            if not found.rows and size >= RARE_EVERY:
                print(f"  warning: {name} found nothing at {size:,}", flush=True)

            def service(filters=filters, cursor=cursor, session=session) -> object:
                return search(session, filters, older=cursor)

            service_p50, service_p99 = timed(service, repeats)

        def http(query=query) -> object:
            response = client.get(f"/staff/feedback?{query}")
            assert response.status_code == 200, response.status_code
            return response.get_data()

        http_p50, http_p99 = timed(http, repeats)
        count = f"{'>' if found.capped else ''}{min(found.total, 10_000):,}"
        results.append((name, count, service_p50, service_p99, http_p50, http_p99))
    app.extensions["feedback.engine"].dispose()
    return results


def _team_query():  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from feedback.models import Source

    return select(Source.id).where(Source.code == "RB")


def prepare(url: str) -> tuple[list[int], int, int]:
    """Migrate, add the teams and a manager; returns team ids and the manager's id/version."""
    from argon2 import PasswordHasher
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from feedback.db import make_engine
    from feedback.migrations import upgrade
    from feedback.models import Source
    from feedback.services.sources import add_source
    from feedback.services.staff import create_staff_user, set_hasher

    upgrade(url)
    set_hasher(PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))
    engine = make_engine(url)
    with Session(engine, expire_on_commit=False) as session:
        for code, name in TEAMS:
            add_source(session, code, name)
        manager = create_staff_user(
            session, "bench.manager@example.gov.uk", "manager", "a bench password only"
        )
        ids = list(session.scalars(select(Source.id).where(Source.code != "UNKNOWN")))
    engine.dispose()
    return ids, manager.id, manager.session_version


def run(kind: str, url: str, sizes: list[int], repeats: int, seed: int) -> list:
    team_ids, manager_id, version = prepare(url)
    rng = random.Random(seed)
    table, stored = [], 0
    for size in sizes:
        began = time.perf_counter()
        rows = fake_rows(rng, size - stored, stored, team_ids)
        (insert_sqlite if kind == "sqlite" else insert_postgres)(url, rows)
        load = time.perf_counter() - began
        stored = size
        print(f"{kind}: {size:,} rows stored (+{load:.1f} s to load)", flush=True)
        for result in measure(url, size, repeats, manager_id, version):
            table.append((kind, size, *result))
            print(
                "  {:<14} rows {:>8}  service {:7.1f} / {:7.1f} ms"
                "   http {:7.1f} / {:7.1f} ms".format(*result),
                flush=True,
            )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--postgres-url-base", default="postgresql+psycopg://postgres@127.0.0.1:5432"
    )
    parser.add_argument("--postgres-name", default="hdwd_bench_list")
    parser.add_argument("--keep", action="store_true", help="keep the scratch databases")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]

    began = time.perf_counter()
    table = []
    workdir = Path(tempfile.mkdtemp(prefix="hdwd-bench-list-"))
    for kind in kinds:
        db_name = args.postgres_name if kind == "postgres" else "bench"
        database = Database(kind, db_name, workdir, args.postgres_url_base)
        database.create()
        try:
            table.extend(run(kind, database.url, sizes, args.repeats, args.seed))
        finally:
            if not args.keep:
                database.drop()  # a PostgreSQL database; SQLite's files go below
                for path in workdir.glob("bench.sqlite3*"):
                    path.unlink()

    print()
    print(f"Feedback list latency, ms (p50 / p99 of {args.repeats} runs after a warm-up)")
    print()
    header = ["db", "responses", "query", "matching"]
    header += ["service p50", "service p99", "http p50", "http p99"]
    rows = (
        [kind, f"{size:,}", name, count, *(f"{ms:.1f}" for ms in timings)]
        for kind, size, name, count, *timings in table
    )
    print("\n".join(markdown_table(header, rows, "lrlrrrrr")))
    print()
    print(
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.2f},"
        f" Python {platform.python_version()}, SQLite {sqlite3.sqlite_version},"
        f" total {time.perf_counter() - began:.0f} s"
    )
    print("command: " + shlex.join([".venv/bin/python", "bench/feedback_list.py", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
