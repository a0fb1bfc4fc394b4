"""End to end: a zero-config crawl of a portal where every page is dated keeps its news and
only its news.

Each sample portal (the City of Riverbend, WordPress-like; Ekbacka kommun, SiteVision-like,
read here as a site the rules were not tuned on) is served over HTTP on a free port and
crawled from ``/`` with no site config, by the ``secnews`` command, into a real archive.
The articles stored are counted against the portal's own list of its news.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from crawler.sample_site import kommun, municipal
from crawler.sample_site.municipal.catalog import Catalog
from crawler.sample_site.server import RequestLog, SiteServer

from .conftest import secnews

pytestmark = pytest.mark.e2e

PORTALS = {"municipal": (municipal, municipal.MunicipalSite), "kommun": (kommun, kommun.KommunSite)}


@dataclass(frozen=True)
class PortalCrawl:
    package: ModuleType
    base: str
    kinds: dict[str, set[str]]
    db: sqlite3.Connection
    data: Path

    @property
    def news(self) -> set[str]:
        return self.kinds["news"]

    def articles(self) -> set[str]:
        return {url for (url,) in self.db.execute("SELECT url FROM articles")}

    def verdicts(self) -> dict[str, str | None]:
        rows = self.db.execute(
            "SELECT url, verdict FROM frontier WHERE kind IN ('page', 'article')"
        )
        return dict(rows.fetchall())


@pytest.fixture(scope="module", params=sorted(PORTALS))
def portal_crawl(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PortalCrawl]:
    package, site = PORTALS[request.param]
    server = SiteServer(package.PROFILE.name, 0, RequestLog())
    today = package.local_today()
    server.app = site(server.base_url, today)
    server.serve()
    data = tmp_path_factory.mktemp(f"{request.param}-archive")
    try:
        secnews("crawl", server.base_url, "--data", str(data), "--delay", "0")
        kinds = package.pages_by_kind(server.base_url, today)
    finally:
        server.stop()
    db = sqlite3.connect(data / "archive.db")
    try:
        yield PortalCrawl(package, server.base_url, kinds, db, data)
    finally:
        db.close()


def test_every_news_article_is_kept_and_no_other_page(portal_crawl: PortalCrawl) -> None:
    stored = portal_crawl.articles()
    kept = stored & portal_crawl.news
    precision, recall = len(kept) / len(stored), len(kept) / len(portal_crawl.news)
    others = {
        kind: sorted(urls & stored)[:3]
        for kind, urls in portal_crawl.kinds.items()
        if kind != "news"
    }
    assert (precision, recall) == (1.0, 1.0), {k: v for k, v in others.items() if v}


def test_every_page_has_its_verdict_with_the_evidence(portal_crawl: PortalCrawl) -> None:
    verdicts = portal_crawl.verdicts()
    for url in portal_crawl.news:
        assert verdicts[url] is not None and verdicts[url].startswith("taken: "), url
    for kind in ("service", "event", "policy"):
        for url in portal_crawl.kinds[kind]:
            verdict = verdicts.get(url)
            assert verdict is not None and verdict.startswith("left: "), (url, verdict)
    for url in portal_crawl.kinds["event"]:
        assert "declares event" in str(verdicts[url]), url


def test_no_page_is_taken_on_one_weak_signal(portal_crawl: PortalCrawl) -> None:
    strong = ("in the feed", "listed with a date", "shaped like the news", "declares ")
    for url, verdict in portal_crawl.verdicts().items():
        if verdict and verdict.startswith("taken: "):
            assert any(signal in verdict for signal in strong), (url, verdict)


def test_news_sections_are_where_the_site_lists_its_news(portal_crawl: PortalCrawl) -> None:
    taken = [v for v in portal_crawl.verdicts().values() if v and v.startswith("taken: ")]
    assert any("listed with a date by" in v or "in the feed" in v for v in taken)


def test_a_crawl_from_a_news_post_that_declares_nothing_keeps_the_news_alone(
    tmp_path: Path,
) -> None:
    """Crawled from a news post that declares nothing (no JSON-LD, no published_time), the
    post is met before any listing: with no news section seen yet it is judged on its own
    evidence (its dated byline); every page after it, once the listings are read."""
    today = municipal.local_today()
    post = next(p for p in Catalog(today).content.news if p.schema is None)
    server = SiteServer(municipal.PROFILE.name, 0, RequestLog())
    server.app = municipal.MunicipalSite(server.base_url, today)
    server.serve()
    try:
        secnews("crawl", server.base_url + post.path, "--data", str(tmp_path), "--delay", "0")
        news = municipal.news_urls(server.base_url, today)
    finally:
        server.stop()
    with sqlite3.connect(tmp_path / "archive.db") as db:
        stored = {url for (url,) in db.execute("SELECT url FROM articles")}
        (verdict,) = db.execute(
            "SELECT verdict FROM frontier WHERE url = ?", [server.base_url + post.path]
        ).fetchone()
    assert stored == news
    assert verdict.startswith("taken: no news section seen on the site; ")
    assert "publication date (byline)" in verdict


def test_status_counts_the_pages_left_as_not_news(portal_crawl: PortalCrawl) -> None:
    (row,) = json.loads(secnews("status", "--json", "--data", str(portal_crawl.data)).stdout)
    left = [v for v in portal_crawl.verdicts().values() if v and v.startswith("left: ")]
    assert row["not_news"] == len(left) >= len(portal_crawl.kinds["service"])
    assert row["articles"] == len(portal_crawl.news)
