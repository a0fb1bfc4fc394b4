"""Recall first: the whole article, however its template splits, wraps or hides it.

Each page here is our own text in a layout seen on real sites nobody here wrote (the
extraction-dev set): articles split into sections, a content column whose class says
"side", a page builder's "widget" blocks, text hidden until a script shows it, a headline
inside a template's header, bylines with bullets and reading times, RDFa dates.
"""

from __future__ import annotations

import pytest

from crawler.extract import extract_article
from crawler.extract.bylines import is_counter, parse_byline

URL = "https://www.office.example/news/2024/regional-transport-plan"
TITLE = "Regional transport plan adopted"
PARAGRAPHS = [
    f"The ministers adopted the regional transport plan on {day}, after two years of "
    f"consultation with the member states and the cities along the corridor, said the "
    f"office in its statement. {topic}"
    for day, topic in [
        ("Monday", "The plan joins the rail networks of the four states."),
        ("Monday", "It sets out twelve new crossings and the timetable for each of them."),
        ("Monday", "Freight and passenger services are to share the upgraded lines."),
        ("Monday", "Financing comes from the common fund and from national budgets."),
        ("Monday", "A joint office will follow the works and report every year."),
        ("Monday", "The first crossing is due to open before the end of next year."),
    ]
]
# Real portals carry more menu and footer text than article text.
MENU = "".join(f'<li><a href="/s{n}">Regional section number {n}</a></li>' for n in range(60))
SITEMAP = "".join(f'<li><a href="/m{n}">Member state office {n}</a></li>' for n in range(60))


def page(body: str, head: str = "") -> str:
    return (
        f"<html><head><title>{TITLE} | Office</title>"
        f'<meta property="og:title" content="{TITLE}">{head}</head>'
        f"<body><nav><ul>{MENU}</ul></nav>{body}"
        f"<footer><ul>{SITEMAP}</ul><p>Copyright Office. All rights reserved.</p></footer>"
        "</body></html>"
    )


def paragraphs(items: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in items)


def read(html: str) -> str:
    record = extract_article(html.encode("utf-8"), URL)
    assert record is not None
    return record.text


def test_an_article_split_into_sections_is_kept_whole() -> None:
    # The densest block is one section; the others are its siblings, after a figure and
    # under headings of their own. All of them are the article.
    sections = "".join(
        f'<section class="story-part"><h2>Part {n}</h2><div class="text-block">'
        f"{paragraphs(PARAGRAPHS[2 * n : 2 * n + 2])}</div></section>"
        f'<figure><img src="/f{n}.jpg" alt=""><figcaption>Map {n}</figcaption></figure>'
        for n in range(3)
    )
    text = read(page(f"<article><h1>{TITLE}</h1>{sections}</article>"))
    assert all(paragraph in text for paragraph in PARAGRAPHS)


@pytest.mark.parametrize(
    "wrapper",
    [
        '<div class="left-side">{}</div><div class="right-side"><a href="/x">More</a></div>',
        '<div class="col-md-7 the-content equalize-sidebar">{}</div>',
        "".join(
            f'<div class="elementor-element elementor-widget elementor-widget-text-editor">'
            f"{{{n}}}</div>"
            for n in range(3)
        ),
        '<div class="rich_media_content" style="visibility: hidden;">{}</div>',
    ],
    ids=["content-column-called-side", "content-and-sidebar-classes", "builder-widgets", "hidden"],
)
def test_an_article_in_a_region_that_looks_like_chrome_is_kept(wrapper: str) -> None:
    if "{0}" in wrapper:
        body = wrapper.format(*(paragraphs(PARAGRAPHS[2 * n : 2 * n + 2]) for n in range(3)))
    else:
        body = wrapper.format(paragraphs(PARAGRAPHS))
    text = read(page(f"<h1>{TITLE}</h1>{body}"))
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert "Section 7" not in text and "All rights reserved" not in text


