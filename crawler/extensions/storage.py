"""Stops a crawl, with one clear message, when the data directory can take no more writes.

A full disk (ENOSPC, a quota, a file size limit) makes every later write fail, so the crawl
would go on fetching pages it cannot keep, each failure logged with a traceback. Instead the
first storage error — from a pipeline, a spider callback, a signal handler, anything Scrapy
logs with its exception — closes the spider with reason ``disk_full``; the errors of
requests already under way are counted (``secnews/storage_errors``), not logged again.
What was written stays consistent: SQLite rolls back the transaction that did not fit and
the WARC writer cuts the record it could not finish.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

from archive.diskfull import is_storage_full

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

log = logging.getLogger(__name__)

REASON = "disk_full"


class _StorageErrorFilter(logging.Filter):
    """Hands storage errors logged anywhere to the guards, and keeps them out of the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if error is None or not is_storage_full(error):
            return True
        _stop_all(error)
        return False


# The crawlers of one process share the data directory, so one full disk stops them all.
_ACTIVE: set[StorageGuard] = set()
_FILTER = _StorageErrorFilter()


def _stop_all(error: BaseException) -> None:
    for guard in list(_ACTIVE):
        guard.storage_failed(error)


class StorageGuard:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stopping = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorageGuard:
        guard = cls(crawler)
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(guard.engine_stopped, signal=signals.engine_stopped)
        crawler.signals.connect(guard.spider_error, signal=signals.spider_error)
        crawler.signals.connect(guard.item_error, signal=signals.item_error)
        return guard

    def spider_opened(self) -> None:
        if not _ACTIVE:
            for handler in logging.getLogger().handlers:
                handler.addFilter(_FILTER)
        _ACTIVE.add(self)

    def engine_stopped(self) -> None:
        _ACTIVE.discard(self)
        if not _ACTIVE:
            for handler in logging.getLogger().handlers:
                handler.removeFilter(_FILTER)

    def spider_error(self, failure: Failure, **kwargs: Any) -> None:
        if is_storage_full(failure.value):
            self.storage_failed(failure.value)
            _stop_all(failure.value)

    def item_error(self, failure: Failure, **kwargs: Any) -> None:
        self.spider_error(failure)

    def storage_failed(self, error: BaseException) -> None:
        """Stop this crawler on the first storage error; count the ones that follow."""
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("secnews/storage_errors")
        if self.stopping:
            return
        self.stopping = True
        stats.set_value("secnews/storage_full", str(error))
        log.error(
            "cannot write to the data directory %s (%s): stopping the crawl; what is stored "
            "is kept and consistent, free some space and crawl again to resume",
            self.crawler.settings.get("SECNEWS_DATA"),
            error,
        )
        engine = self.crawler.engine
        # A crawler whose spider has closed already (its site done before the disk filled
        # under another's) has nothing left to stop.
        if engine is not None and engine.running and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=REASON))
