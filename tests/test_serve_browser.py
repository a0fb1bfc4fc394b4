"""A real browser types a Chinese word into the served archive's search box and sees the hits."""

from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser import Browser, find_chromium
from tests.conftest import Crawl, LanguageCrawl, serving

QUERY = "论坛"


@pytest.fixture
def chromium() -> str:
    found = find_chromium()
    if found is None:
        pytest.skip("no chromium: `make test` installs Debian's chromium when run as root")
    return found


@pytest.fixture
def served(search_archive: Path) -> Iterator[str]:
    with serving(search_archive) as url:
        yield url


def test_typing_a_chinese_word_into_the_search_box_finds_the_articles(
    served: str, search_archive: Path, tmp_path: Path, chromium: str
) -> None:
    with sqlite3.connect(search_archive / "archive.db") as db:
        sql = "SELECT title FROM articles WHERE title LIKE ?1 OR text LIKE ?1"
        expected = {row[0] for row in db.execute(sql, [f"%{QUERY}%"])}
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.navigate(served + "archive/articles")
        assert browser.evaluate("document.activeElement !== null && !!document.forms.length")
        browser.evaluate("document.querySelector('input[name=_search]').focus()")
        browser.call("Input.insertText", session=True, text=QUERY)  # as an IME commits it
        browser.events.clear()
        for kind in ("keyDown", "keyUp"):
            browser.call(
                "Input.dispatchKeyEvent",
                session=True,
                type=kind,
                key="Enter",
                code="Enter",
                windowsVirtualKeyCode=13,
                **({"text": "\r"} if kind == "keyDown" else {}),
            )
        browser.wait_for_event("Page.loadEventFired")
        assert f"_search={quote(QUERY)}" in browser.evaluate("location.href")
        rows = browser.evaluate(
            "[...document.querySelectorAll('table.rows-and-columns tbody tr')]"
            ".map(row => row.innerText)"
        )
    finally:
        browser.close()
    assert len(rows) == len(expected) >= 3
    assert all(any(title in row for row in rows) for title in expected)


