"""Crawl runs: a run left ``running`` by a killed crawl is marked ``interrupted`` by the next
crawl, and a finished run's row does not name the machine that ran it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from archive.store import Archive
from archive.store.runs import OWNER, RunCounts, this_process


def owned_by(archive: Archive, run_id: int, **owner: object) -> None:
    stats = json.dumps({OWNER: {**this_process(), **owner}})
    archive.db.execute("UPDATE crawl_runs SET stats = ? WHERE id = ?", [stats, run_id])


def ended_pid() -> int:
    """The pid of a process that has exited and been reaped."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_runs_whose_process_is_gone_are_marked_interrupted(tmp_path: Path) -> None:
    gone = ended_pid()
    with Archive(tmp_path) as archive:
        alive = archive.start_run(["a"])  # this process
        killed = archive.start_run(["a"])
        owned_by(archive, killed, pid=gone)
        rebooted = archive.start_run(["a"])
        owned_by(archive, rebooted, boot="an earlier boot")
        elsewhere = archive.start_run(["a"])
        owned_by(archive, elsewhere, host="another-machine", pid=gone)
        unknown = archive.start_run(["a"])
        archive.db.execute("UPDATE crawl_runs SET stats = NULL WHERE id = ?", [unknown])
        assert sorted(archive.close_interrupted_runs()) == [killed, rebooted]
        assert archive.close_interrupted_runs() == []
        status = {run: archive.run(run)["status"] for run in (alive, elsewhere, unknown)}
        assert status == dict.fromkeys((alive, elsewhere, unknown), "running")
        assert archive.run(killed)["stats"] == "{}"  # the owner entry goes with the status
        assert archive.run(killed)["finished_at"] is None  # when it stopped is not known


def test_a_closed_run_keeps_its_stats_but_names_no_machine(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        run = archive.start_run(["a"])
        assert json.loads(archive.run(run)["stats"])[OWNER]["pid"] == this_process()["pid"]
        archive.add_run_counts(run, RunCounts(requests=3), {"a": {"secnews/requests": 3}})
        archive.close_run(run, "ok")
        closed = archive.run(run)
    assert closed["status"] == "ok"
    assert json.loads(closed["stats"]) == {"a": {"secnews/requests": 3}}


def test_a_run_whose_pid_lives_on_is_interrupted_only_under_the_writer_lock(
    tmp_path: Path,
) -> None:
    # The pid of a crawl that died may be another process's by now (here: our parent's).
    # Only the holder of the data directory's writer lock knows no crawl owns that run.
    with Archive(tmp_path) as archive:
        stale = archive.start_run(["a"])
        owned_by(archive, stale, pid=os.getppid())
        own = archive.start_run(["a"])
        assert archive.close_interrupted_runs() == []
        assert archive.close_interrupted_runs(lock_held=True) == [stale]
        assert archive.run(own)["status"] == "running"
