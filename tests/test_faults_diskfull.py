"""Fault suite, a full disk during a crawl: the crawl stops with one clear message and exit 1,
no traceback flood, the archive intact — and a crawl once there is room again completes it.

The disk is a tmpfs half the size of a whole crawl's data directory (mounting needs root
outside a user namespace; skipped otherwise). A per-process file size limit
(``RLIMIT_FSIZE``) is no substitute here: it also stops the libraries' own temporary files
(the language model unpacks 20 MB into one), so it is used only where the code under test
is ours alone (``test_archive_diskfull.py``).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import Crawl, RunningSampleSite
from .faultkit import CrawlResult, rows, run_crawl, warc_files_check

pytestmark = pytest.mark.e2e
STOPPED = "cannot write to the data directory"
ARTICLES = "SELECT site, url, title, published, author, text FROM articles ORDER BY url"


def crawl_into(data: Path, site: RunningSampleSite, logs: Path, **popen: object) -> CrawlResult:
    return run_crawl(
        data,
        "sample-secretariat",
        "sample-forum",
        "--sites",
        str(site.sites_dir),
        "--delay",
        "0",
        "-s",
        "AUTOTHROTTLE_ENABLED=0",
        logs=logs,  # not on the full disk
        **popen,  # type: ignore[arg-type]
    )


def assert_clean_stop(result: CrawlResult, reference: Crawl) -> None:
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "] ERROR:" in line]
    assert errors and all(STOPPED in line for line in errors)  # one line a site, nothing else
    assert "is full: the crawl stopped" in result.stderr
    assert rows(result.data_dir, "PRAGMA integrity_check")[0][0] == "ok"
    stored = len(rows(result.data_dir, ARTICLES))
    assert stored < len(rows(reference.data_dir, ARTICLES)), "the disk never filled"
    assert warc_files_check(result.data_dir) == []


@pytest.fixture
def small_disk(tmp_path: Path, sample_crawl: Crawl) -> Iterator[Path]:
    disk = tmp_path / "disk"
    disk.mkdir()
    # Half of what the whole crawl keeps: it fills part-way through, however compactly the
    # archive writes.
    whole = sum(f.stat().st_size for f in sample_crawl.data_dir.rglob("*") if f.is_file())
    mount = ["mount", "-t", "tmpfs", "-o", f"size={whole // 2048}k", "tmpfs", str(disk)]
    attempt = subprocess.run(mount, capture_output=True, text=True)
    if attempt.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({attempt.stderr.strip()}); needs root")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_stops_the_crawl_cleanly_and_a_later_crawl_completes_it(
    small_disk: Path, sample_site: RunningSampleSite, sample_crawl: Crawl
) -> None:
    data = small_disk / "data"
    logs = small_disk.parent
    assert_clean_stop(crawl_into(data, sample_site, logs), sample_crawl)
    grow = ["mount", "-o", "remount,size=64m", str(small_disk)]
    subprocess.run(grow, check=True)
    again = crawl_into(data, sample_site, logs)
    assert again.returncode == 0, again.stderr[-3000:]
    resumed = {row["url"]: dict(row) for row in rows(data, ARTICLES)}
    reference = {row["url"]: dict(row) for row in rows(sample_crawl.data_dir, ARTICLES)}
    assert resumed.keys() == reference.keys()
    assert [url for url in reference if resumed[url] != reference[url]] == []
