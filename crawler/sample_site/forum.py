"""The sample forum: an English WordPress-style site with robots.txt, a sitemap and an RSS feed."""

from __future__ import annotations

import re

from . import forum_pages as pages
from .conditional import answer_conditionally, last_modified
from .forum_content import CATEGORIES, ForumArticle, ForumContent, load_content
from .forum_feeds import robots_txt, rss_feed, sitemap_xml
from .images import picture
from .profile import SiteProfile
from .server import Request, Response
from .state import FIRST_EDITION, HitCounter, SiteState

PROFILE = SiteProfile(
    name="sample-forum",
    title=f"{pages.SITE_NAME} (sample)",
    language="en",
    timezone="Europe/Brussels",
    start_path="",
    default_port=8702,
    requisites=True,
)
PAGE_SIZE = 6
RELATED = 3
# Page path -> key in forum-pages.toml. Robots.txt keeps crawlers out of /internal/.
STATIC_PAGES = {
    "/about/": "about",
    "/contact/": "contact",
    "/internal/": "staff-portal",
    "/internal/drafts/annual-report-2023/": "annual-report-draft",
}
_LISTING_PAGE = re.compile(r"^/news/page/(\d+)/$")
_CATEGORY = re.compile(r"^/news/category/([a-z-]+)/$")
_HTML = "text/html; charset=UTF-8"


def article_urls(base_url: str, state: SiteState = FIRST_EDITION) -> set[str]:
    """Canonical URLs of the posts a correct crawl archives (the flaky one included)."""
    return set(articles(base_url, state))


def articles(base_url: str, state: SiteState = FIRST_EDITION) -> dict[str, ForumArticle]:
    """Canonical URL -> the post as the CMS holds it in state (equal if unchanged), the posts
    it serves but lists nowhere included."""
    content = load_content(state)
    return {base_url + article.path[1:]: article for article in content.articles + content.unlisted}


def unlisted_urls(base_url: str, state: SiteState = FIRST_EDITION) -> set[str]:
    """Canonical URLs of the posts served in state but in no listing, sitemap or feed."""
    return {base_url + article.path[1:] for article in load_content(state).unlisted}


