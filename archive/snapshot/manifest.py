"""What a snapshot holds, file by file: sizes and SHA-256 for SHA256SUMS and datapackage.json.

The files are logged as they are written (path, size, SHA-256, kind). The log is a small
SQLite table (the *ledger*) rather than a list, so a snapshot of a million articles (a
million text files) costs no more memory than one of a thousand, and export workers in other
processes keep ledgers of their own that the parent merges.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

SUMS_FILE = "SHA256SUMS"
PACKAGE_FILE = "datapackage.json"
STATE_FILE = "row-digests.tsv.gz"  # row digests, for incremental snapshots
SELF_CHECK = "# sha256 of the lines above: "
_SAFE_NAME = re.compile(r"[^a-z0-9._-]+")

# (stage, done, total): how far a long step has come; total 0 when unknown.
Progress = Callable[[str, int, int], None]
_CHUNK = 1 << 20  # bytes read at a time when hashing a file


@dataclass(frozen=True)
class FileEntry:
    """One file of a snapshot: where, its digest, how big, and what it holds."""

    path: str
    sha256: str
    bytes: int
    format: str
    table: str | None = None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class HashedFile(io.RawIOBase):
    """A file opened for writing that keeps the SHA-256 and size of what was written."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._file = path.open("wb")
        self.digest = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self._file.write(view)
        self.digest.update(view)
        self.size += len(view)
        return len(view)

    def tell(self) -> int:
        return self.size

    def close(self) -> None:
        if not self.closed:
            self._file.close()
        super().close()


class FileLog:
    """Files written under ``root``, each recorded in the ledger at ``ledger``."""

    def __init__(self, root: Path, ledger: Path) -> None:
        self.root = root
        self._db = sqlite3.connect(ledger)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, sha256 TEXT, "
            "bytes INTEGER, format TEXT, tbl TEXT)"
        )

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def _record(self, entry: FileEntry) -> FileEntry:
        self._db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
            (entry.path, entry.sha256, entry.bytes, entry.format, entry.table),
        )
        return entry

    def add(self, path: str, format: str, table: str | None = None) -> FileEntry:
        """Record a file already written under the root."""
        full = self.root / path
        return self._record(FileEntry(path, file_sha256(full), full.stat().st_size, format, table))

    @contextmanager
    def create(self, path: str, format: str, table: str | None = None) -> Iterator[HashedFile]:
        """A new file at ``path`` under the root, hashed as it is written, then recorded."""
        full = self.root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        with HashedFile(full) as target:
            yield target
        self._record(FileEntry(path, target.digest.hexdigest(), target.size, format, table))

    def write(
        self, path: str, data: bytes, format: str, table: str | None = None, *, parent: bool = True
    ) -> FileEntry:
        """Write ``data`` to ``path`` under the root and record it."""
        full = self.root / path
        if parent:
            full.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(full, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            left = memoryview(data)
            while left:
                left = left[os.write(descriptor, left) :]
        finally:
            os.close(descriptor)
        sha256 = hashlib.sha256(data).hexdigest()
        return self._record(FileEntry(path, sha256, len(data), format, table))

    def copy(self, source: Path, path: str, format: str, length: int | None = None) -> None:
        """Copy ``source`` (its first ``length`` bytes) to ``path``, hashing on the way."""
        left = source.stat().st_size if length is None else length
        with source.open("rb") as src, self.create(path, format) as dst:
            while left > 0 and (chunk := src.read(min(_CHUNK, left))):
                left -= len(chunk)
                dst.write(chunk)

    def merge(self, ledger: Path) -> None:
        """Take in the entries of another (closed) ledger, e.g. an export worker's."""
        self._db.commit()
        self._db.execute("ATTACH DATABASE ? AS part", [str(ledger)])
        self._db.execute("INSERT OR REPLACE INTO files SELECT * FROM part.files")
        self._db.commit()
        self._db.execute("DETACH DATABASE part")

    def sorted(self) -> Iterator[FileEntry]:
        """Every entry, by path (the order of SHA256SUMS and datapackage.json)."""
        for row in self._db.execute("SELECT * FROM files ORDER BY path"):
            yield FileEntry(*row)

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM files").fetchone()[0])

    def tables(self) -> list[str]:
        """The tables some logged file exports."""
        rows = self._db.execute("SELECT DISTINCT tbl FROM files WHERE tbl IS NOT NULL")
        return sorted(str(row[0]) for row in rows)

    def fingerprint(self) -> str:
        """SHA-256 over the sorted checksum lines of every file logged so far."""
        digest = hashlib.sha256()
        for entry in self.sorted():
            digest.update(f"{entry.sha256}  {entry.path}\n".encode())
        return digest.hexdigest()


def no_progress(stage: str, done: int, total: int) -> None:
    """A progress sink that shows nothing."""


FORMATS = {  # format → (media type, compression, text encoding)
    "sqlite": ("application/vnd.sqlite3", None, None),
    "parquet": ("application/vnd.apache.parquet", None, None),
    "jsonl": ("application/jsonl", "gz", "utf-8"),
    "csv": ("text/csv", None, "utf-8-sig"),
    "txt": ("text/plain", None, "utf-8"),
    "json": ("application/json", None, "utf-8"),
    "tsv": ("text/tab-separated-values", "gz", "utf-8"),
    "md": ("text/markdown", None, "utf-8"),
    "cff": ("application/x-yaml", None, "utf-8"),
    "warc": ("application/warc", "gz", None),
    "media": ("application/octet-stream", None, None),
    "wacz": ("application/wacz", None, None),  # a zip of WARC, CDXJ, pages, its own package
}


def sums_lines(entries: Iterable[Any]) -> Iterator[str]:
    for entry in entries:
        yield f"{entry.sha256}  {entry.path}\n"


def sums_text(entries: Iterable[Any]) -> str:
    """``sha256sum -c`` lines, then a comment holding the digest of those lines."""
    body = "".join(sums_lines(entries))
    return f"{body}{SELF_CHECK}{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n"


def write_sums(target: IO[str], entries: Iterable[FileEntry]) -> None:
    """SHA256SUMS as ``sums_text`` makes it, streamed to ``target``."""
    digest = hashlib.sha256()
    for line in sums_lines(entries):
        target.write(line)
        digest.update(line.encode("utf-8"))
    target.write(f"{SELF_CHECK}{digest.hexdigest()}\n")


def parse_sums(text: str) -> dict[str, str]:
    """Path → SHA-256 from SHA256SUMS; raises ``ValueError`` naming what is wrong."""
    body, _, check = text.rpartition(SELF_CHECK)
    if not check or hashlib.sha256(body.encode("utf-8")).hexdigest() != check.strip():
        raise ValueError("its own checksum line does not match its contents")
    sums: dict[str, str] = {}
    for number, line in enumerate(body.splitlines(), 1):
        digest, sep, path = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest) or not is_safe_path(path):
            raise ValueError(f"line {number} is not '<sha256>  <relative path>'")
        sums[path] = digest
    return sums


