"""Fault suite, two writers on one data directory, and a crawl stopped twice.

While a crawl writes, every other writer — a second crawl, ``reprocess``, ``reindex``, a
snapshot — is refused at once with a message naming the crawl's pid (exit 75), readers still
read, and the next writer gets in once the crawl has ended. A crawl told twice to stop
(SIGTERM, SIGTERM) stops at once: it commits what it had written, records its run and leaves
no traceback and no lock behind.

The crawl is held still by the hostile site's ``/fault/timeout``, which never answers.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.sample_site.hostile import HostileSite

from .conftest import REPO, secnews
from .faultkit import rows, warc_files_check

pytestmark = pytest.mark.e2e
BUSY = 75  # EX_TEMPFAIL, as the cron wrapper's own "locked" exit
GRACEFUL = "Received SIGTERM, shutting down gracefully"


@pytest.fixture
def hostile_site() -> Iterator[HostileSite]:
    site = HostileSite().start()
    try:
        yield site
    finally:
        site.stop()


def wait_for(condition: object, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():  # type: ignore[operator]
        assert process.poll() is None, f"the crawl ended before {what}"
        assert time.monotonic() < deadline, f"{what}: not in time"
        time.sleep(0.01)


def stalled_crawl(
    site: HostileSite, data: Path, stderr: Path, *settings: str
) -> subprocess.Popen[bytes]:
    """A crawl waiting on a page that never answers, once it is waiting."""
    url = site.urls["hostile"] + "fault/timeout"
    command = [sys.executable, "-m", "crawler.cli", "crawl", url, "--data", str(data)]
    command += ["--delay", "0", "--no-progress", "-v", "-s", "DOWNLOAD_TIMEOUT=120", *settings]
    with stderr.open("wb") as err, stderr.with_suffix(".out").open("wb") as out:
        crawl = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=err)
    waiting = lambda: any(e["path"] == "/fault/timeout" for e in site.requests_to("hostile"))  # noqa: E731
    try:
        wait_for(waiting, crawl, "the request that never answers")
    except BaseException:
        crawl.kill()
        crawl.wait()
        raise
    return crawl


def test_a_second_writer_is_refused_naming_the_crawl(
    hostile_site: HostileSite, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    crawl = stalled_crawl(hostile_site, data, tmp_path / "crawl.err")
    try:
        holder = f"secnews crawl (pid {crawl.pid}, since "
        for command in (
            ("crawl", hostile_site.urls["hostile"]),
            ("reprocess",),
            ("reindex",),
            ("snapshot",),
        ):
            refused = secnews(*command, "--data", str(data), check=False, timeout=60)
            assert refused.returncode == BUSY, (command, refused.stderr[-3000:])
            assert holder in refused.stderr, refused.stderr
            assert "Traceback" not in refused.stderr
        # Readers read on; the refused snapshot left nothing behind.
        assert secnews("status", "--data", str(data)).returncode == 0
        assert [p.name for p in (data / "snapshots").glob(".*")] == []
        assert rows(data, "SELECT count(*) FROM crawl_runs")[0][0] == 1
    finally:
        crawl.send_signal(signal.SIGTERM)
        hostile_site.stop()  # the page that never answers gives up
        crawl.wait(timeout=120)
    assert secnews("reindex", "--data", str(data)).returncode == 0


def test_a_crawl_stopped_twice_ends_at_once_and_keeps_its_writes(
    hostile_site: HostileSite, tmp_path: Path
) -> None:
    data, stderr = tmp_path / "data", tmp_path / "crawl.err"
    # Commits far apart: the signals land while writes wait uncommitted, as they may in any
    # crawl (every half second by default).
    crawl = stalled_crawl(hostile_site, data, stderr, "-s", "SECNEWS_COMMIT_INTERVAL=600")
    try:
        crawl.send_signal(signal.SIGTERM)
        wait_for(lambda: GRACEFUL in stderr.read_text(), crawl, "the first SIGTERM")
        stopped = time.monotonic()
        crawl.send_signal(signal.SIGTERM)
        crawl.wait(timeout=120)
        took = time.monotonic() - stopped
    finally:
        if crawl.poll() is None:
            os.kill(crawl.pid, signal.SIGKILL)
            crawl.wait()
    log = stderr.read_text()
    assert "Traceback" not in log
    assert "database is locked" not in log
    assert took < 10, f"{took:.1f} s after the second SIGTERM"  # SQLite's busy wait is 30 s
    # The summary, and exit 1: the crawl did not finish.
    assert crawl.returncode == 1
    summary = re.search(
        r"^run 1 shutdown: (\d+) requests", stderr.with_suffix(".out").read_text(), re.M
    )
    assert summary, "no summary"
    run = rows(data, "SELECT status, finished_at FROM crawl_runs")
    assert [(r["status"], r["finished_at"] is not None) for r in run] == [("shutdown", True)]
    # What the crawl fetched before the signals (robots.txt at least) was committed, and
    # counted.
    fetched = rows(data, "SELECT count(*) FROM fetches")[0][0]
    assert fetched >= 1
    assert int(summary.group(1)) == fetched
    assert [p.name for p in (data / "warc").iterdir() if p.name.endswith(".open")] == []
    assert warc_files_check(data) == []
    assert secnews("reindex", "--data", str(data)).returncode == 0
