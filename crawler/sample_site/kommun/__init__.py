"""The sample Ekbacka kommun: a Swedish municipality on a SiteVision-like CMS where every page is
dated, held out as an independent check of telling news from the rest of a portal.

Every page declares its last change in its head (``DC.date.modified``, ``moddate``, beside
``DC.date.created``) and in its page information ("Sidan granskades: 2024-03-12" or "Senast
uppdaterad: 12 mars 2024"); one flat ``sitemap.xml`` lists all of them: services (half on the
article template, with ``og:type=article`` and a "Publicerad" line), section fronts with
"Aktuellt" boxes, standing pages (some under ``/nyheter/``), events (JSON-LD ``Event``, some at
date-prefixed names) and forty news articles under ``/nyheter/``, half with the date in their
name, listed by ``nyheter.html`` and ``nyheter.html?page=N`` and by an RSS feed at a portlet
address. ``news_urls`` and ``all_page_urls`` are the ground truth; ``pages_by_kind`` names
every page's kind. Served on its own: ``python -m crawler.sample_site.kommun``.
"""

from __future__ import annotations

from datetime import date
from html import escape

from ..profile import SiteProfile
from ..server import Request, Response
from . import chrome, feeds, posts, views
from .catalog import KINDS, NEWS, NEWS_LISTING, Catalog, Page
from .content import StandingPage
from .dates import kommun_today as local_today

__all__ = [
    "KINDS",
    "PROFILE",
    "KommunSite",
    "all_page_urls",
    "local_today",
    "news_urls",
    "pages_by_kind",
]

PROFILE = SiteProfile(
    name="sample-kommun",
    title=f"{chrome.SITE} (sample)",
    language="sv",
    timezone="Europe/Stockholm",
    start_path="",
    default_port=8706,
)
_HTML = "text/html;charset=UTF-8"
_RENDER = {
    "home": views.home,
    "hub": views.hub,
    "listing": posts.listing,
    "service": views.service,
    "event": posts.event,
    "news": posts.news_post,
}


def pages_by_kind(base_url: str, today: date | None = None) -> dict[str, set[str]]:
    """Kind ("news", "service", "event", …) -> the URLs of the site's pages of that kind."""
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for page in Catalog(today or local_today()).pages.values():
        found[page.kind].add(base_url + page.address)
    return found


def news_urls(base_url: str, today: date | None = None) -> set[str]:
    """The canonical URLs of the news articles: what a correct crawl keeps as articles."""
    return pages_by_kind(base_url, today)[NEWS]


def all_page_urls(base_url: str, today: date | None = None) -> set[str]:
    """Every HTML page the site serves and links (news and everything else)."""
    return set().union(*pages_by_kind(base_url, today).values())


class KommunSite:
    """Answers requests for Ekbacka kommun as it stands on ``today``."""

    name = PROFILE.name
    server_software = "Sitevision"

    def __init__(self, base_url: str, today: date | None = None) -> None:
        self.base_url = base_url
        self.catalog = Catalog(today or local_today())

    def handle(self, request: Request) -> Response:
        where = request.path.lstrip("/")
        if where == "robots.txt":
            return Response(200, feeds.robots_txt(self.base_url).encode(), "text/plain")
        if where == "sitemap.xml":
            body = feeds.sitemap_xml(self.base_url, self.catalog.pages.values())
            return Response(200, body.encode(), "application/xml;charset=UTF-8")
        if where == chrome.FEED[0] and request.query.get("state") == "rss":
            body = feeds.rss_feed(self.base_url, self.catalog.content.news, chrome.SITE)
            return Response(200, body.encode(), "text/xml;charset=UTF-8")
        if where.endswith((".css", ".js")):
            return Response(200, b"/* resource */\n", "text/css")
        if where == NEWS_LISTING and request.query.get("page", "1") != "1":
            where = f"{NEWS_LISTING}?page={request.query['page']}"
        page = self.catalog.page(where)
        if page is None:
            return self._not_found()
        return Response(200, self.render(page).encode(), _HTML)

    def render(self, page: Page) -> str:
        # Standing pages keep their template whatever their kind, except section fronts.
        if isinstance(page.item, StandingPage) and page.kind != "hub":
            render = views.standing
        else:
            render = _RENDER[page.kind]
        main, meta = render(self.catalog, self.base_url, page)
        return chrome.document(self.catalog, self.base_url, page, main, meta)

    def _not_found(self) -> Response:
        body = (
            f'<!DOCTYPE html>\n<html lang="sv"><head><title>Sidan kunde inte hittas - '
            f"{escape(chrome.SITE)}</title></head><body><h1>Sidan kunde inte hittas</h1>"
            f'<p><a href="{self.base_url}">Till startsidan</a></p></body></html>'
        )
        return Response(404, body.encode(), _HTML)
