"""Snapshots for researchers: a dated, complete, checksummed copy of (part of) the archive.

``take_snapshot`` copies the live database in one read transaction, cuts the copy to the
selection (and, for an incremental snapshot, to what changed since the one it extends),
exports it as Parquet, JSON Lines, CSV and plain text, and writes the documents that make it
self-describing (the steps after the cut: the facts of the copy, its exports, its
documents). Its date and every byte come from the archive's state, never the clock:
the same state and selection give the same files and checksums.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import pyarrow

from archive import __version__
from archive.capture.wacz import WaczError, requisites_of_kept_pages, wacz_of_articles
from archive.lock import writing
from archive.snapshot.attachments import copy_referenced
from archive.snapshot.bundle import PartialSnapshot, pack
from archive.snapshot.documents import (
    Facts,
    citation,
    datasette_metadata,
    package_head,
    readme,
    table_schema,
)
from archive.snapshot.exports import ORDER_FILE, plan
from archive.snapshot.exports import run as run_tasks
from archive.snapshot.incremental import (
    BaseSnapshot,
    TableChanges,
    drop_unchanged,
    load_base_digests,
    read_base,
    record_digests,
    write_digests,
)
from archive.snapshot.introspect import columns, key_columns, search_indexes, tables
from archive.snapshot.manifest import (
    PACKAGE_FILE,
    STATE_FILE,
    SUMS_FILE,
    FileLog,
    Progress,
    file_sha256,
    no_progress,
    write_package,
    write_sums,
)
from archive.snapshot.selection import (
    Selection,
    SelectionError,
    add_typed_dates,
    apply_selection,
    copy_database,
    data_as_of,
    open_copy,
    prepare_export_order,
    prune_search_indexes,
)
from archive.store import DB_NAME

log = logging.getLogger(__name__)

FORMATS = ("sqlite", "parquet", "jsonl", "csv", "text")  # the default
# Asked for by name: a WACZ reads every selected page back from the WARC files.
OPTIONAL_FORMATS = ("wacz",)
KNOWN_FORMATS = FORMATS + OPTIONAL_FORMATS
WACZ_FILE = "captures.wacz"


class SnapshotError(ValueError):
    """A snapshot that cannot be made as asked: the message says why."""


@dataclass(frozen=True)
class SnapshotOptions:
    """What to snapshot and how; ``selection`` None means everything (or the base's)."""

    out_dir: Path | None = None
    selection: Selection | None = None
    formats: tuple[str, ...] = FORMATS
    with_warc: bool = False
    with_media: bool = False
    since_snapshot: Path | None = None
    archive: str | None = None
    date: str | None = None
    name: str | None = None
    license: str = "CC-BY-4.0"


@dataclass(frozen=True)
class SnapshotResult:
    path: Path
    facts: Facts
    sums_sha256: str
    archive: Path | None = None
    files: int = 0


def archive_name(data_dir: Path, given: str | None = None) -> str:
    """The name snapshots carry: ``given``, else the data directory's (its parent's when it
    is ``data``), as lower-case letters, digits and hyphens."""
    folder = data_dir.resolve()
    name = folder.parent.name if folder.name == "data" and folder.parent.name else folder.name
    return re.sub(r"[^a-z0-9]+", "-", (given or name).lower()).strip("-") or "archive"


def _created(as_of: str | None) -> str:
    if not as_of:
        return "1970-01-01T00:00:00Z"
    try:
        moment = datetime.fromisoformat(as_of.replace("Z", "+00:00"))
    except ValueError:
        return as_of
    moment = moment.astimezone(UTC) if moment.tzinfo else moment
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _free_name(out_dir: Path, stem: str) -> str:
    """``stem``, or ``stem-2``, ``stem-3``… when a snapshot of that name is already there."""
    taken = {p.name.split(".", 1)[0] for p in out_dir.iterdir()} if out_dir.is_dir() else set()
    number, name = 1, stem
    while name in taken:
        number += 1
        name = f"{stem}-{number}"
    return name


def take_snapshot(
    data_dir: Path, options: SnapshotOptions, progress: Progress = no_progress
) -> SnapshotResult:
    """Write a snapshot directory (and optionally a ``.tar.gz``/``.zip`` of it).

    A large snapshot exports in worker processes (``spawn``): a script that calls this
    should do so under ``if __name__ == "__main__":``, or the export runs in one process.
    """
    source = data_dir / DB_NAME
    if not source.is_file():
        raise SnapshotError(f"no archive at {source}")
    unknown = sorted(set(options.formats) - set(KNOWN_FORMATS))
    if unknown or not options.formats:
        expected = ", ".join(KNOWN_FORMATS)
        raise SnapshotError(f"formats: expected some of {expected}, got {unknown}")
    try:
        base = read_base(options.since_snapshot) if options.since_snapshot else None
    except (OSError, ValueError, KeyError) as exc:
        raise SnapshotError(f"--since-snapshot {options.since_snapshot}: {exc}") from exc
    selection = options.selection or (base.selection if base else Selection())
    partial = PartialSnapshot(options.out_dir or data_dir / "snapshots")
    try:
        files = FileLog(partial.folder, partial.scratch / "files.db")
        try:
            facts = _build(data_dir, files, partial.scratch, selection, base, options, progress)
            final = partial.out_dir / _free_name(partial.out_dir, facts.name)
            partial.folder.rename(final)
            count = files.count()
        finally:
            files.close()
        bundled = pack(final, options.archive, facts.created, partial) if options.archive else None
    finally:
        partial.close()
    log.info("snapshot %s: %s", final, facts.summary())
    return SnapshotResult(final, facts, file_sha256(final / SUMS_FILE), bundled, count)


def _build(
    data_dir: Path,
    files: FileLog,
    scratch: Path,
    selection: Selection,
    base: BaseSnapshot | None,
    options: SnapshotOptions,
    progress: Progress,
) -> Facts:
    copy = files.root / DB_NAME
    database = DB_NAME if "sqlite" in options.formats else None
    progress("copy", 0, 1)
    # The cut of the live archive: a writer, while it lasts, as a crawl is (archive.lock).
    with writing(data_dir, "secnews snapshot"):
        conn = copy_database(data_dir / DB_NAME, copy)
    try:
        facts = _cut(conn, files, selection, base, options, data_dir, scratch / ORDER_FILE)
        tasks = plan(conn, options.formats, state=base is None, database=database)
    finally:
        conn.close()  # the copy is final: from here on it is only read
    progress("copy", 1, 1)
    for ledger in run_tasks(copy, scratch, tasks, progress):
        files.merge(ledger)
    _copy_sources(copy, scratch / ORDER_FILE, data_dir, files, facts, options, progress)
    if "wacz" in options.formats:
        _write_wacz(copy, scratch, data_dir, files, facts, progress)
    if database is None:
        copy.unlink()
    facts = write_documents(facts, files, base)
    with (files.root / SUMS_FILE).open("w", encoding="utf-8") as sums:
        write_sums(sums, files.sorted())
    return facts


def _copy_sources(
    copy: Path,
    order: Path,
    data_dir: Path,
    files: FileLog,
    facts: Facts,
    options: SnapshotOptions,
    progress: Progress,
) -> None:
    """The WARC files and media the selection came from, when asked for."""
    conn = open_copy(copy, order)
    try:
        for kind, wanted in (("warc", options.with_warc), ("media", options.with_media)):
            missing = copy_referenced(conn, kind, data_dir, files, progress) if wanted else []
            if missing:
                facts.missing[kind] = missing
    finally:
        conn.close()


def _write_wacz(
    copy: Path, scratch: Path, data_dir: Path, files: FileLog, facts: Facts, progress: Progress
) -> None:
    """``captures.wacz``: the selection's article pages as published, for replay tools (none
    in an increment in which no article changed)."""
    conn = open_copy(copy, scratch / ORDER_FILE)
    try:
        target, warc_dir = files.root / WACZ_FILE, data_dir / "warc"
        made = wacz_of_articles(conn, warc_dir, target, scratch / "wacz", facts.name, progress)
    except WaczError as exc:
        raise SnapshotError(f"wacz: {exc}") from exc
    finally:
        conn.close()
    if made is not None:
        files.add(WACZ_FILE, "wacz")
        facts.missing.update({"captures": made.missing} if made.missing else {})


def _cut(
    conn: sqlite3.Connection,
    files: FileLog,
    selection: Selection,
    base: BaseSnapshot | None,
    options: SnapshotOptions,
    data_dir: Path,
    order: Path,
) -> Facts:
    """Cut the copy to the selection (and to the changes); return what the copy holds."""
    try:
        keep = requisites_of_kept_pages(data_dir / "warc") if "wacz" in options.formats else None
        pruned = apply_selection(conn, selection, keep)
    except SelectionError as exc:
        raise SnapshotError(str(exc)) from exc
    if not conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() and base is None:
        raise SnapshotError("the selection holds no articles")
    add_typed_dates(conn)
    prepare_export_order(conn, order)
    created = _created(data_as_of(conn))
    sites = site_facts(conn)
    changes = _keep_changes(conn, files, base) if base is not None else None
    if pruned or any(change.unchanged for change in (changes or {}).values()):
        prune_search_indexes(conn)
        conn.execute("VACUUM")
    name = archive_name(data_dir, options.name)
    date = options.date or created[:10]
    return facts_of(conn, name, date, created, selection, sites, options, changes)


def _keep_changes(
    conn: sqlite3.Connection, files: FileLog, base: BaseSnapshot
) -> dict[str, TableChanges]:
    """Write the selection's row digests, then drop every row ``base`` already held."""
    keys = record_digests(conn)
    with files.create(STATE_FILE, "tsv") as state:
        write_digests(conn, state)
    with base.state() as stream:
        load_base_digests(conn, stream)
    return drop_unchanged(conn, keys)


# After the cut: the facts of the copy and the documents that describe it.


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
