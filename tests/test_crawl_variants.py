"""One article, one text: print and accessible views, and furniture that changes on every
request, never make a version; every view is an alias of the article's own view.

The sample ministry (a 1C-Bitrix-style site) is crawled twice over HTTP, the second time
with --full so that every page is fetched again while nothing of its content has changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.sample_site.ministry import PROFILE, MinistrySite, articles
from crawler.sample_site.server import RequestLog, SiteServer

from .conftest import secnews

# What the site's views and furniture say, and an article's own text never does.
NOT_ARTICLE_TEXT = ("Источник:", "Сегодня:", "Просмотров", "Самое читаемое", "Поделиться")


@dataclass
class Crawled:
    base_url: str
    data_dir: Path
    db: sqlite3.Connection
    log: RequestLog


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    tmp = tmp_path_factory.mktemp("ministry")
    log = RequestLog(tmp / "requests.jsonl")
    server = SiteServer(PROFILE.name, 0, log)
    server.app = MinistrySite(server.base_url)
    server.serve()
    sites = tmp / "sites"
    sites.mkdir()
    (sites / f"{PROFILE.name}.toml").write_text(PROFILE.site_config(server.base_url), "utf-8")
    data = tmp / "data"
    try:
        for extra in ([], ["--full"]):
            common = ["--sites", str(sites), "--data", str(data), "--delay", "0"]
            secnews("crawl", PROFILE.name, *common, *extra)
        db = sqlite3.connect(data / "archive.db")
        yield Crawled(server.base_url, data, db, log)
        db.close()
    finally:
        server.stop()
        log.close()


def test_each_article_is_stored_once_at_its_own_view(crawled: Crawled) -> None:
    # Article 4066's canonical link names a page of the site's old CMS that answers 404: it
    # is archived all the same, at its own URL.
    stored = {row[0] for row in crawled.db.execute("SELECT url FROM articles")}
    assert stored == set(articles(crawled.base_url))
    assert any(url.endswith("ID=4066") for url in stored)


def test_no_version_came_from_a_view_or_from_furniture(crawled: Crawled) -> None:
    runs = crawled.db.execute(
        "SELECT articles_new, articles_updated FROM crawl_runs ORDER BY id"
    ).fetchall()
    assert runs == [(len(articles(crawled.base_url)), 0), (0, 0)]
    versions = crawled.db.execute(
        "SELECT count(*), count(DISTINCT article_id) FROM article_versions"
    )
    count = len(articles(crawled.base_url))
    assert versions.fetchone() == (count, count)


def test_texts_hold_the_article_and_nothing_the_views_or_furniture_add(crawled: Crawled) -> None:
    expected = articles(crawled.base_url)
    rows = crawled.db.execute(
        "SELECT a.url, v.text FROM article_versions v JOIN articles a ON a.id = v.article_id"
    )
    for url, text in rows:
        assert text.startswith(expected[url].paragraphs[0])
        assert not [phrase for phrase in NOT_ARTICLE_TEXT if phrase in text], url


def test_every_view_is_an_alias_of_its_article(crawled: Crawled) -> None:
    aliases = {
        (url, article)
        for url, article in crawled.db.execute(
            "SELECT u.url, a.url FROM article_urls u JOIN articles a ON a.id = u.article_id"
        )
    }
    for url in articles(crawled.base_url):
        assert (f"{url}&print=Y", url) in aliases
        assert (f"{url}&special_version=Y", url) in aliases


def test_print_views_are_never_fetched_and_other_views_never_filed(crawled: Crawled) -> None:
    fetched = {entry["path"] for entry in crawled.log.entries()}
    assert not [path for path in fetched if "print=Y" in path]
    views = {f"{url}&special_version=Y" for url in articles(crawled.base_url)}
    assert {crawled.base_url + path.lstrip("/") for path in fetched} >= views
    kinds = crawled.db.execute(
        "SELECT url, kind FROM frontier WHERE url LIKE '%detail.php?ID=%special_version=Y'"
    ).fetchall()
    assert dict(kinds) == dict.fromkeys(views, "variant")
