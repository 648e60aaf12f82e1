"""Benchmark: how many paper cards a keyer can key per minute, and is every keyed card kept?

Starts the service under gunicorn (2 sync workers, the repo's gunicorn.conf.py) on a
fresh SQLite file (or a PostgreSQL scratch database), creates a keyer with
`flask --app feedback create-user` (password on stdin), signs in through the real
sign-in form, opens a batch through its form and keys N cards (default 300) one
after another as fast as the server answers. Only server round trips are timed;
there is no typing time. One card is what a keyer's browser does:

    POST /staff/keying/batches/<id>  (reference, rating, comment, who, helped) -> 302
    GET  the redirect: the batch page with an empty form and a fresh one-time token

Afterwards it closes the batch, counts the rows stored in it and compares them, token
by token, with the 302s received. The first and last tenth of the run are reported
apart: a page that grew with the batch would show as a slower end.

This is a benchmark, not a test: it prints figures. It exits non-zero only when
stored != acknowledged (a MISMATCH line says so) or a server would not start.

    .venv/bin/python bench/keying.py                      # SQLite, 1 keyer, 300 cards
    .venv/bin/python bench/keying.py --cards 100 --keyers 2 --db postgres
"""

from __future__ import annotations

import argparse
import http.client
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))
if str(BENCH.parent) not in sys.path:
    sys.path.insert(0, str(BENCH.parent))

from harness import (  # noqa: E402 - the shared helpers live beside this script
    Client,
    Tally,
    check_stored,
    command_line,
    hidden_fields,
    machine_line,
    percentile,
)
from servers import (  # noqa: E402
    PROTECTED_DATABASES,
    REPO,
    WORKERS,
    Database,
    Server,
    clean_env,
    run_quietly,
)

from qr.reference import make_reference  # noqa: E402

PASSWORD = "bench keyer passphrase " + secrets.token_hex(4)
COMMENTS = (
    "The social worker listened and sorted my mum's care quickly.",
    "Waited two weeks for a call back about the assessment.",
    "",
    "Very kind staff, thank you",
)
WHO = ("", "person", "carer", "family_or_friend", "")
HELPED = ("", "yes", "no")
CARD_BATCH = 77  # printed batch number on the benchmark's cards; unlike the demo data's


@dataclass
class KeyerResult(Tally):
    SAMPLES: ClassVar[int] = 3

    card_ms: list[float] = field(default_factory=list)
    post_ms: list[float] = field(default_factory=list)
    batch_id: int | None = None
    seconds: float = 0.0


class Keyer(Client):
    """One signed-in keyer: a persistent connection and a cookie jar (bench/harness.py)."""

    def form(self, path: str) -> dict[str, str]:
        response, data = self.request("GET", path)
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}")
        return hidden_fields(data.decode())

    def post(self, path: str, fields: list[tuple[str, str]]):
        return self.request("POST", path, urlencode(fields))


def sign_in(keyer: Keyer, email: str) -> None:
    fields = keyer.form("/staff/sign-in")
    response, data = keyer.post(
        "/staff/sign-in", [*fields.items(), ("email", email), ("password", PASSWORD)]
    )
    if response.status != 302:
        raise SystemExit(f"sign-in answered {response.status}: {data[:300]!r}")


def open_batch(keyer: Keyer, label: str) -> str:
    fields = keyer.form("/staff/keying/batches/new")
    today = time.localtime()
    response, _ = keyer.post(
        "/staff/keying/batches/new",
        [
            ("csrf_token", fields["csrf_token"]),
            ("received_on", str(today.tm_mday)),
            ("received_on", str(today.tm_mon)),
            ("received_on", str(today.tm_year)),
            ("label", label),
        ],
    )
    location = response.headers.get("Location", "")
    if response.status != 302 or "/staff/keying/batches/" not in location:
        raise SystemExit(f"opening a batch answered {response.status}")
    return "/" + location.split("/", 3)[-1] if location.startswith("http") else location


def key_cards(port: int, email: str, index: int, first_serial: int, cards: int, timeout: float):
    result = KeyerResult()
    keyer = Keyer("127.0.0.1", port, timeout)
    sign_in(keyer, email)
    batch_path = open_batch(keyer, f"Bench tray {index + 1}")
    result.batch_id = int(batch_path.rstrip("/").rsplit("/", 1)[1])
    rng = random.Random(index)
    fields = keyer.form(batch_path)
    started = time.perf_counter()
    for serial in range(first_serial, first_serial + cards):
        card = [
            ("csrf_token", fields.get("csrf_token", "")),
            ("token", fields.get("token", "")),
            ("flagged", ""),
            ("reference", make_reference("FD", CARD_BATCH, serial)),
            ("rating", str(rng.randint(0, 6))),
            ("comment", rng.choice(COMMENTS)),
            ("respondent_type", rng.choice(WHO)),
            ("helped", rng.choice(HELPED)),
        ]
        begun = time.perf_counter()
        try:
            response, data = keyer.post(batch_path, card)
            posted = time.perf_counter()
            if response.status != 302:
                result.error(f"POST {response.status}", data.decode(errors="replace"))
                fields = keyer.form(batch_path)
                continue
            result.acknowledged += 1
            result.tokens.append(card[1][1])
            next_page = response.headers["Location"]
            response, data = keyer.request("GET", next_page)
            done = time.perf_counter()
            if response.status != 200:
                result.error(f"GET {response.status}")
                fields = keyer.form(batch_path)
                continue
            fields = hidden_fields(data.decode())
        except (OSError, http.client.HTTPException) as problem:
            keyer.connection.close()
            result.error(type(problem).__name__, str(problem))
            fields = keyer.form(batch_path)
            continue
        result.post_ms.append((posted - begun) * 1000)
        result.card_ms.append((done - begun) * 1000)
    result.seconds = time.perf_counter() - started
    close = keyer.form(f"{batch_path}/close")
    keyer.post(f"{batch_path}/close", [("csrf_token", close["csrf_token"])])
    keyer.connection.close()
    return result


