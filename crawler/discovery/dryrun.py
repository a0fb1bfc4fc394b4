"""Discovery dry run for ``secnews sites add``: a handful of polite requests to see a new site.

robots.txt, its sitemaps (or the conventional one), the feeds the start page announces, the
start page and one listing page: enough to name the site, its listing and pagination pattern,
a sample of article URLs and the news sections those pages show (their dated entries), without
crawling it. The requests go one at a time through the
crawl's own downloader (``crawler.politefetch``): robots.txt, scope, address policy, size
and time limits as in a crawl.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import HtmlResponse

from archive.urls import canonical_url
from crawler.discovery.classify import read_page
from crawler.discovery.feeds import Entry, parse_feed
from crawler.discovery.links import Link, feed_links, is_pagination, page_links
from crawler.discovery.sections import DatedEntry, NewsSections, Section, day_of
from crawler.discovery.sitemaps import FEED_ROOTS, SITEMAP_ROOTS, SitemapStream
from crawler.discovery.urlpatterns import group_by_shape, shape_pattern
from crawler.extract.language import detect_language
from crawler.politefetch import Fetched, Fetcher, one_off_settings, run_one_off

log = logging.getLogger(__name__)

SAMPLE = 5
MIN_ARTICLE_GROUP = 3
LISTED_SAMPLE = 5000  # page URLs of a sitemap kept to find the articles' pattern
NEWS_WORDS = ("news", "press", "media", "novost", "новост", "新闻", "动态", "yangilik", "жаңалық")


@dataclass
class Discovered:
    """What a dry run found on a site."""

    start_url: str
    title: str = ""
    language: str | None = None  # the start page's, read from its text
    declared_language: str | None = None  # as the page's <html lang> declares it
    robots: str = "not fetched"
    start_kind: str | None = None
    sitemaps: dict[str, int] = field(default_factory=dict)  # URL -> page URLs listed
    feeds: dict[str, int] = field(default_factory=dict)  # URL -> items
    listing_url: str | None = None
    pagination_pattern: str | None = None
    pagination_examples: list[str] = field(default_factory=list)
    article_pattern: str | None = None
    article_count: int = 0
    article_sample: list[str] = field(default_factory=list)
    blocked: bool = False  # robots.txt disallows the start URL
    moved_to: str | None = None  # the start URL redirects to another site
    notes: list[str] = field(default_factory=list)
    requests: int = 0
    news_sections: list[Section] = field(default_factory=list)  # as the pages read show them


def _page(answer: Fetched) -> HtmlResponse | None:
    if "html" not in answer.content_type.lower() and b"<html" not in answer.body[:4096].lower():
        return None
    headers = {"Content-Type": answer.content_type} if answer.content_type else {}
    return HtmlResponse(answer.url, body=answer.body, headers=headers)


async def _listed(fetcher: Fetcher, url: str) -> tuple[list[str], list[Entry], int]:
    """(child sitemaps, page URLs, how many pages it lists) of a sitemap or feed at ``url``;
    empty if neither. A sitemap is read as a stream, and only its first ``LISTED_SAMPLE``
    pages are kept to find the articles' pattern."""
    answer = await fetcher.get(url)
    if answer is None:
        return [], [], 0
    stream = SitemapStream(answer.body, fetcher.max_inflated)
    root = stream.root()
    if root in SITEMAP_ROOTS:
        return _sitemap_sample(stream)
    if root in FEED_ROOTS:
        entries = parse_feed(answer.body, answer.url)
        return [], entries, len(entries)
    return [], [], 0


def _sitemap_sample(stream: SitemapStream) -> tuple[list[str], list[Entry], int]:
    children: list[str] = []
    pages: list[Entry] = []
    count = 0
    for entry in stream.entries():
        count += entry.kind != "sitemap"
        if entry.kind == "sitemap" and len(children) < LISTED_SAMPLE:
            children.append(entry.loc)
        elif entry.kind != "sitemap" and len(pages) < LISTED_SAMPLE:
            pages.append(Entry(entry.loc, entry.lastmod, news_published=entry.news_published))
    return children, pages, count


async def _read_sitemaps(
    fetcher: Fetcher, found: Discovered, urls: list[str], sections: NewsSections
) -> list[str]:
    pages: list[str] = []
    for url in urls[:2]:
        children, listed, count = await _listed(fetcher, url)
        if children and not listed:  # a sitemap index: look into its first sitemap
            url = children[0]
            children, listed, count = await _listed(fetcher, url)
        if listed:
            found.sitemaps[url] = count
            news = [
                DatedEntry(canonical_url(e.url), day_of(e.news_published))
                for e in listed
                if e.news_published
            ]
            if news:
                sections.learn(url, "news sitemap", news)
            pages += [entry.url for entry in listed]
    return pages


async def _read_feeds(
    fetcher: Fetcher, found: Discovered, urls: list[str], sections: NewsSections
) -> list[str]:
    for url in urls[:1]:
        _, listed, count = await _listed(fetcher, url)
        if listed:
            found.feeds[url] = count
            entries = [DatedEntry(canonical_url(e.url), day_of(e.published)) for e in listed]
            sections.learn(url, "feed", entries)
            return [entry.url for entry in listed]
    return []


