"""The sample City of Riverbend: a US city portal on a WordPress/Municipio-like CMS where every
page is dated, for telling news from the rest of a portal.

Every page carries a modification date in its head (``moddate``, ``article:modified_time``,
JSON-LD ``dateModified``) and footer, and one flat ``sitemap.xml`` lists all of them: about
eighty service pages (some long guides with a headline, a "Published" date and
``og:type=article``), departments, standing pages, section fronts, public meetings at
date-shaped URLs, events (JSON-LD ``Event``, upcoming and past), listings, and sixty news posts
at ``/news/YYYY/MM/DD/slug/``, listed by ``/news/`` and its pages and by the feed.
``news_urls`` and ``all_page_urls`` are the ground truth; ``pages_by_kind`` names every page's
kind. Served on its own, not by ``SampleSite``: ``python -m crawler.sample_site.municipal``.
"""

from __future__ import annotations

from datetime import date
from html import escape

from ..profile import SiteProfile
from ..server import Request, Response
from . import chrome, feeds, posts, views
from .catalog import KINDS, NEWS, Catalog, Page
from .content import StandingPage
from .dates import city_today as local_today

__all__ = [
    "KINDS",
    "PROFILE",
    "MunicipalSite",
    "all_page_urls",
    "local_today",
    "news_urls",
    "pages_by_kind",
]

PROFILE = SiteProfile(
    name="sample-municipal",
    title=f"{chrome.SITE} (sample)",
    language="en",
    timezone="America/Chicago",
    start_path="",
    default_port=8705,
)
_HTML = "text/html; charset=UTF-8"
_RENDER = {
    "home": views.home,
    "hub": views.hub,
    "listing": posts.listing,
    "service": views.service,
    "department": views.department,
    "event": posts.event,
    "meeting": posts.meeting,
    "news": posts.news_post,
}


def pages_by_kind(base_url: str, today: date | None = None) -> dict[str, set[str]]:
    """Kind ("news", "service", "event", …) -> the URLs of the site's pages of that kind."""
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for page in Catalog(today or local_today()).pages.values():
        found[page.kind].add(base_url + page.path)
    return found


def news_urls(base_url: str, today: date | None = None) -> set[str]:
    """The canonical URLs of the news posts: what a correct crawl keeps as articles."""
    return pages_by_kind(base_url, today)[NEWS]


def all_page_urls(base_url: str, today: date | None = None) -> set[str]:
    """Every HTML page the site serves and links (news and everything else)."""
    return set().union(*pages_by_kind(base_url, today).values())


class MunicipalSite:
    """Answers requests for the City of Riverbend as it stands on ``today``."""

    name = PROFILE.name
    server_software = "nginx"

    def __init__(self, base_url: str, today: date | None = None) -> None:
        self.base_url = base_url
        self.catalog = Catalog(today or local_today())

    def handle(self, request: Request) -> Response:
        path = request.path.lstrip("/")
        if path == "robots.txt":
            return Response(200, feeds.robots_txt(self.base_url).encode(), "text/plain")
        if path == "sitemap.xml":
            body = feeds.sitemap_xml(self.base_url, self.catalog.pages.values())
            return Response(200, body.encode(), "application/xml; charset=UTF-8")
        if path == feeds.FEED_PATH:
            body = feeds.rss_feed(self.base_url, self.catalog.content.news, chrome.SITE)
            return Response(200, body.encode(), "application/rss+xml; charset=UTF-8")
        if path.startswith(("wp-content/", "wp-includes/")) and path.endswith((".css", ".js")):
            return Response(200, b"/* theme asset */\n", "text/css" if path.endswith("css") else
                            "application/javascript")  # fmt: skip
        if not path and "p" in request.query:
            return self._shortlink(request.query["p"])
        if not path and "s" in request.query:
            return self._not_found(f"No results for “{request.query['s']}”.", 200)
        page = self.catalog.page(path)
        if page is None:
            return self._moved_or_missing(path)
        if page.kind == "event" and request.query.get("ical") == "1":
            body = feeds.ical(self.base_url, page.item)
            return Response(200, body.encode(), "text/calendar; charset=UTF-8")
        return Response(200, self.render(page).encode(), _HTML)

    def render(self, page: Page) -> str:
        # A standing page keeps its template whatever its kind ("Subscribe" is a service).
        render = views.standing if isinstance(page.item, StandingPage) else _RENDER[page.kind]
        main, meta = render(self.catalog, self.base_url, page)
        return chrome.document(self.catalog, self.base_url, page, main, meta)

    def _shortlink(self, post_id: str) -> Response:
        for post in self.catalog.content.news:
            if str(post.post_id) == post_id:
                return Response.redirect(self.base_url + post.path)
        return self._not_found("Nothing was found at this address.")

    def _moved_or_missing(self, path: str) -> Response:
        # WordPress adds the trailing slash a permalink lacks.
        if self.catalog.page(path + "/") is not None:
            return Response.redirect(f"{self.base_url}{path}/")
        return self._not_found("Nothing was found at this address.")

    def _not_found(self, message: str, status: int = 404) -> Response:
        body = (
            f'<!DOCTYPE html>\n<html lang="en-US"><head><title>Page not found – {chrome.SITE}'
            f'</title><meta name="robots" content="noindex"></head><body><h1>Page not found</h1>'
            f'<p>{escape(message)}</p><p><a href="{self.base_url}">Go to the home page</a></p>'
            "</body></html>"
        )
        return Response(status, body.encode(), _HTML)
