"""Damaged responses met by the spider's helpers: binary bytes served as HTML, control
characters in a page, links that vary only by tracking parameters, redirects to seen URLs."""

from __future__ import annotations

import random
from pathlib import Path

from scrapy import Request
from scrapy.utils.test import get_crawler

from archive.store import Archive
from crawler.discovery.classify import PageKind, classify_page, looks_binary
from crawler.dupefilter import RedirectFollowingDupeFilter
from crawler.sample_site.hostile_pages import article, png

ARTICLE = article("A statement of the council", "2024-03-01")


def test_binary_bytes_are_told_from_text() -> None:
    assert looks_binary(random.Random(1).randbytes(50_000))
    assert looks_binary(png(400, 300))
    assert not looks_binary(ARTICLE.encode())
    assert not looks_binary(ARTICLE.replace("council", "coun\x00cil").encode())  # one stray NUL
    assert not looks_binary("<p>Привет</p>".encode("utf-16"))  # a BOM says it is text
    assert not looks_binary("中华人民共和国外交部".encode("gbk") * 50)
    assert not looks_binary(b"")


def test_control_characters_do_not_break_classification() -> None:
    # lxml parses these, then refuses them when the navigation is cut out of the tree.
    damaged = ARTICLE.replace("</nav>\n", "</nav>\x01\x00 ").replace("council", "coun\x07cil")
    assert classify_page(damaged, "http://127.0.0.1/news/1.html") is PageKind.CANDIDATE


def test_a_redirect_to_a_url_seen_before_is_followed() -> None:
    crawler = get_crawler()
    seen = RedirectFollowingDupeFilter.from_crawler(crawler)
    page = Request("http://127.0.0.1/news/b")
    assert not seen.request_seen(page)
    assert seen.request_seen(page.replace())  # a plain duplicate is still dropped
    hop = page.replace(meta={"redirect_urls": ["http://127.0.0.1/news/a"]})
    assert not seen.request_seen(hop)


def test_a_link_variant_survives_until_its_article_is_stored(tmp_path: Path) -> None:
    from archive.store.frontier import Frontier

    with Archive(tmp_path) as archive:
        frontier = Frontier(archive.db, "site")
        frontier.add("http://127.0.0.1/news?id=7", "link")
        frontier.note_variant(
            "http://127.0.0.1/news?id=7", "http://127.0.0.1/news?id=7&utm_source=x"
        )
        frontier.note_variant(
            "http://127.0.0.1/news?id=7", "http://127.0.0.1/news?id=7&utm_source=y"
        )
        # A restarted crawl asks again for the link as it was first found.
        assert list(frontier.pending()) == [("http://127.0.0.1/news?id=7&utm_source=x", "link")]
        # Every variant waits for the article, to become its alias.
        assert sorted(frontier.variants("http://127.0.0.1/news?id=7")) == [
            "http://127.0.0.1/news?id=7&utm_source=x",
            "http://127.0.0.1/news?id=7&utm_source=y",
        ]
