"""Which addresses a crawl may contact (``crawler.netpolicy``), and the scope middleware that
enforces it on every request, images and redirects included."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from crawler.middlewares.scope import MEDIA_META, SiteScopeMiddleware
from crawler.netpolicy import forbidden_address, forbidden_url, ip_literal


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("10.0.0.1", "private address 10.0.0.1"),
        ("172.16.5.4", "private address 172.16.5.4"),
        ("192.168.1.1", "private address 192.168.1.1"),
        ("169.254.169.254", "link-local address 169.254.169.254"),
        ("0.0.0.0", "unspecified address 0.0.0.0"),
        ("224.0.0.251", "multicast address 224.0.0.251"),
        ("240.0.0.1", "reserved address 240.0.0.1"),
        ("100.64.0.1", "non-public address 100.64.0.1"),
        ("fc00::1", "private address fc00::1"),
        ("fe80::1%eth0", "link-local address fe80::1"),
        ("::", "unspecified address ::"),
        ("::ffff:10.0.0.1", "private address 10.0.0.1"),
        # Spellings the system resolver reads as the same addresses.
        ("10.1", "private address 10.0.0.1"),
        ("167772161", "private address 10.0.0.1"),
        ("0x0a000001", "private address 10.0.0.1"),
        ("012.0.0.1", "private address 10.0.0.1"),
        ("10.0.0.1.", "private address 10.0.0.1"),
        ("%31%30.0.0.1", "private address 10.0.0.1"),
    ],
)
def test_non_public_addresses_are_forbidden(host: str, reason: str) -> None:
    assert forbidden_address(host) == reason


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "127.9.9.9", "::1", "2130706433", "localhost", "8.8.8.8", "gov.example"]
)
def test_loopback_public_addresses_and_names_are_allowed(host: str) -> None:
    assert forbidden_address(host) is None


def test_names_are_not_taken_for_addresses() -> None:
    assert ip_literal("beef.example") is None and ip_literal("1.2.3.4.5") is None


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://gov.example/", "data:text/html,x", "gopher://x/"]
)
def test_only_the_web_is_fetched(url: str) -> None:
    assert "is not http(s)" in (forbidden_url(url) or "")


def middleware() -> SiteScopeMiddleware:
    crawler = get_crawler()
    crawler.spider = type("Spider", (), {"scope": frozenset({"127.0.0.1:8701"})})()
    return SiteScopeMiddleware.from_crawler(crawler)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.20.30.40/photo.png",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:192.168.0.1]/x.jpg",
        "file:///etc/passwd",
    ],
)
def test_the_scope_refuses_forbidden_addresses_even_for_images(url: str) -> None:
    scope = middleware()
    for meta in ({}, {MEDIA_META: True}):
        with pytest.raises(IgnoreRequest, match="refused: "):
            scope.process_request(Request(url, meta=meta))
    assert scope.crawler.stats.get_value("secnews/refused/forbidden_address") == 2


def test_the_scope_lets_the_site_and_images_elsewhere_through() -> None:
    scope = middleware()
    scope.process_request(Request("http://127.0.0.1:8701/news/"))
    scope.process_request(Request("https://cdn.example/a.jpg", meta={MEDIA_META: True}))
    with pytest.raises(IgnoreRequest, match="off-site"):
        scope.process_request(Request("http://127.0.0.1:8702/news/"))
