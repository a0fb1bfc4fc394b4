"""The sample secretariat: a Chinese MetInfo-style PHP site in GBK, found through its listings."""

from __future__ import annotations

from . import secretariat_pages as pages
from .images import copy_of_picture, picture
from .profile import SiteProfile
from .secretariat_content import CmsArticle, SecretariatContent, load_content
from .secretariat_languages import Languages, load_languages, page_chrome
from .server import Request, Response
from .state import FIRST_EDITION, HitCounter, SiteState

PROFILE = SiteProfile(
    name="sample-secretariat",
    title=f"{pages.SITE_TITLE} (sample)",
    language="zh",
    timezone="Asia/Shanghai",
    start_path=pages.LISTING,
    default_port=8701,
    requisites=True,
)
PAGE_SIZE = 9
SIDEBAR_LATEST = 6
# 热点新闻 is hand-edited; its first entry is a link shared on WeChat, tracking tag and all.
HOT_NEWS = ((708, "&utm_source=wechat"), (642, ""), (779, ""))
_HEADERS = (("X-Powered-By", "PHP/5.6.40"),)


def article_urls(base_url: str, state: SiteState = FIRST_EDITION) -> set[str]:
    """Canonical URLs of the articles a correct crawl archives (withdrawn ones answer 404)."""
    return set(articles(base_url, state))


def articles(base_url: str, state: SiteState = FIRST_EDITION) -> dict[str, CmsArticle]:
    """Canonical URL -> the article as the CMS holds it in state (equal if unchanged)."""
    found = {base_url + article.href: article for article in load_content(state).live}
    for column in load_languages(state).columns.values():
        found |= {base_url + article.href: article for article in column}
    return found


