"""Fault suite, size limits: a gigabyte response and a gzip bomb are refused by
``DOWNLOAD_MAXSIZE`` (which counts decompressed bytes too), a 10 MB page is archived but not
extracted, and the crawl's memory stays low throughout."""

from __future__ import annotations

import pytest

from crawler.sample_site.hostile_pages import GIB

from .faultkit import CrawlResult, final_attempt, hostile_crawl, site_name

pytestmark = pytest.mark.e2e
MAX_SIZE = 32 * 1024 * 1024  # DOWNLOAD_MAXSIZE
MAX_RSS_MB = 400


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    return hostile_crawl(tmp_path_factory)


def fetch(crawl: CrawlResult, path: str) -> tuple[int | None, int | None, str]:
    assert crawl.site is not None
    url = crawl.site.urls["hostile"] + path.lstrip("/")
    row = final_attempt(
        crawl.rows("SELECT status, bytes, error FROM fetches WHERE url = ? ORDER BY id", url)
    )
    return row[0], row[1], row[2] or ""


def test_an_endless_body_is_cut_at_the_size_limit(crawl: CrawlResult) -> None:
    status, _, error = fetch(crawl, "/limits/huge")
    assert status is None and error.startswith("DownloadCancelledError")
    assert "larger than download max size (33554432)" in crawl.stderr
    assert crawl.site is not None
    # The crawler hung up: the server got to send a few times the limit at most, never 1 GiB.
    assert MAX_SIZE < crawl.site.streamed("/limits/huge") < GIB // 8


def test_a_declared_gigabyte_is_refused_before_its_body(crawl: CrawlResult) -> None:
    status, _, error = fetch(crawl, "/limits/huge-declared")
    assert status is None
    assert "Expected to receive 1073741824 bytes which is larger than download max size" in error


def test_a_gzip_bomb_is_refused_while_it_inflates(crawl: CrawlResult) -> None:
    status, size, error = fetch(crawl, "/limits/gzip-bomb")
    # The bytes as sent (about 1 MB) are archived; inflating stops at DOWNLOAD_MAXSIZE.
    assert status == 200 and size is not None and size < 2 * 1024 * 1024
    assert "exceeded DOWNLOAD_MAXSIZE (33554432 B) during decompression" in error
    assert crawl.rows("SELECT 1 FROM articles WHERE url LIKE '%gzip-bomb'") == []


def test_a_ten_megabyte_page_is_archived_but_not_extracted(crawl: CrawlResult) -> None:
    status, size, error = fetch(crawl, "/pages/long-line")
    assert status == 200 and size is not None and size > 10_000_000 and not error
    assert crawl.rows("SELECT 1 FROM articles WHERE url LIKE '%long-line'") == []
    stats = crawl.stats(site_name(crawl.site.urls["hostile"]))  # type: ignore[union-attr]
    assert stats["secnews/not_article/too_large"] == 1


def test_memory_stays_low(crawl: CrawlResult) -> None:
    assert crawl.max_rss_mb < MAX_RSS_MB, f"peak RSS {crawl.max_rss_mb:.0f} MB"
