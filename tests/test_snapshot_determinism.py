"""Two snapshots of the same archive state and selection are the same, byte for byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
