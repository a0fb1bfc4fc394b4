"""Fault suite, a full disk during a crawl: whenever the disk fills, the crawl stops with one
clear message and exit 1, no traceback flood; the archive holds only whole pages — every
article with its fetch row and a readable WARC record, or its URL still pending — its run
is closed and the summary counts what was kept; a crawl once there is room completes it,
with no health finding.

The disk is a tmpfs (mounting needs root outside a user namespace; skipped otherwise) of
several sizes, from smaller than what the whole crawl keeps to half as large again: the WAL
grows to about the database's size before the crawl's last checkpoint, so even the largest
fills, and each fills at another moment — among the first fetches, part-way, near the end.
A per-process file size limit (``RLIMIT_FSIZE``) is no substitute here: it also stops the
libraries' own temporary files (the language model unpacks 20 MB into one), so it is used
only where the code under test is ours alone (``test_archive_diskfull.py``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import Crawl, RunningSampleSite, secnews
from .faultkit import CrawlResult, grow, rows, run_crawl, tmpfs, unarchived, warc_files_check

pytestmark = pytest.mark.e2e
STOPPED = "cannot write to the data directory"
ARTICLES = "SELECT site, url, title, published, author, text FROM articles ORDER BY url"
SUMMARY = re.compile(r"^run (\d+) (\S+): (\d+) requests, (\d+) new, ", re.M)
# Sizes of the disk, as shares of the data directory the whole crawl leaves.
SIZES = (0.75, 1.15, 1.55)


def crawl_into(data: Path, site: RunningSampleSite, logs: Path) -> CrawlResult:
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
    )


def summary(result: CrawlResult) -> tuple[int, str, int, int]:
    """(run, status, requests, new) of the summary line the crawl printed."""
    found = SUMMARY.search(result.stdout)
    assert found, result.stdout
    run, status, requests, new = found.groups()
    return int(run), status, int(requests), int(new)


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


def assert_counts_what_was_kept(result: CrawlResult, articles_before: int = 0) -> None:
    """The summary line and the run's row agree with the archive: fetch rows kept, new
    articles kept, and the run closed."""
    run, status, requests, new = summary(result)
    data = result.data_dir
    kept_fetches = rows(data, "SELECT count(*) FROM fetches WHERE run_id = ?", run)[0][0]
    kept_articles = len(rows(data, ARTICLES)) - articles_before
    assert (requests, new) == (kept_fetches, kept_articles), result.stdout
    row = rows(data, "SELECT * FROM crawl_runs WHERE id = ?", run)[0]
    assert (row["status"], row["requests"], row["articles_new"]) == (status, requests, new)
    assert row["finished_at"] is not None


@pytest.mark.parametrize("share", SIZES)
def test_a_full_disk_keeps_whole_pages_and_a_later_crawl_completes_them(
    share: float, tmp_path: Path, sample_site: RunningSampleSite, sample_crawl: Crawl
) -> None:
    whole = sum(f.stat().st_size for f in sample_crawl.data_dir.rglob("*") if f.is_file())
    with tmpfs(tmp_path / "disk", int(whole * share)) as disk:
        data, logs = disk / "data", tmp_path
        first = crawl_into(data, sample_site, logs)
        assert_clean_stop(first, sample_crawl)
        # The disk filled during the run; a site may have finished before it did.
        assert "disk_full" in summary(first)[1].split(",")
        assert unarchived(data) == []
        assert_counts_what_was_kept(first)
        kept = len(rows(data, ARTICLES))
        grow(disk, 64 << 20)
        again = crawl_into(data, sample_site, logs)
        # No health finding either: the resumed crawl is judged with the run it completes.
        assert again.returncode == 0, again.stdout + again.stderr[-3000:]
        assert "health: 2 site(s) ok" in again.stdout
        assert_counts_what_was_kept(again, articles_before=kept)
        resumed = {row["url"]: dict(row) for row in rows(data, ARTICLES)}
        reference = {row["url"]: dict(row) for row in rows(sample_crawl.data_dir, ARTICLES)}
        assert resumed.keys() == reference.keys()
        assert [url for url in reference if resumed[url] != reference[url]] == []
        assert unarchived(data) == []
        assert rows(data, "SELECT count(*) FROM frontier WHERE state = 'pending'")[0][0] == 0


def allocated(path: Path) -> int:
    """Bytes a tree takes on a tmpfs: whole pages a file."""
    return sum(-(-f.stat().st_size // 4096) * 4096 for f in path.rglob("*") if f.is_file())


@pytest.mark.parametrize("command", [("reindex",), ("snapshot",), ("snapshot", "--archive", "zip")])
def test_commands_that_write_end_on_a_full_disk_with_one_message(
    command: tuple[str, ...], tmp_path: Path, sample_crawl: Crawl
) -> None:
    reference = sample_crawl.data_dir
    kept = ("archive.db", "warc", "media")
    needs = sum(allocated(reference / name) for name in kept if (reference / name).is_dir())
    needs += (reference / "archive.db").stat().st_size
    # The archive and 128 KiB: room to open it and take the lock, not to index or copy it.
    with tmpfs(tmp_path / "disk", needs + (128 << 10)) as disk:
        data = disk / "data"
        data.mkdir()
        shutil.copy2(reference / "archive.db", data / "archive.db")
        for name in kept[1:]:
            if (reference / name).is_dir():
                shutil.copytree(reference / name, data / name)
        before = [tuple(row) for row in rows(data, ARTICLES)]
        result = secnews(*command, "--data", str(data), check=False)
        assert result.returncode == 1, result.stdout + result.stderr[-3000:]
        assert "Traceback" not in result.stderr
        assert "the disk is full" in result.stderr, result.stderr[-3000:]
        assert rows(data, "PRAGMA integrity_check")[0][0] == "ok"
        assert [tuple(row) for row in rows(data, ARTICLES)] == before
        # Nothing half-written is left: no snapshot, no partial copy.
        snapshots = data / "snapshots"
        assert not snapshots.exists() or [p.name for p in snapshots.iterdir()] == []