@pytest.fixture
def versioned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An archive whose one article was edited after it was first archived, served."""
    from archive.records import ArticleRecord
    from archive.store import Archive

    data = tmp_path_factory.mktemp("versioned")
    url = "http://one.example/news/1"
    with Archive(data) as archive:
        archive.upsert_site("one", title="Office One")
        first = ArticleRecord(
            url, "Council meets", "The council met on Friday.\n\n理事会今天开会。"
        )
        archive.save_article("one", first, url)
        later = ArticleRecord(
            url, "Council meets", "The council met on Monday.\n\n理事会昨天开会。"
        )
        archive.save_article("one", later, url)
    with serving(data) as served_url:
        yield served_url


def test_a_reader_follows_what_changed_and_reads_the_diff(
    versioned: str, tmp_path: Path, chromium: str
) -> None:
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.navigate(versioned + "-/article/1")
        browser.events.clear()
        browser.evaluate(
            "[...document.querySelectorAll('a')]"
            ".find(a => a.textContent === 'what changed').click()"
        )
        browser.wait_for_event("Page.loadEventFired")
        assert "from=1&to=2" in browser.evaluate("location.href")
        removed = browser.evaluate(
            "[...document.querySelectorAll('.diff del')].map(e => e.textContent)"
        )
        added = browser.evaluate(
            "[...document.querySelectorAll('.diff ins')].map(e => e.textContent)"
        )
    finally:
        browser.close()
    assert removed == ["Friday", "今"] and added == ["Monday", "昨"]


@pytest.fixture
def served_captures(requisites_crawl: Crawl) -> Iterator[str]:
    with serving(requisites_crawl.data_dir) as url:
        yield url


REPLAYED_DOM = """JSON.stringify({
  title: document.title,
  heading: (document.querySelector("h1") || {}).textContent,
  text: document.body.innerText,
  styled: [...document.styleSheets].some(
    (sheet) => (sheet.href || "").endsWith("/images/common.css") && sheet.cssRules.length > 0),
  banner: getComputedStyle(document.querySelector(".banner")).backgroundImage,
  images: [...document.images].map((img) => [img.currentSrc, img.complete && img.naturalWidth]),
  fetched: performance.getEntriesByType("resource").map((entry) => entry.name),
})"""


def test_a_reader_follows_as_captured_to_the_page_as_published(
    served_captures: str, requisites_crawl: Crawl, tmp_path: Path, chromium: str
) -> None:
    with sqlite3.connect(requisites_crawl.data_dir / "archive.db") as db:
        article_id, title, text = db.execute(
            "SELECT id, title, text FROM articles ORDER BY id LIMIT 1"
        ).fetchone()
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.navigate(served_captures + f"-/article/{article_id}")
        browser.events.clear()
        browser.evaluate(
            "[...document.querySelectorAll('a')]"
            ".find(a => a.textContent.startsWith('as captured on')).click()"
        )
        browser.wait_for_event("Page.loadEventFired")
        location = browser.evaluate("location.href")
        dom = json.loads(browser.evaluate(REPLAYED_DOM))
        shot = browser.call("Page.captureScreenshot", session=True, format="png")
    finally:
        browser.close()
    (tmp_path / "as-captured.png").write_bytes(base64.b64decode(shot["data"]))
    assert location.startswith(served_captures + "-/replay/")
    assert title in dom["title"] and dom["heading"] == title
    assert text.split("\n")[0][:30] in dom["text"]
    assert dom["styled"], "the captured stylesheet was not applied"
    assert "/-/replay/" in dom["banner"] and "banner-bg.png" in dom["banner"]
    assert dom["images"] and all(
        src.startswith(served_captures + "-/replay/") and width for src, width in dom["images"]
    )
    assert dom["fetched"] and all(name.startswith(served_captures) for name in dom["fetched"])


@pytest.fixture
def multilingual(language_crawl: LanguageCrawl) -> Iterator[str]:
    """The secretariat crawled in three languages and linked, served."""
    with serving(language_crawl.data_dir) as url:
        yield url


def test_a_reader_follows_also_in_to_the_russian_version_and_reads_both_side_by_side(
    multilingual: str, language_crawl: LanguageCrawl, tmp_path: Path, chromium: str
) -> None:
    base = language_crawl.base_url
    with sqlite3.connect(language_crawl.data_dir / "archive.db") as db:
        ids = dict(db.execute("SELECT url, id FROM articles"))
    chinese, russian = (
        ids[base + "shownews.php?lang=cn&id=748"],
        ids[base + "shownews.php?lang=ru&id=3748"],
    )
    browser = Browser(chromium, tmp_path / "profile")
    try:
        browser.navigate(multilingual + f"-/article/{chinese}")
        also_in = browser.evaluate(
            "[...document.querySelectorAll('.also-in a[hreflang]')].map(a => a.textContent)"
        )
        browser.events.clear()
        browser.evaluate(
            "[...document.querySelectorAll('.also-in a[hreflang]')]"
            ".find(a => a.textContent === 'русский').click()"
        )
        browser.wait_for_event("Page.loadEventFired")
        landed = browser.evaluate("location.pathname")
        heading = browser.evaluate("document.querySelector('h1').textContent")
        browser.events.clear()
        browser.evaluate(
            "[...document.querySelectorAll('.also-in a.beside-link')]"
            ".find(a => a.textContent === '中文').click()"
        )
        browser.wait_for_event("Page.loadEventFired")
        columns = browser.evaluate(
            "[...document.querySelectorAll('.side-by-side section')].map(s => s.lang)"
        )
        beside_text = browser.evaluate(
            "document.querySelectorAll('.side-by-side section')[1].textContent"
        )
    finally:
        browser.close()
    assert also_in == ["English", "русский"]
    assert landed == f"/-/article/{russian}"
    assert "Ташкент" in heading
    assert columns == ["ru", "zh"] and "塔什干" in beside_text
