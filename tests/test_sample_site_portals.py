"""The sample portals where every page is dated serve exactly their ground truth.

Each portal (the City of Riverbend, a WordPress-like US city site, and Ekbacka kommun, a
SiteVision-like Swedish one) is served over HTTP on a free port of 127.0.0.1 and read once,
page by page: the sitemap, the news listings, the feed, the links and the dates must agree with
``news_urls``, ``all_page_urls`` and ``pages_by_kind``, and dates must keep their relation to
the day the site is served. No crawl and no classification here.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from types import ModuleType
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from parsel import Selector

from crawler.sample_site import kommun, municipal
from crawler.sample_site.server import Request, RequestLog, SiteServer

_SWEDISH_MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


def _us_footer(text: str) -> date:
    found = re.search(r"(?:Last updated|Page reviewed on) (\w+ \d{1,2}, \d{4})", text)
    assert found, text
    return datetime.strptime(found.group(1), "%B %d, %Y").date()


def _swedish_footer(text: str) -> date:
    if found := re.search(r"Sidan granskades: (\d{4}-\d{2}-\d{2})", text):
        return date.fromisoformat(found.group(1))
    found = re.search(r"Senast uppdaterad: (\d{1,2}) (\w+) (\d{4})", text)
    assert found, text
    day, month, year = found.groups()
    return date(int(year), _SWEDISH_MONTHS.index(month) + 1, int(day))


@dataclass(frozen=True)
class Portal:
    """What a test needs to know about one portal's markup to read it."""

    package: ModuleType
    site: Callable[..., object]
    news_listing: str  # the first page of the news listing
    news_entry: str  # XPath of one entry of a listing (its first link is the article)
    upcoming: str  # the listing of upcoming events
    event_link: str  # XPath of the links to events in that listing
    modified_meta: str  # XPath of the second meta tag with the modification date
    footer: str  # XPath of the element with the footer's date line
    footer_date: Callable[[str], date]
    min_article_services: int


PORTALS = {
    "municipal": Portal(
        municipal,
        municipal.MunicipalSite,
        news_listing="news/",
        news_entry='//article[@class="post-entry"]',
        upcoming="events/",
        event_link='//div[@class="event-card"]//a/@href',
        modified_meta='//meta[@property="article:modified_time"]/@content',
        footer='//p[@class="page-updated"]',
        footer_date=_us_footer,
        min_article_services=50,
    ),
    "kommun": Portal(
        kommun,
        kommun.KommunSite,
        news_listing="nyheter.html",
        news_entry='//li[@class="news-item"]',
        upcoming="uppleva-och-gora/evenemang.html",
        event_link='//li[@class="event-item"]/a/@href',
        modified_meta='//meta[@name="DC.date.modified"]/@content',
        footer='//footer[@class="sv-page-info"]',
        footer_date=_swedish_footer,
        min_article_services=20,
    ),
}


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    text: str

    @property
    def html(self) -> Selector:
        return Selector(text=self.text)


def get(url: str) -> Answer:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            body = response.read()
            return Answer(response.status, response.headers["Content-Type"], body.decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers["Content-Type"], error.read().decode())


@dataclass
class Served:
    """One portal served over HTTP, with its ground truth and every page read once."""

    portal: Portal
    base: str
    today: date
    truth: set[str]
    news: set[str]
    kinds: dict[str, set[str]]
    pages: dict[str, Answer]

    def links(self, url: str) -> set[str]:
        """The links of a page to other pages of its site, without fragments."""
        hrefs = self.pages[url].html.xpath("//a/@href").getall()
        absolute = {urldefrag(urljoin(url, href)).url for href in hrefs} - {url}
        return {link for link in absolute if urlsplit(link).netloc == urlsplit(self.base).netloc}


@pytest.fixture(scope="module", params=sorted(PORTALS))
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    portal = PORTALS[request.param]
    server = SiteServer(portal.package.PROFILE.name, 0, RequestLog())
    today = portal.package.local_today()
    base = server.base_url
    server.app = portal.site(base, today)
    server.serve()
    try:
        truth = portal.package.all_page_urls(base, today)
        pages = {url: get(url) for url in sorted(truth)}
        kinds = portal.package.pages_by_kind(base, today)
        yield Served(
            portal, base, today, truth, portal.package.news_urls(base, today), kinds, pages
        )
    finally:
        server.stop()


