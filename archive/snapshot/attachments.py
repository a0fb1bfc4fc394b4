"""The raw files a selection came from: the WARC files of its fetches and its downloaded media."""

from __future__ import annotations

import logging
import sqlite3
import zlib
from pathlib import Path, PurePosixPath

from archive.snapshot.introspect import column_names, tables
from archive.snapshot.manifest import FileLog, Progress, is_safe_path

log = logging.getLogger(__name__)

# kind → (table, column naming the file, folder of the data directory the files live in)
KINDS = {"warc": ("fetches", "warc_file", "warc"), "media": ("images", "path", "media")}
OPEN_SUFFIX = ".open"  # a WARC file a crawl is still writing
_CHUNK = 1 << 20


def referenced(conn: sqlite3.Connection, kind: str) -> list[str]:
    """Every distinct file the copy's rows point to, in a fixed order."""
    table, column, _ = KINDS[kind]
    if table not in tables(conn) or column not in column_names(conn, table):
        return []
    rows = conn.execute(
        f'SELECT DISTINCT "{column}" FROM "{table}" WHERE coalesce("{column}", \'\') != \'\' '
        "ORDER BY 1"
    )
    return [str(row[0]) for row in rows]


def _inside(resolved: Path, data_dir: Path, folder: str) -> str | None:
    """``folder/...`` path of a file inside ``DATA/folder`` (or ``DATA``), else None."""
    for root in ((data_dir / folder).resolve(), data_dir.resolve()):
        if resolved.is_relative_to(root):
            parts = PurePosixPath(resolved.relative_to(root).as_posix()).parts
            if root == data_dir.resolve() and parts[:1] == (folder,):
                parts = parts[1:]
            relative = "/".join(parts)
            return f"{folder}/{relative}" if is_safe_path(relative) else None
    return None


def locate(data_dir: Path, folder: str, stored: str) -> tuple[Path, str] | None:
    """The file a row names, and its path inside the snapshot.

    Rows hold a path relative to ``DATA/folder`` (WARC file names) or to ``DATA`` (media
    paths such as ``media/ab/<sha256>.jpg``); an absolute path must lie inside ``DATA``. A
    WARC file still being written is found under its ``.open`` name.
    """
    named = Path(stored)
    tries = [named] if named.is_absolute() else [data_dir / folder / stored, data_dir / stored]
    for path in [*tries, *(Path(f"{t}{OPEN_SUFFIX}") for t in tries)]:
        resolved = path.resolve()
        if resolved.is_file():
            inside = _inside(resolved, data_dir, folder)
            if inside is not None:
                return resolved, inside.removesuffix(OPEN_SUFFIX)
    return None


def complete_length(path: Path) -> int:
    """Bytes of ``path`` up to the end of its last whole gzip member.

    WARC files are gzip-per-record, so that is the end of the last whole record. A member
    counts only once zlib has reached its end and checked its CRC: a record the writer has
    not finished is left out.
    """
    good = offset = 0
    member = zlib.decompressobj(wbits=31)
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            while chunk:
                try:
                    member.decompress(chunk, _CHUNK)
                    while member.unconsumed_tail and not member.eof:
                        member.decompress(member.unconsumed_tail, _CHUNK)
                except zlib.error:
                    return good
                if not member.eof:
                    offset += len(chunk)
                    break
                offset += len(chunk) - len(member.unused_data)
                good, chunk = offset, member.unused_data
                member = zlib.decompressobj(wbits=31)
    return good


def copy_referenced(
    conn: sqlite3.Connection, kind: str, data_dir: Path, files: FileLog, progress: Progress
) -> list[str]:
    """Copy every file of ``kind`` the copy refers to; return the ones not found."""
    _, _, folder = KINDS[kind]
    names = referenced(conn, kind)
    missing, copied = [], set()
    for done, stored in enumerate(names, 1):
        found = locate(data_dir, folder, stored)
        if found is None:
            log.warning("%s file %s is referenced but not in %s", kind, stored, data_dir)
            missing.append(stored)
        elif found[1] not in copied:
            source, inside = found
            # A WARC file still being written is copied up to its last whole record.
            length = complete_length(source) if source.name.endswith(OPEN_SUFFIX) else None
            files.copy(source, inside, kind, length)
            copied.add(inside)
        progress(kind, done, len(names))
    return missing
