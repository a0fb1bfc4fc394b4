"""``--max-pages``: a hard bound on the requests one crawler sends, retries included."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest, NotConfigured

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)


class BudgetSpent(IgnoreRequest):
    """Refused for want of budget: still wanted, so it stays pending in the frontier."""


class RequestBudgetMiddleware:
    def __init__(self, crawler: Crawler, limit: int):
        self.crawler = crawler
        self.limit = limit
        self.sent = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequestBudgetMiddleware:
        limit = crawler.settings.getint("SECNEWS_MAX_REQUESTS")
        if limit <= 0:
            raise NotConfigured
        return cls(crawler, limit)

    def process_request(self, request: Request) -> None:
        if self.sent >= self.limit:
            self.crawler.stats.inc_value("secnews/budget/refused")
            if self.sent == self.limit:
                # Once: the queue drains as every later request is refused here.
                log.info("request budget of %d spent; refusing further requests", self.limit)
                self.sent += 1
            raise BudgetSpent(f"request budget of {self.limit} spent")
        self.sent += 1