def is_safe_path(path: str) -> bool:
    """A relative path inside the snapshot: no ``..``, no absolute path, no backslash, no
    control character (so it fits on one line of SHA256SUMS)."""
    parts = path.split("/")
    return (
        bool(path)
        and not path.startswith("/")
        and "\\" not in path
        and not any(ord(char) < 32 or ord(char) == 127 for char in path)
        and all(part not in ("", ".", "..") for part in parts)
    )


def resource(entry: FileEntry, names: set[str]) -> dict[str, Any]:
    """The Data Package resource describing one file."""
    mediatype, compression, encoding = FORMATS[entry.format]
    name = _SAFE_NAME.sub("-", entry.path.lower()).strip("-") or "file"
    while name in names:
        name += "-"
    names.add(name)
    described: dict[str, Any] = {"name": name, "path": entry.path, "format": entry.format}
    described["mediatype"] = mediatype
    if encoding:
        described["encoding"] = encoding
    if compression and entry.path.endswith(f".{compression}"):
        described["compression"] = compression
    if entry.table and entry.format in ("parquet", "jsonl", "csv"):
        described["profile"] = "tabular-data-resource"
        described["schema"] = f"schemas/{entry.table}.json"
    described["bytes"] = entry.bytes
    described["hash"] = f"sha256:{entry.sha256}"
    return described


def write_package(target: IO[str], head: dict[str, Any], entries: Iterable[FileEntry]) -> None:
    """Write datapackage.json: ``head``'s properties, then one resource a file, streamed."""
    target.write("{\n")
    for key, value in head.items():
        target.write(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
    target.write('  "resources": [')
    names: set[str] = set()
    for number, entry in enumerate(entries):
        target.write("," if number else "")
        target.write("\n    " + json.dumps(resource(entry, names), ensure_ascii=False))
    target.write("\n  ]\n}\n")
