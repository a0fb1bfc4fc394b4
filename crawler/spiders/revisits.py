"""How the ``news`` spider looks again at the articles the archive holds.

The revisit cycle, the cheap signals that make an archived article due at once, removals.
Every crawl revisits the site's young articles and its share of the cycle (see
``archive.operations.revisits``), with conditional GET where the server allows it. Ahead of
the cycle, an archived article is revisited as soon as a sitemap gives it a ``<lastmod>``
later than its last fetch, a feed or listing page gives it another title or date (or lists a
gone one again), or — once the crawl has read everything else — the sources that listed it
list it no longer. A 404 or 410, or a redirect to a section front or the home page, makes an
article ``gone``, its text and versions kept; a later 200 brings it back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse

from archive.operations.listings import Listed
from archive.urls import canonical_url
from crawler.discovery.classify import PageKind, is_html, is_section_front
from crawler.discovery.feeds import Entry
from crawler.discovery.links import Link, is_pagination
from crawler.middlewares.capture import FRONTIER_META
from crawler.session import session_for

if TYPE_CHECKING:
    from archive.operations.listings import LastmodTally
    from archive.store import SaveResult
    from crawler.sites.config import SiteConfig

log = logging.getLogger(__name__)

STATS = "secnews/revisit"  # stats of revisits by reason: young, cycle, lastmod, listing, unlisted


class Revisits:
    """The revisit half of ``NewsSpider``: a mixin that uses the spider's frontier, requests
    (``_request``) and stats."""

    crawler: Any
    site: SiteConfig
    frontier: Any
    _sources_read: set[str]  # sitemaps, feeds and listing pages this crawl has read
    _unlisted_checked: bool
    # NewsSpider's own.
    _request: Callable[..., scrapy.Request | None]
    _maybe: Callable[[scrapy.Request | None], Iterator[scrapy.Request]]
    _kind: Callable[[TextResponse], PageKind]
    _done: Callable[..., None]
    parse_page: Callable[[Response], Any]

    def revisit_requests(self) -> Iterator[scrapy.Request | None]:
        """The young articles, then this crawl's share of the cycle, longest unchecked first."""
        policy = self.site.revisit
        plan = self.frontier.revisit_budget(policy, self._run_id)
        stats = self.crawler.stats
        stats.set_value(f"{STATS}/cycled", plan.cycled)
        stats.set_value(f"{STATS}/budget", plan.budget)
        interval = f"{plan.interval.total_seconds() / 86400:.2f} days" if plan.interval else "none"
        log.info(
            "%s: %d of %d older articles due this crawl (cycle %d days, usual interval %s)",
            self.site.name,
            plan.budget,
            plan.cycled,
            policy.cycle_days,
            interval,
        )
        for url in self.frontier.young_articles(policy):
            yield self._revisit(url, "young")
        for url in self.frontier.cycle_articles(policy, plan.budget):
            yield self._revisit(url, "cycle")

    def _revisit(self, url: str, reason: str) -> scrapy.Request | None:
        """A conditional request for an archived article, unless this crawl has asked already."""
        request = self._request(url, "revisit", self.parse_page, force=True, conditional=True)
        if request is not None:
            self.crawler.stats.inc_value(f"{STATS}/{reason}")
            if reason not in ("young", "cycle"):
                log.debug("revisit %s: %s", url, reason)
        return request

    @property
    def _run_id(self) -> int:
        return int(session_for(self.crawler).run_id)

    # Cheap signals -------------------------------------------------------------------------

    def sitemap_signals(
        self, source: str, entries: Iterable[Entry], tally: LastmodTally
    ) -> Iterator[scrapy.Request]:
        """What a chunk of a sitemap says: its URLs are noted as listed (a gone article listed
        again is revisited at once) and their lastmods tallied, for ``lastmod_revisits``
        once the whole sitemap has been read."""
        dated = [(canonical_url(entry.url), entry.published) for entry in entries]
        tally.add(dated)
        yield from self._listed(source, [Listed(url) for url, _ in dated])

    def lastmod_revisits(self, tally: LastmodTally) -> Iterator[scrapy.Request]:
        """Revisits of archived articles a sitemap says changed after their last fetch."""
        for url in tally.due():
            yield from self._maybe(self._revisit(url, "lastmod"))

    def feed_signals(self, source: str, entries: Iterable[Entry]) -> Iterator[scrapy.Request]:
        """Revisits of archived articles whose feed item gives another title or date."""
        listed = [Listed(canonical_url(e.url), e.title, e.published) for e in entries]
        yield from self._listed(source, listed)

    def listing_signals(self, source: str, links: Iterable[Link]) -> Iterator[scrapy.Request]:
        """Revisits of archived articles whose link on a listing page reads otherwise."""
        listed = [
            Listed(canonical_url(link.url), link.text or None)
            for link in links
            if not is_pagination(link)
        ]
        yield from self._listed(source, listed)

    def _listed(self, source: str, entries: list[Listed]) -> Iterator[scrapy.Request]:
        if not entries:
            return  # a source that lists nothing says nothing about what it listed before
        self._sources_read.add(source)
        for url in self.frontier.listed(source, entries, self._run_id):
            yield from self._maybe(self._revisit(url, "listing"))

    def unlisted_revisits(self) -> None:
        """Once the crawl has nothing left to do (``spider_idle``): revisit the archived
        articles that the sources it read listed before and list no longer. They may be taken
        down, or only unlisted; an unlisted one that still answers stays live."""
        if self._unlisted_checked:
            return
        self._unlisted_checked = True
        scheduled = 0
        for url in self.frontier.unlisted(self._sources_read, self._run_id):
            request = self._revisit(url, "unlisted")
            if request is not None:
                self.crawler.engine.crawl(request)
                scheduled += 1
        if scheduled:
            log.info("%s: %d articles no longer listed, revisited", self.site.name, scheduled)
            raise DontCloseSpider

    # Answers that say an article is removed, or back ----------------------------------------

    def _revisit_answer(self, response: Response) -> None:
        """304: the archived copy still stands. 404/410: a known article has been withdrawn."""
        archive = session_for(self.crawler).archive
        url = response.meta.get(FRONTIER_META, response.url)
        result = archive.touch_url(url) if response.status == 304 else archive.mark_gone(url)
        if result is None and response.status != 304:
            self._done(response, "other", state="failed")
            return
        if result is not None:
            self._note(result)
        self._done(response, "article")

    def redirected_to_front(self, response: Response) -> str | None:
        """The archived article whose URL now redirects to the home page or a section front
        (the way many CMSs take a page down), if that is what ``response`` is. A redirect to
        another article is a move, filed as usual."""
        redirects = response.meta.get("redirect_urls")
        if not redirects:
            return None
        requested = str(response.meta.get(FRONTIER_META, redirects[0]))
        if session_for(self.crawler).archive.article_for_url(requested) is None:
            return None
        if is_section_front(requested, response.url):
            return requested
        listing = isinstance(response, TextResponse) and is_html(response)
        return requested if listing and self._kind(response) is PageKind.LISTING else None

    def taken_down(self, response: Response, url: str) -> None:
        """File the redirect of article ``url`` to a section front as its removal."""
        result = session_for(self.crawler).archive.mark_gone(url)
        if result is not None:
            log.info("%s redirects to %s: gone", url, response.url)
            self._note(result)
        self._done(response, "article")

    def _note(self, result: SaveResult) -> None:
        """Count what a revisit's answer did to an article, and note a change for the run."""
        session = session_for(self.crawler)
        kept = [f"secnews/articles/{result.outcome}"]
        if result.outcome == "gone":
            session.archive.record_change(self._run_id, result.article_id, "gone")
        if result.returned:
            session.archive.record_change(self._run_id, result.article_id, "back")
            kept.append("secnews/articles/back")
        session.count_kept(self.crawler.stats, *kept)
