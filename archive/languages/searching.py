"""Search hits with their language versions, and search across versions: one hit a release.

A hit carries ``versions``: every version of its release, its own included, as language →
{id, url} (empty for an article in one language). Across versions, the versions of a release
are one hit: the best-ranked match stands for the release, or, when a language is asked for,
the release's version in that language, whichever version the words were found in — a
Chinese query finds the Russian version of a release whose Chinese version it matches.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

import sqlite_utils

from archive.search.ranking import SearchFilters, SearchHit, search, snippet_html

# Versions of a release a search across versions may have to read past to fill its limit.
_OVERFETCH = 4


def release_versions(db: sqlite_utils.Database, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Article id → its release's versions (language → {id, url}), for the linked ones."""
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = db.execute(
        f"SELECT r.article_id, a.language, a.id, a.url FROM release_versions r "
        f"JOIN release_versions o ON o.release_id = r.release_id "
        f"JOIN articles a ON a.id = o.article_id WHERE r.article_id IN ({marks}) "
        f"ORDER BY a.id",
        ids,
    ).fetchall()
    found: dict[int, dict[str, Any]] = {}
    for article_id, language, version_id, url in rows:
        found.setdefault(int(article_id), {})[language or "?"] = {"id": version_id, "url": url}
    return found


def hits_with_versions(db: sqlite_utils.Database, hits: list[SearchHit]) -> list[dict[str, Any]]:
    """The hits as ``secnews search --json`` prints them, each with its ``versions``."""
    versions = release_versions(db, [hit.id for hit in hits])
    return [{**asdict(hit), "versions": versions.get(hit.id, {})} for hit in hits]


def search_across_versions(
    db: sqlite_utils.Database, query: str, filters: SearchFilters
) -> list[SearchHit]:
    """One hit a release matching ``query`` in any of its languages (see the module)."""
    wide = replace(filters, language=None, limit=filters.limit * _OVERFETCH)
    hits = search(db, query, wide)
    versions = release_versions(db, [hit.id for hit in hits])
    chosen: list[SearchHit] = []
    seen: set[frozenset[int]] = set()
    for hit in hits:
        release = versions.get(hit.id, {})
        members = frozenset(v["id"] for v in release.values()) or frozenset({hit.id})
        if members in seen:
            continue
        seen.add(members)
        shown = _in_language(db, hit, release, filters.language, query)
        if shown is not None:
            chosen.append(shown)
        if len(chosen) == filters.limit:
            break
    return chosen


def _in_language(
    db: sqlite_utils.Database,
    hit: SearchHit,
    release: dict[str, Any],
    language: str | None,
    query: str,
) -> SearchHit | None:
    if not language or hit.language == language:
        return hit
    version = release.get(language)
    if version is None:
        return None
    row = db.execute(
        "SELECT id, url, site, title, published, language, text FROM articles WHERE id = ?",
        [version["id"]],
    ).fetchone()
    article_id, url, site, title, published, found_language, text = row
    return SearchHit(
        id=article_id,
        url=url,
        site=site,
        title=title,
        published=published,
        language=found_language,
        snippet=snippet_html(text, query, found_language),
        score=hit.score,
    )
