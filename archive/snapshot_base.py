"""The snapshot an incremental snapshot extends: its identity, selection and row digests."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from archive.bundle import SnapshotFiles
from archive.manifest import PACKAGE_FILE, SUMS_FILE, parse_sums
from archive.rowstate import STATE_FILE
from archive.selection import Selection

_SPOOL = 16 << 20


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
