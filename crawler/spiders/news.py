"""The ``news`` spider: one site, from its config or a bare start URL.

Discovery runs side by side — the start URLs, robots.txt sitemaps (read as a stream, into a
backlog handed out in batches: ``crawler.spiders.sitemaps``), RSS/Atom feeds the pages
announce, and the site's own links (listings and pagination first) — and every HTML page is
classified; article candidates go down the pipelines.

Incremental by default: every URL goes through the SQLite frontier, pages already archived
are not fetched again, listings are re-read only until a page holds nothing new (plus a
look-ahead of one page), and archived articles are revisited on a cycle, or at once when a
cheap signal says one changed (``crawler.spiders.revisits``). ``--full`` (``SECNEWS_FULL``)
fetches everything again.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from archive.diskfull import is_storage_full
from archive.urls import canonical_url, site_key, without_print_switch
from crawler import signals as secnews_signals
from crawler.discovery.classify import PageKind, is_html
from crawler.discovery.feeds import parse_feed
from crawler.discovery.links import (
    Link,
    feed_links,
    is_pagination,
    page_links,
    page_selector,
)
from crawler.discovery.sitemaps import FEED_ROOTS, SITEMAP_ROOTS, SitemapStream
from crawler.items import PageItem
from crawler.middlewares.budget import BudgetSpent
from crawler.middlewares.capture import (
    FETCH_ID_META,
    FETCHED_AT_META,
    FRONTIER_META,
    PROBE_META,
    failure_reason,
)
from crawler.session import session_for
from crawler.sites.config import SiteConfig, resolve_target
from crawler.spiders.newsness import Newsness
from crawler.spiders.revisits import Revisits
from crawler.spiders.sitemaps import Sitemaps
from crawler.spiders.views import OtherViews, deferred_view

log = logging.getLogger(__name__)

VIA = "secnews_via"
LISTED_DATE = "secnews_listed_date"
REFERRED_AS = "secnews_referred_as"
STALE = "secnews_stale_listings"  # consecutive listing pages that held nothing new
DEPTH = "secnews_listing_depth"
PRIORITY = {"sitemap": 20, "feed": 20, "seed": 10, "pagination": 5, "revisit": 1, "link": 0}
LOOKAHEAD = 1  # listing pages read past the first one that held nothing new
GONE = (404, 410)


class NewsSpider(Newsness, OtherViews, Sitemaps, Revisits, scrapy.Spider):
    name = "news"

    def __init__(self, site: str | None = None, url: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.target = site or url
        if not self.target:
            raise ValueError("give a site name (-a site=NAME) or a start URL (-a url=URL)")
        self.site: SiteConfig
        self.full = False
        self.backlog = 1000
        self._requested: set[str] = set()  # frontier URLs already requested in this crawl
        # Links as found that need no second look in this crawl: already requested, or not
        # wanted at all. Menus repeat the same hundred links on every page of a site.
        self._settled: set[str] = set()
        self._unwanted: set[str] = set()
        self._sources_read = set()
        self._unlisted_checked = False
        self._init_newsness()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        sites_dir = crawler.settings.get("SECNEWS_SITES_DIR") or None
        spider.site = resolve_target(spider.target, Path(sites_dir) if sites_dir else None)
        spider.scope = spider.site.scope
        spider.allowed_domains = sorted({urlsplit(f"//{k}").hostname or "" for k in spider.scope})
        spider.full = crawler.settings.getbool("SECNEWS_FULL")
        spider.backlog = max(crawler.settings.getint("SECNEWS_FRONTIER_BACKLOG"), 1)
        spider.max_url_length = crawler.settings.getint("URLLENGTH_LIMIT") or 2083
        for name, value in spider.site.politeness.settings().items():
            crawler.settings.set(name, value, priority="spider")  # below the command line's
        spider.setup_sitemaps(crawler)
        crawler.signals.connect(spider.robots_fetched, signal=secnews_signals.robots_fetched)
        crawler.signals.connect(spider.idle, signal=signals.spider_idle)
        return spider

    def idle(self) -> None:
        """Nothing left to do: hand out what sitemaps left in the backlog, then look for the
        archived articles no source lists any more."""
        if self.feed_when_idle():
            raise DontCloseSpider
        self.unlisted_revisits()
        self.decide_held()  # with every listing read, every news section is known

    @property
    def frontier(self) -> Any:
        return session_for(self.crawler).frontier

    async def start(self) -> AsyncIterator[scrapy.Request]:
        discovery = self.site.discovery
        starts = [
            *(
                self._request(url, "seed", self.parse_page, force=True)
                for url in self.site.start_urls
            ),
            *(self.sitemap_request(url) for url in discovery.sitemaps),
            *(self._request(url, "feed", self.parse_xml, force=True) for url in discovery.feeds),
        ]
        for start in starts:
            for request in self._maybe(start):
                yield request
        # What a killed crawl meant to fetch, then the articles due for a revisit.
        pending = self.frontier.pending()
        async for request in self._streamed(
            self._request(url, via, self._callback(via), force=True) for url, via in pending
        ):
            yield request
        if not self.full:
            async for request in self._streamed(self.revisit_requests()):
                yield request

    async def _streamed(
        self, requests: Iterator[scrapy.Request | None]
    ) -> AsyncIterator[scrapy.Request]:
        """Requests read from the frontier, ``backlog`` at a time: the next ones only once
        the scheduler has run dry, so a crawl's memory stays flat however many URLs its
        frontier holds; none once the request budget is spent."""
        queued = 0
        for request in requests:
            if request is None:
                continue
            if queued >= self.backlog:
                await self.crawler.signals.wait_for(signals.scheduler_empty)
                queued = 0
            if self.crawler.stats.get_value("secnews/budget/refused"):
                return  # what is left stays pending for the next crawl
            yield request
            queued += 1

    def parse_xml(self, response: Response) -> Iterator[scrapy.Request | PageItem]:
        if response.status in GONE:
            self._done(response, "other", state="failed")
            return
        stream = SitemapStream(response.body, self.max_inflated)
        root = stream.root()
        if root in SITEMAP_ROOTS:
            yield from self.read_sitemap(response, stream)
        elif root in FEED_ROOTS:
            yield from self._read_feed(response)
        else:
            yield from self.parse_page(response)

    def _read_feed(self, response: Response) -> Iterator[scrapy.Request | PageItem]:
        listed = parse_feed(response.body, response.url)
        self.learn_feed(response.url, listed)
        entries = [e for e in listed if self._wanted(e.url)]
        for entry in entries:
            request = self._request(entry.url, "feed", self.parse_page, listed_date=entry.published)
            yield from self._maybe(request)
        yield from self.feed_signals(response.meta.get(FRONTIER_META, response.url), entries)
        self._done(response, "feed")

    def parse_page(self, response: Response) -> Iterator[scrapy.Request | PageItem]:
        # First: a 304 or 404 of the section front an article now redirects to is not about
        # the article.
        taken_down = self.redirected_to_front(response)
        if taken_down is not None:
            self.taken_down(response, taken_down)
            return
        if response.status == 304 or response.status in GONE:
            self._revisit_answer(response)
            yield from deferred_view(response.meta)
            return
        if not isinstance(response, TextResponse) or not is_html(response):
            xml = SitemapStream(response.body, self.max_inflated).root() is not None
            if xml and response.meta.get(VIA) != "xml":
                response.meta[VIA] = "xml"
                yield from self.parse_xml(response)
            else:
                self._done(response, "other")
            yield from deferred_view(response.meta)
            return
        reading = self._read(response)
        kind = reading.kind
        self.crawler.stats.inc_value(f"secnews/pages/{kind.value}")
        page = page_selector(response)
        for url in feed_links(page, response.url):
            if self._wanted(url):
                yield from self._maybe(self._request(url, "feed", self.parse_xml, force=True))
        if kind is PageKind.LISTING:
            self.learn_listing(response.url, reading)
            yield from self._follow_listing(response, page)
            yield from deferred_view(response.meta)
            return
        # Links from an article never force a re-read of known listings.
        yield from self._follow_links(response, page, stale=LOOKAHEAD + 1)
        verdict = self.verdict(response, reading)
        target = self._canonical_elsewhere(response, page)
        if target is not None:
            yield from self._as_view(response, kind, target, verdict)
            return
        if not verdict.taken:
            self.leave(response, reading, verdict)
            yield from deferred_view(response.meta)
            return
        # The frontier entry is closed when the item has been stored or dropped.
        yield self._page_item(response, kind, verdict.text)

    def _follow_listing(
        self, response: TextResponse, page: scrapy.Selector
    ) -> Iterator[scrapy.Request]:
        links = [link for link in page_links(page, response.url) if self._wanted(link.url)]
        fresh = [
            link
            for link in links
            if link.url not in self._settled
            and not is_pagination(link)
            and self.frontier.get(canonical_url(link.url)) is None
        ]
        stale = 0 if fresh else response.meta.get(STALE, 0) + 1
        yield from self._follow_links(response, page, stale=stale, links=links)
        yield from self.listing_signals(response.meta.get(FRONTIER_META, response.url), links)
        article_links = sum(1 for link in links if not is_pagination(link))
        self._done(response, "listing", article_links=article_links)

    def _follow_links(
        self,
        response: TextResponse,
        page: scrapy.Selector,
        *,
        stale: int,
        links: list[Link] | None = None,
    ) -> Iterator[scrapy.Request]:
        depth = response.meta.get(DEPTH, 0)
        if links is None:
            found = page_links(page, response.url, skip=self._settled)
            links = [link for link in found if self._wanted(link.url)]
        for link in links:
            if link.url in self._settled:
                continue
            if is_pagination(link):
                # Re-read known listing pages only while they still show something new.
                force = stale <= LOOKAHEAD and response.meta.get(DEPTH, 0) <= 1
                request = self._request(link.url, "pagination", self.parse_page, force=force)
                if request is not None:
                    request.meta.update({STALE: stale, DEPTH: depth})
            else:
                request = self._request(
                    link.url, "link", self.parse_page, refetch_listing=depth == 0
                )
                if request is not None:
                    request.meta[DEPTH] = depth + 1
            yield from self._maybe(request)

    def _page_item(
        self, response: TextResponse, kind: PageKind, verdict: str | None = None
    ) -> PageItem:
        content_type = response.headers.get(b"Content-Type")
        return PageItem(
            site=self.site.name,
            url=response.url,
            requested_url=response.meta.get(FRONTIER_META, response.url),
            body=response.body,
            content_type=content_type.decode("latin-1") if content_type else None,
            fetched_at=response.meta.get(FETCHED_AT_META, ""),
            discovered_via=response.meta.get(VIA, "link"),
            listed_date=response.meta.get(LISTED_DATE),
            structured=kind is PageKind.ARTICLE,
            referred_as=response.meta.get(REFERRED_AS),
            verdict=verdict,
        )

    def _wanted(self, url: str, *, remember: bool = True) -> bool:
        """Whether a link found is one to follow; an unwanted one is remembered (menus
        repeat), unless ``remember`` is false (a sitemap's entries are each seen once)."""
        if url in self._unwanted:
            return False
        # Scrapy would drop an overlong link later; the site's patterns never see one.
        if (
            len(url) > self.max_url_length
            or site_key(url) not in self.scope
            or any(pattern.search(url) for pattern in self.site.discovery.deny)
        ):
            if remember:
                self._unwanted.add(url)
            return False
        return True

    def _request(
        self,
        url: str,
        via: str,
        callback: Any,
        *,
        listed_date: str | None = None,
        force: bool = False,
        probe: bool = False,
        conditional: bool = False,
        refetch_listing: bool = False,
    ) -> scrapy.Request | None:
        """A request through the frontier, or None when an incremental crawl has it already."""
        # A print switch (?print=Y) is cleaned away like a tracking tag: the print view is
        # an alias of the article, never a page of its own.
        cleaned = without_print_switch(canonical_url(url))
        variant = url if cleaned != url else None
        if cleaned in self._requested:
            self._note_variant(cleaned, variant)
            self._settled.add(url)
            return None
        known = self.frontier.get(cleaned)
        if (
            known is not None
            and not (force or self.full)
            and not known.worth_refetching(refetch_listing)
        ):
            self.crawler.stats.inc_value("secnews/frontier/known")
            self._note_variant(cleaned, variant)
            return None
        self.frontier.add(cleaned, via, variant)
        self._requested.add(cleaned)
        self._settled.add(url)
        meta: dict[str, Any] = {VIA: via, LISTED_DATE: listed_date, FRONTIER_META: cleaned}
        meta["handle_httpstatus_list"] = [304, *GONE]
        if cleaned != url:
            meta[REFERRED_AS] = url
        if probe:
            meta[PROBE_META] = True
        headers = known.validators() if conditional and known is not None else {}
        return scrapy.Request(
            cleaned,
            callback=callback,
            errback=self.on_error,
            meta=meta,
            headers=headers,
            priority=PRIORITY.get(via, 0),
            dont_filter=via == "revisit",
        )

    def _callback(self, via: str) -> Any:
        return self.parse_xml if via in ("sitemap", "feed") else self.parse_page

    def _done(self, response: Response, kind: str, **fields: Any) -> None:
        url = response.meta.get(FRONTIER_META)
        if url:
            self.frontier.done(url, kind, **fields)

    def on_error(self, failure: Failure) -> list[PageItem]:
        # The capture middleware has already recorded the exchange or the error in `fetches`.
        if is_storage_full(failure.value):
            failure.raiseException()  # the storage guard stops the crawl (spider_error)
        request = getattr(failure, "request", None)
        meta = request.meta if request is not None else {}
        url = meta.get(FRONTIER_META)
        if url and failure.check(BudgetSpent) is None:
            # Refused by robots.txt or scope before anything was sent: not a failure of the
            # site. Refused after an exchange (a size limit, a redirect loop or one leading
            # off the site): its fetch row says why.
            exchanged = FETCH_ID_META in meta
            refused = failure.check(IgnoreRequest) is not None and not exchanged
            if exchanged and failure.check(IgnoreRequest):
                archive = session_for(self.crawler).archive
                archive.note_fetch_error(meta[FETCH_ID_META], failure_reason(failure))
            self.frontier.done(url, "other", state="refused" if refused else "failed")
        log.debug("gave up on %s: %s", getattr(request, "url", "?"), failure.getErrorMessage())
        return list(deferred_view(meta))  # a view waiting on this URL is filed after all

    @staticmethod
    def _maybe(request: scrapy.Request | None) -> Iterator[scrapy.Request]:
        if request is not None:
            yield request
