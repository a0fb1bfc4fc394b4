"""Notes, as stats under ``secnews/health/``, facts for the health rules only a crawl sees.

A robots.txt that shuts secnews out of the whole site, a start URL (or the site's robots.txt)
that redirects to another site, and attempts that failed on the network (timeouts, refused
connections; not requests refused before sending). Sits between the network and the
redirect and retry middlewares, so it sees every attempt as served: the 301 itself, the
robots.txt body. ``archive.operations.health`` reads the stats from the run after the crawl.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from protego import Protego
from scrapy.exceptions import IgnoreRequest

from archive.operations.health import NETWORK_FAILURES_STAT, ROBOTS_CLOSED_STAT, START_OFFSITE_STAT
from archive.urls import canonical_url, site_key

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

log = logging.getLogger(__name__)

REDIRECTS = (301, 302, 303, 307, 308)


class SiteHealthProbe:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.user_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get(
            "USER_AGENT"
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteHealthProbe:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        site = getattr(self.crawler.spider, "site", None)
        if site is None:
            return response
        if response.status in REDIRECTS:
            self._check_redirect(site, request, response)
        elif response.status == 200 and urlsplit(request.url).path == "/robots.txt":
            self._check_robots(site, request.url, response.body)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not isinstance(exception, IgnoreRequest):  # refused here, never sent: no attempt
            self.crawler.stats.inc_value(NETWORK_FAILURES_STAT)

    def _check_redirect(self, site: Any, request: Request, response: Response) -> None:
        location = response.headers.get(b"Location")
        if not location:
            return
        target = urljoin(request.url, location.decode("latin-1"))
        first = (request.meta.get("redirect_urls") or [request.url])[0]
        starts = {canonical_url(url) for url in site.start_urls} | set(site.start_urls)
        robots = {_robots_url(url) for url in site.start_urls}
        if (first in starts or first in robots) and site_key(target) not in site.scope:
            log.warning("%s redirects off the site, to %s", first, target)
            self.crawler.stats.set_value(START_OFFSITE_STAT, f"{first} → {target}")

    def _check_robots(self, site: Any, robots_url: str, body: bytes) -> None:
        origin = _robots_url(robots_url).removesuffix("/robots.txt")
        starts = [url for url in site.start_urls if _robots_url(url) == f"{origin}/robots.txt"]
        if not starts:
            return
        try:
            rules = Protego.parse(body.decode("utf-8", "replace"))
        except Exception:  # unparseable: no rules, nothing closed
            return
        if not any(rules.can_fetch(url, self.user_agent) for url in [f"{origin}/", *starts]):
            log.warning("robots.txt of %s disallows the whole site to secnews", origin)
            self.crawler.stats.set_value(ROBOTS_CLOSED_STAT, 1)


def _robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"