def test_an_article_in_chunks_between_ad_rails_is_kept_whole() -> None:
    # A magazine template: the story in chunks, each in a grid beside an ad rail. The densest
    # chunk is not the first, and trafilatura reads only the first: both are the article.
    chunk = '<div class="grid"><div class="grid--item body article__body">{}</div>{}</div>'
    rail = '<div class="grid--item adrail"><div class="ad">Advertisement</div></div>'
    chunks = chunk.format(paragraphs(PARAGRAPHS[:2]), rail) + chunk.format(
        paragraphs(PARAGRAPHS[2:]), ""
    )
    text = read(
        page(f'<article><h1>{TITLE}</h1><div class="article__chunks">{chunks}</div></article>')
    )
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert text.index(PARAGRAPHS[1]) < text.index(PARAGRAPHS[2])  # in the page's order
    assert "Advertisement" not in text


@pytest.mark.parametrize("flag", ["no-sidebar", "sidebar-enabled--false", "has-sidebar"])
def test_a_layout_state_flag_does_not_make_a_block_chrome(flag: str) -> None:
    # "sidebar-enabled--false" says the page has no sidebar; the block it sits on is the
    # article's, here its last paragraph, beside a real sidebar that still goes.
    sidebar = '<div class="sidebar"><p>Subscribe to our newsletter for weekly updates.</p></div>'
    body = (
        f'<article><h1>{TITLE}</h1><div class="entry">{paragraphs(PARAGRAPHS[:5])}'
        f'<div class="closing {flag}">{paragraphs(PARAGRAPHS[5:])}</div></div></article>'
        f"{sidebar}"
    )
    text = read(page(body))
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert "Subscribe" not in text


def test_chrome_that_is_chrome_still_goes() -> None:
    sidebar = (
        '<aside class="sidebar"><p>Subscribe to our newsletter for weekly updates.</p></aside>'
    )
    text = read(page(f"<article><h1>{TITLE}</h1>{paragraphs(PARAGRAPHS)}</article>{sidebar}"))
    assert all(paragraph in text for paragraph in PARAGRAPHS)
    assert "Subscribe" not in text


def test_rdfa_date_published_is_read() -> None:
    byline = (
        '<div class="meta-share-group"><time property="schema:datePublished" '
        'datetime="2023-08-08T10:12:00-05:00">August 8, 2023</time>'
        '<a href="/share">Share</a></div>'
    )
    html = page(f"<article><h1>{TITLE}</h1>{byline}{paragraphs(PARAGRAPHS)}</article>")
    record = extract_article(html.encode("utf-8"), URL)
    assert record is not None and record.published == "2023-08-08T10:12:00-05:00"


@pytest.mark.parametrize(
    "line",
    [
        "by Meaghan Weeden ● December 23, 2025 ● 6 min read",
        "By Meaghan Weeden • December 23, 2025 • Reading time: 6 minutes",
        "Meaghan Weeden | December 23, 2025",
    ],
)
def test_byline_fields_apart_by_bullets_and_reading_times(line: str) -> None:
    facts = parse_byline(line)
    assert facts is not None
    assert [date.iso() for date in facts.published] == ["2025-12-23"]
    assert facts.authors == ["Meaghan Weeden"] or facts.bare == "Meaghan Weeden"


@pytest.mark.parametrize(
    "line", ["6 min read", "12 minute read", "Время чтения: 5 мин.", "阅读时间：3分钟"]
)
def test_reading_times_are_furniture(line: str) -> None:
    assert is_counter(line)


def test_headline_inside_a_template_header_is_found_with_its_byline() -> None:
    # Some themes wrap the whole page in <header> and "under-menu" sections: the <h1> that
    # says what og:title says is still the headline, and the line under it the byline.
    body = (
        '<header class="site-wrap"><div class="section article-template under-menu">'
        f'<h1 class="article-title">{TITLE}</h1>'
        '<div class="my-meta"><a href="/search?q=Anna">by Anna Reed</a> '
        '<span class="dot">●</span> March 4, 2024 <span class="dot">●</span> 4 min read</div>'
        f"{paragraphs(PARAGRAPHS)}</div></header>"
    )
    record = extract_article(page(body).encode("utf-8"), URL)
    assert record is not None
    assert (record.title, record.published, record.author) == (TITLE, "2024-03-04", "Anna Reed")
    assert "min read" not in record.text
