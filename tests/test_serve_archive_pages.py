"""The web UI reads like an archive: a home page for archivists, a search page that says what
is wrong with a query and marks copies, versions to read and compare, tables out of the way."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from archive.datasette.app import make_datasette
from archive.records import ArticleRecord
from archive.store import Archive

FIRST = "The ministers met on Friday in Astana.\n\n秘书处今天召开会议。"
SECOND = "The ministers met on Monday in Astana and Tashkent.\n\n秘书处昨天召开视频会议。"
URL = "http://one.example/news/1"
COPY_URL = "http://two.example/reprint/9"
LONG_URL = "http://one.example/news/2"
CLOSING = "The office will report on the works every quarter."
LONG = " ".join(["The regional transport plan joins the rail networks of four states."] * 6)
LONG += f"\n\n{CLOSING}"


class Client:
    """GETs from a real Datasette over the archive, in process."""

    def __init__(self, data: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.datasette = make_datasette(data)
        self.loop.run_until_complete(self.datasette.invoke_startup())

    def get(self, path: str) -> Any:
        return self.loop.run_until_complete(self.datasette.client.get(path))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    data = tmp_path_factory.mktemp("pages")
    with Archive(data) as archive:
        archive.upsert_site("one", title="Office One")
        archive.upsert_site("two", title="Digest Two")
        archive.save_article("one", ArticleRecord(URL, "Ministers meet", FIRST, "2024-05-01"), URL)
        edited = ArticleRecord(URL, "Ministers meet in Astana", SECOND, "2024-05-01")
        archive.save_article("one", edited, URL)
        copy = ArticleRecord(COPY_URL, "Ministers meet (reprint)", SECOND, "2024-05-02")
        assert archive.save_article("two", copy, COPY_URL).outcome == "duplicate"
        plan = ArticleRecord(LONG_URL, "Transport plan", LONG, "2024-05-03")
        archive.save_article("one", plan, LONG_URL)
    yield Client(data)


def errors(html: str) -> list[str]:
    return re.findall(r'<p class="message-error">(.*?)</p>', html)


def test_the_home_page_is_search_the_latest_articles_and_the_chart(client: Client) -> None:
    html = client.get("/").text
    assert 'action="/-/search"' in html and 'name="q"' in html
    assert "Office One" in html and "Ministers meet in Astana" in html
    assert "<svg" in html and 'href="/archive"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=Astana&since=yesterday", "since: &#39;yesterday&#39; is not a date"),
        ("q=Astana&until=2024-13-01", "until: &#39;2024-13-01&#39; is not a date"),
        ("q=Astana&limit=abc", "limit: &#39;abc&#39; is not a number from 1 to 1000"),
        ("q=Astana&limit=0", "limit: &#39;0&#39; is not a number"),
        ("q=Astana&site=nosuch", "site: no site named &#39;nosuch&#39; (the sites: one, two)"),
        ("q=((((", "nothing to search for"),
        (f"q={quote('-北斗')}", "nothing to search for"),
        ("q=%22", "nothing to search for"),
    ],
)
def test_every_form_error_is_a_message_on_the_page(
    client: Client, query: str, message: str
) -> None:
    answer = client.get(f"/-/search?{query}")
    assert answer.status_code == 200
    assert any(message in error for error in errors(answer.text)), errors(answer.text)
    assert '<ol class="secnews-hits">' not in answer.text


def test_hits_say_which_are_copies_and_copies_can_collapse(client: Client) -> None:
    html = client.get("/-/search?q=Tashkent").text
    assert errors(html) == [] and "2 hits" in html
    assert re.search(r'copy of <a href="/-/article/\d+">Ministers meet in Astana</a> \(one\)', html)
    collapsed = client.get("/-/search?q=Tashkent&collapse=1").text
    assert "1 hit, 1 copy of them left out" in collapsed
    assert "Ministers meet (reprint)" not in collapsed


def test_the_canned_search_page_leads_to_the_search_page(client: Client) -> None:
    answer = client.get("/archive/search?q=Tashkent&since=yesterday")
    assert answer.status_code == 302
    assert answer.headers["location"] == "/-/search?q=Tashkent&since=yesterday"
    json = client.get("/archive/search.json?_shape=array&q=Tashkent").json()
    assert len(json) == 2  # scripts keep the canned query


def test_an_article_page_links_every_version_and_shows_what_changed(client: Client) -> None:
    page = client.get("/-/article/1").text
    assert 'href="?version=1"' in page and 'href="?from=1&amp;to=2#versions"' in page
    changed = client.get("/-/article/1?from=1&to=2").text
    diff = re.search(r'<div class="diff">(.*?)</div>', changed, re.S)
    assert diff is not None
    # Words in Latin script, characters in Chinese.
    assert "<del>Friday</del><ins>Monday</ins>" in diff.group(1)
    assert "<ins> and Tashkent</ins>" in diff.group(1)
    assert "秘书处<del>今</del><ins>昨</ins>天召开<ins>视频</ins>会议" in diff.group(1)
    assert "<del>Ministers meet</del> → <ins>Ministers meet in Astana</ins>" in changed
    old = client.get("/-/article/1?version=1").text
    assert "You are reading version 1" in old and "Friday" in old and "Monday" not in old


def test_a_version_that_does_not_exist_is_a_message(client: Client) -> None:
    html = client.get("/-/article/1?version=7&from=x").text
    assert errors(html) == [
        "version=7: no such version of this article (versions are 1 to 2)",
        "from=x: no such version of this article (versions are 1 to 2)",
    ]


def test_internal_tables_are_out_of_the_way_but_reachable(client: Client) -> None:
    page = client.get("/archive").text
    listed = set(re.findall(r'<h3><a href="/archive/([a-z_]+)"', page))
    assert {"articles", "article_versions", "images", "fetches"} <= listed
    assert not listed & {"article_bands", "article_minhash", "frontier", "listings"}
    assert client.get("/archive/frontier").status_code == 200


def test_the_articles_table_shows_short_rows_and_folds_its_notes(client: Client) -> None:
    table = client.get("/archive/articles").text
    assert "The regional transport plan joins" in table
    assert CLOSING not in table  # a long text is cut, not shown a screen tall
    assert CLOSING in client.get("/archive/articles/3").text  # the row's own page has it all
    assert "What the columns mean" in table and "dl.column-descriptions" in table
    versions = client.get("/archive/versions_of_article?id=1").text
    assert '<a href="/-/article/1?version=1">1</a>' in versions
