"""The ``news`` spider: one site, from its config or a bare start URL.

Discovery runs side by side — the start URLs, robots.txt sitemaps, RSS/Atom feeds the pages
announce, and the site's own links (listings and pagination first) — and every HTML page is
classified; article candidates go down the pipelines.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from archive.urls import canonical_url, site_key
from crawler import discovery
from crawler.classify import PageKind, classify_page
from crawler.items import PageItem
from crawler.middlewares.capture import FETCHED_AT_META, PROBE_META
from crawler.siteconfig import SiteConfig, resolve_target

log = logging.getLogger(__name__)

VIA = "secnews_via"
LISTED_DATE = "secnews_listed_date"
REFERRED_AS = "secnews_referred_as"
PRIORITY = {"robots": 30, "sitemap": 20, "feed": 20, "seed": 10, "pagination": 5, "link": 0}


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, site: str | None = None, url: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.target = site or url
        if not self.target:
            raise ValueError("give a site name (-a site=NAME) or a start URL (-a url=URL)")
        self.site: SiteConfig

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        sites_dir = crawler.settings.get("SECNEWS_SITES_DIR") or None
        spider.site = resolve_target(spider.target, Path(sites_dir) if sites_dir else None)
        spider.scope = spider.site.scope
        spider.allowed_domains = sorted(
            {urlsplit(f"//{key}").hostname or "" for key in spider.scope}
        )
        _apply_politeness(crawler.settings, spider.site)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.site.start_urls:
            yield self._request(url, "seed", self.parse_page)
        for origin in sorted({_origin(url) for url in self.site.start_urls}):
            yield self._request(f"{origin}/robots.txt", "robots", self.parse_robots, probe=True)
        for url in self.site.discovery.sitemaps:
            yield self._request(url, "sitemap", self.parse_xml)
        for url in self.site.discovery.feeds:
            yield self._request(url, "feed", self.parse_xml)

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """Sitemaps named in robots.txt; without any, the conventional /sitemap.xml."""
        found = response.status == 200
        sitemaps = discovery.robots_sitemaps(response.body) if found else []
        if sitemaps:
            for url in sitemaps:
                yield self._request(url, "sitemap", self.parse_xml)
        elif not self.site.discovery.sitemaps:
            yield self._request(
                f"{_origin(response.url)}/sitemap.xml", "sitemap", self.parse_xml, probe=True
            )

    def parse_xml(self, response: Response) -> Iterator[scrapy.Request | PageItem]:
        root = discovery.xml_root(response.body)
        if root is not None and discovery.is_sitemap(root):
            sitemaps, entries = discovery.parse_sitemap(response.body)
            for url in sitemaps:
                yield self._request(url, "sitemap", self.parse_xml)
        elif root is not None and discovery.is_feed(root):
            entries = discovery.parse_feed(response.body, response.url)
        else:
            yield from self.parse_page(response)
            return
        via = response.meta.get(VIA, "sitemap")
        for entry in entries:
            if self._wanted(entry.url):
                yield self._request(entry.url, via, self.parse_page, listed_date=entry.published)

    def parse_page(self, response: Response) -> Iterator[scrapy.Request | PageItem]:
        if not isinstance(response, TextResponse) or not _is_html(response):
            if discovery.xml_root(response.body) is not None and response.meta.get(VIA) != "xml":
                response.meta[VIA] = "xml"
                yield from self.parse_xml(response)
            return
        kind = self._kind(response)
        self.crawler.stats.inc_value(f"secnews/pages/{kind.value}")
        if kind is not PageKind.LISTING:
            yield self._page_item(response, kind)
        for url in discovery.feed_links(response, response.url):
            if self._wanted(url):
                yield self._request(url, "feed", self.parse_xml)
        yield from self._follow_links(response)

    def _kind(self, response: TextResponse) -> PageKind:
        rules = self.site.discovery
        if any(pattern.search(response.url) for pattern in rules.article):
            return PageKind.ARTICLE
        if any(pattern.search(response.url) for pattern in rules.follow):
            return PageKind.LISTING
        return classify_page(response.text, response.url)

    def _follow_links(self, response: TextResponse) -> Iterator[scrapy.Request]:
        for link in discovery.page_links(response, response.url):
            if not self._wanted(link.url):
                continue
            via = "pagination" if discovery.is_pagination(link) else "link"
            yield self._request(link.url, via, self.parse_page)

    def _page_item(self, response: TextResponse, kind: PageKind) -> PageItem:
        content_type = response.headers.get(b"Content-Type")
        return PageItem(
            site=self.site.name,
            url=response.url,
            requested_url=response.request.url if response.request else response.url,
            body=response.body,
            content_type=content_type.decode("latin-1") if content_type else None,
            fetched_at=response.meta.get(FETCHED_AT_META, ""),
            discovered_via=response.meta.get(VIA, "link"),
            listed_date=response.meta.get(LISTED_DATE),
            structured=kind is PageKind.ARTICLE,
            referred_as=response.meta.get(REFERRED_AS),
        )

    def _wanted(self, url: str) -> bool:
        if site_key(url) not in self.scope:
            return False
        return not any(pattern.search(url) for pattern in self.site.discovery.deny)

    def _request(
        self,
        url: str,
        via: str,
        callback: Any,
        *,
        listed_date: str | None = None,
        probe: bool = False,
    ) -> scrapy.Request:
        cleaned = canonical_url(url)
        meta: dict[str, Any] = {VIA: via, LISTED_DATE: listed_date}
        if cleaned != url:
            meta[REFERRED_AS] = url
        if probe:
            # Robots.txt itself is never subject to robots.txt; a 404 is an answer to read.
            meta.update(
                {
                    PROBE_META: True,
                    "dont_obey_robotstxt": True,
                    "handle_httpstatus_list": [404, 410],
                }
            )
        return scrapy.Request(
            cleaned,
            callback=callback,
            errback=self.on_error,
            meta=meta,
            priority=PRIORITY.get(via, 0),
        )

    def on_error(self, failure: Failure) -> None:
        # The capture middleware has already recorded the exchange or the error in `fetches`.
        request = getattr(failure, "request", None)
        log.debug("gave up on %s: %s", getattr(request, "url", "?"), failure.getErrorMessage())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _is_html(response: TextResponse) -> bool:
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    if "html" in content_type:
        return True
    return not content_type and b"<html" in response.body[:2048].lower()


def _apply_politeness(settings: Any, site: SiteConfig) -> None:
    """The site's politeness, below anything given on the command line."""
    if site.politeness.delay is not None:
        settings.set("DOWNLOAD_DELAY", site.politeness.delay, priority="spider")
        settings.set("AUTOTHROTTLE_START_DELAY", max(site.politeness.delay, 0.1), priority="spider")
    if site.politeness.concurrency is not None:
        settings.set(
            "CONCURRENT_REQUESTS_PER_DOMAIN", site.politeness.concurrency, priority="spider"
        )
