"""A page's versions in other languages: hreflang links, and switcher links that keep the id."""

from __future__ import annotations

import pytest

from crawler.extract import extract_article
from crawler.extract.alternates import language_code, switched_language

BODY = "<p>" + "The committee met today and agreed on the plan for the year. " * 4 + "</p>"


@pytest.mark.parametrize(
    ("page", "link", "language"),
    [
        (
            "http://a.org/shownews.php?lang=cn&id=708",
            "http://a.org/shownews.php?lang=en&id=708",
            "en",
        ),
        ("http://a.org/shownews.php?id=708&lang=cn", "/shownews.php?lang=ru&id=708", "ru"),
        ("https://a.org/ru/news/12-summit", "https://a.org/en/news/12-summit", "en"),
        ("https://a.org/news/12-summit/", "https://a.org/kz/news/12-summit", "kk"),
        ("https://ru.a.org/news/12", "https://en.a.org/news/12", "en"),
        ("https://a.org/zh-cn/news/12", "https://a.org/zh-tw/news/12", None),  # one language
        ("http://a.org/shownews.php?lang=cn&id=708", "http://a.org/index.php?lang=en", None),
        (
            "http://a.org/shownews.php?lang=cn&id=708",
            "http://a.org/shownews.php?lang=en&id=709",
            None,
        ),
        ("http://a.org/news.php?lang=cn", "http://a.org/news.php?lang=en", None),  # no id kept
        ("https://a.org/news/2021/12", "https://a.org/news/2021/13", None),
        ("https://a.org/news/it/12", "https://a.org/news/to/12", "to"),  # two codes: a switch
        ("https://a.org/ru/news/12", "https://b.org/en/news/12", None),
    ],
)
def test_a_switcher_link_changes_only_the_language(
    page: str, link: str, language: str | None
) -> None:
    from urllib.parse import urljoin

    assert switched_language(page, urljoin(page, link)) == language


def test_language_codes_as_sites_write_them() -> None:
    assert [
        language_code(v) for v in ("zh-CN", "cn", "ru_RU", "ENG", "kz", "x-default", "news")
    ] == [
        "zh",
        "zh",
        "ru",
        "en",
        "kk",
        None,
        None,
    ]


def test_extraction_keeps_hreflang_and_switcher_alternates_and_ignores_the_rest() -> None:
    page = f"""<html><head><title>Meeting</title>
    <link rel="alternate" hreflang="ru" href="/ru/news/12-meeting">
    <link rel="alternate" hreflang="en" href="https://a.org/en/news/12-meeting">
    <link rel="alternate" hreflang="x-default" href="/news/12-meeting">
    <link rel="alternate" type="application/rss+xml" href="/rss">
    </head><body><div class="langs"><a href="/kk/news/12-meeting">Қазақша</a>
    <a href="/ru/news/12-meeting">Русский</a><a href="/uz/">O'zbek</a></div>
    <article><h1>Meeting</h1><time datetime="2024-03-01">1 March 2024</time>{BODY}</article>
    </body></html>"""
    record = extract_article(page, "https://a.org/en/news/12-meeting")
    assert record is not None
    assert [(a.language, a.how, a.url) for a in record.alternates] == [
        ("ru", "hreflang", "https://a.org/ru/news/12-meeting"),
        ("kk", "switch", "https://a.org/kk/news/12-meeting"),
    ]


def test_a_link_whose_port_is_not_a_number_loses_neither_the_page_nor_its_versions() -> None:
    # wcxb-test-5326 of extraction-dev links "http://host: Fiction Books": read as a URL, its
    # port is not a number. The page is still an article, and the switcher beside it counts.
    page = f"""<html><head><title>Meeting</title></head><body>
    <div class="langs"><a href="https://a.org: Fiction Books">Books</a>
    <a href="/ru/news/12-meeting">Русский</a></div>
    <article><h1>Meeting</h1><time datetime="2024-03-01">1 March 2024</time>{BODY}</article>
    </body></html>"""
    record = extract_article(page, "https://a.org/en/news/12-meeting")
    assert record is not None
    assert [(a.language, a.how) for a in record.alternates] == [("ru", "switch")]
