"""Adds each crawler's counts to its ``crawl_runs`` row and closes runs it opened.

The counts are what the crawl kept (``CrawlSession.count_kept``), so the group of writes is
committed first. When that cannot be done — the disk is full, or SQLite rolled the group
back — the counts are left to ``secnews crawl``, which records them with a connection of
its own once the crawl has stopped (``RECORDED`` says which crawlers it must do).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals

from archive.diskfull import is_storage_full
from archive.store.runs import RunCounts
from crawler.session import CrawlSession, session_for

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)

RECORDED = "secnews/run_counts_recorded"


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
        try:
            self._record(session, reason)
        except Exception as exc:
            if not is_storage_full(exc):
                raise
            log.info("run %d: counts of %s not recorded yet (%s)", session.run_id, spider, exc)
        finally:
            session.close()  # the WARC file is closed even when the disk is full

    def _record(self, session: CrawlSession, reason: str) -> None:
        session.archive.commit()  # so the counts hold every write kept
        stats: dict[str, Any] = self.crawler.stats.get_stats()
        counts = counts_from_stats(stats)
        session.archive.add_run_counts(session.run_id, counts, {session.site.name: stats})
        if session.owns_run:
            session.archive.close_run(session.run_id, "ok" if reason == "finished" else reason)
        session.archive.commit()
        self.crawler.stats.set_value(RECORDED, True)


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
