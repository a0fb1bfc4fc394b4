"""A snapshot's selection of the archive, and a consistent copy of the database cut to it.

The copy is made with ``VACUUM INTO``: one read transaction, so it is a single state of the
archive even while a crawl writes. Everything else is read from the schema at run time, so
tables and columns added by later migrations travel with the copy untouched.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Articles whose ``published`` does not start with a date are grouped under this month.
UNDATED = "undated"
MONTH_SQL = (
    "CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
    f"THEN substr(published, 1, 7) ELSE '{UNDATED}' END"
)
_FTS = re.compile(r"USING\s+(fts[345])\s*\((.*)\)\s*$", re.IGNORECASE | re.DOTALL)
_CONTENT = re.compile(r"\bcontent\s*=\s*(?:'([^']*)'|\"([^\"]*)\"|([\w$]+))", re.IGNORECASE)


class SelectionError(ValueError):
    """The selection names something the archive does not hold."""


@dataclass(frozen=True)
class Selection:
    """Which articles a snapshot holds: by site, and by publication date (both inclusive)."""

    sites: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None

    @property
    def is_everything(self) -> bool:
        return not (self.sites or self.since or self.until)

    def to_dict(self) -> dict[str, Any]:
        return {"sites": sorted(self.sites), "since": self.since, "until": self.until}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Selection:
        return cls(tuple(data.get("sites") or ()), data.get("since"), data.get("until"))

    def predicate(self) -> tuple[str, list[str]]:
        """SQL over ``articles`` that is true for the selected rows, and its parameters."""
        terms, params = ["1"], []
        if self.sites:
            terms.append(f"site IN ({', '.join('?' * len(self.sites))})")
            params.extend(sorted(self.sites))
        if self.since:
            terms.append("substr(published, 1, 10) >= ?")
            params.append(self.since)
        if self.until:
            terms.append("substr(published, 1, 10) <= ?")
            params.append(self.until)
        return " AND ".join(terms), params


def copy_database(source: Path, target: Path) -> sqlite3.Connection:
    """Copy the live archive into ``target`` in one read transaction; open the copy."""
    live = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        live.execute("PRAGMA busy_timeout = 30000")
        live.execute("VACUUM INTO ?", [str(target)])
    finally:
        live.close()
    copy = sqlite3.connect(target)
    copy.execute("PRAGMA foreign_keys = OFF")
    return copy


def tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables: neither SQLite's own, nor virtual tables, nor their shadow tables."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    virtual = [name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _ in rows
        if name not in virtual and not any(name.startswith(f"{v}_") for v in virtual)
    ]


def columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """``(name, declared type)`` of every column of ``table``, in table order."""
    return [(row[1], row[2] or "") for row in conn.execute(f'PRAGMA table_info("{table}")')]


def key_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The primary key columns of ``table``, or ``rowid`` when it has none."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    keyed = sorted((row[5], row[1]) for row in info if row[5])
    return [name for _, name in keyed] or ["rowid"]


def unknown_sites(conn: sqlite3.Connection, sites: tuple[str, ...]) -> list[str]:
    known = {row[0] for row in conn.execute("SELECT DISTINCT site FROM articles")}
    known |= {row[0] for row in conn.execute("SELECT name FROM sites")}
    return sorted(set(sites) - known)


def apply_selection(conn: sqlite3.Connection, selection: Selection) -> None:
    """Delete what the selection leaves out, and every row that hangs only on it."""
    missing = unknown_sites(conn, selection.sites)
    if missing:
        raise SelectionError(f"no site named {', '.join(missing)} in the archive")
    if selection.is_everything:
        return
    where, params = selection.predicate()
    conn.execute(f"DELETE FROM articles WHERE NOT coalesce(({where}), 0)", params)
    for table, column in children_of(conn, "articles"):
        conn.execute(
            f'DELETE FROM "{table}" WHERE "{column}" IS NOT NULL AND '
            f'"{column}" NOT IN (SELECT id FROM articles)'
        )
    _prune_operational(conn, selection)


def children_of(conn: sqlite3.Connection, parent: str) -> list[tuple[str, str]]:
    """``(table, column)`` of every foreign key to ``parent`` from another table."""
    found = []
    for table in tables(conn):
        if table == parent:
            continue
        for row in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
            if row[2] == parent:
                found.append((table, row[3]))
    return found


def _prune_operational(conn: sqlite3.Connection, selection: Selection) -> None:
    """Keep the fetches of the selection's pages and images, their runs, and their sites."""
    present = set(tables(conn))
    if "fetches" in present:
        conn.execute(
            "DELETE FROM fetches WHERE url NOT IN (SELECT url FROM articles "
            "UNION SELECT url FROM article_urls UNION SELECT url FROM images)"
        )
        if "crawl_runs" in present:
            conn.execute(
                "DELETE FROM crawl_runs WHERE id NOT IN "
                "(SELECT run_id FROM fetches WHERE run_id IS NOT NULL)"
            )
    named = sorted(selection.sites)
    marks = ", ".join("?" * len(named)) or "NULL"
    conn.execute(
        f"DELETE FROM sites WHERE name NOT IN (SELECT site FROM articles) "
        f"AND name NOT IN ({marks})",
        named,
    )


def search_indexes(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    """``(name, fts module, content option)`` of every full-text index in the database."""
    found = []
    for name, sql in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
    ):
        match = _FTS.search(sql)
        if match:
            content = _CONTENT.search(match.group(2))
            option = next((g for g in content.groups() if g is not None), "") if content else None
            found.append((name, match.group(1).lower(), option))
    return found


def prune_search_indexes(conn: sqlite3.Connection) -> None:
    """Bring every full-text index in line with the articles left in the copy.

    An index over another table (``content=``) is rebuilt from it; an index that keeps its
    own text is keyed by article id (the archive's convention), so other rows are deleted.
    """
    for name, _module, content in search_indexes(conn):
        if content:
            conn.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'rebuild\')')
            continue
        try:
            conn.execute(f'DELETE FROM "{name}" WHERE rowid NOT IN (SELECT id FROM articles)')
        except sqlite3.DatabaseError as exc:  # a contentless index without delete support
            log.warning("search index %s cannot be cut to the selection: %s", name, exc)
            continue
        conn.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'optimize\')')


def data_as_of(conn: sqlite3.Connection) -> str | None:
    """The latest time the archive confirmed anything in the copy: its ``last_seen``."""
    row = conn.execute("SELECT max(last_seen) FROM articles").fetchone()
    if row and row[0]:
        return str(row[0])
    if "crawl_runs" in tables(conn):
        row = conn.execute("SELECT max(coalesce(finished_at, started_at)) FROM crawl_runs").fetchone()
        return str(row[0]) if row and row[0] else None
    return None


def prepare_export_order(conn: sqlite3.Connection) -> None:
    """A temporary table of every selected article's site and month, in export order.

    Made before an incremental snapshot drops unchanged articles, so rows that hang on an
    unchanged article (a new alias URL, a re-described image) still know their partition.
    """
    conn.execute("DROP TABLE IF EXISTS temp.export_order")
    conn.execute(
        "CREATE TEMP TABLE export_order AS "
        f"SELECT id AS article_id, site, {MONTH_SQL} AS month FROM main.articles"
    )
    conn.execute("CREATE INDEX temp.export_order_key ON export_order (site, month, article_id)")
    conn.execute("CREATE UNIQUE INDEX temp.export_order_id ON export_order (article_id)")
