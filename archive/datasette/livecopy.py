"""One consistent copy of the live archive for downloads, shared while it is fresh.

``VACUUM INTO`` reads the whole archive and writes a file as large: a copy for every request
would let a handful of slow clients fill the disk. Downloads share the latest copy while it
is at most ``max_age`` seconds old; one copy is made at a time, and requests that arrive
meanwhile wait for it; a copy that a newer one replaced is deleted when its last download
ends, so there are never more than two.
"""

from __future__ import annotations

import asyncio
import atexit
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from archive.snapshot.selection import vacuum_copy

DEFAULT_MAX_AGE = 60.0  # seconds a copy is handed out after it was made


@dataclass
class Copy:
    """A copy of the archive on disk, and the downloads reading it."""

    path: Path
    made: float  # time.monotonic() when made
    made_at: datetime
    readers: int = 0
    replaced: bool = False

    def remove(self) -> None:
        shutil.rmtree(self.path.parent, ignore_errors=True)


@dataclass
class LiveCopies:
    """The copies of one live archive file."""

    source: Path
    max_age: float = DEFAULT_MAX_AGE
    _current: Copy | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        atexit.register(self.close)

    async def acquire(self) -> Copy:
        """A fresh copy, made now or shared; ``release`` it when the download ends."""
        async with self._lock:
            current = self._current
            if current is None or time.monotonic() - current.made > self.max_age:
                if current is not None:
                    self._retire(current)
                current = self._current = await asyncio.to_thread(self._make)
            current.readers += 1
            return current

    def release(self, copy: Copy) -> None:
        copy.readers -= 1
        if copy.replaced and copy.readers == 0:
            copy.remove()

    def close(self) -> None:
        """Remove the current copy (the server is stopping)."""
        if self._current is not None:
            self._current.remove()
            self._current = None

    def _make(self) -> Copy:
        scratch = Path(tempfile.mkdtemp(prefix="secnews-download-"))
        target = scratch / "archive.db"
        try:
            vacuum_copy(self.source, target)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        return Copy(target, time.monotonic(), datetime.now(UTC))

    @staticmethod
    def _retire(copy: Copy) -> None:
        copy.replaced = True
        if copy.readers == 0:
            copy.remove()
