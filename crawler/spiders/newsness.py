"""Which pages the ``news`` spider takes as news, and why.

The site's news sections are learned as the crawl reads its feeds and listing pages
(``discovery.sections``); each page that is not a listing gets a verdict on its evidence
(``discovery.verdict``), written to its frontier entry. A page that only lacks a place in a
news section is held until the crawl has read everything else: then, with every section
known, it is decided, and fetched again to be filed when it is news.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.exceptions import DontCloseSpider
from scrapy.http import TextResponse

from archive.urls import canonical_url
from crawler.discovery.classify import PageKind, PageReading, read_page
from crawler.discovery.feeds import Entry
from crawler.discovery.sections import DatedEntry, NewsSections, day_of
from crawler.discovery.verdict import Verdict, decide, forced
from crawler.middlewares.capture import FRONTIER_META
from crawler.session import session_for

if TYPE_CHECKING:
    from crawler.discovery.evidence import PageEvidence
    from crawler.sites.config import SiteConfig

log = logging.getLogger(__name__)

FINAL = "secnews_final_verdict"  # fetched again once every section is known
STATS = "secnews/verdict"


@dataclass(frozen=True)
class Held:
    """A page waiting for the crawl to know all of its site's news sections."""

    evidence: PageEvidence
    via: str
    listed_date: str | None


class Newsness:
    """The news-or-not half of ``NewsSpider`` (a mixin using its frontier and requests)."""

    crawler: Any
    site: SiteConfig
    frontier: Any
    sections: NewsSections
    _held: dict[str, Held]
    _requested: set[str]
    _done: Callable[..., None]
    _request: Callable[..., scrapy.Request]
    parse_page: Callable[..., Any]

    def _init_newsness(self) -> None:
        self.sections = NewsSections(datetime.now(UTC).date())
        self._held = {}

    def _kind(self, response: TextResponse) -> PageKind:
        return self._read(response).kind

    def _read(self, response: TextResponse) -> PageReading:
        """The page read; a site config's rules (``discovery.article``, ``follow``) first."""
        rules = self.site.discovery
        reading = read_page(response.text, response.url)
        if any(pattern.search(response.url) for pattern in rules.article):
            return replace(reading, kind=PageKind.ARTICLE)
        if any(pattern.search(response.url) for pattern in rules.follow):
            return replace(reading, kind=PageKind.LISTING)
        return reading

    def learn_feed(self, source: str, entries: Iterable[Entry]) -> None:
        dated = [DatedEntry(canonical_url(e.url), day_of(e.published)) for e in entries]
        self.sections.learn(source, "feed", dated)

    def learn_news_sitemap(self, source: str, entries: Iterable[Entry]) -> None:
        """The entries of a sitemap that marks news (``<news:news>``), with their dates."""
        news = [DatedEntry(canonical_url(e.url), day_of(e.news_published)) for e in entries
                if e.news_published]  # fmt: skip
        if news:
            self.sections.learn(source, "news sitemap", news)

    def learn_listing(self, source: str, reading: PageReading) -> None:
        if len(reading.entries) >= 3:
            self.sections.learn(source, "listing", reading.entries)

    def verdict(self, response: TextResponse, reading: PageReading) -> Verdict:
        for rule in self.site.discovery.article:
            if rule.search(response.url):
                return forced(rule.pattern)
        url = response.meta.get(FRONTIER_META, response.url)
        verdict = decide(
            reading.evidence,
            self.sections.locate(url),
            sections_known=self.sections.known,
            final=bool(response.meta.get(FINAL)),
        )
        if verdict.taken or session_for(self.crawler).archive.article_for_url(url) is None:
            return verdict
        # Archived already: its revisits go on; reprocess --reclassify is where it is judged
        # again, and the verdict says it would be.
        would = "held" if verdict.held else "left"
        return Verdict("taken", (f"archived before, now {would} (see reprocess --reclassify)",
                                 *verdict.reasons))  # fmt: skip

    def leave(self, response: TextResponse, reading: PageReading, verdict: Verdict) -> None:
        """Note a page left (or held) with its reasons. A held page is decided at the end;
        until then its entry stays pending, so a crawl killed first asks for it again."""
        url = response.meta.get(FRONTIER_META, response.url)
        self.crawler.stats.inc_value(f"{STATS}/{verdict.decision}")
        if verdict.held:
            via = response.meta.get("secnews_via", "link")
            self._held[url] = Held(reading.evidence, via, response.meta.get("secnews_listed_date"))
        log.debug("%s %s", url, verdict.text)
        state = "pending" if verdict.held else "done"
        self._done(response, "page", state=state, verdict=verdict.text)

    def decide_held(self) -> None:
        """Once the crawl has nothing left to do (``spider_idle``): decide the held pages
        with every news section known; fetch again those that are news."""
        if not self._held:
            return
        held, self._held = self._held, {}
        again = 0
        for url, page in held.items():
            location = self.sections.locate(url)
            verdict = decide(
                page.evidence, location, sections_known=self.sections.known, final=True
            )
            if verdict.taken:
                self._requested.discard(url)
                request = self._request(
                    url, page.via, self.parse_page, listed_date=page.listed_date, force=True
                )
                request.meta[FINAL] = True
                self.crawler.engine.crawl(request.replace(dont_filter=True))
                again += 1
            else:
                self.crawler.stats.inc_value(f"{STATS}/left")
                self.frontier.done(url, "page", verdict=verdict.text)
        log.info(
            "%s: %d held pages decided, %d of them news (fetched again)",
            self.site.name,
            len(held),
            again,
        )
        if again:
            raise DontCloseSpider
