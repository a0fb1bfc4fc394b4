"""Two releases of one office that differ by a sentence (daily bulletins, a corrected re-issue
at a new URL) are two articles: only the same normalised text is an alias.

Each site here is two copies of a real page of the gold set, told apart by one sentence at the
start of a paragraph the extractor keeps, linked from a home page and served over HTTP in
the page's own encoding; `secnews crawl` starts from the bare URL.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from lxml import html as lxml_html

from crawler.extract import decode_html, extract_article
from crawler.extract.encoding import detect_codec

from .conftest import PAGES, secnews

pytestmark = pytest.mark.e2e

SENTENCES = {
    "en": ("Bulletin one adds this sentence.", "Bulletin two adds another one."),
    "zh": ("第一期简报增加了这一句话。", "第二期简报增加了另一句话。"),
}
CASES = {"en-wordpress": "en", "en-un-style": "en", "zh-metinfo-seed": "zh"}


def with_sentence(page: bytes, url: str, sentence: str) -> bytes:
    """The page with ``sentence`` opening a paragraph of its extracted text: the first one
    where the extractor keeps it (a teaser repeating the first paragraph above the article
    is not the article's paragraph)."""
    codec = detect_codec(page, None)
    kept = extract_article(page, url)
    assert kept is not None
    paragraphs = len(lxml_html.fromstring(decode_html(page)).findall(".//p"))
    for index in range(paragraphs):
        tree = lxml_html.fromstring(decode_html(page))
        paragraph = tree.findall(".//p")[index]
        text = " ".join(paragraph.text_content().split())
        if len(text) < 20 or text[:20] not in kept.text:
            continue
        paragraph.text = f"{sentence} {paragraph.text or ''}"
        changed = lxml_html.tostring(tree, encoding=codec, method="html")
        record = extract_article(changed, url)
        if record is not None and sentence in record.text:
            return changed
    raise AssertionError(f"{url}: no paragraph of the text keeps a sentence added to it")


class _Site(BaseHTTPRequestHandler):
    pages: dict[str, tuple[bytes, str]]

    def do_GET(self) -> None:
        body, content_type = self.pages.get(self.path, (b"", ""))
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", content_type or "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(params=sorted(CASES))
def bulletins(request: pytest.FixtureRequest) -> Iterator[tuple[str, tuple[str, str]]]:
    name = request.param
    sentences = SENTENCES[CASES[name]]
    handler = type("Site", (_Site,), {"pages": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    page = (PAGES / f"{name}.html").read_bytes()
    links = "".join(f'<li><a href="/news/{n}.html">Bulletin {n}</a></li>' for n in (1, 2))
    handler.pages["/"] = (f"<html><body><ul>{links}</ul></body></html>".encode(), "text/html")
    for number, sentence in enumerate(sentences, 1):
        url = f"{base}/news/{number}.html"
        handler.pages[f"/news/{number}.html"] = (with_sentence(page, url, sentence), "text/html")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"{base}/", sentences
    server.shutdown()
    server.server_close()


def test_pages_that_differ_by_one_sentence_are_two_articles(
    bulletins: tuple[str, tuple[str, str]], tmp_path: Path
) -> None:
    start, sentences = bulletins
    secnews("crawl", start, "--data", str(tmp_path), "--delay", "0")
    with sqlite3.connect(tmp_path / "archive.db") as db:
        rows = db.execute("SELECT url, text, content_hash FROM articles ORDER BY url").fetchall()
        aliases = db.execute("SELECT count(*) FROM article_urls").fetchone()[0]
    assert [url.rsplit("/", 1)[-1] for url, _, _ in rows] == ["1.html", "2.html"]
    assert [sentence in text for (_, text, _), sentence in zip(rows, sentences, strict=True)] == [
        True,
        True,
    ]
    assert rows[0][2] != rows[1][2] and aliases == 2  # each its own URL, no alias
