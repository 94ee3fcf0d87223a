"""One writer at a time: an exclusive lock per site folder.

``build``, the preview's rebuilds (``serve``), ``signoff`` and ``new`` hold it while
they write anything in the site: ``output/``, ``output.previous/``, the cache, a
leaflet. Two builds at once used to share ``output.previous/`` and publish a mix of
both (issue 11). The lock is an ``flock(2)`` on ``.sitegen-cache/lock``: the system
releases it when its process ends in any way, ``kill -9`` included, so a lock is never
left behind. The file only records who holds it (process id and command), for the
message the other command prints; a record left by a process that has ended is
ignored (the lock it described is already gone).
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import SitegenError
from .filenames import CACHE_DIR
from .owned import open_owned_folder

LOCK_FILE = "lock"
"""Inside .sitegen-cache/: never published, ignored by the watcher (the whole cache folder is)."""
QUICK_WAIT = 30.0
"""Seconds ``signoff`` and ``new`` wait for another holder: they take milliseconds, so waiting
beats refusing (our own choice). ``build`` refuses at once: it may take minutes."""
POLL = 0.1
"""Seconds between tries while a command waits for the lock."""
RECORD_GRACE = 2.0
"""Seconds a refused command waits for the holder's record: a holder writes it just after
taking the lock, so a command refused in that moment would otherwise name nobody (seen in CI)."""


class SiteBusy(SitegenError):
    """Another sitegen command is writing in this site folder."""


def busy_message(holder: tuple[int, str] | None) -> str:
    if holder is None:
        return "another sitegen command is running in this folder; wait for it or stop it"
    pid, verb = holder
    return f"another sitegen {verb} is running in this folder (process {pid}); wait for it or stop it"


_held = threading.local()
"""Per thread: the site folders this thread holds, so a holder may take its own lock again."""


@contextmanager
def site_lock(root: Path, verb: str, *, wait: float | None = 0.0) -> Iterator[None]:
    """Hold the site's lock for the ``with`` block.

    ``wait``: seconds to wait for another holder (0: refuse at once; None: wait as long
    as it takes, still stoppable with Ctrl+C). Raises SiteBusy naming the holder."""
    key = os.path.realpath(root)
    held: dict[str, int] = _held.__dict__.setdefault("roots", {})
    if held.get(key):
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    fd = _open_lock(Path(root))
    try:
        _acquire(fd, wait)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {verb}\n".encode(), 0)
        held[key] = 1
        try:
            yield
        finally:
            held[key] = 0
            os.ftruncate(fd, 0)  # before unlocking: the next holder writes its own record
    finally:
        os.close(fd)  # closing releases the lock


def _open_lock(root: Path) -> int:
    folder = open_owned_folder(root, CACHE_DIR)
    try:
        return os.open(LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=folder)
    except OSError as exc:
        raise SitegenError(f"could not open {CACHE_DIR}/{LOCK_FILE} ({exc.strerror or exc}); "
                           f"delete {CACHE_DIR}/{LOCK_FILE} if it is not a file, and try again") from exc
    finally:
        os.close(folder)


def _acquire(fd: int, wait: float | None) -> None:
    deadline = None if wait is None else time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if deadline is not None and time.monotonic() >= deadline:
                raise SiteBusy(busy_message(_named_holder(fd))) from None
            time.sleep(POLL)


def _named_holder(fd: int) -> tuple[int, str] | None:
    """The holder's record, waiting briefly while the lock is held but not yet recorded."""
    deadline = time.monotonic() + RECORD_GRACE
    while (found := holder(fd)) is None and time.monotonic() < deadline:
        time.sleep(POLL / 10)
    return found


def holder(fd: int) -> tuple[int, str] | None:
    """Who holds the lock, from its record; None if unknown or the recorded process has ended."""
    try:
        pid_text, verb = os.pread(fd, 200, 0).decode("ascii").split()
        pid = int(pid_text)
    except (ValueError, UnicodeDecodeError, OSError):
        return None
    try:
        os.kill(pid, 0)  # is it still running? (signal 0 only checks)
    except PermissionError:
        pass  # running, as another user
    except OSError:
        return None
    return pid, verb
