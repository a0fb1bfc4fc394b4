"""Flat exports of a snapshot's copy: Parquet, gzipped JSON Lines, CSV and plain text.

Rows are streamed from cursors in a fixed order (site, month, article, key) and written a
partition at a time, so memory stays flat and two runs over the same copy write the same
bytes: gzip without a timestamp or file name, Parquet with fixed writer options. Each
writer reads the copy and ``scratch.export_order`` (see ``selection.prepare_export_order``)
and nothing else, so writers can run side by side in separate processes.

The exports run side by side: one task a format and table, in worker processes.

Every task reads the finished copy (read-only) and the scratch export order, and writes its
own files, hashing them as it goes; the parent merges the file lists. Only the order of the
work changes with the number of workers, never a byte of what is written. Small snapshots
run in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import base64
import csv
import gzip
import io
import itertools
import json
import logging
import multiprocessing
import os
import queue
import sqlite3
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyarrow as pa
import pyarrow.parquet as pq

from archive.snapshot.incremental import record_digests, write_digests
from archive.snapshot.introspect import columns, key_columns, tables
from archive.snapshot.manifest import STATE_FILE, FileLog, Progress
from archive.snapshot.selection import DATE, TIMESTAMP, open_copy, parse_instant

log = logging.getLogger(__name__)

# Tables exported row by row, split by the site and publication month of their article.
PARTITIONED = (
    "articles",
    "article_versions",
    "images",
    "article_urls",
    "release_versions",
    "language_links",
)
WHOLE = ("sites",)
ROW_GROUP_ROWS = 1000  # rows a Parquet row group (and a batch in memory) holds at most
GZIP_LEVEL = 1  # fast enough to keep up with the rest; Parquet is the compact format
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
}
_BUFFER = 1 << 20
ORDER = "scratch.export_order"
Partition = tuple[str, str]
Row = tuple[Any, ...]


def path_part(value: str) -> str:
    """A site name or month as one safe path component (``:`` and such percent-encoded)."""
    encoded = quote(value, safe="")
    if encoded in ("", ".", ".."):  # names a file system would read as something else
        return encoded.replace(".", "%2E") or "_"
    return encoded


def export_tables(conn: sqlite3.Connection) -> list[str]:
    present = set(tables(conn))
    return [t for t in (*PARTITIONED, *WHOLE) if t in present]


def _rows_sql(conn: sqlite3.Connection, table: str) -> str:
    if table in WHOLE:
        keys = key_columns(conn, table) or [name for name, _ in columns(conn, table)]
        order = ", ".join(f'"{c}"' for c in keys)
        return f"SELECT '', '', t.* FROM main.\"{table}\" t ORDER BY {order}"
    link = "id" if table == "articles" else "article_id"
    rest = [c for c in key_columns(conn, table) if c not in ("id", "article_id")]
    order = "".join(f', t."{c}"' for c in rest)
    return (
        f"SELECT o.site, o.month, t.* FROM {ORDER} o "
        f'JOIN main."{table}" t ON t."{link}" = o.article_id '
        f"ORDER BY o.site, o.month, o.article_id{order}"
    )


def partitions(conn: sqlite3.Connection, table: str) -> Iterator[tuple[Partition, Iterator[Row]]]:
    """The rows of ``table`` in export order, grouped by (site, month) of their article."""
    cursor = conn.execute(_rows_sql(conn, table))
    for key, rows in itertools.groupby(cursor, key=lambda row: (row[0], row[1])):
        yield key, (row[2:] for row in rows)


def _relpath(format: str, table: str, partition: Partition, suffix: str) -> str:
    if table in WHOLE:
        return f"{format}/{table}.{suffix}"
    site, month = partition
    return f"{format}/{table}/{path_part(site)}/{path_part(month)}.{suffix}"


def _batches(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    while batch := list(itertools.islice(rows, size)):
        yield batch


class _Counter:
    """Reports a stage's progress every thousand rows or so."""

    def __init__(self, stage: str, total: int, progress: Progress) -> None:
        self.stage, self.total, self.progress, self.done = stage, total, progress, 0

    def add(self, rows: int) -> None:
        before, self.done = self.done, self.done + rows
        if self.done // 1000 != before // 1000 or self.done == self.total:
            self.progress(self.stage, self.done, self.total)


def arrow_type(declared: str) -> pa.DataType:
    """The Arrow type of a SQLite declared type, by SQLite's own affinity rules (and the
    typed date columns a snapshot adds: see ``selection``)."""
    upper = declared.upper()
    if upper == TIMESTAMP:
        return pa.timestamp("ms", tz="UTC")  # Parquet has no seconds unit
    if upper == DATE:
        return pa.date32()
    if "INT" in upper:
        return pa.int64()
    if any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        return pa.string()
    if "BLOB" in upper:
        return pa.binary()
    if any(word in upper for word in ("REAL", "FLOA", "DOUB")):
        return pa.float64()
    return pa.string()


