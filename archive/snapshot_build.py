"""The steps of a snapshot after the cut: the facts of the copy, its exports, its documents."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

import pyarrow

from archive import __version__
from archive.filelog import FileLog
from archive.introspect import columns, key_columns, search_indexes, tables
from archive.manifest import PACKAGE_FILE, write_package
from archive.rowstate import TableChanges
from archive.selection import Selection
from archive.snapshot_docs import (
    Facts,
    citation,
    datasette_metadata,
    package_head,
    table_schema,
)
from archive.snapshot_readme import readme

if TYPE_CHECKING:
    from archive.snapshot import SnapshotOptions
    from archive.snapshot_base import BaseSnapshot


def _installed(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def software() -> dict[str, str | None]:
    """The versions that decide a snapshot's bytes and its texts' extraction."""
    return {
        "secnews": __version__,
        "trafilatura": _installed("trafilatura"),
        "sqlite": sqlite3.sqlite_version,
        "pyarrow": pyarrow.__version__,
    }


def site_facts(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every site of the selection with its title, address and number of articles."""
    rows = conn.execute(
        "SELECT n.name, s.title, s.base_url, s.language, "
        "(SELECT count(*) FROM articles a WHERE a.site = n.name) "
        "FROM (SELECT name FROM sites UNION SELECT site FROM articles) n "
        "LEFT JOIN sites s ON s.name = n.name ORDER BY n.name"
    )
    keys = ("name", "title", "base_url", "language", "articles")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def facts_of(
    conn: sqlite3.Connection,
    archive: str,
    date: str,
    created: str,
    selection: Selection,
    sites: list[dict[str, Any]],
    options: SnapshotOptions,
    changes: dict[str, TableChanges] | None,
) -> Facts:
    """What the cut copy holds."""
    present = tables(conn)
    low, high = conn.execute(
        "SELECT min(substr(published, 1, 10)), max(substr(published, 1, 10)) FROM articles "
        "WHERE published GLOB '[0-9][0-9][0-9][0-9]-*'"
    ).fetchone()
    indexes = [name for name, _, _ in search_indexes(conn) if name.startswith("articles")]
    attachments = [
        k for k, on in (("warc", options.with_warc), ("media", options.with_media)) if on
    ]
    return Facts(
        name=f"secnews-{archive}-{date}",
        archive_name=archive,
        date=date,
        created=created,
        selection=selection,
        formats=tuple(options.formats),
        attachments=tuple(attachments),
        license=options.license,
        counts={t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in present},
        published=(low, high),
        sites=sites,
        software=software(),
        schema_version=conn.execute("PRAGMA user_version").fetchone()[0],
        columns={t: columns(conn, t) for t in present},
        keys={t: key_columns(conn, t) for t in present},
        changes=changes,
        search_table=indexes[0] if indexes else None,
    )


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_documents(facts: Facts, files: FileLog, base: BaseSnapshot | None) -> Facts:
    """Schemas, Datasette metadata, README, CITATION.cff and datapackage.json."""
    facts = replace(
        facts, fingerprint=files.fingerprint(), extends=base.lineage() if base else None
    )
    for table in files.tables():
        files.write(f"schemas/{table}.json", _json(table_schema(facts, table)), "json")
    if "sqlite" in facts.formats:
        metadata = datasette_metadata(facts, facts.search_table)
        files.write("metadata.json", _json(metadata), "json")
    files.write("README.md", readme(facts).encode("utf-8"), "md")
    files.write("CITATION.cff", citation(facts).encode("utf-8"), "cff")
    with (files.root / PACKAGE_FILE).open("w", encoding="utf-8") as target:
        write_package(target, package_head(facts), files.sorted())
    files.add(PACKAGE_FILE, "json")
    return facts
