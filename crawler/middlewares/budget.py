"""``--max-pages``: a hard bound on the requests one crawler sends, retries included.

A request is counted where it is about to leave for the network: after robots.txt, the
scope and address policy have had their say, so a request the crawl refuses itself costs
nothing. Pages (with listings, robots.txt, retries and redirects) and images have a budget
each of the same size, so the images of the first articles never starve the next ones.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawler.middlewares.scope import MEDIA_META

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
        self.sent = {"pages": 0, "media": 0}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequestBudgetMiddleware:
        limit = crawler.settings.getint("SECNEWS_MAX_REQUESTS")
        if limit <= 0:
            raise NotConfigured
        return cls(crawler, limit)

    def process_request(self, request: Request) -> None:
        kind = "media" if request.meta.get(MEDIA_META) else "pages"
        if self.sent[kind] >= self.limit:
            # Pages refused: the spider stops handing out frontier URLs on this stat.
            name = "secnews/budget/refused" if kind == "pages" else "secnews/budget/media_refused"
            self.crawler.stats.inc_value(name)
            if self.sent[kind] == self.limit:
                # Once: the queue drains as every later request is refused here.
                log.info("%s budget of %d requests spent; refusing more", kind, self.limit)
                self.sent[kind] += 1
            raise BudgetSpent(f"request budget of {self.limit} spent ({kind})")
        self.sent[kind] += 1