class SecretariatSite:
    """Answers requests for the secretariat; counts article views (pass views to keep counting).

    A dynamic PHP page: no ETag or Last-Modified, every request gets the whole page, and the
    sidebar and the 上一篇/下一篇 links always show the current state of the column.
    """

    name = PROFILE.name
    server_software = "nginx/1.20.1"

    def __init__(
        self, base_url: str, state: SiteState = FIRST_EDITION, views: HitCounter | None = None
    ) -> None:
        self.base_url = base_url
        self.state = state
        self.content: SecretariatContent = load_content(state)
        self.languages: Languages = load_languages(state)
        self.views = views if views is not None else HitCounter()
        self._images = {src for a in self.content.articles for src in a.pictures}
        self._images |= {pages.LOGO, pages.BANNER}
        self._sidebar = pages.Sidebar(
            latest=self.content.live[:SIDEBAR_LATEST],
            hot=[
                (f"shownews.php?lang=cn&id={article_id}{tag}", self._headline(article_id))
                for article_id, tag in HOT_NEWS
            ],
        )

    def _headline(self, article_id: int) -> str:
        article = self.content.article(article_id)
        return article.headline if article else ""

    def handle(self, request: Request) -> Response:
        path = request.path
        lang = request.query.get("lang", "cn")
        if lang in self.languages.columns:
            return self._other_language(path, lang, request.query)
        if path in ("/", "/index.php"):
            return self._home()
        if path == "/news.php":
            return self._listing(request.query)
        if path == "/shownews.php":
            return self._article(request.query)
        if path == "/show.php":
            return self._static_page(request.query)
        if path in self.languages.copies:
            found = copy_of_picture(self.languages.copies[path], path)
            if found is not None:
                return Response(200, found[1], found[0])
        if path in self._images:
            found = picture(path)
            if found is not None:
                return Response(200, found[1], found[0])
        return self._not_found()

    def _html(self, text: str, status: int = 200) -> Response:
        # Charset only in the page's <meta>, as such servers send it; GBK-only characters stay.
        body = text.encode("gbk", errors="xmlcharrefreplace")
        return Response(status, body, "text/html", _HEADERS)

    def _not_found(self) -> Response:
        return Response(404, pages.NOT_FOUND.encode("ascii"), "text/html")

    def _chrome(self, lang: str = "cn", article: CmsArticle | None = None) -> pages.Chrome:
        return page_chrome(self.base_url, self.state, lang, article)

    def _home(self) -> Response:
        main = pages.home_main(self.content.live[:8], self.content.pages[0])
        trail = [(None, "首页")]
        return self._html(
            pages.document(pages.SITE_TITLE, trail, main, self._sidebar, chrome=self._chrome())
        )

    def _listing(self, query: dict[str, str]) -> Response:
        if query.get("class2", "5") != "5":
            return self._not_found()
        page = max(_int(query.get("page")) or 1, 1)
        entries = self.content.articles  # the column list still shows withdrawn entries
        pages_count = max(1, -(-len(entries) // PAGE_SIZE))
        shown = entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]  # past the end: none
        main = pages.listing_main(shown, page, pages_count, len(entries))
        trail = [("/", "首页"), ("/" + pages.LISTING, "新闻动态"), (None, pages.COLUMN)]
        title = f"{pages.COLUMN}-{pages.SITE_TITLE}"
        return self._html(pages.document(title, trail, main, self._sidebar, chrome=self._chrome()))

    def _article(self, query: dict[str, str]) -> Response:
        article_id = _int(query.get("id"))
        article = self.content.article(article_id) if article_id is not None else None
        if article is None or article.withdrawn:
            return self._not_found()
        views = self.views.hit(str(article.id))  # aliases of the page count as the page
        newer, older = self._neighbours(article)
        main = pages.article_main(article, views, newer, older)
        trail = [
            ("/", "首页"),
            ("/" + pages.LISTING, "新闻动态"),
            ("/" + pages.LISTING, pages.COLUMN),
        ]
        title = f"{article.headline}-{pages.SITE_TITLE}"
        description = article.paragraphs[0][:80] if article.paragraphs else article.headline
        chrome = self._chrome("cn", article)
        return self._html(pages.document(title, trail, main, self._sidebar, description, chrome))

    def _neighbours(self, article: CmsArticle) -> tuple[CmsArticle | None, CmsArticle | None]:
        live = self.content.live
        index = live.index(article)
        newer = live[index - 1] if index > 0 else None
        older = live[index + 1] if index + 1 < len(live) else None
        return newer, older

    def _static_page(self, query: dict[str, str]) -> Response:
        page_id = _int(query.get("id"))
        page = self.content.page(page_id) if page_id is not None else None
        if page is None:
            return self._not_found()
        trail = [("/", "首页"), (None, page.title)]
        title = f"{page.title}-{pages.SITE_TITLE}"
        main = pages.static_main(page)
        return self._html(pages.document(title, trail, main, self._sidebar, chrome=self._chrome()))

    def _other_language(self, path: str, lang: str, query: dict[str, str]) -> Response:
        """The English or Russian column: its home and listing (one page), and its articles."""
        column = self.languages.columns[lang]
        sidebar = pages.Sidebar(latest=column[:SIDEBAR_LATEST], hot=[])
        if path in ("/", "/index.php", "/news.php"):
            page = max(_int(query.get("page")) or 1, 1)
            pages_count = max(1, -(-len(column) // PAGE_SIZE))
            shown = column[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
            chrome = self._chrome(lang)
            main = pages.listing_main(shown, page, pages_count, len(column), chrome)
            trail = [(f"/index.php?lang={lang}", chrome.home), (None, chrome.column)]
            title = f"{chrome.column}-{chrome.site_title}"
            return self._html(pages.document(title, trail, main, sidebar, chrome=chrome))
        article_id = _int(query.get("id"))
        article = self.languages.article(lang, article_id) if article_id is not None else None
        if path != "/shownews.php" or article is None:
            return self._not_found()
        views = self.views.hit(f"{lang}:{article.id}")
        index = column.index(article)
        newer = column[index - 1] if index > 0 else None
        older = column[index + 1] if index + 1 < len(column) else None
        chrome = self._chrome(lang, article)
        main = pages.article_main(article, views, newer, older, chrome)
        trail = [(f"/index.php?lang={lang}", chrome.home), (f"/{chrome.listing}", chrome.column)]
        title = f"{article.headline}-{chrome.site_title}"
        description = article.paragraphs[0][:80]
        return self._html(pages.document(title, trail, main, sidebar, description, chrome))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
