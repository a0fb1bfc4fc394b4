"""robots.txt, obeyed: one fetch a host, and no request passes before it has been read.

Replaces Scrapy's RobotsTxtMiddleware, which lets requests through unchecked when several
wait for the same robots.txt at once (every waiter after the first gets no parser). Here
each waiter gets its own answer. Following RFC 9309: a 4xx robots.txt allows everything; a
5xx or a failed fetch disallows everything for this crawl (the site is not reachable in a
state where its wishes are known); the decision is logged and counted in stats.

An image's host may lie outside the crawl's scope (a CDN, a ``static.`` host): its robots.txt
is asked for as media too, so the scope middleware lets it through as it lets the image,
and that host's rules are obeyed like the site's own. Pages there stay off the site.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from protego import Protego
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from archive.diskfull import is_storage_full
from crawler import signals as secnews_signals
from crawler.middlewares.scope import MEDIA_META

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

log = logging.getLogger(__name__)

FORBIDDEN_BY_ROBOTS = "Forbidden by robots.txt"  # the reason a disallowed request is refused
ALLOW_ALL = Protego.parse("")
DISALLOW_ALL = Protego.parse("User-agent: *\nDisallow: /")


class RobotsMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.user_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get(
            "USER_AGENT"
        )
        self._rules: dict[str, Protego] = {}
        self._waiting: dict[str, list[Deferred[Protego]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsMiddleware:
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        if request.meta.get("dont_obey_robotstxt") or not request.url.startswith("http"):
            return
        rules = await self._rules_for(request)
        if not rules.can_fetch(request.url, self.user_agent):
            self.crawler.stats.inc_value("robotstxt/forbidden")
            log.debug("forbidden by robots.txt: %s", request.url)
            raise IgnoreRequest(FORBIDDEN_BY_ROBOTS)

    async def _rules_for(self, request: Request) -> Protego:
        parts = urlparse_cached(request)
        netloc = parts.netloc
        if netloc in self._rules:
            return self._rules[netloc]
        if netloc in self._waiting:
            waiter: Deferred[Protego] = Deferred()
            self._waiting[netloc].append(waiter)
            return await maybe_deferred_to_future(waiter)
        self._waiting[netloc] = []
        try:
            robots_url = f"{parts.scheme}://{netloc}/robots.txt"
            rules = await self._fetch(robots_url, media=bool(request.meta.get(MEDIA_META)))
        except Exception as exc:  # only a storage failure gets here: every waiter fails too
            for waiter in self._waiting.pop(netloc):
                waiter.errback(exc)
            raise
        self._rules[netloc] = rules
        for waiter in self._waiting.pop(netloc):
            waiter.callback(rules)
        return rules

    async def _fetch(self, url: str, *, media: bool) -> Protego:
        """The rules of robots.txt at ``url``; ``media``: asked for by an image's request."""
        meta = {"dont_obey_robotstxt": True, MEDIA_META: media}
        robots = Request(url, meta=meta, priority=1000)
        stats = self.crawler.stats
        assert self.crawler.engine is not None
        try:
            response: Response = await self.crawler.engine.download_async(robots)
        except Exception as exc:  # unreachable: its wishes are unknown, so ask for nothing
            if is_storage_full(exc):
                raise  # our disk, not the site: the storage guard stops the crawl
            log.warning(
                "robots.txt %s could not be fetched (%s): nothing will be requested", url, exc
            )
            stats.inc_value("robotstxt/unreachable")
            self._announce(url, None, [])
            return DISALLOW_ALL
        stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        if response.status >= 500 or response.status == 429:
            log.warning(
                "robots.txt %s answered %d: nothing will be requested", url, response.status
            )
            self._announce(url, response.status, [])
            return DISALLOW_ALL
        if response.status >= 400:
            self._announce(url, response.status, [])
            return ALLOW_ALL
        rules = _parse(response.body)
        self._announce(url, response.status, list(rules.sitemaps))
        return rules

    def _announce(self, url: str, status: int | None, sitemaps: list[str]) -> None:
        self.crawler.signals.send_catch_log(
            secnews_signals.robots_fetched, url=url, status=status, sitemaps=sitemaps
        )


def _parse(body: bytes) -> Protego:
    try:
        return Protego.parse(body.decode("utf-8", "replace"))
    except Exception:  # garbage is no rule at all (RFC 9309: parse what can be parsed)
        log.info("unparseable robots.txt; treating it as empty")
        return ALLOW_ALL