def _learn_listing(sections: NewsSections, page: HtmlResponse) -> str:
    """The page's kind; its dated entries, when it lists any, learned as a news section's."""
    reading = read_page(page.text, page.url)
    if len(reading.entries) >= 3:
        sections.learn(page.url, "listing", reading.entries)
    return reading.kind.value


def _listing_link(page: HtmlResponse, links: list[Link], start: str) -> str | None:
    """The page to read as a listing: the next page of the start page, else its news section."""
    for link in links:
        if is_pagination(link) and link.url != start:
            return link.url
    news = [
        link
        for link in links
        if link.url != start
        and any(word in f"{urlsplit(link.url).path} {link.text}".lower() for word in NEWS_WORDS)
    ]
    # The section front above its articles: the shortest path that names the news.
    return min(news, key=lambda link: urlsplit(link.url).path.count("/")).url if news else None


def _page_facts(found: Discovered, page: HtmlResponse) -> None:
    found.title = " ".join(
        (
            page.xpath("//meta[@property='og:site_name']/@content").get()
            or page.xpath("//title/text()").get()
            or ""
        ).split()
    )[:200]
    found.declared_language = (page.xpath("/html/@lang").get() or "").strip() or None
    text = " ".join(page.xpath("//body//text()[not(ancestor::script or ancestor::style)]").getall())
    found.language = detect_language(" ".join(text.split()), found.declared_language)


def discover(
    start_url: str, *, delay: float = 1.0, settings: dict[str, str] | None = None
) -> Discovered:
    """Run the dry run against ``start_url``; never leaves the site, obeys robots.txt.
    ``settings`` override the crawl's (``DOWNLOAD_TIMEOUT``, say) for these requests."""
    chosen = one_off_settings({"DOWNLOAD_DELAY": delay, **(settings or {})})

    async def job(crawler: Any) -> Discovered:
        return await _discover(Fetcher(crawler, start_url))

    return run_one_off(job, start_url, chosen)


async def _discover(fetcher: Fetcher) -> Discovered:
    start_url = fetcher.start_url
    found = Discovered(start_url)
    start = await fetcher.get(start_url)  # robots.txt is read before it
    found.robots = fetcher.robots
    if start_url in fetcher.forbidden:
        found.blocked = True
        return _finish(found, fetcher)
    page = _page(start) if start else None
    if page is None:
        found.moved_to = fetcher.moved_to
        return _finish(found, fetcher)
    _page_facts(found, page)
    sections = NewsSections(datetime.now(UTC).date())
    found.start_kind = _learn_listing(sections, page)
    sitemaps = _sitemap_urls(fetcher, start_url)
    listed = await _read_sitemaps(fetcher, found, sitemaps, sections)
    listed += await _read_feeds(fetcher, found, feed_links(page.selector, page.url), sections)
    links = [link for link in page_links(page.selector, page.url) if fetcher.in_scope(link.url)]
    found.listing_url = _listing_link(page, links, page.url)
    if found.listing_url:
        listing = await fetcher.get(found.listing_url)
        second = _page(listing) if listing else None
        if second is not None:
            _learn_listing(sections, second)
            more = page_links(second.selector, second.url)
            links += [link for link in more if fetcher.in_scope(link.url)]
    found.news_sections = sections.found()
    _patterns(found, links, listed, fetcher)
    return _finish(found, fetcher)


def _sitemap_urls(fetcher: Fetcher, start_url: str) -> list[str]:
    named = fetcher.robots_sitemaps
    parts = urlsplit(start_url)
    return named or [f"{parts.scheme}://{parts.netloc}/sitemap.xml"]


def _patterns(found: Discovered, links: list[Link], listed: list[str], fetcher: Fetcher) -> None:
    pagination = [canonical_url(link.url) for link in links if is_pagination(link)]
    if pagination:
        group = group_by_shape(pagination)[0]
        found.pagination_pattern = shape_pattern(group)
        found.pagination_examples = group[:2]
    seen = {canonical_url(found.start_url), *pagination}
    candidates = [canonical_url(url) for url in listed if fetcher.in_scope(url)]
    if not candidates:
        candidates = [url for link in links if (url := canonical_url(link.url)) not in seen]
    groups = [g for g in group_by_shape(candidates) if len(g) >= MIN_ARTICLE_GROUP]
    # Where the site lists its news beats the largest group of URLs (a portal's services).
    news = {section.pattern for section in found.news_sections}
    groups = [g for g in groups if shape_pattern(g) in news] or groups
    if groups:
        found.article_pattern = shape_pattern(groups[0])
        found.article_count = len(groups[0])
        found.article_sample = groups[0][:SAMPLE]
    if found.news_sections and found.article_pattern not in news:
        section = found.news_sections[0]
        found.article_pattern, found.article_count = section.pattern, section.entries
        found.article_sample = list(section.examples)


def _finish(found: Discovered, fetcher: Fetcher) -> Discovered:
    found.moved_to = found.moved_to or fetcher.moved_to
    found.notes = list(fetcher.notes)
    found.requests = fetcher.requests
    return found
