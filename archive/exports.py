"""Flat exports of a snapshot's copy: Parquet, gzipped JSON Lines, CSV and plain text.

Rows are streamed from cursors in a fixed order (site, month, article, key) and written a
partition at a time, so memory stays flat and two runs over the same copy write the same
bytes: gzip without a timestamp or file name, Parquet with fixed writer options.
"""

from __future__ import annotations

import base64
import csv
import gzip
import itertools
import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyarrow as pa
import pyarrow.parquet as pq

from archive.introspect import columns, key_columns, tables
from archive.manifest import FileLog, Progress

# Tables exported row by row, split by the site and publication month of their article.
PARTITIONED = ("articles", "article_versions", "images", "article_urls")
WHOLE = ("sites",)
ROW_GROUP_ROWS = 5000
ROW_GROUP_TEXT = 32 << 20  # characters of text buffered before a row group is written
GZIP_LEVEL = 6
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
}
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
    if table == "articles":
        return (
            "SELECT o.site, o.month, t.* FROM temp.export_order o "
            "JOIN main.articles t ON t.id = o.article_id ORDER BY o.site, o.month, o.article_id"
        )
    rest = [c for c in key_columns(conn, table) if c != "article_id"]
    order = "".join(f', t."{c}"' for c in rest)
    return (
        "SELECT o.site, o.month, t.* FROM temp.export_order o "
        f'JOIN main."{table}" t ON t.article_id = o.article_id '
        f"ORDER BY o.site, o.month, o.article_id{order}"
    )


def partitions(conn: sqlite3.Connection, table: str) -> Iterator[tuple[Partition, Iterator[Row]]]:
    """The rows of ``table`` in export order, grouped by (site, month) of their article."""
    cursor = conn.execute(_rows_sql(conn, table))
    grouped = itertools.groupby(cursor, key=lambda row: (row[0], row[1]))
    for key, rows in grouped:
        yield key, (row[2:] for row in rows)


def _relpath(format: str, table: str, partition: Partition, suffix: str) -> str:
    if table in WHOLE:
        return f"{format}/{table}.{suffix}"
    site, month = partition
    return f"{format}/{table}/{path_part(site)}/{path_part(month)}.{suffix}"


def _counted(rows: Iterator[Row], stage: str, total: int, progress: Progress) -> Iterator[Row]:
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % 1000 == 0:
            progress(stage, done, total)
    progress(stage, done, total)


def arrow_type(declared: str) -> pa.DataType:
    """The Arrow type of a SQLite declared type, by SQLite's own affinity rules."""
    upper = declared.upper()
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


def _arrow_batch(schema: pa.Schema, rows: Sequence[Row]) -> pa.Table:
    arrays = []
    for index, column in enumerate(schema):
        values = [row[index] for row in rows]
        if pa.types.is_string(column.type):
            values = [v if v is None or isinstance(v, str) else str(v) for v in values]
        arrays.append(pa.array(values, type=column.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _row_groups(rows: Iterator[Row]) -> Iterator[list[Row]]:
    group: list[Row] = []
    text = 0
    for row in rows:
        group.append(row)
        text += sum(len(v) for v in row if isinstance(v, str | bytes))
        if len(group) >= ROW_GROUP_ROWS or text >= ROW_GROUP_TEXT:
            yield group
            group, text = [], 0
    if group:
        yield group


def write_parquet(
    conn: sqlite3.Connection, table: str, log: FileLog, total: int, progress: Progress
) -> None:
    schema = arrow_schema(conn, table)
    stage = f"parquet {table}"
    for partition, rows in partitions(conn, table):
        path = _relpath("parquet", table, partition, "parquet")
        (log.root / path).parent.mkdir(parents=True, exist_ok=True)
        with pq.ParquetWriter(log.root / path, schema, **PARQUET_OPTIONS) as writer:
            for group in _row_groups(_counted(rows, stage, total, progress)):
                writer.write_table(_arrow_batch(schema, group), row_group_size=len(group))
        log.add(path, "parquet", table)


def _json_value(value: Any) -> Any:
    return base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value


def write_jsonl(
    conn: sqlite3.Connection, table: str, log: FileLog, total: int, progress: Progress
) -> None:
    names = [name for name, _ in columns(conn, table)]
    stage = f"jsonl {table}"
    for partition, rows in partitions(conn, table):
        path = _relpath("jsonl", table, partition, "jsonl.gz")
        (log.root / path).parent.mkdir(parents=True, exist_ok=True)
        with (
            (log.root / path).open("wb") as raw,
            gzip.GzipFile(
                filename="", mode="wb", fileobj=raw, compresslevel=GZIP_LEVEL, mtime=0
            ) as out,
        ):
            for row in _counted(rows, stage, total, progress):
                record = {name: _json_value(value) for name, value in zip(names, row, strict=True)}
                line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
                out.write(line.encode("utf-8") + b"\n")
        log.add(path, "jsonl", table)


def write_csv(
    conn: sqlite3.Connection, table: str, log: FileLog, total: int, progress: Progress
) -> None:
    """One CSV file a table, UTF-8 with a byte-order mark so spreadsheets read it right."""
    path = f"csv/{table}.csv"
    (log.root / path).parent.mkdir(parents=True, exist_ok=True)
    with (log.root / path).open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([name for name, _ in columns(conn, table)])
        stage = f"csv {table}"
        for _, rows in partitions(conn, table):
            writer.writerows(
                [_json_value(v) for v in row] for row in _counted(rows, stage, total, progress)
            )
    log.add(path, "csv", table)


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
        "FROM temp.export_order o JOIN main.articles a ON a.id = o.article_id "
        "ORDER BY o.site, o.month, o.article_id"
    )
    made: set[Path] = set()
    for done, (site, month, article_id, title, published, author, text) in enumerate(cursor, 1):
        folder = Path("text", path_part(site), path_part(month))
        if folder not in made:
            (log.root / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        body = article_text(title, published, author, text).encode("utf-8")
        log.write(f"{folder.as_posix()}/{article_id}.txt", body, "txt", None)
        if done % 1000 == 0 or done == total:
            progress("text", done, total)