def arrow_schema(conn: sqlite3.Connection, table: str) -> pa.Schema:
    return pa.schema([pa.field(name, arrow_type(kind)) for name, kind in columns(conn, table)])


def _arrow_column(values: Sequence[Any], kind: pa.DataType) -> pa.Array:
    if pa.types.is_timestamp(kind):
        values = [v if v is None else parse_instant(v) for v in values]
    elif pa.types.is_date32(kind):
        values = [v if v is None else date.fromisoformat(v) for v in values]
    try:
        return pa.array(values, type=kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # SQLite let a value of another type in
        if not pa.types.is_string(kind):
            raise
        return pa.array([v if v is None else str(v) for v in values], type=kind)


def _arrow_batch(schema: pa.Schema, rows: Sequence[Row]) -> pa.Table:
    by_column = zip(*rows, strict=True)
    arrays = [_arrow_column(values, f.type) for values, f in zip(by_column, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def write_parquet(
    conn: sqlite3.Connection, table: str, log: FileLog, total: int, progress: Progress
) -> None:
    schema = arrow_schema(conn, table)
    counter = _Counter(f"parquet {table}", total, progress)
    for partition, rows in partitions(conn, table):
        with (
            log.create(_relpath("parquet", table, partition, "parquet"), "parquet", table) as out,
            pq.ParquetWriter(out, schema, **PARQUET_OPTIONS) as writer,
        ):
            for batch in _batches(rows, ROW_GROUP_ROWS):
                writer.write_table(_arrow_batch(schema, batch), row_group_size=len(batch))
                counter.add(len(batch))


def _json_default(value: Any) -> Any:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def write_jsonl(
    conn: sqlite3.Connection, table: str, log: FileLog, total: int, progress: Progress
) -> None:
    names = [name for name, _ in columns(conn, table)]
    encode = json.JSONEncoder(
        ensure_ascii=False, separators=(",", ":"), default=_json_default
    ).encode
    counter = _Counter(f"jsonl {table}", total, progress)
    for partition, rows in partitions(conn, table):
        path = _relpath("jsonl", table, partition, "jsonl.gz")
        with (
            log.create(path, "jsonl", table) as raw,
            gzip.GzipFile(
                filename="", mode="wb", fileobj=raw, compresslevel=GZIP_LEVEL, mtime=0
            ) as out,
        ):
            for batch in _batches(rows, ROW_GROUP_ROWS):
                lines = [encode(dict(zip(names, row, strict=True))) for row in batch]
                out.write(("\n".join(lines) + "\n").encode("utf-8"))
                counter.add(len(batch))


def write_csv(
    conn: sqlite3.Connection, table: str, log: FileLog, total: int, progress: Progress
) -> None:
    """One CSV file a table, UTF-8 with a byte-order mark so spreadsheets read it right."""
    binary = [i for i, (_, kind) in enumerate(columns(conn, table)) if "BLOB" in kind.upper()]
    counter = _Counter(f"csv {table}", total, progress)
    with (
        log.create(f"csv/{table}.csv", "csv", table) as raw,
        io.BufferedWriter(raw, _BUFFER) as buffered,
        io.TextIOWrapper(buffered, encoding="utf-8-sig", newline="") as out,
    ):
        writer = csv.writer(out)
        writer.writerow([name for name, _ in columns(conn, table)])
        for _, rows in partitions(conn, table):
            for batch in _batches(rows, ROW_GROUP_ROWS):
                if binary:
                    batch = [
                        tuple(_json_default(v) if i in binary else v for i, v in enumerate(r))
                        for r in batch
                    ]
                writer.writerows(batch)
                counter.add(len(batch))


def article_text(title: str | None, published: str | None, author: str | None, text: str) -> str:
    """One article in the seed's layout: the title, the ``date author`` line, the body."""
    date = (published or "").replace("T", " ")[:19]
    byline = " ".join(part for part in (date, author or "") if part)
    head = [title or "", ""] + ([byline, ""] if byline else [])
    return "\n".join([*head, (text or "").rstrip("\n")]) + "\n"


def write_text(conn: sqlite3.Connection, log: FileLog, total: int, progress: Progress) -> None:
    """``text/<site>/<month>/<id>.txt``: one plain-text file an article, for corpus tools."""
    cursor = conn.execute(
        "SELECT o.site, o.month, a.id, a.title, a.published, a.author, a.text "
        f"FROM {ORDER} o JOIN main.articles a ON a.id = o.article_id "
        "ORDER BY o.site, o.month, o.article_id"
    )
    counter = _Counter("text", total, progress)
    folder = ""
    for site, month, article_id, title, published, author, text in cursor:
        if folder != (here := f"text/{path_part(site)}/{path_part(month)}"):
            folder = here
            (log.root / folder).mkdir(parents=True, exist_ok=True)
        body = article_text(title, published, author, text).encode("utf-8")
        log.write(f"{folder}/{article_id}.txt", body, "txt", parent=False)
        counter.add(1)


# Running the exports: which tasks, in which order, in which processes.

WRITERS = {"parquet": write_parquet, "jsonl": write_jsonl, "csv": write_csv}
PARALLEL_ROWS = 50_000  # below this many rows to export, one process is quicker
# Rough seconds a 100,000 rows for each kind of task (measured by bench/snapshot.py), so
# the longest start first and the workers finish together.
COST = {"text": 13.0, "jsonl": 7.0, "csv": 5.0, "parquet": 3.5, "state": 2.0, "hash": 0.3}
MAX_WORKERS = 4
ORDER_FILE = "order.db"  # the export order, in the scratch folder
_relay: Any = None  # a worker's queue to the parent, for progress


@dataclass(frozen=True)
class Task:
    """One unit of export work: a format of a table, the text files, row digests, a hash."""

    kind: str
    table: str | None = None
    rows: int = 0
    path: str | None = None  # the file a ``hash`` task hashes


def plan(
    conn: sqlite3.Connection, formats: tuple[str, ...], state: bool, database: str | None
) -> list[Task]:
    """Every task the snapshot needs, the longest first."""
    names = export_tables(conn)
    rows = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in names}
    tasks = [Task(fmt, table, rows[table]) for fmt in WRITERS if fmt in formats for table in names]
    if "text" in formats and "articles" in names:
        tasks.append(Task("text", None, rows["articles"]))
    if state:
        tasks.append(Task("state", None, sum(rows.values())))
    if database:
        tasks.append(Task("hash", None, sum(rows.values()), database))
    return sorted(tasks, key=lambda task: -task.rows * COST[task.kind])


def perform(copy: Path, scratch: Path, task: Task, number: int, progress: Progress) -> Path:
    """Do one task; return the ledger of the files it wrote."""
    ledger = scratch / f"files-{number}.db"
    files = FileLog(copy.parent, ledger)
    try:
        if task.kind == "hash":
            files.add(str(task.path), "sqlite")
            return ledger
        conn = open_copy(copy, scratch / ORDER_FILE)
        try:
            _export(conn, files, task, progress)
        finally:
            conn.close()
    finally:
        files.close()
    return ledger


def _export(conn: sqlite3.Connection, files: FileLog, task: Task, progress: Progress) -> None:
    if task.kind == "state":
        record_digests(conn)
        with files.create(STATE_FILE, "tsv") as target:
            write_digests(conn, target)
    elif task.kind == "text":
        write_text(conn, files, task.rows, progress)
    else:
        WRITERS[task.kind](conn, str(task.table), files, task.rows, progress)


def run(copy: Path, scratch: Path, tasks: list[Task], progress: Progress) -> list[Path]:
    """Do every task, in worker processes when there is enough to do; return their ledgers."""
    workers = min(len(tasks), os.cpu_count() or 1, MAX_WORKERS)
    if workers >= 2 and sum(task.rows for task in tasks) >= PARALLEL_ROWS:
        try:
            return _run_in_workers(copy, scratch, tasks, progress, workers)
        except BrokenProcessPool as exc:
            # E.g. a script without ``if __name__ == "__main__":`` cannot start workers.
            # A task's files are rewritten whole, so doing them all again here is safe.
            log.warning("export workers failed (%s); exporting in this process", exc)
    return [perform(copy, scratch, task, n, progress) for n, task in enumerate(tasks)]


def _run_in_workers(
    copy: Path, scratch: Path, tasks: list[Task], progress: Progress, workers: int
) -> list[Path]:
    context = multiprocessing.get_context("spawn")  # no fork: the parent may run threads
    messages = context.Queue()
    with ProcessPoolExecutor(workers, context, initializer=_start, initargs=(messages,)) as pool:
        futures = [
            pool.submit(_perform_in_worker, copy, scratch, task, n) for n, task in enumerate(tasks)
        ]
        pending: set[Future[Path]] = set(futures)
        while pending:
            _, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
            _forward(messages, progress)
        _forward(messages, progress)
        return [future.result() for future in futures]


def _start(messages: Any) -> None:
    global _relay
    _relay = messages


def _report(stage: str, done: int, total: int) -> None:
    _relay.put((stage, done, total))


def _perform_in_worker(copy: Path, scratch: Path, task: Task, number: int) -> Path:
    return perform(copy, scratch, task, number, _report)


def _forward(messages: Any, progress: Progress) -> None:
    while True:
        try:
            stage, done, total = messages.get_nowait()
        except queue.Empty:
            return
        progress(stage, done, total)