def create_keyer(env: dict[str, str], email: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "feedback", "create-user"]
        + ["--email", email, "--role", "keyer"],
        cwd=REPO,
        env=env,
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise SystemExit(f"create-user failed:\n{done.stdout}\n{done.stderr}")


def run(args: argparse.Namespace, workdir: Path) -> int:
    name = args.postgres_db if args.db == "postgres" else "keying"
    database = Database(args.db, name, workdir, args.postgres_url_base)
    server = None
    try:
        database.create()
        env = clean_env(
            FEEDBACK_DATABASE_URL=database.url,
            FEEDBACK_SECRET_KEY=secrets.token_hex(32),
            FEEDBACK_SIGN_IN_RATE_LIMIT="1000 per minute",
        )
        flask = [sys.executable, "-m", "flask", "--app", "feedback"]
        run_quietly([*flask, "db", "upgrade"], env, "flask db upgrade")
        run_quietly([*flask, "seed-demo"], env, "flask seed-demo")
        create_keyer(env, "bench.keyer@example.gov.uk")
        server = Server("wsgi:app", env, workdir / "gunicorn-keying.log", [])
        server.wait_healthy()

        results = [KeyerResult() for _ in range(args.keyers)]

        def work(index: int) -> None:
            results[index] = key_cards(
                server.port,
                "bench.keyer@example.gov.uk",
                index,
                1 + index * args.cards,
                args.cards,
                args.timeout,
            )

        threads = [threading.Thread(target=work, args=(i,)) for i in range(args.keyers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        time.sleep(0.3)  # let a commit racing the last response land before counting
        mismatches = report(args, database, results)
        if any(result.errors for result in results):
            log = server.log_tail(15, errors_only=True)
            print("  server log (non-2xx/3xx lines):\n    " + log.replace("\n", "\n    "))
    finally:
        if server is not None:
            server.stop()
        if not args.keep:
            database.drop()
    return 1 if mismatches else 0


def report(args: argparse.Namespace, database: Database, results: list[KeyerResult]) -> int:
    """Print each keyer's figures; returns how many batches stored != acknowledged."""
    mismatches = 0
    print(f"Machine: {machine_line()}")
    print(f"Command: {command_line(__file__)}")
    print(
        f"gunicorn {WORKERS} sync workers on {args.db}; {args.keyers} keyer(s), "
        f"{args.cards} cards each; a card = POST the form + GET the empty form it redirects to"
    )
    for index, result in enumerate(results):
        rows = database.rows(
            "SELECT submission_token FROM response "
            f"WHERE keying_batch_id = {int(result.batch_id or -1)} AND channel = 'paper'"
        )
        stored = [row[0] for row in rows]
        mismatch, _ = check_stored(result, len(stored), stored)
        mismatches += mismatch
        rate = result.acknowledged / result.seconds * 60 if result.seconds else 0.0
        tenth = max(1, len(result.card_ms) // 10)
        print(f"\n== keyer {index + 1}, batch {result.batch_id} ==")
        print(f"  cards keyed per minute     : {rate:.0f}   ({result.seconds:.1f} s in all)")
        print(
            f"  per card (POST+GET) p50/p99: {percentile(result.card_ms, 50):.1f} / "
            f"{percentile(result.card_ms, 99):.1f} ms"
        )
        print(
            f"  POST alone p50/p99         : {percentile(result.post_ms, 50):.1f} / "
            f"{percentile(result.post_ms, 99):.1f} ms"
        )
        print(
            f"  p50 first/last tenth       : {percentile(result.card_ms[:tenth], 50):.1f} / "
            f"{percentile(result.card_ms[-tenth:], 50):.1f} ms (flat: no slowdown)"
        )
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(result.errors.items()))
        print(f"  errors                     : {sum(result.errors.values())} {detail}")
        for sample in result.error_samples:
            print(f"    e.g. {sample!r}")
        print(f"  acknowledged (302)         : {result.acknowledged}")
        print(f"  stored in the batch        : {len(stored)}")
        if mismatch:
            print(f"  MISMATCH: stored {len(stored)} != acknowledged {result.acknowledged}")
        else:
            print("  stored == acknowledged     : OK (every acknowledged token stored once)")
    return mismatches


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=300, help="cards each keyer keys")
    parser.add_argument("--keyers", type=int, default=1, help="keyers at once, each own batch")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--timeout", type=float, default=15.0, help="per-request timeout (s)")
    parser.add_argument(
        "--postgres-url-base", default="postgresql+psycopg://postgres@127.0.0.1:5432"
    )
    parser.add_argument("--postgres-db", default="hdwd_bench_keying")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir and database")
    args = parser.parse_args(argv)
    if args.cards < 1 or args.keyers < 1 or args.keyers * args.cards > 9999:
        parser.error("--cards and --keyers must be positive, with at most 9,999 cards in all")
    if args.postgres_db in PROTECTED_DATABASES:
        parser.error(f"--postgres-db may not be {args.postgres_db!r}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.db == "postgres" and not (shutil.which("createdb") and shutil.which("dropdb")):
        raise SystemExit("createdb/dropdb (PostgreSQL client tools) are needed for --db postgres")
    workdir = Path(tempfile.mkdtemp(prefix="hdwd-keying-"))
    try:
        return run(args, workdir)
    finally:
        if args.keep:
            print(f"\nkept temp dir {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
