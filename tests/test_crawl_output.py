"""What a crawl prints: its summary and its warnings, each a line; Scrapy's own log only
when asked (`-v`); warnings scroll above the live table on a terminal instead of through it."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.sample_site import SampleSite, write_site_configs

from .conftest import REPO, RunningSampleSite, run_in_terminal, secnews

pytestmark = pytest.mark.e2e
LOG_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \[")


def _crawl(site: RunningSampleSite, data: Path, *extra: str) -> str:
    result = secnews(
        "crawl", "sample-forum", "--delay", "0", "--sites", str(site.sites_dir),
        "--data", str(data), *extra,
    )  # fmt: skip
    return result.stdout + result.stderr


def test_a_crawl_prints_its_summary_not_scrapys_log(
    private_sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    output = _crawl(private_sample_site, tmp_path / "quiet")
    assert output.startswith("run 1 ok: ") and "health: 1 site(s) ok" in output
    assert not LOG_LINE.search(output), output  # no banner, no stats dump, no dropped pages
    assert "PageItem(" not in output and len(output.splitlines()) <= 5, output
    with sqlite3.connect(tmp_path / "quiet" / "archive.db") as db:
        (not_news,) = db.execute("SELECT not_articles FROM site_runs").fetchone()
        stats = json.loads(db.execute("SELECT stats FROM crawl_runs").fetchone()[0])
    assert not_news > 0  # the pages that are not news were left quietly, and counted
    forum = stats["sample-forum"]
    assert forum.get("item_dropped_count", 0) + forum.get("secnews/verdict/left", 0) >= not_news


def test_verbose_shows_scrapys_log_with_one_line_a_dropped_page(
    private_sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    output = _crawl(private_sample_site, tmp_path / "verbose", "-v")
    assert "Scrapy" in output and "Dumping Scrapy stats" in output
    assert "PageItem(" not in output and "] WARNING:" not in output, output
    debug = _crawl(private_sample_site, tmp_path / "debug", "--log-level", "DEBUG")
    # A page that is not news is one DEBUG line with its URL and the verdict's reasons.
    lines = debug.splitlines()
    left = [line for line in lines if re.search(r" http\S+ left: ", line)]
    assert left and all("DEBUG" in line for line in left), debug[-3000:]
    assert all("DEBUG" in line for line in lines if "Dropped: " in line)


def test_warnings_scroll_above_the_live_table(tmp_path: Path) -> None:
    with SampleSite(ephemeral=True, fault="server-errors") as site:
        write_site_configs(tmp_path / "sites", site.urls)
        command = [sys.executable, "-m", "crawler.cli", "crawl", "sample-forum", "--delay", "0"]
        command += ["--sites", str(tmp_path / "sites"), "--data", str(tmp_path / "data")]
        env = {**os.environ, "COLUMNS": "200", "TERM": "xterm"}
        returncode, text = run_in_terminal(command, env)
        assert returncode == 1  # the health rules fail on a broken server
    shown = text[: text.rindex("\x1b[?25h")]  # while the table was on screen
    warnings = [match.start() for match in LOG_LINE.finditer(shown)]
    assert warnings and "] WARNING:" in shown and "sites done" in shown
    for start in warnings:
        # Written where the live table was just erased (rich's erase-line code), then the
        # table drawn again below it: never in the middle of the table's lines.
        assert text[start - 4 : start] == "\x1b[2K", repr(text[start - 200 : start + 100])


def test_a_crawl_without_a_contact_warns_once_at_its_start(
    sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SECNEWS_CONTACT"}
    base = sample_site.urls["sample-forum"]
    command = [sys.executable, "-m", "crawler.cli", "crawl", base, "--max-pages", "3"]
    result = subprocess.run(
        [*command, "--data", str(tmp_path), "--delay", "0"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=300,
        check=True,
    )
    warned = [line for line in result.stderr.splitlines() if "SECNEWS_CONTACT is not set" in line]
    assert len(warned) == 1 and "WARNING" in warned[0]
    assert result.stderr.splitlines().index(warned[0]) < 3  # before the crawl's own lines
    check = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "sites", "check"],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=60,
    )
    assert check.returncode == 0 and "SECNEWS_CONTACT is not set" in check.stderr
    configured = secnews("sites", "check")  # the suite runs with a contact set
    assert "SECNEWS_CONTACT" not in configured.stderr