@pytest.fixture(scope="module")
def listed(served: Served) -> dict[str, date]:
    """Every entry of the news listing, followed page by page: article URL -> listed date."""
    found: dict[str, date] = {}
    url: str | None = served.base + served.portal.news_listing
    pages = 0
    while url is not None:
        page = served.pages[url].html
        for entry in page.xpath(served.portal.news_entry):
            link = urljoin(url, entry.xpath(".//a/@href").get())
            assert link not in found, f"{link} listed twice"
            found[link] = date.fromisoformat(entry.xpath(".//time/@datetime").get()[:10])
        following = page.xpath('//link[@rel="next"]/@href | //a[@rel="next"]/@href').get()
        url = urljoin(url, following) if following else None
        pages += 1
    assert pages >= 4
    return found


def _meta_date(answer: Answer, xpath: str) -> date:
    value = answer.html.xpath(xpath).get()
    assert value, xpath
    return date.fromisoformat(value[:10])


def _schema(answer: Answer, kind: str) -> list[dict]:
    """Every JSON-LD object of a type on a page, inside graphs and lists too."""
    found = []
    for text in answer.html.xpath('//script[@type="application/ld+json"]/text()').getall():
        data = json.loads(text)
        objects = data if isinstance(data, list) else data.get("@graph", [data])
        found += [thing for thing in objects if thing.get("@type") == kind]
    return found


def test_the_ground_truth_names_every_page_once(served: Served) -> None:
    kinds = served.kinds
    assert sum(len(urls) for urls in kinds.values()) == len(served.truth)
    assert set().union(*kinds.values()) == served.truth
    assert kinds["news"] == served.news
    assert len(served.news) >= 40
    assert len(served.truth) >= 3 * len(served.news)
    assert kinds["service"] and kinds["event"] and kinds["hub"] and kinds["policy"]


def test_robots_txt_names_the_sitemap(served: Served) -> None:
    robots = get(served.base + "robots.txt")
    assert f"Sitemap: {served.base}sitemap.xml" in robots.text.splitlines()


def test_the_sitemap_lists_every_page_and_nothing_that_fails(served: Served) -> None:
    sitemap = Selector(text=get(served.base + "sitemap.xml").text, type="xml")
    sitemap.remove_namespaces()
    locations = sitemap.xpath("//url/loc/text()").getall()
    assert len(locations) == len(set(locations))
    assert set(locations) == served.truth
    for entry in sitemap.xpath("//url"):
        url = entry.xpath("loc/text()").get()
        assert served.pages[url].status == 200
        lastmod = date.fromisoformat(entry.xpath("lastmod/text()").get()[:10])
        assert lastmod == _meta_date(served.pages[url], '//meta[@name="moddate"]/@content')


def test_every_page_is_dated_by_its_modification_in_head_and_footer(served: Served) -> None:
    for url, answer in served.pages.items():
        assert answer.status == 200, url
        assert answer.content_type.startswith("text/html"), url
        moddate = _meta_date(answer, '//meta[@name="moddate"]/@content')
        assert moddate < served.today, url
        assert _meta_date(answer, served.portal.modified_meta) == moddate, url
        footer = " ".join(answer.html.xpath(f"string({served.portal.footer})").get().split())
        assert served.portal.footer_date(footer) == moddate, url


def test_the_news_listing_pages_list_exactly_the_news(
    served: Served, listed: dict[str, date]
) -> None:
    assert set(listed) == served.news
    assert all(day < served.today for day in listed.values())
    in_order = list(listed.values())
    assert in_order == sorted(in_order, reverse=True)


def test_the_feed_lists_the_newest_news(served: Served, listed: dict[str, date]) -> None:
    feed_link = (
        served.pages[served.base].html.xpath('//link[@type="application/rss+xml"]/@href').get()
    )
    feed = get(feed_link)
    assert feed.status == 200 and "xml" in feed.content_type
    items = Selector(text=feed.text, type="xml").xpath("//item")
    links = [item.xpath("link/text()").get() for item in items]
    assert len(links) >= 10 and set(links) <= served.news
    published = [parsedate_to_datetime(item.xpath("pubDate/text()").get()) for item in items]
    assert [moment.date() for moment in published] == [listed[link] for link in links]
    left_out = [day for link, day in listed.items() if link not in links]
    assert not left_out or min(listed[link] for link in links) >= max(left_out)


