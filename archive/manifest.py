"""What a snapshot holds, file by file: sizes and SHA-256 for SHA256SUMS and datapackage.json."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

SUMS_FILE = "SHA256SUMS"
PACKAGE_FILE = "datapackage.json"
SELF_CHECK = "# sha256 of the lines above: "
_CHUNK = 1 << 20
_SAFE_NAME = re.compile(r"[^a-z0-9._-]+")

# (stage, done, total): how far a long step has come; total 0 when unknown.
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    """A progress sink that shows nothing."""


@dataclass(frozen=True)
class FileEntry:
    """One file of a snapshot: where, how big, its digest, and what it holds."""

    path: str
    sha256: str
    bytes: int
    format: str
    table: str | None = None


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
}


def sha256_of(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return sha256_of(stream)


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
    """The files written into a snapshot directory, in the order they were written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.entries: list[FileEntry] = []

    def add(self, path: str, format: str, table: str | None = None) -> FileEntry:
        """Record a file already written under the root."""
        full = self.root / path
        entry = FileEntry(path, file_sha256(full), full.stat().st_size, format, table)
        self.entries.append(entry)
        return entry

    @contextmanager
    def create(self, path: str, format: str, table: str | None = None) -> Iterator[HashedFile]:
        """A new file at ``path`` under the root, hashed as it is written, then recorded."""
        full = self.root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        with HashedFile(full) as target:
            yield target
        self.entries.append(FileEntry(path, target.digest.hexdigest(), target.size, format, table))

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
        entry = FileEntry(path, hashlib.sha256(data).hexdigest(), len(data), format, table)
        self.entries.append(entry)
        return entry

    def copy(self, source: Path, path: str, format: str, length: int | None = None) -> FileEntry:
        """Copy ``source`` (its first ``length`` bytes) to ``path``, hashing on the way."""
        full = self.root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        left = source.stat().st_size if length is None else length
        with source.open("rb") as src, full.open("wb") as dst:
            while left > 0 and (chunk := src.read(min(_CHUNK, left))):
                left -= len(chunk)
                digest.update(chunk)
                dst.write(chunk)
                size += len(chunk)
        entry = FileEntry(path, digest.hexdigest(), size, format)
        self.entries.append(entry)
        return entry

    def sorted(self) -> list[FileEntry]:
        return sorted(self.entries, key=lambda entry: entry.path)

    def fingerprint(self) -> str:
        """SHA-256 over the sorted checksum lines of every file logged so far."""
        digest = hashlib.sha256()
        for line in sums_lines(self.sorted()):
            digest.update(line.encode("utf-8"))
        return digest.hexdigest()


def sums_lines(entries: Iterable[FileEntry]) -> Iterator[str]:
    for entry in entries:
        yield f"{entry.sha256}  {entry.path}\n"


def sums_text(entries: Iterable[FileEntry]) -> str:
    """``sha256sum -c`` lines, then a comment holding the digest of those lines."""
    body = "".join(sums_lines(entries))
    return f"{body}{SELF_CHECK}{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n"


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
    """A relative path inside the snapshot: no ``..``, no absolute path, no backslash."""
    parts = path.split("/")
    return (
        bool(path)
        and not path.startswith("/")
        and "\\" not in path
        and "\0" not in path
        and (all(part not in ("", ".", "..") for part in parts))
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
