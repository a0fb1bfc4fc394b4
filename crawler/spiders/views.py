"""Other views of an article: links that only spell it differently, and pages (print,
accessible, AMP views) that name the article as their canonical URL.

Each becomes an alias of the article and its text is never filed: one article, one text, the
one at its own view. A view's page travels with the request for its canonical URL and is
filed after all if that URL holds no article (a listing, a 404, a failure), so a template
whose canonical link is wrong loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import TextResponse

from archive.urls import canonical_url, without_print_switch
from crawler.discovery.links import declared_canonical
from crawler.items import PageItem
from crawler.middlewares.capture import FRONTIER_META
from crawler.session import session_for

if TYPE_CHECKING:
    from crawler.discovery.classify import PageKind
    from crawler.discovery.verdict import Verdict

CANONICAL_TARGET = "secnews_canonical_target"  # asked for as another page's canonical URL
DEFERRED_VIEW = "secnews_deferred_view"  # that page's item, filed if this one is no article


def deferred_view(meta: Mapping[str, Any]) -> Iterator[PageItem]:
    """The view waiting on a canonical URL that turned out to hold no article."""
    item = meta.get(DEFERRED_VIEW)
    if isinstance(item, PageItem):
        yield item


class OtherViews:
    """What the news spider does with other views of its articles (a mixin of NewsSpider,
    whose frontier, scope and requests it uses)."""

    crawler: Any
    frontier: Any
    site: Any
    _wanted: Any
    _request: Any
    _page_item: Any
    _done: Any
    parse_page: Any

    def _note_variant(self, url: str, variant: str | None) -> None:
        """A link variant of a URL already requested: an alias of its article, now or once
        the article is stored, whatever order the links were found in."""
        if variant is not None:
            self.frontier.note_variant(url, variant)
            self._alias_now(url, variant)

    def _alias_now(self, url: str, alias: str) -> None:
        archive = session_for(self.crawler).archive
        article_id = archive.article_for_url(url)
        if article_id is not None:
            archive.add_alias(alias, article_id)

    def _canonical_elsewhere(self, response: TextResponse, page: scrapy.Selector) -> str | None:
        """The article this page is another view of; None when it is the article itself, or
        when its canonical link cannot be right (the site's front, a listing, off the site)."""
        if response.meta.get(CANONICAL_TARGET):
            return None  # one step only: a canonical page is what it says it is
        declared = declared_canonical(page, response.url)
        if declared is None:
            return None
        target = without_print_switch(canonical_url(declared))
        here = {canonical_url(response.url), response.meta.get(FRONTIER_META)}
        if target in here or not self._wanted(target) or self._is_front(target):
            return None
        known = self.frontier.get(target)
        # A target that is itself a view waits on its own canonical URL, and is filed if
        # that holds no article: this page is then its alias.
        if known is not None and (
            known.kind not in (None, "article", "variant") or known.state == "failed"
        ):
            return None
        return target

    def _is_front(self, url: str) -> bool:
        starts = {canonical_url(start) for start in self.site.start_urls}
        return url in starts or urlsplit(url).path in ("", "/")

    def _as_view(
        self, response: TextResponse, kind: PageKind, target: str, verdict: Verdict
    ) -> Iterator[scrapy.Request]:
        """Note the page as a view of ``target`` and ask for ``target`` instead."""
        view = response.meta.get(FRONTIER_META) or canonical_url(response.url)
        request = self._request(target, "link", self.parse_page)
        self.frontier.note_alias(target, view)
        self._alias_now(target, view)
        self.crawler.stats.inc_value("secnews/views")
        if request is not None:
            request.meta[CANONICAL_TARGET] = True
            if verdict.taken:  # filed if the target holds no article; else only an alias
                request.meta[DEFERRED_VIEW] = self._page_item(response, kind, verdict.text)
            yield request
        self._done(response, "variant")
