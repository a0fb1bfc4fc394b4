"""Archival depth end to end: WARC capture, resuming a killed crawl, reprocessing, history."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.store.dedupe import content_hash
from archive.store.warc import read_response

from .conftest import REPO, Crawl, RunningSampleSite, copy_data_dir, secnews

pytestmark = pytest.mark.e2e
WARCIO = str(Path(sys.executable).with_name("warcio"))


def rows(data_dir: Path, sql: str, *args: object) -> list[sqlite3.Row]:
    with sqlite3.connect(data_dir / "archive.db") as db:
        db.row_factory = sqlite3.Row
        return db.execute(sql, args).fetchall()


def test_every_warc_file_validates(sample_crawl: Crawl) -> None:
    files = sorted((sample_crawl.data_dir / "warc").iterdir())
    assert files and all(path.name.endswith(".warc.gz") for path in files)
    for path in files:
        check = subprocess.run([WARCIO, "check", "-v", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        index = subprocess.run([WARCIO, "index", str(path)], capture_output=True, text=True)
        assert index.returncode == 0 and '"warc-type": "response"' in index.stdout


def test_every_fetch_points_to_its_record(sample_crawl: Crawl) -> None:
    fetches = rows(
        sample_crawl.data_dir,
        "SELECT url, status, sha256, warc_file, warc_offset, record_type FROM fetches "
        "WHERE run_id = 1 AND status IS NOT NULL",
    )
    assert len(fetches) > 50
    for fetch in fetches:
        record = read_response(
            sample_crawl.data_dir / "warc", fetch["warc_file"], fetch["warc_offset"]
        )
        assert record.url == fetch["url"] and record.status == fetch["status"]
        assert record.record_type == fetch["record_type"]
        if record.record_type == "response":
            assert hashlib.sha256(record.raw_payload).hexdigest() == fetch["sha256"]


def test_requests_ask_for_identity_encoding(sample_crawl: Crawl) -> None:
    fetch = rows(sample_crawl.data_dir, "SELECT warc_file, warc_offset FROM fetches LIMIT 1")[0]
    raw = (sample_crawl.data_dir / "warc" / fetch["warc_file"]).read_bytes()
    import gzip

    text = gzip.decompress(raw).decode("utf-8", "replace")
    assert "Accept-Encoding: identity" in text
    assert "WARC/1.1" in text and "WARC-Type: request" in text


def test_history_and_reprocess(
    sample_crawl: Crawl, sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    copy_data_dir(sample_crawl.data_dir, data)
    url = sample_site.urls["sample-secretariat"] + "shownews.php?lang=cn&id=708"
    # An older extractor's output: reprocessing from WARC must bring back today's text.
    with sqlite3.connect(data / "archive.db") as db:
        db.execute(
            "UPDATE articles SET text = 'stale', content_hash = ? WHERE url = ?",
            [content_hash("stale"), url],
        )
    result = secnews("reprocess", "--data", str(data), "--site", "sample-secretariat")
    assert "24 pages: 1 updated, 23 unchanged" in result.stdout
    versions = rows(
        data,
        "SELECT v.version, v.origin, v.extractor, v.text FROM article_versions v "
        "JOIN articles a ON a.id = v.article_id WHERE a.url = ? ORDER BY v.version",
        url,
    )
    assert [(v["version"], v["origin"]) for v in versions] == [(1, "crawl"), (2, "reprocess")]
    assert versions[1]["text"] == versions[0]["text"]
    assert "trafilatura" in versions[1]["extractor"]
    history = secnews("history", url, "--data", str(data)).stdout
    assert "version 1" in history and "version 2" in history and "(reprocess;" in history
    assert secnews("history", url + "0", "--data", str(data), check=False).returncode == 2


def test_killed_crawl_resumes_to_the_same_archive(
    sample_crawl: Crawl, sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    data = tmp_path / "killed"
    command = [
        sys.executable,
        "-m",
        "crawler.cli",
        "crawl",
        "sample-secretariat",
        "sample-forum",
        "--sites",
        str(sample_site.sites_dir),
        "--data",
        str(data),
        "--delay",
        "0.05",
        # A commit for every write: articles become visible one by one, so the kill lands
        # mid-crawl. Grouped commits can publish every article at once on a slow machine;
        # tests/test_faults_kill.py kills those crawls after a number of fetches instead.
        "-s",
        "SECNEWS_COMMIT_INTERVAL=0",
    ]
    crawl = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for(lambda: stored_articles(data) >= 12, crawl)
    finally:
        os.kill(crawl.pid, signal.SIGKILL)
        crawl.wait()
    assert stored_articles(data) < 39, "the crawl finished before it could be killed"
    secnews(*command[3:])
    assert rows(data, "PRAGMA integrity_check")[0][0] == "ok"
    keys = "SELECT site, url, title, published, author, text FROM articles ORDER BY url"
    assert [tuple(r) for r in rows(data, keys)] == [
        tuple(r) for r in rows(sample_crawl.data_dir, keys)
    ]
    assert (
        rows(data, "SELECT count(*) FROM article_urls")[0][0]
        == rows(sample_crawl.data_dir, "SELECT count(*) FROM article_urls")[0][0]
    )
    for path in (data / "warc").iterdir():
        assert subprocess.run([WARCIO, "check", str(path)], capture_output=True).returncode == 0


def stored_articles(data: Path) -> int:
    try:
        return int(rows(data, "SELECT count(*) FROM articles")[0][0])
    except sqlite3.Error:  # not created yet
        return 0


def wait_for(condition: object, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    """Poll ``condition`` until true; fail if the process ends or time runs out first."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert process.poll() is None, "the crawl ended before the condition held"
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)
