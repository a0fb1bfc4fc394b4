"""Datasette plugin: archive search in SQL and in the table search box, reading pages, read-only.

- ``secnews_match(query)`` and ``secnews_snippet(text, query[, language])`` on every connection;
  on the archive's connections ``escape_fts`` (what the table page's search box calls) is
  replaced by ``secnews_match``, so the box takes the same queries as ``secnews search``.
- ``/-/article/<id>``: an article to read, with its images, versions and URLs, and a
  link to its page as captured; ``/-/replay/<timestamp>/<url>``: that capture replayed
  (``replay``); ``/-/chart``: articles per month per site.
- Read-only: every request that is not GET, HEAD or OPTIONS is refused (405), and every
  write permission is denied. Files under ``/media/`` are served sandboxed (CSP, nosniff).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any, TypeVar, cast

from datasette import hookimpl as _hookimpl
from markupsafe import Markup

from archive.datasette.pages import archive_database, article_page, chart_page, marked_html
from archive.datasette.replay import ROUTE as REPLAY_ROUTE
from archive.datasette.replay import replay
from archive.search.ranking import match_expression, register_functions

Hook = TypeVar("Hook", bound=Callable[..., Any])
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITE_ACTIONS = frozenset(
    {
        "insert-row",
        "delete-row",
        "update-row",
        "create-table",
        "alter-table",
        "drop-table",
        "upsert-row",
        "execute-write",
    }
)
# An image opened on its own (an SVG with a script in it) runs nothing in the archive's origin.
MEDIA_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    (b"x-content-type-options", b"nosniff"),
]


def hookimpl(function: Hook) -> Hook:
    """Datasette's ``hookimpl``, typed for mypy (Datasette has no type hints)."""
    return cast(Hook, _hookimpl(function))


def hookimpl_last(function: Hook) -> Hook:
    """``hookimpl(trylast=True)``: runs after every other plugin's implementation."""
    return cast(Hook, _hookimpl(trylast=True)(function))


def _is_archive(conn: sqlite3.Connection) -> bool:
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles_fts'"
    return conn.execute(sql).fetchone() is not None


@hookimpl_last  # after Datasette's own, whose escape_fts this one replaces
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    register_functions(conn)
    if _is_archive(conn):
        # The table search box speaks the query language of ``secnews search`` too.
        conn.create_function("escape_fts", 1, match_expression, deterministic=True)


def _row_value(row: Any, key: str) -> Any:
    try:
        return row[key]
    except (IndexError, KeyError):
        return None


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Markup | None:
    if column == "version" and table in ("article_versions", None):
        return _version_link(row, value, datasette)  # each version, readable as it was
    if not isinstance(value, str):
        return None
    if column == "snippet" and table is None:
        return marked_html(value)
    article_id = _row_value(row, "id")
    if column == "title" and table in ("articles", None) and isinstance(article_id, int):
        href = escape(datasette.urls.path(f"/-/article/{article_id}"))
        return Markup(f'<a href="{href}">{escape(value)}</a>')
    return None


@hookimpl
def extra_body_script(view_name: str) -> str:
    """On a table's page, its column notes (twenty lines on ``articles``) fold away."""
    return _FOLD_COLUMN_NOTES if view_name == "table" else ""


_FOLD_COLUMN_NOTES = """
for (const notes of document.querySelectorAll("dl.column-descriptions")) {
  const fold = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = "What the columns mean";
  notes.replaceWith(fold);
  fold.append(summary, notes);
}
"""


def _version_link(row: Any, value: Any, datasette: Any) -> Markup | None:
    article_id = _row_value(row, "article_id")
    if not isinstance(article_id, int) or not isinstance(value, int):
        return None
    href = escape(datasette.urls.path(f"/-/article/{article_id}?version={value}"))
    return Markup(f'<a href="{href}">{value}</a>')


async def replay_page(request: Any, datasette: Any) -> Any:
    return await replay(request, datasette, await archive_database(datasette))


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    return [
        (r"^/-/article/(?P<article_id>[0-9]+)$", article_page),
        (r"^/-/chart$", chart_page),
        (REPLAY_ROUTE, replay_page),
    ]


@hookimpl
def menu_links(datasette: Any, actor: Any, request: Any) -> list[dict[str, str]]:
    return [
        {"href": datasette.urls.path("/-/search"), "label": "Search articles"},
        {"href": datasette.urls.path("/-/chart"), "label": "Articles per month (chart)"},
    ]


@hookimpl
def permission_allowed(datasette: Any, actor: Any, action: str, resource: Any) -> bool | None:
    return False if action in WRITE_ACTIONS else None


def _with_headers(send: Send, headers: list[tuple[bytes, bytes]]) -> Send:
    async def sending(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *headers]}
        await send(message)

    return sending


async def _refuse(send: Send) -> None:
    headers = [(b"content-type", b"text/plain"), (b"allow", b"GET, HEAD")]
    await send({"type": "http.response.start", "status": 405, "headers": headers})
    await send({"type": "http.response.body", "body": b"read-only archive\n"})


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[App], App]:
    """Refuse every method that could write; serve downloaded media as inert files."""

    def wrap(app: App) -> App:
        async def guarded(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await _refuse(send)
                return
            if scope["type"] == "http" and scope["path"].startswith("/media/"):
                send = _with_headers(send, MEDIA_HEADERS)
            await app(scope, receive, send)

        return guarded

    return wrap
