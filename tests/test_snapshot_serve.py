"""Publishing: Datasette lists DATA/snapshots, serves its files, and the live archive."""

from __future__ import annotations

import asyncio
import hashlib
import json
import sqlite3
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette
from datasette.plugins import pm

import archive.datasette.snapshots as plugin
from archive.datasette.snapshots import resolve_inside
from archive.snapshot.manifest import file_sha256

from .conftest import REPO
from .snapshot_support import copy_archive, take


@pytest.fixture(scope="module")
def data(sample_crawl: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = copy_archive(sample_crawl.data_dir, tmp_path_factory.mktemp("serve") / "data")
    take(data, data / "snapshots", "--archive", "tar.gz")
    (data / "secret.txt").write_text("outside the snapshots\n", encoding="utf-8")
    (data / "snapshots" / "escape").symlink_to(data / "secret.txt")
    (data / "snapshots" / ".partial-123").mkdir()
    return data


@pytest.fixture(scope="module")
def registered() -> Iterator[None]:
    """The plugin as `secnews serve` loads it (unless something registered it already)."""
    mine = not pm.is_registered(plugin)
    if mine:
        pm.register(plugin, name="secnews-snapshots")
    yield
    if mine:
        pm.unregister(plugin)


def get(data: Path, path: str, **settings: Any) -> Any:
    """GET ``path`` from a real Datasette over the archive, in process."""

    async def fetch() -> Any:
        ds = Datasette([str(data / "archive.db")], settings={"allow_download": True, **settings})
        await ds.invoke_startup()
        return await ds.client.get(path)

    return asyncio.run(fetch())


def _snapshot(data: Path) -> Path:
    return next(p for p in (data / "snapshots").iterdir() if p.is_dir() and p.name[0] != ".")


def test_the_page_lists_each_snapshot_with_size_date_and_checksum(
    data: Path, registered: None
) -> None:
    folder = _snapshot(data)
    page = get(data, "/-/snapshots")
    assert page.status_code == 200
    sums = hashlib.sha256((folder / "SHA256SUMS").read_bytes()).hexdigest()
    packed = (data / "snapshots" / f"{folder.name}.tar.gz.sha256").read_text().split()[0]
    for text in (folder.name, f"{folder.name}.tar.gz", sums, packed):
        assert text in page.text
    listed = {entry["name"]: entry for entry in get(data, "/-/snapshots.json").json()}
    assert set(listed) == {folder.name, f"{folder.name}.tar.gz"}  # no partial, no stray link
    assert listed[folder.name]["sha256"] == sums
    assert listed[f"{folder.name}.tar.gz"]["sha256"] == packed
    assert listed[folder.name]["date"] == listed[f"{folder.name}.tar.gz"]["date"]
    assert listed[folder.name]["date"] in page.text
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert listed[folder.name]["bytes"] == total


def test_snapshot_files_download_as_they_are(data: Path, registered: None) -> None:
    folder = _snapshot(data)
    sums = get(data, f"/-/snapshots/{folder.name}/SHA256SUMS")
    assert sums.status_code == 200 and sums.content == (folder / "SHA256SUMS").read_bytes()
    packed = get(data, f"/-/snapshots/{folder.name}.tar.gz")
    assert packed.content == (data / "snapshots" / f"{folder.name}.tar.gz").read_bytes()
    assert "attachment" in packed.headers["content-disposition"]
    listing = get(data, f"/-/snapshots/{folder.name}/parquet")
    assert listing.status_code == 200 and "articles/" in listing.text


@pytest.mark.parametrize(
    "path",
    [
        "/-/snapshots/%2e%2e/secret.txt",
        "/-/snapshots/%2E%2E%2Fsecret.txt",
        "/-/snapshots/escape",
        "/-/snapshots/.partial-123",
        "/-/snapshots//etc/passwd",
        "/-/snapshots/%2Fetc%2Fpasswd",
    ],
)
def test_nothing_outside_the_snapshots_is_served(data: Path, registered: None, path: str) -> None:
    answer = get(data, path)
    assert answer.status_code in (302, 403, 404)
    assert b"outside the snapshots" not in answer.content and b"root:" not in answer.content


@pytest.mark.parametrize(
    "relative", ["../secret.txt", "/etc/passwd", "a/../../secret.txt", "escape", ".partial-123", ""]
)
def test_only_visible_paths_inside_the_directory_resolve(data: Path, relative: str) -> None:
    assert resolve_inside(data / "snapshots", relative) is None


def test_the_live_archive_downloads_as_a_consistent_copy(
    data: Path, registered: None, tmp_path: Path
) -> None:
    answer = get(data, "/-/download/archive.db")
    assert answer.status_code == 200 and answer.content.startswith(b"SQLite format 3\x00")
    copy = tmp_path / "downloaded.db"
    copy.write_bytes(answer.content)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (39,)
    assert get(data, "/-/download/archive.db", allow_download=False).status_code == 403


def test_secnews_serve_publishes_the_snapshots(data: Path, tmp_path: Path) -> None:
    """The whole path a researcher takes: `secnews serve`, the listing, a download."""
    served = copy_archive(data, tmp_path / "data")
    server = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "serve", "--data", str(served), "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        base = server.stdout.readline().split(" at ")[-1].strip()  # "serving … at URL"
        assert base.startswith("http://127.0.0.1:"), base
        with urllib.request.urlopen(f"{base}-/snapshots.json", timeout=30) as answer:
            listed = {entry["name"]: entry for entry in json.load(answer)}
        folder = _snapshot(served)
        assert listed[folder.name]["sha256"] == file_sha256(folder / "SHA256SUMS")
        with urllib.request.urlopen(f"{base}-/snapshots/{folder.name}/README.md") as answer:
            assert answer.read() == (folder / "README.md").read_bytes()
        with urllib.request.urlopen(f"{base}-/download/archive.db", timeout=60) as answer:
            assert answer.read(16) == b"SQLite format 3\x00"
    finally:
        server.terminate()
        server.wait(timeout=30)
