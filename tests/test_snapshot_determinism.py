"""Two snapshots of the same archive state and selection are the same, byte for byte."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from archive.snapshot import exports
from archive.snapshot.take import SnapshotOptions, take_snapshot

from .snapshot_support import copy_archive, snapshot_files, take


def test_two_snapshots_of_one_state_have_identical_files_and_checksums(
    sample_crawl: Any, tmp_path: Path
) -> None:
    data = copy_archive(sample_crawl.data_dir, tmp_path / "data")
    first = take(data, tmp_path / "one", "--archive", "tar.gz")
    second = take(data, tmp_path / "two", "--archive", "tar.gz")
    one, two = Path(first["path"]), Path(second["path"])
    assert one.name == two.name  # named by the data's date, not the clock
    assert first["sha256sums"] == second["sha256sums"]
    assert snapshot_files(one) == snapshot_files(two)
    for name in snapshot_files(one):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    packed_one, packed_two = Path(first["archive_file"]), Path(second["archive_file"])
    assert packed_one.read_bytes() == packed_two.read_bytes()


def test_a_second_snapshot_in_the_same_place_gets_a_number(
    sample_crawl: Any, tmp_path: Path
) -> None:
    data = copy_archive(sample_crawl.data_dir, tmp_path / "data")
    first = take(data, tmp_path / "out", "--formats", "parquet", "--archive", "zip")
    second = take(data, tmp_path / "out", "--formats", "parquet")
    assert Path(second["path"]).name == Path(first["path"]).name + "-2"
    # The data is the same, so are its files: only the folder's name differs.
    assert second["fingerprint"] == first["fingerprint"]
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="export workers need two CPUs")
def test_export_workers_write_the_same_bytes_as_one_process(
    sample_crawl: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = copy_archive(sample_crawl.data_dir, tmp_path / "data")
    alone = take_snapshot(data, SnapshotOptions(out_dir=tmp_path / "alone"))
    monkeypatch.setattr(exports, "PARALLEL_ROWS", 0)  # workers even for a small archive
    pools: list[Any] = []
    real_pool = exports.ProcessPoolExecutor

    def counted_pool(*args: Any, **kwargs: Any) -> Any:
        pools.append(args)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(exports, "ProcessPoolExecutor", counted_pool)
    pooled = take_snapshot(data, SnapshotOptions(out_dir=tmp_path / "pooled"))
    assert pools and pools[0][0] >= 2  # the exports did run in worker processes
    assert pooled.sums_sha256 == alone.sums_sha256
    assert (pooled.path / "SHA256SUMS").read_bytes() == (alone.path / "SHA256SUMS").read_bytes()


def test_when_workers_cannot_start_the_exports_run_here(
    sample_crawl: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    data = copy_archive(sample_crawl.data_dir, tmp_path / "data")
    alone = take_snapshot(data, SnapshotOptions(out_dir=tmp_path / "alone"))

    def broken(*args: Any) -> Any:
        raise BrokenProcessPool("a worker died while starting")

    monkeypatch.setattr(exports, "PARALLEL_ROWS", 0)
    monkeypatch.setattr(exports, "_run_in_workers", broken)
    fallback = take_snapshot(data, SnapshotOptions(out_dir=tmp_path / "fallback"))
    assert "exporting in this process" in caplog.text
    assert fallback.sums_sha256 == alone.sums_sha256
