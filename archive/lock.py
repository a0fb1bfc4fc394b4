"""One writer a data directory: the lock that every command writing to it takes (a crawl,
reprocess, reindex, a snapshot while it copies the archive), and who holds it.

Two writers at once would fetch the same pages, wait on each other's SQLite transactions
and repair each other's open WARC files. The lock is an ``flock`` on ``DATA/crawl.lock``,
the file the cron wrapper (``cron/secnews-crawl``) locks, so each keeps the other out; a
command the wrapper starts inherits its locked descriptor and is let in, as the wrapper
holds the lock for it. The holder writes its pid, command and start into the file, for
the message that refuses the next one. The kernel drops the lock when its process ends,
however it ends. Readers (search, status, serve) never take it: SQLite's WAL lets them
read while a writer writes.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

LOCK_FILE = "crawl.lock"


@dataclass(frozen=True)
class Holder:
    """The process that holds a data directory's lock, as it described itself."""

    pid: int
    command: str
    since: str


class DataDirectoryBusy(Exception):
    """Another process is writing to the data directory."""

    def __init__(self, data_dir: Path, holder: Holder | None):
        self.data_dir = data_dir
        self.holder = holder
        who = (
            f"{holder.command} (pid {holder.pid}, since {holder.since})"
            if holder
            else f"another process (it holds {data_dir / LOCK_FILE}; pid not known)"
        )
        super().__init__(
            f"{data_dir} is being written by {who}: one command writes to a data directory "
            "at a time; run this one when that has finished"
        )


@dataclass
class _Held:
    descriptor: int  # our own, open on the lock file
    inherited: int | None  # the parent's locked descriptor we were let in by, if any
    users: int = 1


_HELD: dict[Path, _Held] = {}  # this process's locks, by lock file: taken once, nested freely


@contextlib.contextmanager
def writing(data_dir: Path, command: str) -> Iterator[None]:
    """Hold ``data_dir``'s writer lock for the block, as ``command`` (``secnews crawl``);
    raise ``DataDirectoryBusy`` at once if another process holds it. Nested blocks of one
    process share the lock."""
    path = (data_dir / LOCK_FILE).resolve()
    held = _HELD.get(path)
    if held is not None:
        held.users += 1
    else:
        held = _HELD[path] = _acquire(data_dir, path, command)
    try:
        yield
    finally:
        held.users -= 1
        if held.users == 0:
            del _HELD[path]
            _release(held)


def holder(data_dir: Path) -> Holder | None:
    """The live process that says it holds ``data_dir``'s lock, if any."""
    try:
        said = json.loads((data_dir / LOCK_FILE).read_text(encoding="utf-8") or "null")
        found = Holder(int(said["pid"]), str(said["command"]), str(said["since"]))
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return found if process_alive(found.pid) else None


def _acquire(data_dir: Path, path: Path, command: str) -> _Held:
    data_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    inherited = None
    try:
        if not _try_lock(descriptor):
            inherited = _inherited_holder(descriptor)
            if inherited is None:
                raise DataDirectoryBusy(data_dir, holder(data_dir))
    except BaseException:
        os.close(descriptor)
        raise
    since = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    _describe(descriptor, {"pid": os.getpid(), "command": command, "since": since})
    return _Held(descriptor, inherited)


def _release(held: _Held) -> None:
    try:
        os.ftruncate(held.descriptor, 0)  # nobody to name once it is free
    finally:
        # Closing our descriptor drops our lock; a lock held through a parent's descriptor
        # stays the parent's (the cron wrapper's, until its run ends).
        os.close(held.descriptor)


def _try_lock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _inherited_holder(ours: int) -> int | None:
    """A descriptor this process inherited on the same lock file whose lock is held, as the
    cron wrapper's: an ``flock`` is held by an open file, shared by every descriptor that
    refers to it, so locking it again through that descriptor succeeds only if it is the
    holder."""
    own = os.fstat(ours)
    for descriptor in _open_descriptors():
        if descriptor == ours:
            continue
        try:
            found = os.fstat(descriptor)
        except OSError:
            continue
        same = (found.st_dev, found.st_ino) == (own.st_dev, own.st_ino)
        if same and _try_lock(descriptor):
            return descriptor
    return None


def _open_descriptors() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:  # no /proc: look at the usual range
        return list(range(256))


def _describe(descriptor: int, facts: dict[str, object]) -> None:
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, (json.dumps(facts) + "\n").encode("utf-8"), 0)


def process_alive(pid: int) -> bool:
    """Whether a process of this machine has ``pid`` (ours, or another user's)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # alive, someone else's
    return True
