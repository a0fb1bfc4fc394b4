"""Fault suite, bad pages: binary bytes served as HTML, an empty page, broken markup, a NUL
byte, wrong, missing and contradictory charsets — each stored or rejected cleanly, each in
``fetches``, and no crash anywhere in the crawl."""

from __future__ import annotations

import pytest

from crawler.sample_site.hostile_pages import BROKEN_PAGES

from .faultkit import CrawlResult, final_attempt, hostile_crawl, warc_files_check

pytestmark = pytest.mark.e2e
STORED = {
    "malformed": "Unclosed tags everywhere",
    "nul": "A page with a NUL byte",
    "charset-wrong": "字符集错误的页面",
    "charset-absent": "Страница без кодировки",
    "charset-contradictory": "Противоречивые кодировки",
    "charset-unknown": "An unknown charset",
    "deep": "Nested three hundred deep",
}
REJECTED = {"binary", "empty", "long-line"}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    return hostile_crawl(tmp_path_factory)


def url(crawl: CrawlResult, page: str) -> str:
    assert crawl.site is not None
    return f"{crawl.site.urls['hostile']}pages/{page}"


def test_every_case_is_covered() -> None:
    assert set(STORED) | REJECTED == set(BROKEN_PAGES)


@pytest.mark.parametrize("page", sorted(BROKEN_PAGES))
def test_every_bad_page_is_in_fetches_without_error(crawl: CrawlResult, page: str) -> None:
    attempts = crawl.rows(
        "SELECT status, error FROM fetches WHERE url = ? ORDER BY id", url(crawl, page)
    )
    assert tuple(final_attempt(attempts)) == (200, None)
    (state,) = crawl.rows("SELECT state FROM frontier WHERE url = ?", url(crawl, page))
    assert state[0] == "done"


@pytest.mark.parametrize("page", sorted(STORED))
def test_damaged_pages_are_stored_as_readable_text(crawl: CrawlResult, page: str) -> None:
    (article,) = crawl.rows("SELECT title, text FROM articles WHERE url = ?", url(crawl, page))
    assert article["title"] == STORED[page]
    assert "\x00" not in article["text"]
    if page != "nul":  # the NUL itself may become U+FFFD; a wrong charset must leave none
        assert "\ufffd" not in article["text"]


@pytest.mark.parametrize("page", sorted(REJECTED))
def test_pages_that_are_not_articles_are_rejected(crawl: CrawlResult, page: str) -> None:
    assert crawl.rows("SELECT 1 FROM articles WHERE url = ?", url(crawl, page)) == []


def test_no_crash_in_the_whole_crawl(crawl: CrawlResult) -> None:
    assert crawl.crashes() == []
    assert crawl.returncode in (0, 1)  # 1: the robots-500 site fails its health check


def test_the_archive_stays_valid(crawl: CrawlResult) -> None:
    assert crawl.rows("PRAGMA integrity_check")[0][0] == "ok"
    assert warc_files_check(crawl.data_dir) == []
