"""Storage failures: the disk holding the archive is full, or a file hit its size limit; and
the room a crawl keeps in reserve so it can still record how it ended.

Nothing written and committed is lost when that happens — SQLite rolls back the transaction
that did not fit, the WARC writer cuts the record it could not finish — but every later
write fails the same way, so the one sensible answer is to stop: ``is_storage_full`` tells
such an error from any other. SQLite may roll back more than the failed statement: a whole
group of writes not yet committed (``TransactionLost``), after which the connection writes
nothing more.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_SQLITE_FULL = 13
_SQLITE_IOERR = 10  # what a write refused by the file size limit (EFBIG) becomes

RESERVE_FILE = ".reserve"
RESERVE_BYTES = 256 * 1024  # a run's row, its sites' rows and findings, their WAL frames


class TransactionLost(sqlite3.OperationalError):
    """SQLite rolled back, on its own, writes this process had not yet committed."""


def is_storage_full(error: BaseException | None) -> bool:
    """Whether ``error`` (or an error it was raised from) says the storage is full."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OSError) and error.errno in STORAGE_ERRNOS:
            return True
        if isinstance(error, TransactionLost):
            return True
        if isinstance(error, sqlite3.Error):
            code = getattr(error, "sqlite_errorcode", None)
            if code is not None and code & 0xFF in (_SQLITE_FULL, _SQLITE_IOERR):
                return True
            if "database or disk is full" in str(error):
                return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def storage_reason(error: BaseException) -> str:
    """The storage error behind ``error``, in a few words (``No space left on device``)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in STORAGE_ERRNOS:
            return os.strerror(seen.errno)
        if isinstance(seen, sqlite3.Error) and not isinstance(seen, TransactionLost):
            return str(seen)
        seen = seen.__cause__ or seen.__context__
    return str(error)


class Reserve:
    """Room kept on the disk of a data directory while a crawl runs: a file of
    ``RESERVE_BYTES`` made at its start and given up when it ends, so the crawl can record
    its run even when it filled the disk. A disk without that much room refuses the crawl
    before it starts (``OSError`` ENOSPC)."""

    def __init__(self, data_dir: Path, size: int = RESERVE_BYTES):
        self.path = data_dir / RESERVE_FILE
        self.size = size

    def keep(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            # Blocks truly allocated (a sparse file would free nothing when removed).
            os.posix_fallocate(descriptor, 0, self.size)
        except BaseException:
            os.close(descriptor)
            self.path.unlink(missing_ok=True)
            raise
        os.close(descriptor)

    def give_up(self) -> None:
        self.path.unlink(missing_ok=True)
