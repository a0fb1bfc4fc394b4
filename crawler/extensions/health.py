"""Notes two facts for the health rules that only the crawl sees, as stats under ``secnews/health/``.

robots.txt that shuts secnews out of the whole site, and a start URL that redirects to another
site. ``archive.health`` reads them from the run's stats after the crawl.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import signals

from archive.health import ROBOTS_CLOSED_STAT, START_OFFSITE_STAT
from archive.urls import canonical_url, site_key

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)


class SiteHealthWatch:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteHealthWatch:
        watch = cls(crawler)
        crawler.signals.connect(watch.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(watch.request_scheduled, signal=signals.request_scheduled)
        return watch

    def _site(self) -> Any:
        return getattr(self.crawler.spider, "site", None)

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        site = self._site()
        if site is None:
            return
        parts = urlsplit(request.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        starts = [url for url in site.start_urls if site_key(url) == site_key(origin)]
        if not starts:
            return
        agent = self.crawler.settings.get("ROBOTSTXT_USER_AGENT") or self.crawler.settings.get(
            "USER_AGENT"
        )
        closed = not any(robotparser.allowed(url, agent) for url in [f"{origin}/", *starts])
        if closed:
            log.warning("robots.txt of %s disallows the whole site to secnews", origin)
            self.crawler.stats.set_value(ROBOTS_CLOSED_STAT, 1)

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        chain = request.meta.get("redirect_urls")
        site = self._site()
        if not chain or site is None:
            return
        starts = {canonical_url(url) for url in site.start_urls} | set(site.start_urls)
        if chain[0] in starts and site_key(request.url) not in site.scope:
            log.warning("start URL %s redirects off the site, to %s", chain[0], request.url)
            self.crawler.stats.set_value(START_OFFSITE_STAT, request.url)
