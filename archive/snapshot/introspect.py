"""The shape of an archive database read at run time: tables, columns, keys, search indexes.

Snapshots read the schema rather than hard-code it, so tables and columns that later
migrations add travel with every snapshot untouched.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

_FTS = re.compile(r"USING\s+(fts[345])\s*\((.*)\)\s*$", re.IGNORECASE | re.DOTALL)
_CONTENT = re.compile(r"\bcontent\s*=\s*(?:'([^']*)'|\"([^\"]*)\"|([\w$]+))", re.IGNORECASE)


def tables(conn: sqlite3.Connection) -> list[str]:
    """Ordinary tables: neither SQLite's own, nor virtual tables, nor their shadow tables."""
    rows = conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    virtual = [name for name, sql in rows if sql.upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _ in rows
        if name not in virtual and not any(name.startswith(f"{v}_") for v in virtual)
    ]


def columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """``(name, declared type)`` of every column of ``table``, in table order."""
    return [(row[1], row[2] or "") for row in conn.execute(f'PRAGMA main.table_info("{table}")')]


def column_names(conn: sqlite3.Connection, table: str) -> set[str]:
    return {name for name, _ in columns(conn, table)}


def key_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The primary key columns of ``table``; empty when it has none (rowids are not stable)."""
    info = conn.execute(f'PRAGMA main.table_info("{table}")').fetchall()
    return [name for _, name in sorted((row[5], row[1]) for row in info if row[5])]


def references(conn: sqlite3.Connection, parent: str) -> list[tuple[str, str]]:
    """``(table, column)`` pointing at ``parent`` rows: a foreign key, or by the archive's
    naming convention (``article_id`` → articles, ``run_id`` → crawl_runs)."""
    convention = {"articles": "article_id", "crawl_runs": "run_id"}.get(parent)
    found = []
    for table in tables(conn):
        if table == parent:
            continue
        linked = {
            row[3]
            for row in conn.execute(f'PRAGMA foreign_key_list("{table}")')
            if row[2] == parent
        }
        if convention and convention in column_names(conn, table):
            linked.add(convention)
        found += [(table, column) for column in sorted(linked)]
    return found


def search_indexes(conn: sqlite3.Connection) -> list[tuple[str, str, str | None]]:
    """``(name, fts module, content option)`` of every full-text index in the database."""
    found = []
    for name, sql in conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' "
        "AND sql LIKE 'CREATE VIRTUAL%'"
    ):
        match = _FTS.search(sql)
        if match:
            content = _CONTENT.search(match.group(2))
            option = next((g for g in content.groups() if g is not None), "") if content else None
            found.append((name, match.group(1).lower(), option))
    return found


@contextmanager
def triggers_suspended(conn: sqlite3.Connection) -> Iterator[None]:
    """Drop the triggers while the copy is cut, then restore them exactly.

    Cutting deletes rows; a trigger's side effects (an index kept in step, a log row) would
    make the copy depend on how it was cut rather than on what it holds.
    """
    saved = conn.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' ORDER BY rowid"
    ).fetchall()
    for name, _ in saved:
        conn.execute(f'DROP TRIGGER main."{name}"')
    try:
        yield
    finally:
        for _, sql in saved:
            conn.execute(sql)
