"""`secnews verify`: an intact snapshot passes; one flipped byte fails, naming the file."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from archive.snapshot.manifest import file_sha256, sums_text
from archive.snapshot.verify import verify_snapshot

from .conftest import secnews
from .snapshot_support import copy_archive, flip_byte, snapshot_files, take

# One file of every kind a snapshot holds (a pattern picks the first match).
KINDS = [
    "archive.db",
    "SHA256SUMS",
    "datapackage.json",
    "README.md",
    "CITATION.cff",
    "metadata.json",
    "row-digests.tsv.gz",
    "schemas/articles.json",
    "csv/articles.csv",
    "parquet/articles/*/*.parquet",
    "jsonl/article_versions/*/*.jsonl.gz",
    "text/*/*/*.txt",
]


@pytest.fixture(scope="module")
def written(sample_crawl: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("snapshot-verify")
    data = copy_archive(sample_crawl.data_dir, tmp / "data")
    return Path(take(data, tmp / "out", "--archive", "zip")["path"])


@pytest.fixture
def snapshot(written: Path, tmp_path: Path) -> Path:
    """A private copy of the snapshot folder, free to damage."""
    return Path(shutil.copytree(written, tmp_path / written.name))


def test_an_intact_snapshot_verifies(written: Path) -> None:
    report = verify_snapshot(written)
    assert report.ok and report.database_checked
    assert report.files == len(snapshot_files(written)) - 1  # all but SHA256SUMS itself


@pytest.mark.parametrize("pattern", KINDS)
def test_a_flipped_byte_fails_verify_naming_the_file(snapshot: Path, pattern: str) -> None:
    target = sorted(snapshot.glob(pattern))[0]
    name = target.relative_to(snapshot).as_posix()
    flip_byte(target)
    report = verify_snapshot(snapshot)
    assert not report.ok and str(report.problems[0]).startswith(f"{name}: "), report.problems


def test_the_command_exits_1_and_names_the_first_bad_file(snapshot: Path) -> None:
    target = sorted(snapshot.glob("parquet/articles/*/*.parquet"))[0]
    flip_byte(target)
    result = secnews("verify", str(snapshot), check=False)
    assert result.returncode == 1
    name = target.relative_to(snapshot).as_posix()
    assert result.stdout.splitlines()[0] == f"FAIL {name}: SHA-256 differs from SHA256SUMS"


def test_every_file_with_a_flipped_byte_is_named_first(snapshot: Path) -> None:
    for name in snapshot_files(snapshot):
        path = snapshot / name
        size = path.stat().st_size
        # The middle byte everywhere; the first and last of the documents too (headers,
        # trailers, SHA256SUMS's own checksum line).
        offsets = {size // 2} if "/" in name else {0, size // 2, size - 1}
        for offset in sorted(offsets):
            flip_byte(path, offset)
            report = verify_snapshot(snapshot)
            flip_byte(path, offset)
            assert not report.ok and report.problems[0].path == name, (name, report.problems)
    assert verify_snapshot(snapshot).ok


def test_missing_and_unlisted_files_are_named(snapshot: Path) -> None:
    (snapshot / "csv" / "sites.csv").unlink()
    (snapshot / "notes.txt").write_text("added later\n", encoding="utf-8")
    problems = {str(p) for p in verify_snapshot(snapshot).problems}
    assert "csv/sites.csv: missing" in problems
    assert "notes.txt: not listed in SHA256SUMS" in problems


def _rehash(snapshot: Path, name: str) -> None:
    """Make SHA256SUMS and datapackage.json agree with ``name`` as it is now."""
    digest = file_sha256(snapshot / name)
    package_path = snapshot / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["path"] == name:
            resource["hash"] = f"sha256:{digest}"
    package_path.write_text(json.dumps(package), encoding="utf-8")
    lines = (snapshot / "SHA256SUMS").read_text(encoding="utf-8").splitlines()[:-1]
    sums = dict(reversed(line.split("  ", 1)) for line in lines)
    sums[name] = digest
    sums["datapackage.json"] = file_sha256(package_path)
    entries = [type("E", (), {"path": p, "sha256": h})() for p, h in sorted(sums.items())]
    (snapshot / "SHA256SUMS").write_text(sums_text(entries), encoding="utf-8")


def test_a_corrupt_database_fails_integrity_check_even_with_matching_sums(
    snapshot: Path,
) -> None:
    database = snapshot / "archive.db"
    with sqlite3.connect(database) as conn:
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'articles'"
        ).fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    raw = bytearray(database.read_bytes())
    start = (root - 1) * page_size
    raw[start + 8 : start + 12] = b"\xff\xff\xff\xff"  # a b-tree page pointing nowhere
    database.write_bytes(bytes(raw))
    _rehash(snapshot, "archive.db")
    report = verify_snapshot(snapshot)
    assert [p.path for p in report.problems] == ["archive.db"]
    assert "integrity_check" in report.problems[0].reason or "readable" in report.problems[0].reason


def test_a_damaged_packed_snapshot_fails(written: Path, tmp_path: Path) -> None:
    packed = tmp_path / f"{written.name}.zip"
    shutil.copy(written.parent / packed.name, packed)
    shutil.copy(written.parent / f"{packed.name}.sha256", tmp_path)
    assert verify_snapshot(packed).ok
    flip_byte(packed)
    result = secnews("verify", str(packed), check=False)
    assert result.returncode == 1 and result.stdout.startswith(f"FAIL {packed.name}: ")


def test_verify_of_nothing_is_a_usage_error(tmp_path: Path) -> None:
    result = secnews("verify", str(tmp_path / "nowhere"), check=False)
    assert result.returncode == 2 and "no such snapshot" in result.stderr
