"""One soak resident, and what residents were told against what was stored.

- `soak_round`: a resident's visit (GET the form, POST an answer) for harness.run_load;
  on a 503, a 500 or a dropped connection the resident presses Send again a second
  later with the same form, as a person would, and every 503 is checked to be the
  form's try-again page with the resident's comment still in it. Each round is
  written as a JSON line, a file per driver process.
- `Fault`, `account`, `judge`: per fault, the rounds that overlapped it, acknowledged
  (302s) against the rows stored for their one-time tokens, each once and as sent.

Used by bench/soak.py and bench/soak_disk.py; not a benchmark itself.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import threading
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

from harness import Client, DriverResult, hidden_fields
from submit import COMMENTS, RESPONDENT_TYPES

# The resident form's notice when an answer could not be stored (feedback/resident/views.py).
TRY_AGAIN = "We could not save your feedback just now"
RESEND_AFTER = 1.0  # seconds a resident waits before pressing Send again

# ---------------------------------------------------------------- one resident (driver processes)

_round_logs: dict[str, object] = {}
_round_log_lock = threading.Lock()


def _log_round(directory: str, record: dict) -> None:
    """One JSON line per round, a file per driver process: the main process reads them all."""
    with _round_log_lock:
        log = _round_logs.get(directory)
        if log is None:
            path = Path(directory) / f"rounds-{os.getpid()}.jsonl"
            log = _round_logs[directory] = open(path, "a", buffering=1)  # noqa: SIM115
        log.write(json.dumps(record) + "\n")  # type: ignore[attr-defined]


def send_answer(client: Client, path: str, answer: dict[str, str]):
    """(status or the failure's name, body, Location)."""
    try:
        response, data = client.request("POST", path, urlencode(answer))
    except TimeoutError:
        client.connection.close()
        return "timeout", b"", ""
    except (OSError, http.client.HTTPException) as problem:
        client.connection.close()
        return type(problem).__name__, b"", ""
    return response.status, data, response.headers.get("Location", "")


def soak_round(
    client: Client,
    serial: str,
    result: DriverResult,
    window: tuple[float, float],
    records: str,
    patience: float,
) -> None:
    """GET the form, POST an answer; on an error page or a dropped connection, send it again.

    Every 503 must be the form's try-again page with the resident's comment still in it.
    After `patience` seconds of trying the resident gives up (the answer is abandoned).
    """
    client.cookies = {}  # a new resident each round; the connection is reused
    path = f"/f/FD-B1-{serial}"
    record: dict = {"serial": serial, "get_at": time.time(), "statuses": [], "outcome": "no form"}
    try:
        response, data = client.request("GET", path)
        status: int | str = response.status
    except (OSError, http.client.HTTPException) as problem:
        client.connection.close()
        status, data = type(problem).__name__, b""
    fields = hidden_fields(data.decode(errors="replace")) if status == 200 else {}
    if not (fields.get("csrf_token") and fields.get("token")):
        result.error(f"GET {status}", data.decode(errors="replace"))
        record.update(get_status=status, done_at=time.time())
        _log_round(records, record)
        time.sleep(0.2)  # not a tight loop against a server that is down
        return

    comment = f"{random.choice([c for c in COMMENTS if c])} (visit {serial})"
    answer = {
        **fields,
        "rating": str(random.randint(1, 6)),
        "comment": comment,
        "respondent_type": random.choice(RESPONDENT_TYPES),
        "helped": random.choice(("yes", "no", "")),
    }
    record.update(
        token=fields["token"], rating=int(answer["rating"]), comment=comment, post_at=time.time()
    )
    record.update(pages_ok=0, pages_bad=0)
    give_up_at = time.time() + patience
    while True:
        posted = time.perf_counter()
        status, data, location = send_answer(client, path, answer)
        post_ms = (time.perf_counter() - posted) * 1000
        record["statuses"].append(status)
        if status == 302 and location.endswith("/thank-you"):
            record["outcome"] = "acknowledged"
            break
        result.error(f"POST {status}", data.decode(errors="replace"))
        if status == 503:
            page = data.decode(errors="replace")
            kept = TRY_AGAIN in unescape(page) and comment in unescape(page)
            record["pages_ok" if kept else "pages_bad"] += 1
            again = hidden_fields(page)
            if again.get("token") not in (None, answer["token"]):
                record["token_changed"] = True  # a fresh token would store the answer twice
            answer.update({k: v for k, v in again.items() if k in ("csrf_token", "token")})
        elif isinstance(status, int) and status < 500:
            record["outcome"] = f"refused {status}"  # not a fault we make: do not resend
            break
        if time.time() >= give_up_at:
            record["outcome"] = "abandoned"
            result.unanswered_posts += any(isinstance(s, str) for s in record["statuses"])
            break
        time.sleep(RESEND_AFTER)
    record["done_at"] = time.time()
    _log_round(records, record)
    if record["outcome"] != "acknowledged":
        return
    result.acknowledged += 1
    result.tokens.append(answer["token"])
    if window[0] <= record["done_at"] <= window[1]:
        result.measured += 1
        result.round_ms.append((record["done_at"] - record["get_at"]) * 1000)
        result.post_ms.append(post_ms)


# ---------------------------------------------------------------- the accounting


@dataclass
class Fault:
    name: str
    started: float  # time.time() the fault began
    ended: float | None = None  # the fault undone (worker replaced, PostgreSQL up, disk freed)
    recovered: float | None = None  # the first answer stored after it ended
    acknowledged: int = 0
    stored: int = 0
    server_errors: int = 0
    ok: bool = True
    skipped: bool = False
    detail: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def recovered_s(self) -> float | None:
        if self.recovered is None or self.ended is None:
            return None
        return max(0.0, self.recovered - self.ended)

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "acknowledged": self.acknowledged,
            "stored": self.stored,
            "server_errors": self.server_errors,
            "recovered_s": None if self.recovered_s is None else round(self.recovered_s, 3),
            "ok": self.ok,
            "detail": self.detail,
        }


