"""Closes an article page's frontier entry once its item has been stored or dropped.

Until then the entry stays ``pending``, so a crawl killed between fetch and store fetches the
page again on restart instead of losing the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy import signals

from crawler.items import ArticleItem, PageItem
from crawler.session import session_for

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class FrontierRecorder:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierRecorder:
        recorder = cls(crawler)
        crawler.signals.connect(recorder.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(recorder.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(recorder.item_error, signal=signals.item_error)
        return recorder

    def item_scraped(self, item: Any) -> None:
        self._close(item)

    def item_dropped(self, item: Any) -> None:
        self._close(item)

    def item_error(self, item: Any) -> None:
        # A page whose item failed (a full disk, a bug) stays pending: the next crawl
        # fetches it again instead of losing the article.
        return

    def _close(self, item: Any, state: str = "done") -> None:
        frontier = session_for(self.crawler).frontier
        if isinstance(item, ArticleItem):
            frontier.done(item.fetched_url, "article", state=state, verdict=item.verdict)
        elif isinstance(item, PageItem):
            frontier.done(item.requested_url, "page", state=state, verdict=item.verdict)
