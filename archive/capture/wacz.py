"""A WACZ package of captured pages: their WARC records, a CDXJ index, a page list.

Built by py-wacz (``wacz`` on PyPI), the format's reference implementation: given one WARC
file of the chosen records and a ``pages.jsonl``, it writes the CDXJ index
(``indexes/index.cdx.gz`` with its ``index.idx``), copies the page list and the WARC in,
and writes the package's ``datapackage.json`` (SHA-256 of every file) and
``datapackage-digest.json``. What it cannot know — which records make up an article page as
published, and which archive article each page is — is chosen here.

py-wacz stamps the package with the time it was made (``created``, zip entry times), so a
WACZ is the one file of a snapshot whose bytes differ between two runs over one state.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import sqlite3
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from archive.capture.records import (
    Capture,
    RequisiteFinder,
    latest_capture,
    record_bytes,
    redirects,
)

log = logging.getLogger(__name__)

PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Archived articles"}


@dataclass(frozen=True)
class Page:
    """An archived article to list: its id, title and the URLs it was fetched at."""

    article_id: int
    title: str
    urls: tuple[str, ...]  # its URL first, then its aliases


@dataclass
class WaczContents:
    """What went into a WACZ."""

    pages: int = 0
    records: int = 0
    requisites: int = 0
    missing: list[str] = field(default_factory=list)  # article URLs with no capture


class WaczError(RuntimeError):
    """py-wacz refused to make the package; the message holds what it said."""


def article_pages(conn: sqlite3.Connection) -> list[Page]:
    """Every article of ``conn`` with its aliases, by id."""
    aliases: dict[int, list[str]] = {}
    for url, article_id in conn.execute("SELECT url, article_id FROM article_urls ORDER BY url"):
        aliases.setdefault(int(article_id), []).append(str(url))
    rows = conn.execute("SELECT id, coalesce(title, ''), url FROM articles ORDER BY id")
    return [
        Page(int(i), str(title), (str(url), *[a for a in aliases.get(int(i), []) if a != url]))
        for i, title, url in rows
    ]


def page_capture(conn: sqlite3.Connection, page: Page) -> Capture | None:
    """The latest full capture among the page's URLs."""
    found = [c for c in (latest_capture(conn, url) for url in page.urls) if c is not None]
    return max(found, key=lambda c: c.date, default=None)


def write_wacz(
    conn: sqlite3.Connection,
    warc_dir: Path,
    pages: Iterable[Page],
    target: Path,
    scratch: Path,
    *,
    title: str,
    description: str,
) -> WaczContents:
    """Write ``target`` (a ``.wacz``) of ``pages``: each page's capture, its requisites and
    the redirects that led to it."""
    contents = WaczContents()
    scratch.mkdir(parents=True, exist_ok=True)
    warc_path, pages_path = scratch / "captures.warc.gz", scratch / "pages.jsonl"
    finder = RequisiteFinder(conn, warc_dir)
    written: set[tuple[str, int]] = set()
    with warc_path.open("wb") as warc, pages_path.open("w", encoding="utf-8") as listed:
        listed.write(json.dumps(PAGES_HEADER) + "\n")
        for page in pages:
            capture = page_capture(conn, page)
            if capture is None:
                contents.missing.append(page.urls[0])
                continue
            requisites = finder.of_page(capture)
            records = [*redirects(conn, page.urls), capture, *requisites]
            if not _append(warc, warc_dir, records, capture, written):
                contents.missing.append(page.urls[0])
                continue
            listed.write(json.dumps(_page_entry(page, capture), ensure_ascii=False) + "\n")
            contents.pages += 1
            contents.requisites += len(requisites)
    contents.records = len(written)
    if not contents.pages:
        raise WaczError("no article of the selection has a capture in the WARC files")
    _create(warc_path, pages_path, target, title, description)
    return contents


def _append(
    warc: BinaryIO,
    warc_dir: Path,
    records: list[Capture],
    page: Capture,
    written: set[tuple[str, int]],
) -> bool:
    """Copy each record not yet in ``warc`` into it; False if the page's own could not be
    read (a damaged WARC file), when the page is left out."""
    for record in records:
        key = (record.warc_file, record.warc_offset)
        if key in written:
            continue
        try:
            warc.write(record_bytes(warc_dir, record))
        except (OSError, StopIteration, zlib.error) as exc:
            log.warning("WARC record of %s not readable: %s", record.url, exc)
            if record is page:
                return False
            continue
        written.add(key)
    return True


def wacz_of_articles(
    conn: sqlite3.Connection,
    warc_dir: Path,
    target: Path,
    scratch: Path,
    title: str,
    progress: Callable[[str, int, int], None],
) -> WaczContents | None:
    """A WACZ of every article of ``conn`` (a snapshot's copy); None when it holds none."""
    pages = article_pages(conn)
    if not pages:
        log.info("no article: no %s", target.name)
        return None
    progress("wacz", 0, len(pages))
    about = f"Article pages of {title} as captured, with their requisites."
    made = write_wacz(conn, warc_dir, pages, target, scratch, title=title, description=about)
    progress("wacz", len(pages), len(pages))
    return made


def _page_entry(page: Page, capture: Capture) -> dict[str, object]:
    return {
        "id": f"article-{page.article_id}",
        "url": capture.url,
        "ts": capture.date,
        "title": page.title,
        "article_id": page.article_id,
    }


def _create(warc: Path, pages: Path, target: Path, title: str, description: str) -> None:
    """Have py-wacz make the package; what it prints goes to the debug log."""
    from wacz.main import main as wacz_main

    arguments = ["create", "-o", str(target), str(warc), "-p", str(pages), "--copy-pages"]
    arguments += ["--hash-type", "sha256", "--title", title, "--desc", description]
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        status = wacz_main(arguments)
    log.debug("py-wacz: %s", said.getvalue())
    if status != 0 or not target.is_file():
        target.unlink(missing_ok=True)
        raise WaczError(f"py-wacz could not make {target.name}: {said.getvalue().strip()}")


def requisites_of_kept_pages(warc_dir: Path) -> Callable[[sqlite3.Connection], list[str]]:
    """A function naming the URLs of what the articles' pages of a connection show (the
    fetches a WACZ of them needs, which a cut of the database must keep)."""

    def requisites(conn: sqlite3.Connection) -> list[str]:
        finder = RequisiteFinder(conn, warc_dir)
        found: list[str] = []
        for page in article_pages(conn):
            capture = page_capture(conn, page)
            if capture is not None:
                found += [requisite.url for requisite in finder.of_page(capture)]
        return found

    return requisites
