"""Commands that read an archive refuse a data directory without one, and sites it never
crawled, instead of making an empty archive or answering "nothing found"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Crawl, secnews

READERS = [
    ("history", "http://www.example.gov/news/1"),
    ("history", "7"),
    ("reprocess",),
    ("status",),
    ("search", "summit"),
    ("reindex",),
    ("snapshot",),
    ("serve", "--port", "0"),
]


@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c))
def test_a_mistyped_data_directory_is_refused_and_left_alone(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    mistyped = tmp_path / "dta"
    result = secnews(*command, "--data", str(mistyped), check=False, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{mistyped / 'archive.db'}: no archive here" in result.stderr
    assert not mistyped.exists()


@pytest.mark.parametrize(
    "command",
    [("search", "summit"), ("reprocess",), ("snapshot",)],
    ids=lambda c: c[0],
)
def test_an_unknown_site_is_refused_naming_the_known_ones(
    command: tuple[str, ...], sample_crawl: Crawl
) -> None:
    data = str(sample_crawl.data_dir)
    result = secnews(*command, "--site", "sample-secretaria", "--data", data, check=False)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "--site sample-secretaria: no such site in this archive" in result.stderr
    assert "sample-secretariat" in result.stderr.split("it has:")[1]


def test_history_takes_the_article_id_that_search_prints(sample_crawl: Crawl) -> None:
    with sqlite3.connect(sample_crawl.data_dir / "archive.db") as db:
        row = db.execute("SELECT id, url, title FROM articles ORDER BY id LIMIT 1").fetchone()
    article_id, url, title = row
    data = str(sample_crawl.data_dir)
    by_id = secnews("history", str(article_id), "--data", data)
    by_url = secnews("history", url, "--data", data)
    assert by_id.stdout == by_url.stdout
    assert by_id.stdout.startswith("version 1")
    assert f"title: {title}" in by_id.stdout
    missing = secnews("history", "999999", "--data", data, check=False)
    assert missing.returncode == 2
    assert "article 999999: no article has this id" in missing.stderr
