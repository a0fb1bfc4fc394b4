"""The sample digest: a partner body's TRS-style portal (UTF-8) syndicating secretariat news."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from . import digest_pages as pages
from . import secretariat
from .conditional import answer_conditionally, file_etag, last_modified
from .digest_content import COLUMN_PATH, DigestArticle, DigestContent, load_content
from .images import picture
from .profile import SiteProfile
from .secretariat_content import load_content as load_secretariat
from .secretariat_pages import NOT_FOUND
from .server import Request, Response
from .state import FIRST_EDITION, SiteState

PROFILE = SiteProfile(
    name="sample-digest",
    title=f"{pages.SITE_TITLE} (sample)",
    language="zh",
    timezone="Asia/Shanghai",
    start_path=COLUMN_PATH[1:] + "index.html",
    default_port=8703,
    requisites=True,
)
PAGE_SIZE = 5
HOME_LATEST = 6
_SHANGHAI = ZoneInfo("Asia/Shanghai")
_SITE_BUILT = datetime(2021, 6, 1, 9, 0, tzinfo=_SHANGHAI)  # when the templates were published
_COLUMN_PAGE = re.compile(r"^/xwzx/(?:index(?:_(\d+))?\.html)?$")
_SINGLE_PAGE = re.compile(r"^/([a-z]+)/(?:index\.html)?$")
_HTML = "text/html"  # nginx without a charset directive: the page's <meta> says utf-8


def articles(base_url: str, state: SiteState = FIRST_EDITION) -> dict[str, DigestArticle]:
    """Canonical URL -> the document as the publishing system holds it (equal if unchanged)."""
    return {base_url + article.path[1:]: article for article in load_content(state).articles}


def article_urls(base_url: str, state: SiteState = FIRST_EDITION) -> set[str]:
    """Canonical URLs of the documents a correct crawl archives: copies and its own alike."""
    return set(articles(base_url, state))


def syndicated_pairs(urls: Mapping[str, str]) -> set[tuple[str, str]]:
    """(secretariat URL, digest URL) of each syndicated copy, for sites served at urls."""
    originals = load_secretariat(FIRST_EDITION)
    pairs = set()
    for url, article in articles(urls[PROFILE.name]).items():
        original = originals.article(article.copy_of) if article.copy_of is not None else None
        if original is not None:
            pairs.add((urls[secretariat.PROFILE.name] + original.href, url))
    return pairs


def font_bytes() -> bytes:
    """Stand-in bytes for the site's web font: a WOFF2 signature and padding (a browser
    drops it and falls back to the next font, as it would a damaged one)."""
    return b"wOF2" + bytes(60)


def _not_found() -> Response:
    return Response(404, NOT_FOUND.encode("ascii"), _HTML)


def _moment(published: str) -> datetime:
    return datetime.fromisoformat(published).replace(tzinfo=_SHANGHAI)


class DigestSite:
    """Answers requests for the digest: static files, so every 200 has nginx's validators.

    Four of its documents are syndicated copies of secretariat articles (another or no title
    prefix, a sentence reworded or a paragraph cut, its own boilerplate, a day or two later);
    four are its own. It is the same in every edition.
    """

    name = PROFILE.name
    server_software = "nginx"

    def __init__(self, base_url: str, state: SiteState = FIRST_EDITION) -> None:
        self.base_url = base_url
        self.content: DigestContent = load_content(state)
        self._pictures = {src: a for a in self.content.articles for src in a.pictures}
        # A new document republishes the column's pages and the home page: they share its time.
        self._column_built = _moment(self.content.articles[0].published)

    def handle(self, request: Request) -> Response:
        return answer_conditionally(request, self._respond(request.path))

    def _respond(self, path: str) -> Response:
        if path in ("/", "/index.html"):
            main = pages.home_main(self.content.articles[:HOME_LATEST], self.content.pages["zxgk"])
            return self._page(pages.document(pages.SITE_TITLE, [], main), self._column_built)
        if path in (pages.LOGO, pages.BADGE, pages.BANNER_BACKGROUND):
            return self._picture(path, _SITE_BUILT)
        if path == pages.STYLESHEET:
            return self._file(pages.STYLESHEET_TEXT.encode("utf-8"), "text/css", _SITE_BUILT)
        if path == pages.FONT:
            return self._file(font_bytes(), "font/woff2", _SITE_BUILT)
        if path in self._pictures:
            return self._picture(path, _moment(self._pictures[path].published))
        if match := _COLUMN_PAGE.match(path):
            return self._listing(int(match.group(1) or 0))
        article = self.content.by_path(path)
        if article is not None:
            return self._article(article)
        if (match := _SINGLE_PAGE.match(path)) and match.group(1) in self.content.pages:
            page = self.content.pages[match.group(1)]
            trail = [(f"/{page.slug}/", page.title)]
            html = pages.document(f"{page.title}_{pages.SITE_TITLE}", trail, pages.page_main(page))
            return self._page(html, _SITE_BUILT)
        return _not_found()

    def _page(self, html: str, modified: datetime) -> Response:
        return self._file(html.encode("utf-8"), _HTML, modified)

    def _file(self, body: bytes, content_type: str, modified: datetime) -> Response:
        """A static file as nginx serves it: Last-Modified, and an ETag of mtime and size."""
        etag = file_etag(modified, len(body))
        headers = (last_modified(modified), ("ETag", etag), ("Accept-Ranges", "bytes"))
        return Response(200, body, content_type, headers)

    def _picture(self, path: str, modified: datetime) -> Response:
        found = picture(path)
        return self._file(found[1], found[0], modified) if found else _not_found()

    def _listing(self, number: int) -> Response:
        entries = self.content.articles
        count = max(1, -(-len(entries) // PAGE_SIZE))
        if number >= count:
            return _not_found()
        shown = entries[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        main = pages.listing_main(shown, number, count, len(entries))
        trail = [(COLUMN_PATH, pages.COLUMN)]
        html = pages.document(f"{pages.COLUMN}_{pages.SITE_TITLE}", trail, main)
        return self._page(html, self._column_built)

    def _article(self, article: DigestArticle) -> Response:
        trail = [(COLUMN_PATH, pages.COLUMN)]
        title = f"{article.headline}_{pages.COLUMN}_{pages.SITE_TITLE}"
        html = pages.document(
            title, trail, pages.article_main(article), pages.article_meta(article)
        )
        return self._page(html, _moment(article.published))