class ForumSite:
    """Answers requests for the forum; counts failures of its flaky pages (pass failures to keep).

    Behind a page cache, as many WordPress sites are: every 200 carries an ETag (a hash of the
    body) and, where a time is known, a Last-Modified; a matching conditional GET gets 304.
    """

    name = PROFILE.name
    server_software = "Apache/2.4.57 (Debian)"

    def __init__(
        self, base_url: str, state: SiteState = FIRST_EDITION, failures: HitCounter | None = None
    ) -> None:
        self.base_url = base_url
        self.content: ForumContent = load_content(state)
        self.failures = failures if failures is not None else HitCounter()
        # Listings, feed and sitemap change whenever any post does: they carry the newest time.
        every = self.content.articles + self.content.removed
        self._site_modified = last_modified(max(a.last_modified for a in every))
        figures = {a.figure.src for a in self.content.articles if a.figure is not None}
        self._images = figures | {pages.LOGO, pages.SHARE_IMAGE}
        self._headers = (
            ("X-Powered-By", "PHP/8.1.27"),
            ("Link", f'<{base_url}wp-json/>; rel="https://api.w.org/"'),
        )

    def handle(self, request: Request) -> Response:
        return answer_conditionally(request, self._respond(request))

    def _respond(self, request: Request) -> Response:
        article = self.content.by_path(request.path)
        if article is not None and self.failures.hit(request.path) <= article.fail_first:
            return Response(500, pages.SERVER_ERROR.encode("utf-8"), _HTML)
        found = self._route(request)
        if found is not None:
            return found
        if self.content.is_removed(request.path):
            return self._html(pages.layout(f"Gone – {pages.SITE_NAME}", pages.gone_main()), 410)
        if self.content.is_moved(request.path):
            return Response.redirect("/news/")  # a take-down as many CMSs make it
        if not request.path.endswith("/") and "." not in request.path.rsplit("/", 1)[-1]:
            slashed = request.path + "/"
            found = self._route(Request("GET", slashed, slashed, {}, {}))
            if found is not None or self.content.is_removed(slashed):
                query = request.target.partition("?")[2]
                return Response.redirect(slashed + (f"?{query}" if query else ""))
        return self._html(
            pages.layout(f"Page not found – {pages.SITE_NAME}", pages.not_found_main()), 404
        )

    def _route(self, request: Request) -> Response | None:
        path = request.path
        if path == "/":
            return self._home(request.query)
        if path == "/robots.txt":
            return Response(200, robots_txt(self.base_url).encode(), "text/plain; charset=utf-8")
        if path == "/sitemap.xml":
            body = sitemap_xml(self.content.articles, self.base_url).encode()
            return Response(200, body, "application/xml; charset=UTF-8", (self._site_modified,))
        if path == "/feed/":
            body = rss_feed(self.content.articles, self.base_url, pages.SITE_NAME).encode()
            headers = (self._site_modified,)
            return Response(200, body, "application/rss+xml; charset=UTF-8", headers)
        if path in self._images:
            found = picture(path, 15, 5) if path == pages.LOGO else picture(path)
            return Response(200, found[1], found[0]) if found else None
        return self._news(path) or self._other_page(path)

    def _html(
        self, text: str, status: int = 200, modified: tuple[str, str] | None = None
    ) -> Response:
        headers = self._headers if modified is None else (*self._headers, modified)
        return Response(status, text.encode("utf-8"), _HTML, headers)

    def _home(self, query: dict[str, str]) -> Response | None:
        if "p" in query:  # WordPress short links, as used in the feed's guids
            post = next((a for a in self.content.articles if str(a.post_id) == query["p"]), None)
            return Response.redirect(post.path) if post else None
        main = pages.home_main(self.content.articles[:3], self.content.events[:2])
        layout = pages.layout(pages.SITE_NAME, main, body_class="home")
        return self._html(layout, modified=self._site_modified)

    def _news(self, path: str) -> Response | None:
        if path == "/news/":
            return self._listing(1)
        if match := _LISTING_PAGE.match(path):
            number = int(match.group(1))
            return Response.redirect("/news/") if number == 1 else self._listing(number)
        if match := _CATEGORY.match(path):
            return self._category(match.group(1))
        article = self.content.by_path(path)
        return self._article(article) if article is not None else None

    def _listing(self, number: int) -> Response | None:
        articles = self.content.articles
        count = -(-len(articles) // PAGE_SIZE)
        if not 1 <= number <= count:
            return None
        entries = articles[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        title = "News" if number == 1 else f"News – Page {number} of {count}"
        main = pages.listing_main("News", entries, number, count)
        layout = pages.layout(f"{title} – {pages.SITE_NAME}", main, body_class="blog")
        return self._html(layout, modified=self._site_modified)

    def _category(self, slug: str) -> Response | None:
        if slug not in CATEGORIES:
            return None
        heading = f"Category: {CATEGORIES[slug]}"
        main = pages.listing_main(heading, self.content.in_category(slug), 1, 1)
        layout = pages.layout(f"{CATEGORIES[slug]} – {pages.SITE_NAME}", main, body_class="archive")
        return self._html(layout, modified=self._site_modified)

    def _article(self, article: ForumArticle) -> Response:
        # The page as the cache holds it: rendered when the post first appeared, so later
        # posts and take-downs leave its neighbours and related links as they were.
        cached = load_content(article.since)
        posts = cached.articles
        index = next(i for i, post in enumerate(posts) if post.post_id == article.post_id)
        newer = posts[index - 1] if index > 0 else None
        older = posts[index + 1] if index + 1 < len(posts) else None
        related = _related(article, cached)
        main = pages.article_main(article, self.base_url, related, newer, older)
        head = pages.article_head(article, self.base_url)
        title = f"{article.headline} – {pages.SITE_NAME}"
        layout = pages.layout(title, main, head=head, body_class="single single-post")
        return self._html(layout, modified=last_modified(article.last_modified))

    def _other_page(self, path: str) -> Response | None:
        if path == "/events/":
            main = pages.events_main(self.content.events)
            return self._html(pages.layout(f"Events – {pages.SITE_NAME}", main))
        page = self.content.pages.get(STATIC_PAGES.get(path, ""))
        if page is None:
            return None
        head = f'<meta name="robots" content="{page.robots}">\n' if page.robots else ""
        return self._html(
            pages.layout(f"{page.title} – {pages.SITE_NAME}", pages.page_main(page), head=head)
        )


def _related(article: ForumArticle, content: ForumContent) -> list[tuple[str, str]]:
    same = [a for a in content.in_category(article.category) if a.post_id != article.post_id]
    return [(a.path, a.headline) for a in same[:RELATED]] + list(article.extra_related)
