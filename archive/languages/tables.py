"""The language tables: declared alternates, links between versions, and releases.

``language_links`` is the record of evidence: one row a pair of articles, with how they were
linked (``hreflang``, ``switch`` or ``content``), a score and the evidence as JSON.
``release_versions`` is derived from it: the linked articles fall into groups (a release), one
row an article, numbered by the release's lowest article id. Same-language copies stay in
``articles.duplicate_of``; a release holds at most one article a language.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

# Strongest first: the page's own word, then what its content shares with the other.
HOW_LINKED = ("hreflang", "switch", "content")

_TABLES = """
CREATE TABLE IF NOT EXISTS article_alternates (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    url TEXT NOT NULL,
    url_key TEXT NOT NULL,
    language TEXT,
    how TEXT NOT NULL,
    PRIMARY KEY (article_id, url_key)
);
CREATE INDEX IF NOT EXISTS article_alternates_url_key ON article_alternates (url_key);
CREATE TABLE IF NOT EXISTS language_links (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    other_id INTEGER NOT NULL REFERENCES articles(id),
    linked_by TEXT NOT NULL,
    score REAL NOT NULL,
    evidence TEXT,
    PRIMARY KEY (article_id, other_id),
    CHECK (article_id < other_id)
);
CREATE INDEX IF NOT EXISTS language_links_other ON language_links (other_id);
CREATE TABLE IF NOT EXISTS release_versions (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id),
    release_id INTEGER NOT NULL,
    language TEXT,
    linked_by TEXT NOT NULL,
    score REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS release_versions_release ON release_versions (release_id);
"""


def create_language_tables(db: sqlite_utils.Database) -> None:
    """Make the three tables (a migration step; safe to run again)."""
    db.executescript(_TABLES)


def save_link(
    db: sqlite_utils.Database, one: int, other: int, linked_by: str, score: float, evidence: Any
) -> None:
    """Record (or strengthen) the link between two articles; a weaker kind never replaces a
    stronger one."""
    low, high = sorted((one, other))
    db.execute(
        "INSERT INTO language_links (article_id, other_id, linked_by, score, evidence) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, other_id) DO UPDATE SET "
        "linked_by = excluded.linked_by, score = excluded.score, evidence = excluded.evidence "
        f"WHERE {_rank_sql('excluded.linked_by')} <= {_rank_sql('language_links.linked_by')}",
        [low, high, linked_by, score, json.dumps(evidence, ensure_ascii=False, sort_keys=True)],
    )


def _rank_sql(column: str) -> str:
    cases = " ".join(f"WHEN '{kind}' THEN {rank}" for rank, kind in enumerate(HOW_LINKED))
    return f"(CASE {column} {cases} ELSE {len(HOW_LINKED)} END)"


def release_of(db: sqlite_utils.Database, article_id: int) -> set[int]:
    """Every article linked to ``article_id`` through any chain of links, itself included."""
    found = {article_id}
    frontier = [article_id]
    while frontier:
        marks = ", ".join("?" * len(frontier))
        rows = db.execute(
            f"SELECT other_id FROM language_links WHERE article_id IN ({marks}) UNION "
            f"SELECT article_id FROM language_links WHERE other_id IN ({marks})",
            frontier + frontier,
        ).fetchall()
        frontier = [int(row[0]) for row in rows if int(row[0]) not in found]
        found.update(frontier)
    return found


def regroup(db: sqlite_utils.Database, article_ids: Iterable[int]) -> None:
    """Rewrite the ``release_versions`` rows of the releases these articles belong to."""
    done: set[int] = set()
    for article_id in article_ids:
        if article_id in done:
            continue
        members = release_of(db, article_id)
        done |= members
        _write_release(db, members)


def _write_release(db: sqlite_utils.Database, members: set[int]) -> None:
    marks = ", ".join("?" * len(members))
    ids = sorted(members)
    db.execute(f"DELETE FROM release_versions WHERE article_id IN ({marks})", ids)
    if len(members) < 2:
        return
    best = _strongest_links(db, ids)
    languages = dict(
        db.execute(f"SELECT id, language FROM articles WHERE id IN ({marks})", ids).fetchall()
    )
    for article_id in ids:
        linked_by, score = best[article_id]
        db.execute(
            "INSERT INTO release_versions (article_id, release_id, language, linked_by, score) "
            "VALUES (?, ?, ?, ?, ?)",
            [article_id, ids[0], languages.get(article_id), linked_by, score],
        )


def _strongest_links(db: sqlite_utils.Database, ids: list[int]) -> dict[int, tuple[str, float]]:
    """Each article's strongest link within its release: the kind first, then the score."""
    marks = ", ".join("?" * len(ids))
    rows = db.execute(
        f"SELECT article_id, other_id, linked_by, score FROM language_links "
        f"WHERE article_id IN ({marks})",
        ids,
    ).fetchall()
    best: dict[int, tuple[str, float]] = {}
    for one, other, linked_by, score in rows:
        for article_id in (int(one), int(other)):
            current = best.get(article_id)
            candidate = (str(linked_by), float(score))
            if current is None or _rank(candidate) < _rank(current):
                best[article_id] = candidate
    return best


def _rank(link: tuple[str, float]) -> tuple[int, float]:
    kind = HOW_LINKED.index(link[0]) if link[0] in HOW_LINKED else len(HOW_LINKED)
    return kind, -link[1]


# The other versions of article :id, in language order: what an article page lists.
VERSIONS_SQL = (
    "SELECT a.id, a.language, a.url, a.title, a.published, o.linked_by, o.score "
    "FROM release_versions r JOIN release_versions o ON o.release_id = r.release_id "
    "JOIN articles a ON a.id = o.article_id "
    "WHERE r.article_id = :id AND o.article_id <> r.article_id ORDER BY a.language, a.id"
)


def versions_of(db: sqlite_utils.Database, article_id: int) -> list[dict[str, Any]]:
    """The other language versions of an article: id, language, url, title, how linked."""
    cursor = db.execute(VERSIONS_SQL, {"id": article_id})
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
