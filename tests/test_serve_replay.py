"""``secnews serve`` replays an article's page as captured: rewritten into the replay,
with its requisites, and nothing in it pointing off the server."""

from __future__ import annotations

import re
import sqlite3
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup

from crawler.sample_site import digest_pages as pages
from tests.conftest import Crawl, serving


@pytest.fixture(scope="module")
def served(requisites_crawl: Crawl) -> Iterator[str]:
    with serving(requisites_crawl.data_dir) as url:
        yield url


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as failed:
        return failed.code, dict(failed.headers), failed.read()


def article(crawl: Crawl) -> tuple[int, str, str, str]:
    """(id, URL, title, date of its page's capture) of the first article."""
    with sqlite3.connect(crawl.data_dir / "archive.db") as db:
        article_id, url, title = db.execute(
            "SELECT id, url, title FROM articles ORDER BY id LIMIT 1"
        ).fetchone()
        (date,) = db.execute(
            "SELECT max(warc_date) FROM fetches WHERE url = ? AND status = 200", [url]
        ).fetchone()
    return article_id, url, title, date


def captured_href(served: str, article_id: int) -> tuple[str, str]:
    _, _, body = get(served + f"-/article/{article_id}")
    link = BeautifulSoup(body, "html.parser").select_one("a.captured")
    assert link is not None, "the article page links no capture"
    return str(link["href"]), link.get_text()


def test_the_article_page_links_its_capture_by_date(served: str, requisites_crawl: Crawl) -> None:
    article_id, url, _, date = article(requisites_crawl)
    href, text = captured_href(served, article_id)
    stamp = re.sub(r"\D", "", date)[:14]
    assert href == f"/-/replay/{stamp}/{url}"
    assert text == f"as captured on {date[:10]}"


def test_the_replayed_page_points_only_into_the_replay(
    served: str, requisites_crawl: Crawl
) -> None:
    article_id, url, title, _ = article(requisites_crawl)
    href, _ = captured_href(served, article_id)
    status, headers, body = get(served + href.lstrip("/"))
    assert status == 200
    assert "script-src 'none'" in headers["content-security-policy"]
    assert "default-src 'self'" in headers["content-security-policy"]
    page = BeautifulSoup(body, "html.parser")
    assert page.h1 is not None and page.h1.get_text() == title
    banner = page.select_one("#secnews-replay")
    assert banner is not None and url in banner.get_text()
    banner.decompose()  # the replay's own note, above the page as captured
    addresses = [tag.get(name) for tag in page.find_all(True) for name in ("href", "src")]
    addresses = [a for a in addresses if a and a != "#"]
    stamp = href.split("/")[3]
    assert addresses and all(a.startswith(f"/-/replay/{stamp}/http") for a in addresses)
    origin = url.split("/xwzx/")[0]
    assert f"/-/replay/{stamp}/{origin}{pages.STYLESHEET}" in addresses


def test_a_replayed_stylesheet_names_its_font_and_images_in_the_replay(
    served: str, requisites_crawl: Crawl
) -> None:
    article_id, url, _, _ = article(requisites_crawl)
    href, _ = captured_href(served, article_id)
    stamp = href.split("/")[3]
    origin = url.split("/xwzx/")[0]
    status, headers, body = get(served + f"-/replay/{stamp}/{origin}{pages.STYLESHEET}")
    assert status == 200 and headers["content-type"].startswith("text/css")
    css = body.decode("utf-8")
    assert f'url("/-/replay/{stamp}/{origin}{pages.FONT}")' in css
    assert f'url("/-/replay/{stamp}/{origin}{pages.BANNER_BACKGROUND}")' in css
    status, headers, body = get(served + f"-/replay/{stamp}/{origin}{pages.FONT}")
    assert status == 200 and headers["content-type"] == "font/woff2" and body.startswith(b"wOF2")


def test_what_was_never_captured_is_not_in_the_replay(served: str) -> None:
    status, headers, body = get(served + "-/replay/20240101000000/http://elsewhere.example/x.png")
    assert status == 404 and b"Not in the archive" in body
    assert "script-src 'none'" in headers["content-security-policy"]
