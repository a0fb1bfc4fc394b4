"""A snapshot's selection of the archive, and a consistent copy of the database cut to it.

The copy is made with ``VACUUM INTO``: one read transaction, so it is a single state of the
archive even while a crawl writes. Cutting it to a selection keeps the selected articles and
what hangs on them: rows naming an article (``article_id``), a kept site (``site``) or a kept
crawl run (``run_id``), the fetches of the kept pages and images, and the search index rows
of the kept articles. Everything is read from the schema at run time.

The copy's ``articles`` also gain typed forms of ``published``, for researchers: the archive
keeps it as precise as the page said (a date alone, or a time with the site's offset), so
its strings come in several forms. ``published_utc`` is the instant in UTC when the page
gave a time with a known offset, ``published_date`` the publisher's calendar date whenever
one is known; Parquet stores them as a UTC timestamp and a date (``TIMESTAMP`` and ``DATE``
declared types), JSON Lines and CSV as ISO 8601 strings.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from archive.snapshot.introspect import (
    column_names,
    references,
    search_indexes,
    tables,
    triggers_suspended,
)

log = logging.getLogger(__name__)

# Articles whose ``published`` does not start with a date are grouped under this month.
UNDATED = "undated"
MONTH_SQL = (
    "CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
    f"THEN substr(published, 1, 7) ELSE '{UNDATED}' END"
)


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


def vacuum_copy(source: Path, target: Path) -> None:
    """Copy the live archive into ``target`` in one read transaction, read-only: a
    consistent copy however busy the crawl writing to it."""
    live = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        live.execute("PRAGMA busy_timeout = 30000")
        live.execute("VACUUM INTO ?", [str(target)])
    finally:
        live.close()


def copy_database(source: Path, target: Path) -> sqlite3.Connection:
    """Copy the live archive into ``target`` (``vacuum_copy``); open the copy."""
    vacuum_copy(source, target)
    copy = sqlite3.connect(target, isolation_level=None)
    copy.execute("PRAGMA foreign_keys = OFF")
    return copy


def unknown_sites(conn: sqlite3.Connection, sites: tuple[str, ...]) -> list[str]:
    known = {row[0] for row in conn.execute("SELECT DISTINCT site FROM articles")}
    known |= {row[0] for row in conn.execute("SELECT name FROM sites")}
    return sorted(set(sites) - known)


def apply_selection(
    conn: sqlite3.Connection,
    selection: Selection,
    also_fetched: Callable[[sqlite3.Connection], Iterable[str]] | None = None,
) -> bool:
    """Delete what the selection leaves out; return whether anything was deleted.
    ``also_fetched`` names more URLs whose fetches stay (a kept page's requisites), asked
    once the articles are cut and before the fetches are."""
    missing = unknown_sites(conn, selection.sites)
    if missing:
        raise SelectionError(f"no site named {', '.join(missing)} in the archive")
    if selection.is_everything:
        return False
    before = conn.total_changes
    where, params = selection.predicate()
    with triggers_suspended(conn):
        conn.execute("BEGIN")
        conn.execute(f"DELETE FROM articles WHERE NOT coalesce(({where}), 0)", params)
        _keep_referenced(conn, "articles", "id")
        _keep_sites(conn, selection)
        _keep_fetches(conn, also_fetched(conn) if also_fetched else ())
        conn.execute("COMMIT")
    return conn.total_changes > before


def _keep_referenced(conn: sqlite3.Connection, parent: str, key: str) -> None:
    for table, column in references(conn, parent):
        conn.execute(
            f'DELETE FROM "{table}" WHERE "{column}" IS NOT NULL AND '
            f'"{column}" NOT IN (SELECT "{key}" FROM "{parent}")'
        )


def _keep_sites(conn: sqlite3.Connection, selection: Selection) -> None:
    """The sites of the kept articles (and any named), and every site-keyed row of theirs."""
    named = sorted(selection.sites)
    marks = ", ".join("?" * len(named)) or "NULL"
    conn.execute(
        f"DELETE FROM sites WHERE name NOT IN (SELECT site FROM articles) "
        f"AND name NOT IN ({marks})",
        named,
    )
    for table in tables(conn):
        if table not in ("sites", "articles") and "site" in column_names(conn, table):
            conn.execute(f'DELETE FROM "{table}" WHERE site NOT IN (SELECT name FROM sites)')


def _keep_fetches(conn: sqlite3.Connection, also: Iterable[str]) -> None:
    """The fetches of the kept pages and images (and of ``also``), then the runs something
    still names."""
    present = set(tables(conn))
    if "fetches" in present:
        conn.execute("CREATE TEMP TABLE kept_fetch_urls (url TEXT PRIMARY KEY)")
        conn.executemany("INSERT OR IGNORE INTO kept_fetch_urls VALUES (?)", ((u,) for u in also))
        urls = ["SELECT url FROM articles", "SELECT url FROM temp.kept_fetch_urls"]
        urls += [
            f'SELECT url FROM "{t}" WHERE url IS NOT NULL'
            for t in ("article_urls", "images")
            if t in present
        ]
        conn.execute(f"DELETE FROM fetches WHERE url NOT IN ({' UNION '.join(urls)})")
        conn.execute("DROP TABLE temp.kept_fetch_urls")
    if "crawl_runs" in present:
        named = [
            f'SELECT "{c}" FROM "{t}" WHERE "{c}" IS NOT NULL'
            for t, c in references(conn, "crawl_runs")
        ]
        if named:
            conn.execute(f"DELETE FROM crawl_runs WHERE id NOT IN ({' UNION '.join(named)})")
        _keep_referenced(conn, "crawl_runs", "id")


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
        row = conn.execute(
            "SELECT max(coalesce(finished_at, started_at)) FROM crawl_runs"
        ).fetchone()
        return str(row[0]) if row and row[0] else None
    return None


def prepare_export_order(conn: sqlite3.Connection, scratch: Path) -> None:
    """Every selected article's site and month, in export order, in a scratch database.

    Made before an incremental snapshot drops unchanged articles, so rows that hang on an
    unchanged article (a new alias URL, a re-described image) still know their partition;
    kept outside the copy, so the copy stays exactly what it holds, and in a file, so export
    workers in other processes can read it (``open_copy``).
    """
    conn.execute("ATTACH DATABASE ? AS scratch", [str(scratch)])
    conn.execute(
        "CREATE TABLE scratch.export_order AS "
        f"SELECT id AS article_id, site, {MONTH_SQL} AS month FROM main.articles"
    )
    conn.execute("CREATE INDEX scratch.export_order_key ON export_order (site, month, article_id)")
    conn.execute("CREATE UNIQUE INDEX scratch.export_order_id ON export_order (article_id)")


def open_copy(copy: Path, scratch: Path) -> sqlite3.Connection:
    """A read-only connection to a finished copy, with its export order attached."""
    conn = sqlite3.connect(f"{copy.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    conn.execute("ATTACH DATABASE ? AS scratch", [f"{scratch.resolve().as_uri()}?mode=ro"])
    return conn


# Typed dates

TIMESTAMP, DATE = "TIMESTAMP", "DATE"  # declared types the exports map to Arrow's

TYPED_COLUMNS = {"published_utc": TIMESTAMP, "published_date": DATE}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def utc_instant(published: str | None) -> str | None:
    """``2022-01-30T19:04:10+08:00`` → ``2022-01-30T11:04:10Z``; None without time or offset."""
    if not published or "T" not in published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None  # a time whose offset the site did not give: no instant
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def calendar_date(published: str | None) -> str | None:
    """The publisher's date of ``published`` (its first ten characters, if a real date)."""
    if not published or not _DATE.match(published):
        return None
    try:
        return date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


def add_typed_dates(conn: sqlite3.Connection) -> None:
    """Give a snapshot copy's ``articles`` its typed date columns, filled from ``published``."""
    conn.create_function("utc_instant", 1, utc_instant, deterministic=True)
    conn.create_function("calendar_date", 1, calendar_date, deterministic=True)
    for name, kind in TYPED_COLUMNS.items():
        conn.execute(f"ALTER TABLE articles ADD COLUMN {name} {kind}")
    conn.execute(
        "UPDATE articles SET published_utc = utc_instant(published), "
        "published_date = calendar_date(published) WHERE published IS NOT NULL"
    )


def parse_instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
