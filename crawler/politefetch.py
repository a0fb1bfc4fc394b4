"""Fetches made outside a crawl: the page ``secnews extract URL`` reads, and the dry run of
``secnews sites add``.

Both go through the crawl's own downloader — a Scrapy engine with the crawl's settings and
downloader middlewares — so every fetch the product makes holds to one policy: the address
policy and the site's scope, checked on every redirect (``crawler.netpolicy``, applied by the
scope middleware); the size limit while the body streams and while it inflates
(``DOWNLOAD_MAXSIZE``); a time limit on the whole exchange, however slowly its bytes come
(``DOWNLOAD_TIMEOUT``); robots.txt. Nothing is recorded (the WARC and ``fetches`` are the
crawl's), nothing is retried, and AutoThrottle is off: requests are spaced by the delay
asked for (``DOWNLOAD_DELAY``).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from archive.urls import site_key
from crawler import signals as secnews_signals
from crawler.middlewares.robots import FORBIDDEN_BY_ROBOTS
from crawler.middlewares.scope import offsite_target

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)

T = TypeVar("T")
Job = Callable[["Crawler"], Awaitable[T]]
# Components that write to the archive: a one-off fetch has none.
ARCHIVE_MIDDLEWARES = (
    "crawler.middlewares.capture.FetchRecorderMiddleware",
    "crawler.middlewares.health.SiteHealthProbe",
)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes


class FetchFailed(ValueError):
    """A fetch the policy refused, or that failed; the message says why. ``offsite`` is
    where a redirect tried to take it off the site; ``disallowed``, whether robots.txt
    refused it."""

    def __init__(self, reason: str, *, offsite: str | None = None, disallowed: bool = False):
        super().__init__(reason)
        self.offsite = offsite
        self.disallowed = disallowed


def one_off_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    """The crawl's settings, less what records into the archive, with no retries and no
    AutoThrottle (one request, sent once, after ``DOWNLOAD_DELAY`` exactly)."""
    settings = get_project_settings()
    if settings.get("BOT_NAME") != "secnews":  # run outside the repository root
        settings.setmodule("crawler.settings", priority="project")
    middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
    middlewares.update(dict.fromkeys(ARCHIVE_MIDDLEWARES))
    chosen: dict[str, Any] = {
        "DOWNLOADER_MIDDLEWARES": middlewares,
        "EXTENSIONS": {},
        "ITEM_PIPELINES": {},
        "RETRY_ENABLED": False,
        "AUTOTHROTTLE_ENABLED": False,
        "SECNEWS_MAX_REQUESTS": 0,
        "LOG_LEVEL": "WARNING",
    }
    settings.setdict(chosen, priority="cmdline")
    settings.setdict(dict(overrides or {}), priority="cmdline")
    return settings


class _OneOff(scrapy.Spider):
    """Runs one job (a coroutine given the crawler) while the engine is open, then closes."""

    name = "secnews-one-off"
    job: Job[Any]
    scope: frozenset[str]
    outcome: Any = None
    failure: Exception | None = None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        try:
            self.outcome = await self.job(self.crawler)
        except Exception as exc:  # raised again once the engine has stopped
            self.failure = exc
        for request in ():  # the job requests what it needs itself; nothing is scheduled
            yield request


def run_one_off(job: Job[T], start_url: str, settings: Settings) -> T:
    """Run ``job`` in a Scrapy engine scoped to ``start_url``'s site; return what it returns.
    Starts the reactor, so a process can do this once."""
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(_OneOff)
    process.crawl(crawler, job=job, scope=frozenset({site_key(start_url)}))
    process.start()
    spider = crawler.spider
    assert isinstance(spider, _OneOff)
    if spider.failure is not None:
        raise spider.failure
    return spider.outcome  # type: ignore[no-any-return]


class Fetcher:
    """Fetches pages of one site (host and port of ``start_url``, with or without ``www.``)
    inside a running one-off engine; notes every refusal and failure for a report."""

    def __init__(self, crawler: Crawler, start_url: str):
        self.crawler = crawler
        self.start_url = start_url
        self.notes: list[str] = []
        self.moved_to: str | None = None  # where a redirect tried to take us off the site
        self.robots = "not fetched"  # what the site's robots.txt answered
        self.robots_sitemaps: list[str] = []
        self.forbidden: set[str] = set()  # URLs robots.txt disallows
        self._robots_url = _robots_url(start_url)
        crawler.signals.connect(self._robots_fetched, signal=secnews_signals.robots_fetched)

    @property
    def max_inflated(self) -> int:
        """Bytes a body may inflate to (a ``.gz`` sitemap): the crawl's limit."""
        return self.crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @property
    def requests(self) -> int:
        """Requests sent so far, robots.txt included."""
        return int(self.crawler.stats.get_value("downloader/request_count", 0))

    def in_scope(self, url: str) -> bool:
        return site_key(url) == site_key(self.start_url)

    async def fetch(self, url: str, *, obey_robots: bool = True) -> Fetched:
        """The answer at ``url`` after the redirects the policy allows; ``FetchFailed`` if
        the policy refuses it (or a redirect) or the fetch fails."""
        request = scrapy.Request(url, meta={"dont_obey_robotstxt": not obey_robots})
        assert self.crawler.engine is not None
        try:
            response = await self.crawler.engine.download_async(request)
        except IgnoreRequest as exc:
            target = offsite_target(exc)
            if target is not None:
                self.moved_to = target
                reason = f"redirects off the site, to {target}: not followed"
                raise FetchFailed(reason, offsite=target) from exc
            raise FetchFailed(str(exc), disallowed=str(exc) == FORBIDDEN_BY_ROBOTS) from exc
        except Exception as exc:  # the network or the server: timeouts, resets, limits
            raise FetchFailed(self._failure(exc)) from exc
        kind = response.headers.get(b"Content-Type") or b""
        return Fetched(response.url, response.status, kind.decode("latin-1"), response.body)

    async def get(self, url: str) -> Fetched | None:
        """The page at ``url``, or None (noted) when it is refused, fails or answers an error."""
        try:
            answer = await self.fetch(url)
        except FetchFailed as exc:
            self.notes.append(self._note(url, exc))
            log.info("dry run: %s: %s", url, exc)
            return None
        if answer.status >= 400:
            self.notes.append(f"{url}: HTTP {answer.status}")
            return None
        return answer

    def _note(self, url: str, failure: FetchFailed) -> str:
        if failure.disallowed:
            self.forbidden.add(url)
            return f"not fetched: robots.txt disallows {url}"
        if failure.offsite is not None:
            return f"not followed: {url} redirects to {failure.offsite}, on another site"
        return f"{url}: {failure}"

    def _failure(self, exc: Exception) -> str:
        reason = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        if isinstance(exc, DownloadCancelledError) and not str(exc):
            limit = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
            reason += f": cut at DOWNLOAD_MAXSIZE ({limit} bytes)"
        return reason

    def _robots_fetched(self, url: str, status: int | None, sitemaps: list[str]) -> None:
        if url == self._robots_url:
            self.robots = f"HTTP {status}" if status is not None else "unreachable"
            self.robots_sitemaps = list(sitemaps)