def read_rounds(directory: Path) -> list[dict]:
    rounds = []
    for path in sorted(directory.glob("rounds-*.jsonl")):
        rounds += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return rounds


def five_hundreds(record: dict) -> list[int]:
    """The 5xx answers a round met: its GET's, then its POSTs'."""
    statuses = [record.get("get_status"), *record["statuses"]]
    return [s for s in statuses if isinstance(s, int) and s >= 500]


def account(rounds: list[dict], stored_rows: dict[str, list[tuple]]) -> dict:
    """What these rounds were told against what the database holds for their tokens.

    `stored_rows`: token -> [(rating, comment), ...] for every row the run added.
    """
    acknowledged = [r for r in rounds if r["outcome"] == "acknowledged"]
    not_acknowledged = [r for r in rounds if r.get("token") and r["outcome"] != "acknowledged"]
    stored = sum(len(stored_rows.get(r["token"], [])) for r in acknowledged)
    problems = []
    lost = [r for r in acknowledged if not stored_rows.get(r["token"])]
    doubled = [r for r in acknowledged if len(stored_rows.get(r["token"], [])) > 1]
    altered = [
        r
        for r in acknowledged
        if any(row != (r["rating"], r["comment"]) for row in stored_rows.get(r["token"], []))
    ]
    unacknowledged = [r for r in not_acknowledged if stored_rows.get(r["token"])]
    if lost:
        problems.append(f"{len(lost)} acknowledged answers not stored")
    if doubled:
        problems.append(f"{len(doubled)} stored more than once")
    if altered:
        problems.append(f"{len(altered)} stored with a rating or comment not as sent")
    if unacknowledged:
        problems.append(f"{len(unacknowledged)} stored though the resident was never thanked")
    statuses = [s for r in rounds for s in r["statuses"]]
    return {
        "acknowledged": len(acknowledged),
        "stored": stored + sum(len(stored_rows[r["token"]]) for r in unacknowledged),
        "server_errors": sum(len(five_hundreds(r)) for r in rounds),
        # Only a POST may be answered 503, by the form's try-again page; anything else is not.
        "five_hundreds_not_503": sum(
            len(five_hundreds(r)) - sum(1 for s in r["statuses"] if s == 503) for r in rounds
        ),
        "try_again_pages": sum(r.get("pages_ok", 0) for r in rounds),
        "try_again_pages_bad": sum(r.get("pages_bad", 0) for r in rounds),
        "token_changed": sum(1 for r in rounds if r.get("token_changed")),
        "resent": sum(1 for r in acknowledged if len(r["statuses"]) > 1),
        "no_answer": sum(1 for s in statuses if isinstance(s, str)),
        "forms_not_opened": sum(1 for r in rounds if "get_status" in r),
        "abandoned": sum(1 for r in rounds if r["outcome"] == "abandoned"),
        "problems": problems,
    }


def judge(fault: Fault, rounds: list[dict], stored_rows: dict[str, list[tuple]], end: float):
    """Fill in a fault's figures from the rounds that overlapped it."""
    until = (fault.recovered or end) + 1.0
    during = [r for r in rounds if r["get_at"] <= until and r.get("done_at", end) >= fault.started]
    tally = account(during, stored_rows)
    fault.acknowledged, fault.stored = tally["acknowledged"], tally["stored"]
    fault.server_errors = tally["server_errors"]
    problems = list(tally["problems"])
    if fault.recovered is None:
        problems.append("no answer was stored after it")
    if tally["five_hundreds_not_503"]:
        problems.append(f"{tally['five_hundreds_not_503']} error pages other than try-again")
    if tally["try_again_pages_bad"]:
        problems.append(f"{tally['try_again_pages_bad']} try-again pages lost the resident's text")
    if tally["token_changed"]:
        problems.append(f"{tally['token_changed']} try-again pages changed the one-time token")
    fault.ok = not problems
    fault.detail = "; ".join(
        problems
        + [
            f"{tally['try_again_pages']} try-again pages with the text kept",
            f"{tally['resent']} answers thanked only after pressing Send again",
            f"{tally['no_answer']} POSTs without an HTTP answer",
            f"{tally['forms_not_opened']} forms that did not open",
        ]
        + ([f"{tally['abandoned']} abandoned"] if tally["abandoned"] else [])
        + fault.notes
    )


def kept_on_page(page: str, comment: str) -> bool:
    return TRY_AGAIN in unescape(page) and comment in unescape(page)
