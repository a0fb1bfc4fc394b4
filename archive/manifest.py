"""What a snapshot holds, file by file: sizes and SHA-256 for SHA256SUMS and datapackage.json."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from archive.filelog import FileEntry

SUMS_FILE = "SHA256SUMS"
PACKAGE_FILE = "datapackage.json"
SELF_CHECK = "# sha256 of the lines above: "
_SAFE_NAME = re.compile(r"[^a-z0-9._-]+")

# (stage, done, total): how far a long step has come; total 0 when unknown.
Progress = Callable[[str, int, int], None]


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
