"""Keeps a crawl on its site: host and port of the start URLs (with or without ``www.``).

Scrapy's offsite filter ignores ports, and a zero-config crawl's scope is host *and* port;
this runs for every request, redirects included, so nothing off-site is ever fetched. Media
(images) may come from another host (a CDN, a ``static.`` host) and are let through when the
request says so, as is that host's robots.txt when an image asks for it; a page there is
still off the site.

Whatever the host, no request (media and redirects included) goes to a scheme other than
http(s) or to a private, link-local or otherwise non-public IP address
(``crawler.netpolicy``): a page or a redirect cannot turn the crawler against the
operator's own network.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest

from archive.urls import site_key
from crawler.netpolicy import forbidden_url

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)

MEDIA_META = "secnews_media"
OFFSITE = "off-site: "  # how a refusal of an off-site URL begins, the URL after it


class SiteScopeMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        forbidden = forbidden_url(request.url)
        if forbidden:
            self.crawler.stats.inc_value("secnews/refused/forbidden_address")
            log.warning("refused %s: %s", request.url, forbidden)
            raise IgnoreRequest(f"refused: {forbidden}")
        if request.meta.get(MEDIA_META):
            return
        scope = getattr(self.crawler.spider, "scope", None)
        if scope is None or site_key(request.url) in scope:
            return
        self.crawler.stats.inc_value("secnews/offsite_refused")
        log.debug("refused off-site request %s", request.url)
        raise IgnoreRequest(f"{OFFSITE}{request.url}")


def offsite_target(refusal: Exception) -> str | None:
    """The URL a request was refused for being off the site, if that was the reason."""
    reason = str(refusal)
    return reason.removeprefix(OFFSITE) if reason.startswith(OFFSITE) else None
