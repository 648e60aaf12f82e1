"""The SQLite default on a disk that fills up and on one that fails read-only (bench/soak.py).

A small ext4 on a loop device (faults.LoopDisk; root only, skipped with the reason
otherwise) holds the SQLite file under gunicorn. One resident sends long answers to
the full disk until one is refused, space is freed, and the refused form is sent
again; then the disk fails read-only under the running service, an answer is refused,
the operator's fix (stop, e2fsck, mount, start) is made, and the form is sent again.
A refusal must be the try-again page with the resident's text kept; every thanked
answer stored once, as sent.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from faults import FaultUnavailable, LoopDisk
from harness import Client, hidden_fields
from servers import Database, Server
from soak_rounds import Fault, kept_on_page, send_answer
from submit import OURS, prepare


class Resident:
    """One resident in the main process: open the form, send it, send it again."""

    def __init__(self, port: int):
        self.client = Client("127.0.0.1", port, timeout=30)
        self.serial = 0

    def open_form(self, comment: str) -> tuple[str, dict[str, str]]:
        self.serial += 1
        self.client.cookies = {}
        path = f"/f/FD-B1-9{self.serial:05d}"
        response, data = self.client.request("GET", path)
        if response.status != 200:
            raise SystemExit(f"the form did not open ({response.status})")
        fields = hidden_fields(data.decode())
        return path, {**fields, "rating": "2", "comment": comment, "helped": "no"}

    def send(self, path: str, answer: dict[str, str]) -> tuple[int | str, str]:
        status, data, _location = send_answer(self.client, path, answer)
        return status, data.decode(errors="replace")


def disk_faults(workdir: Path, args: argparse.Namespace) -> list[Fault]:
    """The SQLite default on a disk that fills up, then on one that turns read-only."""
    full = Fault("SQLite disk full", started=time.time())
    read_only = Fault("SQLite disk read-only", started=time.time())
    disk = LoopDisk(workdir)
    try:
        disk.make()
    except FaultUnavailable as reason:
        for fault in (full, read_only):
            fault.skipped, fault.detail = True, f"skipped: {reason}"
        return [full, read_only]

    database = Database("sqlite", "soak", disk.mount_point, "")
    server = None
    thanked: dict[str, dict[str, str]] = {full.name: {}, read_only.name: {}}  # token -> comment
    try:
        env = prepare(OURS, database)
        before = database.scalar("SELECT count(*) FROM response")
        server = Server("wsgi:app", env, workdir / "gunicorn-disk.log", [])
        server.wait_healthy()
        resident = Resident(server.port)

        def send(fault: Fault, path: str, answer: dict[str, str]) -> tuple[int | str, str]:
            status, page = resident.send(path, answer)
            if status == 302:
                thanked[fault.name][answer["token"]] = answer["comment"]
            elif isinstance(status, int) and status >= 500:
                fault.server_errors += 1
            return status, page

        def resend(fault: Fault, path: str, answer: dict[str, str], page: str) -> None:
            answer.update({k: v for k, v in hidden_fields(page).items() if k == "csrf_token"})
            status = send(fault, path, answer)[0]
            if status == 302:
                fault.recovered = time.time()
            else:
                fault.notes.insert(0, f"sent again after the fix: {status}")

        def try_again_page(fault: Fault, status: int | str, page: str, comment: str) -> None:
            if status == 503 and kept_on_page(page, comment):
                fault.notes.append("503 try-again page with the text kept")
            else:
                fault.ok = False
                fault.notes.insert(
                    0, f"refused with {status}, not the try-again page with the text"
                )

        # Full: long answers until one is refused (SQLite may still write into WAL space it has).
        full.started = time.time()
        filled = disk.fill()
        refused = None
        for number in range(args.disk_tries):
            comment = f"Disk full answer {number}: " + "nobody rang me back. " * 90
            path, answer = resident.open_form(comment)
            status, page = send(full, path, answer)
            if status != 302:
                refused = (path, answer, status, page)
                full.notes.append(
                    f"disk filled ({filled // 1024} KiB), answer {number + 1} refused"
                )
                try_again_page(full, status, page, comment)
                break
        disk.free()
        full.ended = time.time()
        if refused is None:
            full.notes.append(f"all {args.disk_tries} long answers were stored on the full disk")
            full.recovered = full.ended
        else:
            resend(full, *refused[:2], refused[3])

        # Read-only: the disk fails under the running service.
        read_only.started = time.time()
        try:
            disk.fail_read_only()
        except FaultUnavailable as reason:
            read_only.skipped, read_only.detail = True, f"skipped: {reason}"
        else:
            comment = "Sent while the disk was read-only: the letter never came."
            path, answer = resident.open_form(comment)
            status, page = send(read_only, path, answer)
            if status == 302:
                read_only.notes.append("thanked although the disk was read-only")
            else:
                try_again_page(read_only, status, page, comment)
            # The operator's fix: stop the service, check the disk, start it again.
            server.stop()
            server = None
            verdict = disk.repair()
            read_only.ended = time.time()
            read_only.notes.append(f"e2fsck: {verdict}; service restarted; recovered = from then")
            server = Server("wsgi:app", env, workdir / "gunicorn-disk-2.log", [])
            server.wait_healthy()
            cookies = resident.client.cookies  # the same resident, on the restarted service
            resident.client = Client("127.0.0.1", server.port, timeout=30)
            resident.client.cookies = cookies
            if status != 302:
                resend(read_only, path, answer, page)
            else:
                read_only.recovered = time.time()

        rows = database.rows(
            f"SELECT submission_token, comment FROM response ORDER BY id LIMIT -1 OFFSET {before}"
        )
    finally:
        if server is not None:
            server.stop()
        disk.destroy()

    stored: dict[str, list[str]] = {}
    for token, comment in rows:
        stored.setdefault(token, []).append(comment)
    for fault in (full, read_only):
        if fault.skipped:
            continue
        mine = thanked[fault.name]
        fault.acknowledged = len(mine)
        fault.stored = sum(len(stored.get(token, [])) for token in mine)
        wrong = [token for token, comment in mine.items() if stored.get(token) != [comment]]
        if wrong:
            fault.ok = False
            fault.notes.insert(0, f"{len(wrong)} thanked answers not stored exactly once as sent")
        if fault.recovered is None:
            fault.ok = False
            fault.notes.insert(0, "the answer was not stored after the fault ended")
        fault.detail = "; ".join(fault.notes)
    never_thanked = set(stored) - set(thanked[full.name]) - set(thanked[read_only.name])
    if never_thanked:
        full.ok = False
        full.detail += f"; {len(never_thanked)} answers stored that were never thanked"
        full.stored += len(never_thanked)
    return [full, read_only]
