"""A real browser types a Chinese word into the served archive's search box and sees the hits."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser import Browser, find_chromium
from tests.conftest import REPO

QUERY = "论坛"


@pytest.fixture
def served(search_archive: Path) -> Iterator[str]:
    """``secnews serve`` on a free port, in its own process; yields its URL once it answers."""
    command = ["serve", "--port", "0", "--data", str(search_archive)]
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()  # "serving DATA/archive.db at http://127.0.0.1:PORT/"
    if " at http" not in line:
        process.kill()
        raise AssertionError(f"secnews serve did not start: {line}{process.stderr.read()}")
    url = line.rsplit(" at ", 1)[1].strip()
    # The socket is listening before the line is printed: this waits for the first answer.
    with urllib.request.urlopen(url + "-/versions.json", timeout=60) as answer:
        assert answer.status == 200
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_typing_a_chinese_word_into_the_search_box_finds_the_articles(
    served: str, search_archive: Path, tmp_path: Path
) -> None:
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no chromium: `make test` installs Debian's chromium when run as root")
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
