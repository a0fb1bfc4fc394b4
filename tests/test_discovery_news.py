"""Is a page news? Its evidence (declared type, kind of date, shape), where it sits on its site
(news sections learned from listings and feeds), and the verdict that weighs them."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.discovery.classify import PageKind, read_page
from crawler.discovery.evidence import PageEvidence
from crawler.discovery.sections import DatedEntry, Location, NewsSections, day_of
from crawler.discovery.sitemaps import SitemapStream
from crawler.discovery.verdict import decide

PROSE = (
    "<p>The council approved the budget after a long debate about roads, schools and the "
    "water plant, and agreed to publish the figures for every district next month.</p>"
) * 3
TODAY = date(2026, 5, 20)


def page(head: str = "", main: str = "", *, footer: str = "") -> str:
    return (
        f"<html><head><title>T</title>{head}</head><body><nav><a href='/'>Home</a></nav>"
        f"<main>{main}</main><footer>{footer}</footer></body></html>"
    )


def evidence(html: str, url: str = "http://city.example/x/") -> PageEvidence:
    return read_page(html, url).evidence


def test_a_modification_date_is_not_a_publication_date() -> None:
    modified = page(
        '<meta name="moddate" content="2026-03-01">'
        '<meta property="article:modified_time" content="2026-03-01T10:00:00+00:00">',
        f"<h1>Pay your water bill</h1>{PROSE}",
        footer="<p>Last updated <time datetime='2026-03-01'>March 1, 2026</time></p>",
    )
    found = evidence(modified)
    assert found.published is None and found.modified


@pytest.mark.parametrize(
    ("head", "main", "source"),
    [
        ('<meta property="article:published_time" content="2026-03-01">', "", "meta"),
        ("", "<p>Posted on <time class='entry-date published'>March 1, 2026</time></p>", "byline"),
        ("", "<p>Published: 03/01/2026</p>", "byline"),
        ("", "<p>Опубликовано: 12 мая 2023</p>", "byline"),
        ("", "<p>2022-01-30 19:04:10 秘书处 1</p>", "byline"),  # the line under the headline
    ],
)
def test_a_publication_date_is_read_where_pages_give_one(head: str, main: str, source: str) -> None:
    html = page(head, f"<h1>Council approves budget</h1>{main}{PROSE}")
    assert evidence(html).published == source


def test_a_date_under_the_headline_that_says_updated_is_no_publication_date() -> None:
    html = page("", f"<h1>Parking permits</h1><p>Senast uppdaterad: 2026-03-01</p>{PROSE}")
    assert evidence(html).published is None


def test_json_ld_dates_count_only_on_an_article() -> None:
    graph = (
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage", '
        '"datePublished": "2020-01-01", "dateModified": "2026-03-01"}%s]}</script>'
    )
    webpage = evidence(page(graph % "", f"<h1>Permits</h1>{PROSE}"))
    assert webpage.published is None and webpage.modified and webpage.declared_news is None
    article = ', {"@type": "NewsArticle", "datePublished": "2026-03-01"}'
    news = evidence(page(graph % article, f"<h1>Budget</h1>{PROSE}"))
    assert news.published == "declared" and news.declared_news == "newsarticle"


def test_events_and_services_declare_what_they_are() -> None:
    script = '<script type="application/ld+json">[{"@type": "Event", "startDate": "x"}]</script>'
    assert evidence(page(script, PROSE)).declared_other == "event"


def test_og_type_article_alone_does_not_make_an_article() -> None:
    html = page('<meta property="og:type" content="article">', f"<h1>Fees</h1>{PROSE}")
    assert read_page(html, "http://city.example/fees/").kind is PageKind.CANDIDATE


def test_a_form_and_a_hub_of_links_are_not_running_text() -> None:
    fields = "".join(f"<input name='f{n}'>" for n in range(5))
    form = evidence(page("", f"<h1>Apply</h1><form action='/a'>{fields}</form>{PROSE}"))
    assert form.shape == "a form" and not form.running_text
    links = "".join(
        f"<li><a href='/s/{n}/'>Service number {n} of the city</a></li>" for n in range(40)
    )
    assert not evidence(page("", f"<h1>Services</h1><ul>{links}</ul>")).running_text


def listing(entries: list[tuple[str, str]]) -> str:
    items = "".join(
        f"<article class='post'><h3><a href='{url}'>Headline {n}</a></h3>"
        f"<div><time datetime='{day}'>{day}</time> · <a href='/news/category/x/'>X</a></div>"
        f"<p>Summary of the entry.</p></article>"
        for n, (url, day) in enumerate(entries)
    )
    return page("", f"<h1>News</h1>{items}")


def test_a_listing_reads_as_dated_entries_with_their_headline_links() -> None:
    days = [f"2026-05-0{n}" for n in range(1, 5)]
    html = listing([(f"/news/2026/05/0{n}/story-{n}/", d) for n, d in enumerate(days, 1)])
    reading = read_page(html, "http://city.example/news/")
    assert reading.kind is PageKind.LISTING
    assert [(e.url, e.day) for e in reading.entries] == [
        (f"http://city.example/news/2026/05/0{n}/story-{n}/", date(2026, 5, n)) for n in range(1, 5)
    ]


def sections_from(urls: list[str], days: list[date | None]) -> NewsSections:
    sections = NewsSections(TODAY)
    sections.learn("http://city.example/list/", "listing", map(DatedEntry, urls, days))
    return sections


def test_past_entries_make_a_news_section_and_its_shape() -> None:
    urls = [f"http://city.example/news/2026/05/0{n}/story-{n}/" for n in range(1, 4)]
    sections = sections_from(urls, [date(2026, 5, n) for n in range(1, 4)])
    assert sections.known
    listed = sections.locate(urls[0])
    assert listed is not None and listed.listed == date(2026, 5, 1)
    unlisted = sections.locate("http://city.example/news/2025/01/09/older-story/")
    assert unlisted is not None and unlisted.listed is None and "shaped like" in unlisted.reason
    assert sections.locate("http://city.example/services/permits/fence/") is None


def test_entries_dated_ahead_are_events_not_news() -> None:
    urls = [f"http://city.example/events/event-{n}/" for n in range(1, 5)]
    sections = sections_from(urls, [date(2026, 6, n) for n in range(1, 5)])
    assert not sections.known and sections.locate(urls[0]) is None


def test_a_bare_slug_shape_names_no_section() -> None:
    urls = [f"http://city.example/story-{n}/" for n in range(1, 4)]
    sections = sections_from(urls, [date(2026, 5, n) for n in range(1, 4)])
    assert sections.locate(urls[0]) is not None  # listed under a date itself
    assert sections.locate("http://city.example/pay-a-bill/") is None


IN_SECTION = Location("listed with a date by http://city.example/news/", date(2026, 5, 1))
WEAK_ALL = PageEvidence(og_article=True, published="meta", paragraphs=3, link_density=0.1)


def test_weak_signals_together_never_decide_alone() -> None:
    assert decide(WEAK_ALL, None, sections_known=True, final=True).decision == "left"
    assert decide(WEAK_ALL, IN_SECTION, sections_known=True, final=True).taken


def test_a_page_waits_for_the_sections_until_the_crawl_has_read_them() -> None:
    assert decide(WEAK_ALL, None, sections_known=True, final=False).held
    # A site that has shown no news section (yet): its pages' own evidence decides, at once.
    for final in (False, True):
        own = decide(WEAK_ALL, None, sections_known=False, final=final)
        assert own.taken and own.reasons[0] == "no news section seen on the site"
    short = PageEvidence(published="byline", paragraphs=1, link_density=0.1)
    assert decide(short, None, sections_known=False, final=False).taken  # short news, too
    hub = PageEvidence(og_article=True, published="byline", paragraphs=1, link_density=0.7)
    assert decide(hub, None, sections_known=False, final=False).held  # a place would do
    assert decide(hub, None, sections_known=False, final=True).decision == "left"


def test_declared_events_are_left_wherever_they_sit() -> None:
    event = PageEvidence(types=frozenset({"event"}), published="byline", paragraphs=3)
    verdict = decide(event, IN_SECTION, sections_known=True, final=True)
    assert verdict.decision == "left" and verdict.reasons == ("declares event",)


def test_a_page_in_a_news_section_needs_a_publication_date() -> None:
    undated = PageEvidence(modified=True, paragraphs=3, link_density=0.1)
    shaped = Location("shaped like the news listed by http://city.example/news/")
    verdict = decide(undated, shaped, sections_known=True, final=True)
    assert verdict.decision == "left" and verdict.reasons[0] == "only a modification date"
    assert decide(undated, IN_SECTION, sections_known=True, final=True).taken  # listed date


def test_a_declared_news_article_is_news_outside_the_sections_too() -> None:
    news = PageEvidence(types=frozenset({"newsarticle"}), published="declared", paragraphs=3)
    verdict = decide(news, None, sections_known=True, final=True)
    assert verdict.taken and verdict.text.startswith("taken: declares newsarticle")


NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>http://city.example/press/council-budget</loc><lastmod>2026-05-19</lastmod>
    <news:news><news:publication_date>2026-05-02T10:00:00+02:00</news:publication_date>
    <news:title>Council approves budget</news:title></news:news></url>
  <url><loc>http://city.example/press/bridge-opens</loc>
    <news:news><news:publication_date>2026-05-09</news:publication_date></news:news></url>
  <url><loc>http://city.example/services/permits</loc><lastmod>2026-05-19</lastmod></url>
</urlset>"""


def test_a_news_sitemap_places_its_entries_in_a_news_section() -> None:
    entries = list(SitemapStream(NEWS_SITEMAP, 1 << 20).entries())
    assert [e.news_published for e in entries] == ["2026-05-02T10:00:00+02:00", "2026-05-09", None]
    assert entries[0].lastmod == "2026-05-19"  # the lastmod stays what revisits read
    sections = NewsSections(TODAY)
    news = [DatedEntry(e.loc, day_of(e.news_published)) for e in entries if e.news_published]
    sections.learn("http://city.example/news-sitemap.xml", "news sitemap", news)
    found = sections.locate("http://city.example/press/council-budget")
    assert found is not None and found.listed == date(2026, 5, 2)
    assert found.reason == "in the news sitemap http://city.example/news-sitemap.xml"
    assert sections.locate("http://city.example/services/permits") is None
