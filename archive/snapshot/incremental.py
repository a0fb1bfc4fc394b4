"""Incremental snapshots: the snapshot one extends, and row digests that tell what changed.

Every snapshot writes ``row-digests.tsv.gz``: one line a row of every ordinary table of its
selection (``table``, primary key as a JSON array, digest of the row's values). An
incremental snapshot computes the same for the archive now and keeps only the rows whose key
is new or whose digest differs. The file always describes the whole selection, so a chain of
incremental snapshots needs only the last one.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from archive.snapshot.bundle import SnapshotFiles
from archive.snapshot.introspect import columns, key_columns, tables, triggers_suspended
from archive.snapshot.manifest import PACKAGE_FILE, STATE_FILE, SUMS_FILE, parse_sums
from archive.snapshot.selection import Selection

# Bookkeeping that changes on every revisit without the article changing.
VOLATILE = {"articles": frozenset({"last_seen"})}
_BATCH = 5000
_SPOOL = 16 << 20  # a base's row digests are spooled in memory up to this size


@dataclass(frozen=True)
class TableChanges:
    """How one table of an incremental snapshot differs from the snapshot it extends."""

    added: int
    changed: int
    unchanged: int
    removed: int


def _digest_of(names: list[str]) -> Callable[..., str]:
    """A SQL function of a row's values → digest of its non-NULL ``column: value`` pairs.

    Leaving NULLs out means a migration that adds an empty column changes no digest. Each
    value is length-prefixed and typed, so no two different rows encode alike.
    """
    heads = [name.encode("utf-8") + b"\0" for name in names]

    def digest(*values: Any) -> str:
        row = hashlib.blake2b(digest_size=16)
        for head, value in zip(heads, values, strict=True):
            if value is None:
                continue
            if isinstance(value, str):
                data, kind = value.encode("utf-8"), b"s"
            elif isinstance(value, bytes):
                data, kind = value, b"b"
            else:
                data, kind = repr(value).encode("ascii"), b"n"
            row.update(b"%s%s%d:" % (head, kind, len(data)))
            row.update(data)
        return row.hexdigest()

    return digest


def _register(conn: sqlite3.Connection, table: str, number: int) -> tuple[str, str]:
    """Register ``table``'s digest function; return SQL for a row's key and its digest."""
    skip = VOLATILE.get(table, frozenset())
    names = [name for name, _ in columns(conn, table) if name not in skip]
    function = f"secnews_digest_{number}"
    conn.create_function(function, len(names), _digest_of(names), deterministic=True)
    digest = "{}({})".format(function, ", ".join(f'"{name}"' for name in names))
    keys = key_columns(conn, table)
    # A table without a primary key has no stable row identity: its content is its key.
    key = "json_array({})".format(", ".join(f'"{c}"' for c in keys)) if keys else digest
    return key, digest


def record_digests(conn: sqlite3.Connection) -> dict[str, str]:
    """Fill ``temp.row_digests`` with a digest of every row of every ordinary table.

    Returns the SQL of each table's row key, for ``drop_unchanged``.
    """
    conn.execute("DROP TABLE IF EXISTS temp.row_digests")
    conn.execute(
        "CREATE TEMP TABLE row_digests (tbl TEXT, key TEXT, digest TEXT, "
        "PRIMARY KEY (tbl, key)) WITHOUT ROWID"
    )
    keys = {}
    for number, table in enumerate(tables(conn)):
        key, digest = _register(conn, table, number)
        keys[table] = key
        conn.execute(
            f'INSERT OR IGNORE INTO temp.row_digests SELECT ?, {key}, {digest} FROM main."{table}"',
            [table],
        )
    return keys


def write_digests(conn: sqlite3.Connection, target: io.RawIOBase | IO[bytes]) -> None:
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


def drop_unchanged(conn: sqlite3.Connection, keys: dict[str, str]) -> dict[str, TableChanges]:
    """Delete from the copy every row the base snapshot already held as it is now."""
    changes = {}
    with triggers_suspended(conn):
        for table, key in keys.items():
            changes[table] = _count_changes(conn, table)
            conn.execute(
                f'DELETE FROM main."{table}" WHERE {key} IN '
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


@dataclass(frozen=True)
class BaseSnapshot:
    """A snapshot read back: enough to say what it was and to diff against it."""

    name: str
    created: str
    fingerprint: str
    sums_sha256: str
    selection: Selection
    files: SnapshotFiles
    sums: dict[str, str]

    def lineage(self) -> dict[str, Any]:
        """How an incremental snapshot names the snapshot it extends."""
        return {
            "name": self.name,
            "created": self.created,
            "fingerprint": self.fingerprint,
            "sha256sums": self.sums_sha256,
        }

    @contextmanager
    def state(self) -> Iterator[IO[bytes]]:
        """The base's row digests, checked against its SHA256SUMS before use."""
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as spool:
            digest = hashlib.sha256()
            with self.files.open(STATE_FILE) as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
                    spool.write(chunk)
            if digest.hexdigest() != self.sums.get(STATE_FILE):
                raise ValueError(f"{STATE_FILE} does not match the snapshot's {SUMS_FILE}")
            spool.seek(0)
            yield spool


def read_base(path: Path) -> BaseSnapshot:
    """Read a snapshot directory or packed file; ``ValueError`` when it does not hold up."""
    files = SnapshotFiles(path)
    sums_bytes = files.read(SUMS_FILE)
    try:
        sums = parse_sums(sums_bytes.decode("utf-8"))
    except ValueError as exc:
        raise ValueError(f"{SUMS_FILE}: {exc}") from exc
    package_bytes = files.read(PACKAGE_FILE)
    if hashlib.sha256(package_bytes).hexdigest() != sums.get(PACKAGE_FILE):
        raise ValueError(f"{PACKAGE_FILE} does not match the snapshot's {SUMS_FILE}")
    section = json.loads(package_bytes).get("secnews") or {}
    if STATE_FILE not in sums or "selection" not in section:
        raise ValueError("not a secnews snapshot (no row digests or selection)")
    return BaseSnapshot(
        name=str(json.loads(package_bytes).get("name", path.name)),
        created=str(section.get("created", "")),
        fingerprint=str(section.get("fingerprint", "")),
        sums_sha256=hashlib.sha256(sums_bytes).hexdigest(),
        selection=Selection.from_dict(section["selection"]),
        files=files,
        sums=sums,
    )
