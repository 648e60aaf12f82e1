"""The faults bench/soak.py makes, each undone afterwards.

- `PgCluster`: a PostgreSQL cluster of our own (initdb in a temporary directory, a free
  port, trust auth on 127.0.0.1), so it can be stopped and started mid-load without
  touching the shared cluster on 5432. As root the server runs as the `postgres` user.
- `kill_worker` / `workers_of`: SIGKILL one gunicorn worker; its master starts another.
- `LoopDisk`: a small ext4 file system on a loop device (root only) to fill up, or to
  turn read-only mid-run the way a failing disk does (ext4 `errors=remount-ro`).
- `LogWatch`: follows gunicorn's log, to time a recovery from the first good answer.

Used by bench/soak.py; not a benchmark itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from servers import free_port


class FaultUnavailable(Exception):
    """This machine cannot make the fault (not root, no loop device...): say why, skip it."""


def _pg_bin() -> Path:
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    if not versions:
        raise FaultUnavailable("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin")
    return versions[-1].parent


class PgCluster:
    """initdb, pg_ctl start/stop: a throwaway cluster on a free 127.0.0.1 port."""

    def __init__(self) -> None:
        self.bin = _pg_bin()
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="hdwd-soak-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.as_postgres = os.geteuid() == 0  # PostgreSQL refuses to run as root
        if self.as_postgres:
            shutil.chown(self.dir, user="postgres", group="postgres")
        self.url_base = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}"

    def _run(self, *command: str, timeout: float = 120) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        done = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=timeout, cwd=self.dir
        )
        if done.returncode != 0:
            raise SystemExit(
                f"{Path(command[0]).name} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
            )

    def init(self) -> None:
        self._run(
            str(self.bin / "initdb"),
            "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        self.start()

    def start(self) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._run(
            str(self.bin / "pg_ctl"),
            "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(SystemExit, subprocess.TimeoutExpired):
                self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------- gunicorn workers


def workers_of(master: int) -> set[int]:
    """The processes whose parent is `master` (gunicorn's workers)."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # The command name may hold spaces and brackets: the parent follows the last ')'.
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master:
                children.add(int(stat.parent.name))
    return children


def kill_worker(master: int) -> int:
    """SIGKILL the newest worker of `master`; its pid."""
    victims = workers_of(master)
    if not victims:
        raise SystemExit("gunicorn has no workers to kill")
    victim = max(victims)
    os.kill(victim, signal.SIGKILL)
    return victim


class LogWatch:
    """New lines of a log file from a mark on, read as they arrive."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size

    def wait_for(self, pattern: str, limit: float) -> tuple[float, re.Match] | None:
        """(when it was seen, the match) for the first new line matching, or None by `limit` s."""
        wanted = re.compile(pattern)
        deadline = time.time() + limit
        pending = ""
        while time.time() < deadline:
            with open(self.path, errors="replace") as log:
                log.seek(self.offset)
                chunk = log.read()
                self.offset = log.tell()
            pending += chunk
            *lines, pending = pending.split("\n")
            for line in lines:
                if found := wanted.search(line):
                    return time.time(), found
            time.sleep(0.05)
        return None


# ---------------------------------------------------------------- a small disk


class LoopDisk:
    """A small ext4 on a loop device: fill it, or make it fail read-only like a dying disk."""

    def __init__(self, workdir: Path, size_mb: int = 24):
        self.image = workdir / "disk.img"
        self.mount_point = workdir / "disk"
        self.size_mb = size_mb
        self.filler = self.mount_point / "filler"
        self.device: str | None = None

    def _run(self, *command: str, ok: tuple[int, ...] = (0,)) -> str:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode not in ok:
            raise FaultUnavailable(
                f"{' '.join(command[:2])} failed ({done.returncode}): "
                f"{(done.stderr or done.stdout).strip()[:200]}"
            )
        return done.stdout

    def make(self) -> None:
        if os.geteuid() != 0:
            raise FaultUnavailable("mounting a test disk needs root")
        for tool in ("mkfs.ext4", "e2fsck", "mount", "umount", "findmnt"):
            if not shutil.which(tool):
                raise FaultUnavailable(f"{tool} is not installed")
        with open(self.image, "wb") as image:
            image.truncate(self.size_mb * 1024 * 1024)
        # -m 0: no blocks kept back for root, so "full" is full for everyone.
        self._run("mkfs.ext4", "-q", "-F", "-m", "0", str(self.image))
        self.mount_point.mkdir(exist_ok=True)
        self.mount()

    def mount(self) -> None:
        self._run("mount", "-o", "loop,errors=remount-ro", str(self.image), str(self.mount_point))
        self.device = self._run("findmnt", "-n", "-o", "SOURCE", str(self.mount_point)).strip()

    def fill(self) -> int:
        """Write a file until the disk is full; the bytes it took."""
        written = 0
        with open(self.filler, "wb", buffering=0) as filler:
            for chunk in (1 << 20, 4096, 512):
                block = b"\0" * chunk
                while True:
                    try:
                        written += filler.write(block)
                    except OSError as error:
                        if error.errno != errno.ENOSPC:
                            raise
                        break
            with contextlib.suppress(OSError):
                os.fsync(filler.fileno())
        return written

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)
        os.sync()

    def fail_read_only(self) -> None:
        """What ext4 does when the disk under it fails: it remounts itself read-only at once,
        files open for writing and all (a plain `mount -o remount,ro` refuses while they are)."""
        if not self.device:
            raise FaultUnavailable("the test disk is not mounted")
        trigger = Path("/sys/fs/ext4") / Path(self.device).name / "trigger_fs_error"
        if not trigger.exists():
            raise FaultUnavailable(f"{trigger} is missing (kernel without ext4 error injection)")
        trigger.write_text("1\n")
        options = self._run("findmnt", "-n", "-o", "OPTIONS", str(self.mount_point))
        if not {"ro", "emergency_ro"} & set(options.strip().split(",")):
            raise FaultUnavailable(f"the test disk stayed writable ({options.strip()})")

    def repair(self) -> str:
        """Unmount, e2fsck, mount again (what an operator does); e2fsck's verdict."""
        self.unmount()
        done = subprocess.run(
            ["e2fsck", "-f", "-y", str(self.image)], capture_output=True, text=True, timeout=120
        )
        self.mount()
        return {0: "clean", 1: "errors corrected"}.get(done.returncode, f"rc {done.returncode}")

    def unmount(self) -> None:
        if self.device:
            self._run("umount", str(self.mount_point))
            self.device = None

    def destroy(self) -> None:
        if self.device:
            with contextlib.suppress(FaultUnavailable):
                self.unmount()
            if self.device:  # still busy: detach lazily rather than leave it behind
                subprocess.run(["umount", "-l", str(self.mount_point)], capture_output=True)
        self.image.unlink(missing_ok=True)
