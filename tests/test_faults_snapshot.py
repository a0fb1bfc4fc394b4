"""Fault suite, a snapshot killed part-way: its unfinished copy (``.partial-*``) is removed by
the next snapshot into the same folder, which completes; a snapshot still being written by
another process is left alone."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import REPO, Crawl, secnews
from .snapshot_support import copy_archive

pytestmark = pytest.mark.e2e


def hidden(out: Path) -> list[str]:
    return sorted(path.name for path in out.iterdir() if path.name.startswith("."))


def killed_snapshot(data: Path, out: Path) -> None:
    """Start a snapshot and kill it (SIGKILL) once it has begun writing its copy."""
    command = [sys.executable, "-m", "crawler.cli", "snapshot", "--data", str(data)]
    command += ["--out", str(out), "--archive", "zip"]
    for _ in range(5):  # a fast machine may finish before the kill: then again
        snapshot = subprocess.Popen(
            command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while snapshot.poll() is None and not list(out.glob(".partial-*/*")):
            assert time.monotonic() < deadline, "the snapshot wrote nothing in time"
            time.sleep(0.005)
        snapshot.send_signal(signal.SIGKILL)
        if snapshot.wait() == -signal.SIGKILL:
            return
    pytest.fail("every snapshot finished before it could be killed")


def test_a_killed_snapshots_leftovers_are_removed_by_the_next(
    sample_crawl: Crawl, tmp_path: Path
) -> None:
    data = copy_archive(sample_crawl.data_dir, tmp_path / "data")
    out = tmp_path / "snapshots"
    killed_snapshot(data, out)
    assert any(name.startswith(".partial-") for name in hidden(out))
    secnews("snapshot", "--data", str(data), "--out", str(out))
    assert hidden(out) == []
    assert len([path for path in out.iterdir() if path.is_dir()]) == 1


def test_a_snapshot_being_written_is_not_anothers_leftover(
    sample_crawl: Crawl, tmp_path: Path
) -> None:
    data = copy_archive(sample_crawl.data_dir, tmp_path / "data")
    out = tmp_path / "snapshots"
    out.mkdir()
    # A live snapshot's claim, as `PartialSnapshot` makes it: held by a process that waits.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from archive.snapshot.bundle import PartialSnapshot; "
            "p = PartialSnapshot(Path(sys.argv[1])); print(p.folder.name, flush=True); "
            "sys.stdin.read(); p.close()",
            str(out),
        ],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        live = holder.stdout.readline().strip()
        secnews("snapshot", "--data", str(data), "--out", str(out))
        assert hidden(out) == sorted([live, f"{live}.scratch"])
    finally:
        holder.communicate("")
    assert hidden(out) == []
