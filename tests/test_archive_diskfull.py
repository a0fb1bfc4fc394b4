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
# The size limit set and lifted by the script itself: a soft limit, under no hard one.
UNLIMITED = """
import resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill


def limit_file_size(size):
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))
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


def run_limited(code: str, tmp_path: Path, preamble: str = LIMITED) -> str:
    script = preamble + textwrap.dedent(code)
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


def test_writes_after_sqlite_rolls_back_a_group_are_never_committed(tmp_path: Path) -> None:
    # A fetch row goes into a group; the commit does not fit, and SQLite rolls the group back
    # on its own. An article filed after that must not be committed without its fetch row.
    out = run_limited(
        """
        from archive.diskfull import is_storage_full
        from archive.records import ArticleRecord, FetchRecord
        from archive.store import Archive

        archive = Archive(Path(sys.argv[1]))
        archive.upsert_site("s", title="S")
        run = archive.start_run(["s"])
        archive.group_commits()
        archive.commit()
        room = max(p.stat().st_size for p in Path(sys.argv[1]).glob("archive.db*")) + 50_000
        limit_file_size(room)
        kept = []
        archive.record_fetch(run, FetchRecord(url="http://x/1", fetched_at="t", status=200))
        archive.db.when_committed(lambda: kept.append("fetch"))
        text = " ".join(f"word{n}" for n in range(40_000))
        try:
            archive.save_article("s", ArticleRecord(url="http://x/0", title="0", text=text),
                                 "http://x/0")
            archive.commit()
        except Exception as exc:
            print("commit refused", is_storage_full(exc), flush=True)
        limit_file_size(resource.RLIM_INFINITY)  # room again
        for call in (
            lambda: archive.save_article(
                "s", ArticleRecord(url="http://x/1", title="1", text="one"), "http://x/1"),
            archive.commit,
        ):
            try:
                call()
                print("written", flush=True)
            except Exception as exc:
                print("refused", is_storage_full(exc), flush=True)
        print("kept", kept, flush=True)
        archive.close()
        """,
        tmp_path,
        UNLIMITED,
    )
    assert out.split("\n")[:4] == ["commit refused True", "refused True", "refused True", "kept []"]
    db = sqlite3.connect(tmp_path / "archive.db")
    try:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM fetches").fetchone()[0] == 0
    finally:
        db.close()
