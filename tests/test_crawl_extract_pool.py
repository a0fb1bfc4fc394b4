"""Extraction in a process pool files the same articles as extraction in the crawl process."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from .conftest import RunningSampleSite, secnews

pytestmark = pytest.mark.e2e
ARTICLES = (
    "SELECT a.url, a.title, a.published, a.author, a.text, a.language FROM articles a "
    "ORDER BY a.url"
)


def crawl(
    site: RunningSampleSite, data: Path, workers: int
) -> tuple[list[tuple[object, ...]], str]:
    result = secnews(
        "crawl",
        "sample-secretariat",
        "--sites",
        str(site.sites_dir),
        "--data",
        str(data),
        "--delay",
        "0",
        "-s",
        f"SECNEWS_EXTRACT_WORKERS={workers}",
        "-v",  # the pool's start is an INFO line
    )
    with sqlite3.connect(data / "archive.db") as db:
        return db.execute(ARTICLES).fetchall(), result.stderr


def test_pool_and_in_process_extraction_store_the_same_articles(
    private_sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    in_process, log = crawl(private_sample_site, tmp_path / "in-process", workers=0)
    pooled, pooled_log = crawl(private_sample_site, tmp_path / "pooled", workers=2)
    assert "worker processes" not in log
    assert "extracting in 2 worker processes" in pooled_log
    assert len(in_process) >= 5
    assert pooled == in_process


def test_workers_yield_the_cpu_to_the_crawl_process() -> None:
    from crawler.pipelines.extract import WORKER_NICENESS, _new_pool

    pool = _new_pool(1)
    try:
        worker = pool.submit(os.nice, 0).result(timeout=60)
    finally:
        pool.shutdown()
    assert worker == min(os.nice(0) + WORKER_NICENESS, 19)
