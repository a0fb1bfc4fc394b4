"""Captures replayed by ``secnews serve``: an article's page as it was published.

``/-/replay/<YYYYMMDDhhmmss>/<URL>`` answers with the capture of URL nearest that moment,
read from its WARC record: a page or stylesheet with every address in it rewritten to
another such replay address (``archive.capture.rewrite``), anything else as stored. A
Content-Security-Policy lets the browser fetch from this server alone and run no script,
so a replayed page cannot reach the site, or any other, whatever it holds.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from archive.capture.records import Capture, nearest_capture
from archive.capture.requisites import is_stylesheet
from archive.capture.rewrite import rewrite_page, rewrite_stylesheet
from archive.capture.wacz import Page, page_capture
from archive.store.warc import PayloadTooLarge, read_response

ROUTE = r"^/-/replay/(?P<stamp>[0-9]{14})/(?P<url>https?:/.*)$"
MAX_PAYLOAD = 64 << 20
HEADERS = {
    "content-security-policy": "default-src 'self' data:; script-src 'none'; "
    "style-src 'self' 'unsafe-inline' data:; object-src 'none'; form-action 'none'; "
    "base-uri 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}
BANNER = (
    '<div id="secnews-replay" style="all: initial; display: block; padding: 4px 8px; '
    'background: #fef3c7; color: #111; font: 13px sans-serif; border-bottom: 1px solid #ccc;">'
    "Archived copy: <code>{url}</code> as captured on {date}. "
    '<a href="{article}" style="color: #1d4ed8;">Back to the archive</a></div>'
)


def stamp_of(date: str) -> str:
    """``YYYYMMDDhhmmss`` of a WARC-Date."""
    return "".join(ch for ch in date if ch.isdigit())[:14].ljust(14, "0")


def _date_of(stamp: str) -> str:
    moment = datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def replay_path(datasette: Any, stamp: str, url: str) -> str:
    return str(datasette.urls.path(f"/-/replay/{stamp}/{url}"))


def article_capture(conn: sqlite3.Connection, article_id: int) -> Capture | None:
    """The latest full capture of an article's page, among its URL and its aliases."""
    found = conn.execute("SELECT url FROM articles WHERE id = ?", [article_id]).fetchone()
    if found is None:
        return None
    aliases = conn.execute("SELECT url FROM article_urls WHERE article_id = ?", [article_id])
    urls = (str(found[0]), *(str(url) for (url,) in aliases))
    return page_capture(conn, Page(article_id, "", urls))


async def captured_link(datasette: Any, database: Any, article_id: int) -> dict[str, str] | None:
    """Where the article's page is replayed and when it was captured, if it was."""
    capture = await database.execute_fn(lambda conn: article_capture(conn, article_id))
    if capture is None:
        return None
    return {
        "href": replay_path(datasette, stamp_of(capture.date), capture.url),
        "date": capture.date[:10],
    }


async def replay(request: Any, datasette: Any, database: Any) -> Any:
    """The answer to a replay address, from the served archive ``database`` (or None)."""
    from datasette.utils.asgi import Response

    stamp = request.url_vars["stamp"]
    url = re.sub(r"^(https?):/+", r"\1://", request.url_vars["url"])
    if request.query_string:
        url += "?" + request.query_string
    capture = None
    if database is not None:
        await datasette.ensure_permissions(
            request.actor, [("view-table", (database.name, "fetches")), "view-instance"]
        )
        capture = await database.execute_fn(
            lambda conn: nearest_capture(conn, url, _date_of(stamp))
        )
    if capture is None:
        body = f"<!DOCTYPE html><p>Not in the archive: <code>{escape(url)}</code></p>"
        return Response.html(body, status=404, headers=HEADERS)
    warc_dir = Path(database.path).parent / "warc"
    try:
        stored = read_response(
            warc_dir, capture.warc_file, capture.warc_offset, max_payload=MAX_PAYLOAD
        )
    except (OSError, PayloadTooLarge, StopIteration) as exc:
        body = f"<!DOCTYPE html><p>The capture of <code>{escape(url)}</code> cannot be read: "
        return Response.html(body + f"{escape(str(exc))}</p>", status=500, headers=HEADERS)
    return _answer(datasette, capture, stored.payload, stamp)


def _answer(datasette: Any, capture: Capture, payload: bytes, stamp: str) -> Any:
    from datasette.utils.asgi import Response

    def to_replay(target: str) -> str:
        return replay_path(datasette, stamp, target)

    kind = (capture.content_type or "").split(";", 1)[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        html = rewrite_page(payload, capture.content_type, capture.url, to_replay)
        home = datasette.urls.path("/")
        banner = BANNER.format(url=escape(capture.url), date=escape(capture.date), article=home)
        html = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + banner, html, count=1)
        return Response.html(html, headers=HEADERS)
    if is_stylesheet(capture.url, capture.content_type):
        css = rewrite_stylesheet(payload, capture.content_type, capture.url, to_replay)
        return Response(css, content_type="text/css; charset=utf-8", headers=HEADERS)
    return Response(payload, content_type=kind or "application/octet-stream", headers=HEADERS)
