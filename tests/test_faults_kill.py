"""Fault suite, SIGKILL at random points of a crawl: the rerun ends in the same archive as an
uninterrupted crawl — articles, their URLs and images — with SQLite and every WARC valid."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO, Crawl, RunningSampleSite, secnews
from .faultkit import rows, warc_files_check

pytestmark = pytest.mark.e2e
# (seed, commit interval): with a commit for every write, the kill lands between any two
# writes; with commits grouped (the default), among pages written but not yet committed. A
# group commits many articles at once, so those seeds kill after a number of fetches.
KILLS = ((1, "0"), (3, "0"), (5, None))
ARTICLES = "SELECT site, url, title, published, author, text FROM articles ORDER BY url"
URLS = "SELECT u.url, a.url FROM article_urls u JOIN articles a ON a.id = u.article_id ORDER BY 1"
IMAGES = (
    "SELECT a.url, i.url, i.sha256 FROM images i JOIN articles a ON a.id = i.article_id "
    "ORDER BY 1, 2"
)


def count(data: Path, table: str) -> int:
    try:
        return int(rows(data, f"SELECT count(*) FROM {table}")[0][0])
    except Exception:  # the file or the table is not there yet
        return 0


def kill_point(seed: int) -> tuple[str, int]:
    """Where a seed kills the crawl: after N stored articles, or after N recorded fetches."""
    rng = random.Random(seed)
    return (
        ("articles", rng.randint(1, 30)) if rng.random() < 0.5 else ("fetches", rng.randint(3, 70))
    )


@pytest.mark.parametrize(("seed", "interval"), KILLS)
def test_a_killed_crawl_resumes_to_the_same_archive(
    sample_crawl: Crawl,
    sample_site: RunningSampleSite,
    tmp_path: Path,
    seed: int,
    interval: str | None,
) -> None:
    data = tmp_path / "data"
    args = ["crawl", "sample-secretariat", "sample-forum", "--sites", str(sample_site.sites_dir)]
    args += ["--data", str(data), "--delay", "0", "-s", "AUTOTHROTTLE_ENABLED=0"]
    table, threshold = kill_point(seed)
    if interval is not None:
        args += ["-s", f"SECNEWS_COMMIT_INTERVAL={interval}"]
    else:
        assert table == "fetches", "grouped commits: kill after a number of fetches"
    crawl = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    try:
        while count(data, table) < threshold:
            assert crawl.poll() is None, f"the crawl ended before {threshold} {table}"
            assert time.monotonic() < deadline, f"{threshold} {table} not reached in time"
            time.sleep(0.005)
    finally:
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait()
    assert count(data, "articles") < count(sample_crawl.data_dir, "articles") or table == "fetches"
    secnews(*args)
    assert rows(data, "PRAGMA integrity_check")[0][0] == "ok"
    reference = sample_crawl.data_dir
    for query in (ARTICLES, URLS, IMAGES):
        assert [tuple(r) for r in rows(data, query)] == [tuple(r) for r in rows(reference, query)]
    assert rows(data, "SELECT count(*) FROM frontier WHERE state = 'pending'")[0][0] == 0
    runs = [tuple(r) for r in rows(data, "SELECT status, finished_at IS NULL FROM crawl_runs")]
    assert runs == [("interrupted", 1), ("ok", 0)]
    assert warc_files_check(data) == []
