"""The sample ministry: a Russian 1C-Bitrix-style site in Windows-1251, with print and
accessible views of every article and furniture that changes on every request.

A test bed for "one article, one text": the print view (``&print=Y``) and the version for the
visually impaired (``&special_version=Y``) declare the article as their canonical URL and
end with "Источник: <URL>"; the date in the header, the view counter, the "most read" box,
the banner, the search form's token and the share count differ on every request. A correct
crawl stores each article once, from its own view, and a second crawl changes nothing.
Served on its own (it is not one of ``SampleSite``'s sites), by the tests that need it.
"""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime

from ..profile import SiteProfile
from ..server import Request, Response
from ..state import HitCounter
from . import pages
from .content import MOSCOW, Release, load_releases

PROFILE = SiteProfile(
    name="sample-ministry",
    title=f"{pages.SITE_TITLE} (sample)",
    language="ru",
    timezone="Europe/Moscow",
    start_path=pages.LISTING,
    default_port=8704,
)
_CHARSET = "windows-1251"
_ROBOTS = "User-agent: *\nDisallow: /search/\n"


def articles(base_url: str, today: date | None = None) -> dict[str, Release]:
    """Canonical URL -> release, for the releases a correct crawl archives."""
    return {base_url + release.href: release for release in load_releases(_today(today))}


def _today(today: date | None = None) -> date:
    return today or datetime.now(MOSCOW).date()


class MinistrySite:
    """Answers requests for the sample ministry; counts views, as its furniture shows."""

    name = PROFILE.name
    server_software = "Apache/2.4.57 (1C-Bitrix)"

    def __init__(self, base_url: str, today: date | None = None) -> None:
        self.base_url = base_url
        self.today = _today(today)
        self.releases = load_releases(self.today)
        self.views = HitCounter()

    def handle(self, request: Request) -> Response:
        if request.path == "/robots.txt":
            return Response(200, _ROBOTS.encode(), "text/plain; charset=utf-8")
        if request.path in ("/", "/" + pages.LISTING):
            return self._listing(request.query)
        if request.path == "/press/news/detail.php":
            return self._article(request.query)
        return Response(404, "<h1>Страница не найдена</h1>".encode(_CHARSET), self._type())

    @staticmethod
    def _type() -> str:
        return f"text/html; charset={_CHARSET}"

    def _html(self, text: str) -> Response:
        return Response(200, text.encode(_CHARSET, errors="xmlcharrefreplace"), self._type())

    def _furniture(self) -> pages.Furniture:
        by_views = sorted(self.releases, key=lambda r: -self.views.count(str(r.id)))
        return pages.Furniture(
            today=self.today,
            most_read=by_views[:3],
            banner=self.views.hit("banner"),
            token=secrets.token_hex(16),
        )

    def _listing(self, query: dict[str, str]) -> Response:
        count = -(-len(self.releases) // pages.PAGE_SIZE)
        page = min(max(_int(query.get("PAGEN_1")) or 1, 1), count)
        shown = self.releases[(page - 1) * pages.PAGE_SIZE : page * pages.PAGE_SIZE]
        main = pages.listing_main(self.base_url, shown, page, count)
        canonical = f"{self.base_url}{pages.LISTING}" + (f"?PAGEN_1={page}" if page > 1 else "")
        title = f"Новости — {pages.SITE_TITLE}"
        return self._html(pages.document(self.base_url, title, main, self._furniture(), canonical))

    def _article(self, query: dict[str, str]) -> Response:
        found = [r for r in self.releases if r.id == _int(query.get("ID"))]
        if not found:
            return Response(404, "<h1>Новость не найдена</h1>".encode(_CHARSET), self._type())
        release = found[0]
        if query.get("print") == "Y":
            return self._html(pages.print_view(self.base_url, release))
        if query.get("special_version") == "Y":
            return self._html(pages.accessible_view(self.base_url, release, self.today))
        views = self.views.hit(str(release.id))
        main = pages.article_main(self.base_url, release, views, random.randint(0, 99))
        title = f"{release.headline} — {pages.SITE_TITLE}"
        canonical = self.base_url + release.canonical_href
        return self._html(pages.document(self.base_url, title, main, self._furniture(), canonical))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
