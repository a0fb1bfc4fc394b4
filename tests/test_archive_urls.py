"""Canonical URLs and URL keys: variants of one page meet, distinct pages stay apart."""

from __future__ import annotations

import pytest

from archive.urls import canonical_url, is_print_view, site_key, url_key, without_print_switch


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "http://127.0.0.1:8701/shownews.php?lang=cn&id=708&utm_source=wechat",
            "http://127.0.0.1:8701/shownews.php?lang=cn&id=708",
        ),
        ("HTTPS://Example.ORG:443/News/a.html#comments", "https://example.org/News/a.html"),
        ("http://example.org:80/a?fbclid=x&id=3&gclid=y", "http://example.org/a?id=3"),
        ("http://example.org/x;jsessionid=ABC123?id=3", "http://example.org/x?id=3"),
        ("http://example.org/s?kw=%d6%d0", "http://example.org/s?kw=%d6%d0"),
        ("http://example.org/新闻/1.html", "http://example.org/%E6%96%B0%E9%97%BB/1.html"),
        ("http://example.org/list.php?sid=4&from=20", "http://example.org/list.php?sid=4&from=20"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "variant",
    [
        "https://www.example.org/news/2023/05/12/slug/",
        "http://example.org/news/2023/05/12/slug",
        "http://example.org/news/2023/05/12/slug/index.html",
        "http://example.org/news/2023/05/12/slug/?utm_medium=rss",
        "http://example.org/news/2023/05/12/slug/?print=1",
    ],
)
def test_url_variants_share_one_key(variant: str) -> None:
    assert url_key(variant) == "example.org/news/2023/05/12/slug"


def test_url_key_orders_parameters_but_keeps_them() -> None:
    assert url_key("http://e.org/show.php?lang=cn&id=7") == url_key(
        "http://e.org/show.php?id=7&lang=cn"
    )
    assert url_key("http://e.org/show.php?id=7") != url_key("http://e.org/show.php?id=8")


def test_site_key_is_host_and_port_without_www() -> None:
    assert site_key("http://www.Example.org/a") == "example.org"
    assert site_key("http://127.0.0.1:8701/") == "127.0.0.1:8701"
    assert site_key("https://example.org:443/") == "example.org"


@pytest.mark.parametrize(
    ("url", "view"),
    [
        ("http://a.example/news/detail.php?ID=5&print=Y", "http://a.example/news/detail.php?ID=5"),
        ("http://a.example/news/?print=1&id=5", "http://a.example/news/?id=5"),
        ("http://a.example/news/5/print/", "http://a.example/news/5/print/"),  # path: kept
        ("http://a.example/news/?id=5", "http://a.example/news/?id=5"),
    ],
)
def test_a_print_switch_in_the_query_leads_to_the_article_view(url: str, view: str) -> None:
    assert without_print_switch(url) == view


def test_print_views_by_parameter_or_path() -> None:
    assert is_print_view("http://a.example/news/detail.php?ID=5&print=Y")
    assert is_print_view("http://a.example/news/5/print/")
    assert not is_print_view("http://a.example/news/blueprint/")
    assert not is_print_view("http://a.example/news/detail.php?ID=5")
