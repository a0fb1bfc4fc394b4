"""Checks a snapshot: every file against SHA256SUMS and datapackage.json, and the database's
``PRAGMA integrity_check``. Problems name the file they are about."""

from __future__ import annotations

import json
import sqlite3
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.snapshot.manifest import (
    PACKAGE_FILE,
    SUMS_FILE,
    Progress,
    file_sha256,
    is_safe_path,
    no_progress,
    parse_sums,
)
from archive.store import DB_NAME


@dataclass(frozen=True)
class Problem:
    """Something wrong with one file of a snapshot."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class Report:
    """What a verification found; ``problems`` in the order they were met."""

    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    database_checked: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_snapshot(path: Path, progress: Progress = no_progress) -> Report:
    """Verify a snapshot directory, or a ``.tar.gz``/``.zip`` of one."""
    if path.is_dir():
        return verify_directory(path, progress)
    with tempfile.TemporaryDirectory(prefix="secnews-verify-") as scratch:
        report = Report()
        root = _unpack(path, Path(scratch), report)
        if root is None:
            return report
        inner = verify_directory(root, progress)
        inner.problems[:0] = report.problems
        return inner


def verify_directory(root: Path, progress: Progress = no_progress) -> Report:
    report = Report()
    try:
        sums = parse_sums((root / SUMS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        report.problems.append(Problem(SUMS_FILE, "missing"))
        return report
    except (ValueError, UnicodeDecodeError) as exc:
        report.problems.append(Problem(SUMS_FILE, str(exc)))
        return report
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    on_disk.discard(SUMS_FILE)
    for extra in sorted(on_disk - set(sums)):
        report.problems.append(Problem(extra, f"not listed in {SUMS_FILE}"))
    for number, (relative, expected) in enumerate(sums.items(), 1):
        if relative not in on_disk:
            report.problems.append(Problem(relative, "missing"))
        elif file_sha256(root / relative) != expected:
            report.problems.append(Problem(relative, f"SHA-256 differs from {SUMS_FILE}"))
        progress("verify", number, len(sums))
    report.files = len(sums)
    bad = {problem.path for problem in report.problems}
    if PACKAGE_FILE in sums and PACKAGE_FILE not in bad:
        report.problems += _check_package(root, sums)
    if DB_NAME in sums and DB_NAME in on_disk:
        report.problems += _check_database(root / DB_NAME)
        report.database_checked = True
    return report


def _check_package(root: Path, sums: dict[str, str]) -> list[Problem]:
    """datapackage.json must describe every file as SHA256SUMS does."""
    try:
        package = json.loads((root / PACKAGE_FILE).read_text(encoding="utf-8"))
        resources: list[dict[str, Any]] = list(package["resources"])
    except (ValueError, KeyError, TypeError) as exc:
        return [Problem(PACKAGE_FILE, f"not a data package: {exc}")]
    problems, described = [], set()
    for resource in resources:
        relative = str(resource.get("path"))
        described.add(relative)
        if relative not in sums:
            problems.append(Problem(PACKAGE_FILE, f"resource {relative} is not in {SUMS_FILE}"))
        elif str(resource.get("hash", "")).removeprefix("sha256:") != sums[relative]:
            problems.append(Problem(PACKAGE_FILE, f"hash of {relative} differs from {SUMS_FILE}"))
        elif (root / relative).is_file() and resource.get("bytes") != (
            root / relative
        ).stat().st_size:
            problems.append(Problem(PACKAGE_FILE, f"bytes of {relative} differ from the file"))
    for relative in sorted(set(sums) - described - {PACKAGE_FILE}):
        problems.append(Problem(PACKAGE_FILE, f"no resource describes {relative}"))
    return problems


def _check_database(path: Path) -> list[Problem]:
    """``PRAGMA integrity_check`` on a read-only, immutable connection (nothing is written)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [Problem(DB_NAME, f"not a readable SQLite database: {exc}")]
    if rows != ["ok"]:
        return [Problem(DB_NAME, "integrity_check: " + "; ".join(rows[:3]))]
    return []


def _unpack(path: Path, scratch: Path, report: Report) -> Path | None:
    """Extract a packed snapshot (safe paths only); check it against its ``.sha256`` file."""
    sidecar = path.with_name(f"{path.name}.sha256")
    if sidecar.is_file() and sidecar.read_text(encoding="utf-8").split()[:1] != [file_sha256(path)]:
        report.problems.append(Problem(path.name, f"SHA-256 differs from {sidecar.name}"))
    try:
        names = _extract(path, scratch)
    except (OSError, ValueError, tarfile.TarError, zipfile.BadZipFile) as exc:
        report.problems.append(Problem(path.name, f"cannot be unpacked: {exc}"))
        return None
    roots = {name.split("/", 1)[0] for name in names}
    if len(roots) != 1:
        report.problems.append(Problem(path.name, "does not hold exactly one snapshot folder"))
        return None
    return scratch / roots.pop()


def _extract(path: Path, scratch: Path) -> list[str]:
    if path.name.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if not n.endswith("/")]
            _refuse_unsafe(names)
            archive.extractall(scratch, members=names)
            return names
    if not path.name.endswith((".tar.gz", ".tgz")):
        raise ValueError("expected a snapshot directory, .tar.gz or .zip")
    with tarfile.open(path, mode="r:gz") as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        _refuse_unsafe([m.name for m in members])
        tar.extractall(scratch, members=members, filter="data")
        return [m.name for m in members]


def _refuse_unsafe(names: list[str]) -> None:
    for name in names:
        if not is_safe_path(name):
            raise ValueError(f"unsafe member name {name!r}")
