"""Storage failures: the disk holding the archive is full, or a file hit its size limit.

Nothing written so far is lost when that happens — SQLite rolls back the transaction that
did not fit, the WARC writer cuts the record it could not finish — but every later write
fails the same way, so the one sensible answer is to stop: ``is_storage_full`` tells such
an error from any other.
"""

from __future__ import annotations

import errno
import sqlite3

STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_SQLITE_FULL = 13
_SQLITE_IOERR = 10  # what a write refused by the file size limit (EFBIG) becomes


def is_storage_full(error: BaseException | None) -> bool:
    """Whether ``error`` (or an error it was raised from) says the storage is full."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OSError) and error.errno in STORAGE_ERRNOS:
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
