"""Ranked search over the index: one SQL statement shared by ``secnews search`` and Datasette.

The statement calls two SQL functions registered by ``register_functions``:
``secnews_match(query)`` (the query as an FTS5 expression) and ``secnews_snippet(text, query,
language)``. Hits are ranked by bm25 with the title weighted, newest first on ties. A query
that matches more than ``RANK_LIMIT`` articles is not ranked: its newest matches (highest
ids) are listed, newest published first, with no score. bm25 reads every match twice (once
for the term's rarity, once to score), a few microseconds each, and a common word in a large
archive matches hundreds of thousands.
"""

from __future__ import annotations

import html
import sqlite3
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import sqlite_utils

from archive.search.query import Query, QueryError, parse_query
from archive.search.snippets import snippet

RANK_LIMIT = 10_000
_PLAIN_SNIPPET = 200  # characters of text shown when a query marks nothing
DEFAULT_LIMIT = 20
# bm25 weights, in the order of the index's columns (title, text, title_stem, text_stem).
RANK = "bm25(articles_fts, 4.0, 1.0, 4.0, 1.0)"
# True when the row of articles_fts passes the optional filters (empty string: no filter).
_FILTERED = """(
    coalesce(:site, '') || coalesce(:language, '') || coalesce(:since, '')
      || coalesce(:until, '') = ''
    OR EXISTS (
      SELECT 1 FROM articles f WHERE f.id = articles_fts.rowid
        AND (coalesce(:site, '') = '' OR f.site = :site)
        AND (coalesce(:language, '') = '' OR f.language = :language
             OR f.language LIKE :language || '-%')
        AND (coalesce(:since, '') = '' OR substr(f.published, 1, 10) >= :since)
        AND (coalesce(:until, '') = '' OR substr(f.published, 1, 10) <= :until)))"""
_MATCHES = f"articles_fts MATCH secnews_match(:q) AND {_FILTERED}"
_LIMIT = f"coalesce(CAST(nullif(:limit, '') AS INTEGER), {DEFAULT_LIMIT})"


def search_sql(rank_limit: int = RANK_LIMIT) -> str:
    """The search statement: bm25 order up to ``rank_limit`` matches, newest first beyond."""
    return f"""WITH broad AS (
  SELECT EXISTS (
    SELECT rowid FROM articles_fts WHERE {_MATCHES}
    ORDER BY rowid DESC LIMIT 1 OFFSET {int(rank_limit)}) AS yes
), ranked AS (
  SELECT rowid AS id, {RANK} AS rank FROM articles_fts WHERE {_MATCHES}
  ORDER BY rank, rowid DESC
  LIMIT CASE WHEN (SELECT yes FROM broad) THEN 0 ELSE {_LIMIT} END
), newest AS (
  SELECT rowid AS id, NULL AS rank FROM articles_fts WHERE {_MATCHES}
  ORDER BY rowid DESC
  LIMIT CASE WHEN (SELECT yes FROM broad) THEN {_LIMIT} ELSE 0 END
), hits AS (
  SELECT * FROM ranked UNION ALL SELECT * FROM newest
)
SELECT a.id, a.url, a.site, a.title, a.published, a.language,
  secnews_snippet(a.text, :q, a.language) AS snippet, round(-hits.rank, 4) AS score
FROM hits JOIN articles a ON a.id = hits.id
ORDER BY hits.rank, a.published DESC, a.id DESC"""


SEARCH_SQL = search_sql()


@lru_cache(maxsize=256)
def _parsed(query: str) -> Query:
    return parse_query(query)


# An FTS5 expression that matches no row, whatever the index holds.
NOTHING = '"\ue001" NOT "\ue001"'


def match_expression(query: str) -> str:
    """``secnews_match(query)``: the FTS5 expression for a user's query; for a query with
    nothing to search for (``((((``, only excluded words), one that matches nothing. Called
    by SQLite, it never raises: a raise would become an error with a traceback in the
    server's log, for a typo. Python callers parse the query first and report why."""
    try:
        return _parsed(query).fts()
    except QueryError:
        return NOTHING


def snippet_html(text: str | None, query: str, language: str | None = None) -> str:
    """``secnews_snippet(text, query, language)``: an HTML excerpt with matches marked (the
    text's start, escaped, for a query with nothing to mark)."""
    try:
        parsed = _parsed(query)
    except QueryError:
        return html.escape((text or "")[:_PLAIN_SNIPPET])
    return snippet(text or "", parsed, language=language)


def register_functions(conn: sqlite3.Connection) -> None:
    """Make ``secnews_match`` and ``secnews_snippet`` callable from SQL on ``conn``."""
    conn.create_function("secnews_match", 1, match_expression, deterministic=True)
    conn.create_function("secnews_snippet", 3, snippet_html, deterministic=True)
    conn.create_function("secnews_snippet", 2, snippet_html, deterministic=True)


@dataclass(frozen=True)
class SearchFilters:
    """What narrows a search besides the query: site, language, published date range."""

    site: str | None = None
    language: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class SearchHit:
    """One article found, as ``secnews search --json`` prints it."""

    id: int
    url: str
    site: str
    title: str | None
    published: str | None
    language: str | None
    snippet: str
    score: float | None  # None: too common a query to rank (see RANK_LIMIT)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def search(
    db: sqlite_utils.Database,
    query: str,
    filters: SearchFilters | None = None,
    *,
    rank_limit: int = RANK_LIMIT,
) -> list[SearchHit]:
    """Articles matching ``query``, best first (newest first on ties), with snippets.

    Raises ``archive.query.QueryError`` for a query with nothing to search for.
    """
    _parsed(query)  # a bad query fails here with its reason, not inside SQLite
    register_functions(db.conn)
    params: dict[str, Any] = {"q": query, **asdict(filters or SearchFilters())}
    sql = SEARCH_SQL if rank_limit == RANK_LIMIT else search_sql(rank_limit)
    return [SearchHit(*row) for row in db.execute(sql, params).fetchall()]
