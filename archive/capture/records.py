"""Where an article page and its requisites lie in the WARC files, from the ``fetches`` rows.

A page's capture is its URL's latest full response (``status`` 200, a ``response``
record); its requisites are what that page names (``requisites``), each taken from the
capture of its URL nearest in time to the page's, and what captured stylesheets name in
turn. Works on any connection to an archive database: the live one, or a snapshot's copy.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from archive.capture.requisites import is_stylesheet, page_requisites, stylesheet_requisites
from archive.store.warc import PayloadTooLarge, read_response

MAX_DEPTH = 3  # page → stylesheet → imported stylesheet → font, as the crawl fetches them
MAX_PAYLOAD = 64 << 20  # a page or stylesheet larger than this is not read for what it names
_CHUNK = 1 << 16
_COLUMNS = "url, warc_date, status, content_type, warc_file, warc_offset"
_FULL = "record_type = 'response' AND status = 200 AND coalesce(warc_file, '') != ''"


# What a page or stylesheet names: (payload, its URL, its Content-Type) → absolute URLs.
NameFinder = Callable[[bytes, str, str | None], list[str]]


@dataclass(frozen=True)
class Capture:
    """One captured exchange: a response record and where it lies."""

    url: str
    date: str  # WARC-Date of the record
    status: int
    content_type: str | None
    warc_file: str
    warc_offset: int


def _capture(row: tuple[object, ...] | None) -> Capture | None:
    if row is None:
        return None
    url, date, status, content_type, warc_file, offset = row
    return Capture(
        str(url),
        str(date or ""),
        int(str(status)),
        _text(content_type),
        str(warc_file),
        int(str(offset)),
    )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def latest_capture(conn: sqlite3.Connection, url: str) -> Capture | None:
    """The latest full capture of ``url``."""
    return _capture(
        conn.execute(
            f"SELECT {_COLUMNS} FROM fetches WHERE url = ? AND {_FULL} "
            "ORDER BY warc_date DESC, id DESC LIMIT 1",
            [url],
        ).fetchone()
    )


def nearest_capture(conn: sqlite3.Connection, url: str, date: str) -> Capture | None:
    """The full capture of ``url`` nearest in time to ``date`` (before or after it)."""
    before = conn.execute(
        f"SELECT {_COLUMNS} FROM fetches WHERE url = ? AND {_FULL} AND warc_date <= ? "
        "ORDER BY warc_date DESC, id DESC LIMIT 1",
        [url, date],
    ).fetchone()
    after = conn.execute(
        f"SELECT {_COLUMNS} FROM fetches WHERE url = ? AND {_FULL} AND warc_date > ? "
        "ORDER BY warc_date, id LIMIT 1",
        [url, date],
    ).fetchone()
    found = [c for c in (_capture(before), _capture(after)) if c is not None]
    return min(found, key=lambda c: abs(_seconds(c.date) - _seconds(date)), default=None)


def _seconds(date: str) -> float:
    try:
        return datetime.fromisoformat(date.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


def redirects(conn: sqlite3.Connection, urls: Iterable[str]) -> list[Capture]:
    """The latest redirect (3xx response) captured at each of ``urls``."""
    found = []
    for url in urls:
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM fetches WHERE url = ? AND record_type = 'response' "
            "AND status BETWEEN 300 AND 399 AND coalesce(warc_file, '') != '' "
            "ORDER BY warc_date DESC, id DESC LIMIT 1",
            [url],
        ).fetchone()
        capture = _capture(row)
        if capture is not None:
            found.append(capture)
    return found


class RequisiteFinder:
    """The requisites of captured pages; what a captured stylesheet names is read once."""

    def __init__(self, conn: sqlite3.Connection, warc_dir: Path) -> None:
        self.conn = conn
        self.warc_dir = warc_dir
        self._named: dict[tuple[str, int], list[str]] = {}

    def of_page(self, page: Capture) -> list[Capture]:
        """The captures of what ``page`` shows, stylesheets' own requisites included."""
        found: dict[str, Capture] = {}
        pending = [(url, 1) for url in self._names(page, page_requisites)]
        while pending:
            url, depth = pending.pop(0)
            if url in found or url == page.url:
                continue
            capture = nearest_capture(self.conn, url, page.date)
            if capture is None:
                continue
            found[url] = capture
            if depth < MAX_DEPTH and is_stylesheet(url, capture.content_type):
                named = self._names(capture, stylesheet_requisites)
                pending += [(inner, depth + 1) for inner in named]
        return list(found.values())

    def _names(self, capture: Capture, finder: NameFinder) -> list[str]:
        key = (capture.warc_file, capture.warc_offset)
        if key not in self._named:
            try:
                stored = read_response(
                    self.warc_dir, capture.warc_file, capture.warc_offset, max_payload=MAX_PAYLOAD
                )
            except (OSError, PayloadTooLarge, StopIteration, ValueError):
                self._named[key] = []
            else:
                self._named[key] = finder(stored.payload, capture.url, capture.content_type)
        return self._named[key]


def record_bytes(warc_dir: Path, capture: Capture) -> bytes:
    """The capture's response record and the request record written with it, as stored
    (each its own gzip member), ready to append to another WARC file."""
    path = warc_dir / capture.warc_file
    if not path.exists():
        path = warc_dir / (capture.warc_file + ".open")
    with path.open("rb") as stream:
        stream.seek(capture.warc_offset)
        members = _members(stream)
        response = next(members)
        request = next(members, None)
    if request is not None and b"WARC-Type: request" in zlib.decompress(request, 31)[:512]:
        return response + request
    return response


def _members(stream: object) -> Iterator[bytes]:
    """Successive whole gzip members read from ``stream``'s position."""
    pending = b""
    while True:
        inflater = zlib.decompressobj(31)
        member = bytearray()
        while not inflater.eof:
            chunk = pending or stream.read(_CHUNK)  # type: ignore[attr-defined]
            pending = b""
            if not chunk:
                return
            inflater.decompress(chunk)
            used = len(chunk) - len(inflater.unused_data)
            member += chunk[:used]
            pending = inflater.unused_data
        yield bytes(member)
