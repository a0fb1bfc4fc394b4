"""How the ``news`` spider reads sitemaps: as a stream, bounded, into a backlog on disk.

A sitemap may list hundreds of thousands of URLs, and an index may list sitemaps without
end. So a sitemap is parsed as it is read (``crawler.discovery.sitemaps``; ``.gz`` too,
inflated within ``DOWNLOAD_MAXSIZE``), a chunk of entries at a time: the entries go to a
backlog file beside the archive and to the listing signals, and the scheduler is handed
``SECNEWS_FRONTIER_BACKLOG`` of them at a time, the next batch only once it has run dry, so
memory stays flat whatever a sitemap lists. Indexes are followed ``SECNEWS_SITEMAP_DEPTH``
levels deep, and a crawl reads at most ``SECNEWS_SITEMAP_MAX`` sitemaps a site.
"""

from __future__ import annotations

import itertools
import json
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Response

from archive.urls import site_key
from crawler.discovery.feeds import Entry
from crawler.discovery.sitemaps import SitemapStream
from crawler.middlewares.capture import FETCH_ID_META, FRONTIER_META
from crawler.session import session_for

if TYPE_CHECKING:
    from archive.operations.listings import LastmodTally
    from crawler.sites.config import SiteConfig

log = logging.getLogger(__name__)

GONE = (404, 410)
DEPTH_META = "secnews_sitemap_depth"  # 0: named by the config or robots.txt (or guessed)
CHUNK = 1000  # entries read, noted and spooled at a time
STATS = "secnews/sitemap"


