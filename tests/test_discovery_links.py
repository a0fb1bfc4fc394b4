"""Link discovery on a parsed page: resolution, what is never a page, and settled links."""

from __future__ import annotations

import pytest
import scrapy
from parsel import Selector

from crawler.discovery.links import Link, declared_canonical, is_pagination, page_links

PAGE = """<html><head><base href="/news/"></head><body>
<nav><a href="/">首页</a> <a href="list_2.html"> 2 </a> <a href="mailto:press@example.org">mail</a>
<a href="javascript:void(0)">menu</a> <a href="#top">top</a></nav>
<a href="2026/01/t20260115_1.html#comments">  Первая
  статья </a>
<a href="http://other.example/page">elsewhere</a>
<a href="/files/report.pdf">report</a> <a>no href</a> <a href="">empty</a>
</body></html>"""
BASE = "http://127.0.0.1:8000/index.html"


def links(**kwargs: object) -> list[Link]:
    return page_links(Selector(text=PAGE), BASE, **kwargs)  # type: ignore[arg-type]


def test_links_are_resolved_against_the_base_and_cleaned() -> None:
    assert [(link.url, link.text) for link in links()] == [
        ("http://127.0.0.1:8000/", "首页"),
        ("http://127.0.0.1:8000/news/list_2.html", "2"),
        ("http://127.0.0.1:8000/news/2026/01/t20260115_1.html", "Первая статья"),
        ("http://other.example/page", "elsewhere"),
    ]
    assert is_pagination(links()[1]) and not is_pagination(links()[2])


def test_settled_links_are_left_out() -> None:
    settled = {"http://127.0.0.1:8000/", "http://other.example/page"}
    assert [link.url for link in links(skip=settled)] == [
        "http://127.0.0.1:8000/news/list_2.html",
        "http://127.0.0.1:8000/news/2026/01/t20260115_1.html",
    ]


def test_a_page_parsed_for_its_links_is_freed_without_the_cycle_collector() -> None:
    import gc
    import weakref

    from scrapy.http import HtmlResponse

    from crawler.discovery.links import page_selector

    response = HtmlResponse(BASE, body=PAGE.encode("utf-8"), encoding="utf-8")
    page = page_selector(response)
    assert len(page_links(page, response.url)) == 4
    gone = weakref.ref(response)
    gc.disable()  # only reference counting may free it
    try:
        del response, page
        assert gone() is None
    finally:
        gc.enable()


CHARSET_CASES = {
    "utf-8": ("text/html; charset=utf-8", PAGE.encode("utf-8"), True),
    "utf-8 with a BOM": ("text/html; charset=utf-8", b"\xef\xbb\xbf" + PAGE.encode(), True),
    "utf-8 from the meta tag": (
        "text/html",
        PAGE.replace("<head>", '<head><meta charset="utf-8">').encode("utf-8"),
        True,
    ),
    "gbk": ("text/html; charset=gbk", PAGE.replace("Первая ", "").encode("gbk"), False),
    "windows-1251": (
        "text/html; charset=windows-1251",
        PAGE.replace("首页", "").encode("cp1251"),
        False,
    ),
    "invalid utf-8": (
        "text/html; charset=utf-8",
        PAGE.encode("utf-8").replace(b"\xd0\x9f", b"\xd0("),
        False,
    ),
    "a NUL byte": (
        "text/html; charset=utf-8",
        PAGE.encode("utf-8").replace(b"<nav>", b"<nav>\0"),
        False,
    ),
}


@pytest.mark.parametrize("case", CHARSET_CASES)
def test_a_page_has_the_links_scrapy_would_parse_from_it(case: str) -> None:
    from lxml import html
    from scrapy.http import HtmlResponse

    from crawler.discovery.links import page_selector

    content_type, body, from_bytes = CHARSET_CASES[case]
    response = HtmlResponse(BASE, body=body, headers={"Content-Type": content_type})
    page = page_selector(response)
    # UTF-8 is parsed from the bytes by lxml's own parser; anything else as Scrapy does.
    assert isinstance(page.root, html.HtmlElement) is not from_bytes
    expected = page_links(scrapy.Selector(response), response.url)
    assert page_links(page, response.url) == expected
    assert len(expected) == 4


def test_a_declared_canonical_url_is_read_resolved() -> None:
    page = Selector(
        text='<html><head><link rel="stylesheet" href="/s.css">'
        '<link rel="Canonical" href=" /news/5.html "></head></html>'
    )
    assert declared_canonical(page, "http://a.example/news/5.html?print=1") == (
        "http://a.example/news/5.html"
    )
    assert (
        declared_canonical(Selector(text="<html><head></head></html>"), "http://a.example/") is None
    )
