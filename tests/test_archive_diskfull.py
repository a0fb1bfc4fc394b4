"""Storage failures: recognised as such, and leaving no torn WARC record or half file behind.

The writes fail for real: a child process runs under a file size limit (``RLIMIT_FSIZE``).
"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from archive.diskfull import is_storage_full

from .faultkit import WARCIO

LIMITED = """
import resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
"""


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EDQUOT, "Disk quota exceeded"),
        OSError(errno.EFBIG, "File too large"),
        sqlite3.OperationalError("database or disk is full"),
    ],
)
def test_storage_errors_are_recognised(error: BaseException) -> None:
    assert is_storage_full(error)
    try:
        raise RuntimeError("while writing") from error
    except RuntimeError as wrapped:
        assert is_storage_full(wrapped)


@pytest.mark.parametrize(
    "error", [OSError(errno.ECONNRESET, "reset"), sqlite3.IntegrityError("UNIQUE"), ValueError()]
)
def test_other_errors_are_not(error: BaseException) -> None:
    assert not is_storage_full(error)


def run_limited(code: str, tmp_path: Path) -> str:
    script = LIMITED + textwrap.dedent(code)
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_warc_append_that_does_not_fit_is_cut_back(tmp_path: Path) -> None:
    out = run_limited(
        """
        import os
        from archive.store.warc import Exchange, WarcRecorder
        recorder = WarcRecorder(Path(sys.argv[1]), prefix="t")
        def exchange(size):
            return Exchange("http://127.0.0.1/a", "GET", [], 200, [], os.urandom(size))
        recorder.write(exchange(1000))
        (path,) = Path(sys.argv[1]).glob("*.open")
        end = path.stat().st_size
        try:
            recorder.write(exchange(400_000))
        except OSError as exc:
            print("refused", exc.errno, path.stat().st_size == end, flush=True)
        recorder.close()
        """,
        tmp_path,
    )
    assert out.strip() == f"refused {errno.EFBIG} True"
    (warc,) = tmp_path.glob("*.warc.gz")
    check = subprocess.run([WARCIO, "check", str(warc)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    index = subprocess.run([WARCIO, "index", str(warc)], capture_output=True, text=True).stdout
    assert index.count('"warc-type": "response"') == 1


def test_an_image_that_does_not_fit_leaves_no_partial_file(tmp_path: Path) -> None:
    out = run_limited(
        """
        import io
        from PIL import Image
        from archive.store.media import store_media
        picture = io.BytesIO()
        Image.frombytes("L", (600, 600), __import__("os").urandom(360_000)).save(picture, "PNG")
        try:
            store_media(Path(sys.argv[1]), picture.getvalue(), "image/png")
        except OSError as exc:
            print("refused", exc.errno)
        """,
        tmp_path,
    )
    assert out.strip() == f"refused {errno.EFBIG}"
    assert [path for path in tmp_path.rglob("*") if path.is_file()] == []
