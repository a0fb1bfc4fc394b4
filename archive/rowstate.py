"""Row digests: what a snapshot's selection held, so a later snapshot can hold only changes.

Every snapshot writes ``row-digests.tsv.gz``: one line a row of every ordinary table of its
selection (``table``, primary key as a JSON array, digest of the row's values). An
incremental snapshot computes the same for the archive now and keeps only the rows whose key
is new or whose digest differs. The file always describes the whole selection, so a chain of
incremental snapshots needs only the last one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from archive.selection import columns, key_columns, tables

STATE_FILE = "row-digests.tsv.gz"
# Bookkeeping that changes on every revisit without the article changing.
VOLATILE = {"articles": frozenset({"last_seen"})}
_BATCH = 5000


@dataclass(frozen=True)
class TableChanges:
    """How one table of an incremental snapshot differs from the snapshot it extends."""

    added: int
    changed: int
    unchanged: int
    removed: int


def _row_digest(*values: Any) -> str:
    encoded = json.dumps(
        [v.hex() if isinstance(v, bytes) else v for v in values],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:32]


def _key_sql(conn: sqlite3.Connection, table: str) -> str:
    return "json_array({})".format(", ".join(f'"{c}"' for c in key_columns(conn, table)))


def record_digests(conn: sqlite3.Connection) -> None:
    """Fill ``temp.row_digests`` with a digest of every row of every ordinary table."""
    conn.create_function("secnews_row_digest", -1, _row_digest, deterministic=True)
    conn.execute("DROP TABLE IF EXISTS temp.row_digests")
    conn.execute(
        "CREATE TEMP TABLE row_digests (tbl TEXT, key TEXT, digest TEXT, "
        "PRIMARY KEY (tbl, key)) WITHOUT ROWID"
    )
    for table in tables(conn):
        skip = VOLATILE.get(table, frozenset())
        values = ", ".join(f'"{name}"' for name, _ in columns(conn, table) if name not in skip)
        conn.execute(
            f"INSERT INTO temp.row_digests SELECT ?, {_key_sql(conn, table)}, "
            f'secnews_row_digest({values}) FROM main."{table}"',
            [table],
        )


def write_digests(conn: sqlite3.Connection, target: IO[bytes]) -> None:
    """Write ``temp.row_digests`` as gzipped TSV (fixed header, so the bytes are stable)."""
    with gzip.GzipFile(filename="", mode="wb", fileobj=target, mtime=0) as out:
        out.write(b"table\tkey\tdigest\n")
        for tbl, key, digest in conn.execute(
            "SELECT tbl, key, digest FROM temp.row_digests ORDER BY tbl, key"
        ):
            out.write(f"{tbl}\t{key}\t{digest}\n".encode())


def _read_digests(source: IO[bytes]) -> Iterator[tuple[str, str, str]]:
    with gzip.GzipFile(fileobj=source, mode="rb") as lines:
        header = lines.readline()
        if header != b"table\tkey\tdigest\n":
            raise ValueError(f"{STATE_FILE}: not a row digest file")
        for line in lines:
            tbl, key, digest = line.decode("utf-8").rstrip("\n").split("\t")
            yield tbl, key, digest


def load_base_digests(conn: sqlite3.Connection, source: IO[bytes]) -> None:
    """Load the digests of the snapshot being extended into ``temp.base_digests``."""
    conn.execute("DROP TABLE IF EXISTS temp.base_digests")
    conn.execute(
        "CREATE TEMP TABLE base_digests (tbl TEXT, key TEXT, digest TEXT, "
        "PRIMARY KEY (tbl, key)) WITHOUT ROWID"
    )
    batch: list[tuple[str, str, str]] = []
    for row in _read_digests(source):
        batch.append(row)
        if len(batch) == _BATCH:
            conn.executemany("INSERT INTO temp.base_digests VALUES (?, ?, ?)", batch)
            batch.clear()
    conn.executemany("INSERT INTO temp.base_digests VALUES (?, ?, ?)", batch)


def drop_unchanged(conn: sqlite3.Connection) -> dict[str, TableChanges]:
    """Delete from the copy every row the base snapshot already held as it is now."""
    changes = {}
    for table in tables(conn):
        changes[table] = _count_changes(conn, table)
        conn.execute(
            f'DELETE FROM main."{table}" WHERE {_key_sql(conn, table)} IN '
            "(SELECT n.key FROM temp.row_digests n JOIN temp.base_digests b "
            "ON b.tbl = n.tbl AND b.key = n.key AND b.digest = n.digest WHERE n.tbl = ?)",
            [table],
        )
    return changes


def _count_changes(conn: sqlite3.Connection, table: str) -> TableChanges:
    added, changed, unchanged = conn.execute(
        "SELECT sum(b.key IS NULL), sum(b.digest != n.digest), sum(b.digest = n.digest) "
        "FROM temp.row_digests n LEFT JOIN temp.base_digests b "
        "ON b.tbl = n.tbl AND b.key = n.key WHERE n.tbl = ?",
        [table],
    ).fetchone()
    (removed,) = conn.execute(
        "SELECT count(*) FROM temp.base_digests b WHERE b.tbl = ? AND NOT EXISTS "
        "(SELECT 1 FROM temp.row_digests n WHERE n.tbl = b.tbl AND n.key = b.key)",
        [table],
    ).fetchone()
    return TableChanges(added or 0, changed or 0, unchanged or 0, removed or 0)