class Backlog:
    """Sitemap entries waiting for the scheduler, first in first out, in an anonymous file
    in the data directory (gone when closed, or when the process dies)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.waiting = 0
        self._file: IO[bytes] | None = None
        self._read_at = 0

    def put(self, entries: Iterable[Entry]) -> None:
        lines = [json.dumps([e.url, e.published]).encode() + b"\n" for e in entries]
        if not lines:
            return
        if self._file is None:
            # Open for as long as the crawl: closed by close(), at spider_closed.
            self._file = tempfile.TemporaryFile(dir=self.directory, prefix="sitemap-backlog-")  # noqa: SIM115
        self._file.seek(0, 2)
        self._file.writelines(lines)
        self.waiting += len(lines)

    def take(self, count: int) -> list[Entry]:
        """Up to ``count`` entries, oldest first."""
        if self._file is None or not self.waiting:
            return []
        self._file.seek(self._read_at)
        taken = []
        for line in itertools.islice(self._file, min(count, self.waiting)):
            url, published = json.loads(line)
            taken.append(Entry(url, published))
        self._read_at = self._file.tell()
        self.waiting -= len(taken)
        if not self.waiting:  # all handed out: start the file again
            self._file.seek(0)
            self._file.truncate()
            self._read_at = 0
        return taken

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class Sitemaps:
    """The sitemap half of ``NewsSpider``: a mixin that uses the spider's frontier, requests
    (``_request``), filters (``_wanted``) and the revisit signals."""

    crawler: Any
    site: SiteConfig
    backlog: int
    _request: Callable[..., scrapy.Request | None]
    _maybe: Callable[[scrapy.Request | None], Iterator[scrapy.Request]]
    _wanted: Callable[..., bool]
    _done: Callable[..., None]
    parse_page: Callable[[Response], Any]
    parse_xml: Callable[[Response], Any]
    sitemap_signals: Callable[[str, list[Entry], LastmodTally], Iterator[scrapy.Request]]
    lastmod_revisits: Callable[[LastmodTally], Iterator[scrapy.Request]]
    learn_news_sitemap: Callable[[str, list[Entry]], None]
    frontier: Any
    scope: frozenset[str]
    full: bool

    def setup_sitemaps(self, crawler: Any) -> None:
        settings = crawler.settings
        self.sitemap_depth = max(settings.getint("SECNEWS_SITEMAP_DEPTH"), 0)
        self.sitemap_max = max(settings.getint("SECNEWS_SITEMAP_MAX"), 1)
        self.max_inflated = settings.getint("DOWNLOAD_MAXSIZE")
        self._sitemaps_asked = 0
        self._feeding = False  # a batch of the backlog is in the scheduler
        self._backlog = Backlog(Path(settings.get("SECNEWS_DATA")))
        crawler.signals.connect(self.feed_when_empty, signal=signals.scheduler_empty)
        crawler.signals.connect(self._backlog.close, signal=signals.spider_closed)

    def sitemap_request(
        self, url: str, *, depth: int = 0, probe: bool = False
    ) -> scrapy.Request | None:
        """A request for a sitemap, unless this crawl has read as many as it may."""
        if self._sitemaps_asked >= self.sitemap_max:
            self.crawler.stats.inc_value(f"{STATS}/too_many")
            if self.crawler.stats.get_value(f"{STATS}/too_many") == 1:
                log.warning(
                    "%s: more than %d sitemaps (SECNEWS_SITEMAP_MAX); %s and those after it "
                    "are not read in this crawl",
                    self.site.name,
                    self.sitemap_max,
                    url,
                )
            return None
        request = self._request(url, "sitemap", self.parse_xml, force=True, probe=probe)
        if request is not None:
            self._sitemaps_asked += 1
            request.meta[DEPTH_META] = depth
        return request

    def read_sitemap(self, response: Response, stream: SitemapStream) -> Iterator[scrapy.Request]:
        """Read a sitemap or index a chunk at a time: its child sitemaps are requested, its
        pages spooled and noted as listed; then the first batch is handed out."""
        source = response.meta.get(FRONTIER_META, response.url)
        depth = int(response.meta.get(DEPTH_META, 0))
        tally = self.frontier.lastmod_tally(source)
        stats = self.crawler.stats
        entries = stream.entries()
        for chunk in iter(lambda: list(itertools.islice(entries, CHUNK)), []):
            for child in (entry.loc for entry in chunk if entry.kind == "sitemap"):
                yield from self._child_sitemap(source, child, depth + 1)
            pages = [
                Entry(entry.loc, entry.lastmod, news_published=entry.news_published)
                for entry in chunk
                if entry.kind == "url" and self._wanted(entry.loc, remember=False)
            ]
            self.learn_news_sitemap(source, pages)
            stats.inc_value(f"{STATS}/listed", len(pages))
            self._backlog.put(pages)
            yield from self.sitemap_signals(source, pages, tally)
        if stream.cut:
            self._note_cut(response)
        yield from self.lastmod_revisits(tally)
        self._done(response, "sitemap")
        yield from self._feed()

    def _child_sitemap(self, source: str, url: str, depth: int) -> Iterator[scrapy.Request]:
        if depth > self.sitemap_depth:
            self.crawler.stats.inc_value(f"{STATS}/too_deep")
            log.warning(
                "%s lists %s, a sitemap %d levels below the one named (SECNEWS_SITEMAP_DEPTH "
                "is %d): not read",
                source,
                url,
                depth,
                self.sitemap_depth,
            )
            return
        if self._wanted(url):
            yield from self._maybe(self.sitemap_request(url, depth=depth))

    def _note_cut(self, response: Response) -> None:
        reason = (
            f"sitemap inflates past DOWNLOAD_MAXSIZE ({self.max_inflated} B): read up to the limit"
        )
        log.warning("%s: %s", response.url, reason)
        self.crawler.stats.inc_value(f"{STATS}/cut")
        fetch_id = response.meta.get(FETCH_ID_META)
        if fetch_id is not None:
            session_for(self.crawler).archive.note_fetch_error(fetch_id, reason)

    def robots_fetched(self, url: str, status: int | None, sitemaps: list[str]) -> None:
        """Sitemaps robots.txt names; without any, the conventional /sitemap.xml."""
        if site_key(url) not in self.scope or self.site.discovery.sitemaps or status is None:
            return
        parts = urlsplit(url)
        guess = f"{parts.scheme}://{parts.netloc}/sitemap.xml"
        known_missing = getattr(self.frontier.get(guess), "last_status", None) in GONE
        if not sitemaps and known_missing and not self.full:
            return  # guessed before and absent; a site that adds one usually names it in robots
        for sitemap_url in sitemaps or [guess]:
            sitemap = self.sitemap_request(sitemap_url, probe=not sitemaps)
            if sitemap is not None:
                self.crawler.engine.crawl(sitemap)

    # Handing the backlog to the scheduler --------------------------------------------------

    def _feed(self) -> Iterator[scrapy.Request]:
        """The next batch of spooled entries, unless one is still in the scheduler: at most
        ``backlog`` requests, skipping what the frontier says needs no fetch."""
        if self._feeding:
            return
        handed = 0
        while handed < self.backlog and self._backlog.waiting:
            if self.crawler.stats.get_value("secnews/budget/refused"):
                return  # the next crawl reads the sitemap again
            for entry in self._backlog.take(self.backlog - handed):
                request = self._request(
                    entry.url, "sitemap", self.parse_page, listed_date=entry.published
                )
                if request is not None:
                    handed += 1
                    yield request
        self._feeding = handed > 0

    def feed_when_empty(self) -> None:
        """``scheduler_empty``: the batch handed out has gone to the downloader."""
        self._feeding = False
        for request in self._feed():
            self.crawler.engine.crawl(request)

    def feed_when_idle(self) -> bool:
        """At ``spider_idle``: hand out what is left of the backlog before the crawl may
        end; whether anything was."""
        self._feeding = False
        fed = False
        for request in self._feed():
            self.crawler.engine.crawl(request)
            fed = True
        return fed
