"""Helpers for the snapshot tests: private copies of a crawled archive, snapshots of them."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from .conftest import secnews


def copy_archive(source: Path, target: Path) -> Path:
    """A private copy of a data directory (the database through SQLite's backup API)."""
    target.mkdir(parents=True, exist_ok=True)
    for item in source.iterdir():
        if item.is_dir():
            shutil.copytree(item, target / item.name)
    with (
        sqlite3.connect(source / "archive.db") as live,
        sqlite3.connect(target / "archive.db") as copy,
    ):
        live.backup(copy)
    return target


def take(data_dir: Path, out_dir: Path, *args: str) -> dict[str, Any]:
    """Run `secnews snapshot --json` as a user would; return what it printed."""
    result = secnews("snapshot", "--data", str(data_dir), "--out", str(out_dir), "--json", *args)
    return json.loads(result.stdout)


def rows(db_path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def flip_byte(path: Path, offset: int | None = None) -> None:
    """Invert one byte of ``path`` (the middle one by default)."""
    data = bytearray(path.read_bytes())
    where = len(data) // 2 if offset is None else offset
    data[where] ^= 0xFF
    path.write_bytes(bytes(data))


def snapshot_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
