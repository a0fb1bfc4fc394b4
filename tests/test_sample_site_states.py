"""The sample site's second state, switched on a running server; conditional GET on the forum."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from crawler.sample_site import (
    FIRST_EDITION,
    SECOND_EDITION,
    SampleSite,
    changes,
    expected_articles,
)

from .test_sample_site_server import SITEMAP_NS, fetch, fetch_settled, gbk_soup, views

REPO = Path(__file__).resolve().parents[1]
SECRETARIAT, FORUM, DIGEST = "sample-secretariat", "sample-forum", "sample-digest"
LISTING = "news.php?lang=cn&class2=5"
ARTICLE = "news/2023/05/12/scholarship-scheme-young-water-engineers/"
COUNTER = re.compile(rb'<span class="views">\d+</span>')


@pytest.fixture
def site(tmp_path: Path) -> Iterator[SampleSite]:
    with SampleSite(ephemeral=True, log_path=tmp_path / "requests.jsonl") as running:
        yield running


def _union(urls_by_key: dict[str, set[str]]) -> set[str]:
    return {url for urls in urls_by_key.values() for url in urls}


def _listed(base: str, path: str) -> list[str]:
    soup = gbk_soup(fetch(base + path))
    return [urljoin(base, a["href"]) for a in soup.select(".met-news-list li a")]


def _sitemap(base: str) -> set[str]:
    root = ElementTree.fromstring(fetch(base + "sitemap.xml").body)
    return {loc.text or "" for loc in root.iterfind("sm:url/sm:loc", SITEMAP_NS)}


def _feed(base: str) -> list[str]:
    root = ElementTree.fromstring(fetch(base + "feed/").body)
    return [item.findtext("link") or "" for item in root.iterfind("./channel/item")]


def _news(base: str, path: str = "news/") -> list[str]:
    soup = BeautifulSoup(fetch(base + path).body, "html.parser")
    return [urljoin(base, a["href"]) for a in soup.select("h2.entry-title a")]


def test_changes_name_the_new_edited_and_removed_articles(site: SampleSite) -> None:
    changed = changes(site.urls)
    first, second = expected_articles(site.urls), expected_articles(site.urls, SECOND_EDITION)
    before, after = _union(first), _union(second)
    assert changed["new"] == after - before and changed["removed"] == before - after
    assert {len(urls) for urls in changed.values()} == {1, 3}
    assert changed["edited"] <= before & after
    assert (len(second[SECRETARIAT]), len(second[FORUM])) == (26, 15)
    assert second[DIGEST] == first[DIGEST]
    assert changes(site.urls, FIRST_EDITION, FIRST_EDITION) == {
        "new": set(),
        "edited": set(),
        "removed": set(),
    }


def test_state_switch_puts_new_articles_on_top_of_the_listing(site: SampleSite) -> None:
    base = site.urls[SECRETARIAT]
    page1, page2 = _listed(base, LISTING), _listed(base, LISTING + "&page=2")
    site.set_state(SECOND_EDITION)
    assert site.urls[SECRETARIAT] == base  # same port
    new = {url for url in changes(site.urls)["new"] if url.startswith(base)}
    after1, after2 = _listed(base, LISTING), _listed(base, LISTING + "&page=2")
    assert set(after1[:2]) == new and len(new) == 2
    assert after1[2:] == page1[:-2] and after2[:2] == page1[-2:] and after2[2:] == page2[:-2]
    soup = gbk_soup(fetch(base + LISTING))
    dates = [span.get_text() for span in soup.select(".met-news-list .time")]
    assert dates[0] > dates[2] and dates[1] > dates[2]
    assert "共 27 条记录 1/3 页" in soup.select_one(".met_count").get_text()
    assert all(fetch(url).status == 200 for url in new)


def test_edited_article_has_a_corrected_title_and_one_changed_sentence(site: SampleSite) -> None:
    (url,) = changes(site.urls)["edited"]
    before = gbk_soup(fetch(url))
    site.set_state(SECOND_EDITION)
    after = gbk_soup(fetch(url))
    assert before.h1.get_text() != after.h1.get_text()
    assert after.h1.get_text().endswith(before.h1.get_text().removeprefix("官方 - "))
    old = [p.get_text() for p in before.select(".met_editor p")]
    new = [p.get_text() for p in after.select(".met_editor p")]
    assert len(old) == len(new) and sum(a != b for a, b in zip(old, new, strict=True)) == 1
    infos = [s.get_text() for s in after.select(".met_infos span")]
    assert infos[:2] == [s.get_text() for s in before.select(".met_infos span")][:2]


def test_removed_post_answers_410_and_leaves_every_listing(site: SampleSite) -> None:
    base = site.urls[FORUM]
    (removed,) = changes(site.urls)["removed"]
    (new,) = {url for url in changes(site.urls)["new"] if url.startswith(base)}
    assert removed in _news(base) and removed in _sitemap(base) and removed in _feed(base)
    site.set_state(SECOND_EDITION)
    assert fetch(removed).status == 410
    listings = ["news/", "news/page/2/", "news/page/3/"]
    categories = [f"news/category/{slug}/" for slug in ("statements", "meetings", "programmes")]
    listed = {url for path in listings for url in _news(base, path)}
    in_categories = {url for path in categories for url in _news(base, path)}
    assert removed not in listed | in_categories | _sitemap(base) | set(_feed(base))
    assert _news(base)[0] == new and _feed(base)[0] == new and new in _sitemap(base)
    assert listed == expected_articles(site.urls, SECOND_EDITION)[FORUM]


def test_everything_else_stays_as_it_was(site: SampleSite) -> None:
    """Forum posts, later listing pages, the digest: byte for byte; secretariat articles but
    for their chrome (sidebar, neighbour links, view counter)."""
    unchanged = _union(expected_articles(site.urls)) - _union(changes(site.urls))
    forum, digest = site.urls[FORUM], site.urls[DIGEST]
    static = [url for url in unchanged if not url.startswith(site.urls[SECRETARIAT])]
    static += [forum + "news/page/2/", forum + "news/page/3/", digest, digest + "xwzx/index_1.html"]
    sec = [url for url in unchanged if url.startswith(site.urls[SECRETARIAT])]

    def article_parts(url: str) -> tuple[str, str, str]:
        soup = gbk_soup(fetch(url))
        return (
            soup.h1.get_text(),
            soup.select_one(".met_infos span").get_text(),
            str(soup.select_one(".met_editor")),
        )

    before = {url: fetch_settled(url).body for url in static}
    parts = {url: article_parts(url) for url in sec}
    site.set_state(SECOND_EDITION)
    assert {url: fetch_settled(url).body for url in static} == before
    assert {url: article_parts(url) for url in sec} == parts


def test_counters_carry_over_a_state_change(site: SampleSite) -> None:
    url = site.urls[SECRETARIAT] + "shownews.php?lang=cn&id=708"
    assert [views(fetch(url)), views(fetch(url))] == [1, 2]
    site.set_state(SECOND_EDITION)
    assert views(fetch(url)) == 3


def test_forum_answers_304_to_matching_validators(site: SampleSite) -> None:
    base = site.urls[FORUM]
    for path in (ARTICLE, "news/", "feed/", "sitemap.xml"):
        first = fetch(base + path)
        etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', etag) and modified.endswith(" GMT")
        for headers in ({"If-None-Match": etag}, {"If-Modified-Since": modified}):
            again = fetch(base + path, headers)
            assert (again.status, again.body, again.headers["ETag"]) == (304, b"", etag)
            assert again.headers["Content-Length"] is None
        assert fetch(base + path, {"If-None-Match": '"other"'}).status == 200
        stale = {"If-None-Match": '"other"', "If-Modified-Since": modified}  # ETag decides
        assert fetch(base + path, stale).status == 200
        older = {"If-Modified-Since": "Sat, 01 Jan 2022 00:00:00 GMT"}
        assert fetch(base + path, older).body == first.body
    logged = site.requests
    not_modified = [entry for entry in logged if entry["status"] == 304]
    assert len(not_modified) == 8 and {entry["bytes"] for entry in not_modified} == {0}
    assert all(entry["bytes"] > 0 for entry in logged if entry["status"] == 200)
    assert not_modified[0]["if_none_match"] == fetch(base + ARTICLE).headers["ETag"]


def test_changed_pages_get_a_new_etag_unchanged_ones_stay_304(site: SampleSite) -> None:
    base = site.urls[FORUM]
    paths = ("news/", "feed/", "sitemap.xml", "news/page/2/", ARTICLE)
    etags = {path: fetch(base + path).headers["ETag"] for path in paths}
    site.set_state(SECOND_EDITION)
    answers = {path: fetch(base + path, {"If-None-Match": etags[path]}) for path in paths}
    for path in ("news/", "feed/", "sitemap.xml"):
        assert answers[path].status == 200 and answers[path].headers["ETag"] != etags[path]
        assert fetch(base + path, {"If-None-Match": answers[path].headers["ETag"]}).status == 304
    assert answers["news/page/2/"].status == answers[ARTICLE].status == 304


def test_secretariat_sends_no_validators(site: SampleSite) -> None:
    base = site.urls[SECRETARIAT]
    for path in (LISTING, "shownews.php?lang=cn&id=708"):
        first = fetch(base + path)
        assert first.headers["ETag"] is None and first.headers["Last-Modified"] is None
        again = fetch(
            base + path,
            {"If-None-Match": "*", "If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"},
        )
        assert again.status == 200 and len(again.body) > 1000
    first, second = (
        fetch(base + "shownews.php?lang=cn&id=708"),
        fetch(base + "shownews.php?lang=cn&id=708"),
    )
    assert first.body != second.body and COUNTER.sub(b"", first.body) == COUNTER.sub(
        b"", second.body
    )


def test_state_switch_is_atomic_for_concurrent_requests(site: SampleSite) -> None:
    url = site.urls[FORUM] + "news/"
    first = fetch(url).body
    site.set_state(SECOND_EDITION)
    second = fetch(url).body
    seen: list[bytes] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            seen.append(fetch(url).body)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for thread in threads:
        thread.start()
    for edition in [FIRST_EDITION, SECOND_EDITION] * 15:
        site.set_state(edition)
        fetch(url)  # at least one answer per state while the readers run
    stop.set()
    for thread in threads:
        thread.join()
    assert seen and set(seen) <= {first, second}


def test_command_line_serves_the_second_edition(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "crawler.sample_site", "--ephemeral", "--edition", "2"]
    with subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True) as process:
        try:
            lines: list[str] = []
            while not lines or lines[-1] != "ready":
                line = process.stdout.readline() if process.stdout else ""
                assert line, "server exited before it was ready"
                lines.append(line.strip())
            urls = dict(line.split(" ", 1) for line in lines[:-1])
            changed = changes(urls)
            assert all(fetch(url).status == 200 for url in changed["new"] | changed["edited"])
            assert [fetch(url).status for url in changed["removed"]] == [410]
        finally:
            process.terminate()
            assert process.wait(timeout=10) == 0
