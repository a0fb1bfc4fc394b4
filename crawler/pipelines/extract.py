"""Extraction stage: a fetched page becomes an ``ArticleRecord``, or is dropped as not news."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.reactor import is_asyncio_reactor_installed

from archive.records import ArticleRecord
from archive.store.prepared import Prepared, prepare
from crawler.extract import ExtractHints, extract_article, listed_published
from crawler.extract.language import detect_language
from crawler.items import ArticleItem, PageItem

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)


class ExtractPipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.since = crawler.settings.get("SECNEWS_SINCE") or ""
        self.max_bytes = crawler.settings.getint("SECNEWS_EXTRACT_MAX_BYTES")
        self.workers = extract_workers(crawler.settings.get("SECNEWS_EXTRACT_WORKERS"))
        self.pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractPipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def spider_opened(self) -> None:
        # Only the extraction runs in the pool: the archive keeps one writer, this process.
        if self.workers and is_asyncio_reactor_installed():
            self.pool = _new_pool(self.workers)
            log.info("extracting in %d worker processes", self.workers)

    def spider_closed(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    async def process_item(self, item: object) -> object:
        if not isinstance(item, PageItem):
            return item
        stats = self.crawler.stats
        if self.max_bytes and len(item.body) > self.max_bytes:
            # Megabytes of markup are not an article, and extracting them takes minutes.
            stats.inc_value("secnews/not_article/too_large")
            raise DropItem(
                f"{len(item.body)} bytes, over SECNEWS_EXTRACT_MAX_BYTES ({self.max_bytes}); "
                f"kept raw in the WARC, not extracted: {item.url}",
                log_level="WARNING",
            )
        site = self.crawler.spider.site  # type: ignore[union-attr]
        hints = ExtractHints(
            timezone=site.timezone, language=site.language, selectors=dict(site.selectors)
        )
        record, prepared = await self._extract(item, hints)
        if record is None:
            item.verdict = "left: extraction found no article body"
            stats.inc_value("secnews/not_article/no_body")
            raise DropItem(f"no article body: {item.url}")
        record = with_listed_date(record, item, site.timezone)
        if record.published is None and not item.structured:
            # News has a date; a dateless page of prose is an about or contact page.
            item.verdict = "left: extraction found no date"
            stats.inc_value("secnews/not_article/no_date")
            raise DropItem(f"no publication date, not taken as news: {item.url}")
        if self.since and record.published and record.published[:10] < self.since:
            stats.inc_value("secnews/skipped_before_since")
            raise DropItem(f"published {record.published}, before {self.since}: {item.url}")
        stats.inc_value("secnews/extracted")
        return ArticleItem(
            site=item.site,
            record=record,
            fetched_url=item.requested_url,
            fetched_at=item.fetched_at,
            referred_as=item.referred_as,
            prepared=prepared,
            verdict=item.verdict,
        )

    async def _extract(
        self, item: PageItem, hints: ExtractHints
    ) -> tuple[ArticleRecord | None, Prepared | None]:
        """In a worker process when there is a pool, so extraction uses every core; there,
        what filing the article will need from its text alone is computed as well."""
        page = (item.body, item.url, item.content_type, hints)
        if self.pool is None:
            # Filing computes what it needs from the text itself, only when it needs it.
            record = extract_article(
                item.body, item.url, content_type=item.content_type, hints=hints
            )
            return record, None
        try:
            return await asyncio.wrap_future(self.pool.submit(extract_and_prepare, *page))
        except BrokenProcessPool:
            # A worker died (killed, out of memory): this page in-process, a fresh pool next.
            log.warning("extraction worker died on %s; starting a new pool", item.url)
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = _new_pool(self.workers)
            return extract_and_prepare(*page)


def extract_and_prepare(
    body: bytes, url: str, content_type: str | None, hints: ExtractHints
) -> tuple[ArticleRecord | None, Prepared | None]:
    """In a worker: the page's article, and what the archive computes from its text to file
    it (hash, near-duplicate signature, search forms), so the crawl process only writes."""
    record = extract_article(body, url, content_type=content_type, hints=hints)
    return record, prepare(record) if record is not None else None


def extract_workers(value: object) -> int:
    """``SECNEWS_EXTRACT_WORKERS``: unset means one a CPU; 0 extracts in the crawl process."""
    if value is None or value == "":
        return os.cpu_count() or 1
    return max(int(str(value)), 0)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # Spawned, not forked: a fork of a running reactor with an open SQLite handle is unsafe.
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )


# How much less of a CPU a worker gets than the crawl process when both want one. The crawl
# process runs Scrapy's engine, the WARC writer and the archive on one thread that every
# page passes through; when it waits for a core the whole crawl waits, while the workers'
# queue only grows a little. On 2 cores, 5000 pages: 76 s on average against 86 s at 0.
WORKER_NICENESS = 5


def _start_worker(parent: int) -> None:
    """In a new worker: step aside for the crawl process (WORKER_NICENESS), load the
    language model now rather than on its first page, and exit once the crawl process is
    gone (killed, say), never linger."""
    with contextlib.suppress(OSError):  # a process may always lower its own priority
        os.nice(WORKER_NICENESS)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()
    detect_language("Model loaded before the first page. 语言模型。")


# htmldate's guess from the page is the weakest date there is: a feed's or a sitemap's beats it.
WEAKER_THAN_LISTED = (None, "htmldate")


def with_listed_date(record: ArticleRecord, item: PageItem, timezone: str | None) -> ArticleRecord:
    """The record with the date its feed or sitemap gave, when the page had no better one."""
    if not item.listed_date or record.published_source not in WEAKER_THAN_LISTED:
        return record
    listed = listed_published(item.listed_date, timezone)
    if listed is None and record.published is not None:
        return record
    return replace(
        record,
        published=listed or item.listed_date,  # unreadable: kept as given rather than lost
        published_source=item.discovered_via,
        published_raw=item.listed_date,
    )
