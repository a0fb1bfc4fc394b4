"""Adds each crawler's counts to its ``crawl_runs`` row and closes runs it opened."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals

from archive.store.runs import RunCounts
from crawler.session import session_for

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)


class CrawlRunRecorder:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunRecorder:
        recorder = cls(crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider: Spider) -> None:
        session = session_for(self.crawler)
        self.crawler.stats.set_value("secnews/run_id", session.run_id)
        log.info("crawl run %d: site %s", session.run_id, session.site.name)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        session = session_for(self.crawler)
        stats: dict[str, Any] = self.crawler.stats.get_stats()
        counts = counts_from_stats(stats)
        try:
            session.archive.add_run_counts(session.run_id, counts, {session.site.name: stats})
            if session.owns_run:
                status = "ok" if reason == "finished" else reason
                session.archive.close_run(session.run_id, status)
        finally:
            session.close()  # the WARC file is closed even when the disk is full


def counts_from_stats(stats: dict[str, Any]) -> RunCounts:
    return RunCounts(
        requests=int(stats.get("secnews/requests", 0)),
        articles_new=int(stats.get("secnews/articles/new", 0))
        + int(stats.get("secnews/articles/duplicate", 0)),
        articles_updated=int(stats.get("secnews/articles/updated", 0)),
        articles_unchanged=int(stats.get("secnews/articles/unchanged", 0))
        + int(stats.get("secnews/articles/alias", 0)),
        articles_gone=int(stats.get("secnews/articles/gone", 0)),
        errors=int(stats.get("secnews/fetch_errors", 0)),
    )