def test_every_page_linked_is_in_the_ground_truth(served: Served) -> None:
    linked = set().union(*(served.links(url) for url in served.pages))
    assert served.truth <= linked | {served.base}
    for other in sorted(linked - served.truth):
        answer = get(other)  # a feed, an iCalendar export: served, but not a page
        assert answer.status == 200, other
        assert not answer.content_type.startswith("text/html"), other


def test_every_page_is_reachable_by_links_from_the_start_page(served: Served) -> None:
    seen = {served.base}
    frontier = [served.base]
    while frontier:
        for link in served.links(frontier.pop()) & served.truth - seen:
            seen.add(link)
            frontier.append(link)
    assert seen == served.truth


def test_events_declare_their_start_on_the_right_side_of_today(served: Served) -> None:
    now = datetime.now().astimezone()
    upcoming = set()
    for url in served.kinds["event"]:
        (event,) = _schema(served.pages[url], "Event")
        if datetime.fromisoformat(event["startDate"]) > now:
            upcoming.add(url)
    assert len(upcoming) >= 8
    assert len(served.kinds["event"] - upcoming) >= 8
    listing_url = served.base + served.portal.upcoming
    listed = served.pages[listing_url].html.xpath(served.portal.event_link).getall()
    assert {urljoin(listing_url, href) for href in listed} == upcoming


def test_news_are_published_before_they_are_modified(
    served: Served, listed: dict[str, date]
) -> None:
    declared = 0
    for url in served.news:
        answer = served.pages[url]
        assert listed[url] <= _meta_date(answer, '//meta[@name="moddate"]/@content')
        for article in _schema(answer, "NewsArticle") + _schema(answer, "BlogPosting"):
            assert date.fromisoformat(article["datePublished"][:10]) == listed[url]
            declared += 1
    assert 0 < declared < len(served.news)  # most declare themselves, not all


def test_many_service_pages_say_they_are_articles(served: Served) -> None:
    def og_type(url: str) -> str | None:
        return served.pages[url].html.xpath('//meta[@property="og:type"]/@content').get()

    services = served.kinds["service"]
    articles = {url for url in services if og_type(url) == "article"}
    assert served.portal.min_article_services <= len(articles) < len(services)


def test_pages_are_the_same_on_every_request(served: Served) -> None:
    samples = [served.base, served.base + served.portal.news_listing]
    samples += [min(served.kinds[kind]) for kind in ("news", "event", "service", "policy")]
    for url in samples:
        assert get(url).text == served.pages[url].text, url


def test_an_unknown_address_is_not_found(served: Served) -> None:
    assert get(served.base + "no/such/page/").status == 404


@pytest.mark.parametrize("name", sorted(PORTALS))
@pytest.mark.parametrize("today", [date(2031, 1, 15), date(2034, 7, 1)])
def test_dates_keep_their_relation_to_any_today(name: str, today: date) -> None:
    portal = PORTALS[name]
    base = "http://portal.test/"
    site = portal.site(base, today)
    kinds = portal.package.pages_by_kind(base, today)

    def page(url: str) -> Answer:
        response = site.handle(Request.parse("GET", url.removeprefix(base[:-1]), Message()))
        return Answer(response.status, response.content_type, response.body.decode())

    starts = [
        datetime.fromisoformat(event["startDate"]).date()
        for url in kinds["event"]
        for event in _schema(page(url), "Event")
    ]
    assert len(starts) == len(kinds["event"])
    assert sum(start > today for start in starts) >= 8
    assert sum(start < today for start in starts) >= 8
    assert all(abs((start - today).days) <= 366 for start in starts)
    for url in kinds["news"]:
        moddate = _meta_date(page(url), '//meta[@name="moddate"]/@content')
        assert (today - moddate).days in range(1, 800), url