def _robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def fetch_page(url: str, overrides: Mapping[str, Any] | None = None) -> Fetched:
    """The page at ``url`` for ``secnews extract``: fetched under the crawl's policy (not
    robots.txt: a person asked for this one page), and no larger than a crawl extracts."""
    settings = one_off_settings(overrides)

    async def job(crawler: Crawler) -> Fetched:
        return await Fetcher(crawler, url).fetch(url, obey_robots=False)

    page = run_one_off(job, url, settings)
    if page.status >= 400:
        raise FetchFailed(f"HTTP {page.status}")
    limit = settings.getint("SECNEWS_EXTRACT_MAX_BYTES")
    if limit and len(page.body) > limit:
        raise FetchFailed(
            f"{len(page.body)} bytes, over SECNEWS_EXTRACT_MAX_BYTES ({limit}): not extracted, "
            "as a crawl would not extract it"
        )
    return page


def read_source(
    source: str, url: str | None, overrides: Mapping[str, Any] | None = None
) -> tuple[bytes, str | None, str]:
    """(body, Content-Type header or None, page URL) of a file path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        page = fetch_page(source, overrides)
        return page.body, page.content_type or None, page.url
    path = Path(source)
    if not path.is_file():
        raise ValueError("no such file")
    return path.read_bytes(), None, url or path.resolve().as_uri()
