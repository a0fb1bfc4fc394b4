"""cron/secnews-crawl: the lock, the dated and rotated logs, the time limit, the exit status."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from .conftest import REPO, RunningSampleSite

WRAPPER = REPO / "cron" / "secnews-crawl"
SECNEWS = Path(sys.executable).parent / "secnews"
EXIT_LOCKED = 75


def wrapper(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "SECNEWS_ENV": "/dev/null",  # never the machine's /etc/secnews/secnews.env
        "SECNEWS_BIN": str(SECNEWS),
        "SECNEWS_DATA": str(data),
        **env,
    }
    return subprocess.run(
        [str(WRAPPER), *args], capture_output=True, text=True, env=environment, timeout=300
    )


def test_a_second_run_exits_at_once_with_the_lock_code(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with (data / "crawl.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the first run, as far as it knows
        started = time.monotonic()
        second = wrapper(data, "sample-forum")
        elapsed = time.monotonic() - started
    assert second.returncode == EXIT_LOCKED
    assert "another crawl is running" in second.stderr
    assert elapsed < 5
    assert not (data / "logs").exists() or not list((data / "logs").iterdir())


def test_once_the_lock_is_free_the_crawl_runs_and_bad_config_exits_2(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = wrapper(data, "--sites", str(tmp_path), "no-such-site")
    assert result.returncode == 2
    (log,) = (data / "logs").iterdir()
    assert log.name == f"crawl-{date.today().isoformat()}.log"
    assert "no site 'no-such-site'" in log.read_text(encoding="utf-8")
    assert "the crawl exited 2" in result.stderr  # what cron mails


def test_a_crawl_past_its_time_limit_is_stopped(tmp_path: Path) -> None:
    result = wrapper(tmp_path / "data", "sample-forum", SECNEWS_TIMEOUT="0.01")
    assert result.returncode == 124
    assert "ran out of time (0.01)" in result.stderr


@pytest.mark.e2e
def test_a_scheduled_crawl_is_quiet_logs_rotates_and_snapshots(
    private_sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    logs = data / "logs"
    logs.mkdir(parents=True)
    yesterday = logs / f"crawl-{(date.today() - timedelta(days=1)).isoformat()}.log"
    ancient = logs / "crawl-2020-01-01.log.gz"
    for path, age_days in ((yesterday, 1), (ancient, 400)):
        path.write_text("old\n", encoding="utf-8")
        stamp = time.time() - age_days * 86400
        os.utime(path, (stamp, stamp))
    result = wrapper(
        data,
        "--sites",
        str(private_sample_site.sites_dir),
        "sample-forum",
        "--",
        "--delay",
        "0",
        SECNEWS_SNAPSHOT_DAYS="7",
    )
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in logs.iterdir())
    assert names == sorted([f"{yesterday.name}.gz", f"crawl-{date.today().isoformat()}.log"])
    log = (logs / f"crawl-{date.today().isoformat()}.log").read_text(encoding="utf-8")
    assert "run 1 ok: " in log and "health: 1 site(s) ok" in log and "=== " in log
    has_snapshot = subprocess.run([str(SECNEWS), "snapshot", "--help"], capture_output=True)
    if has_snapshot.returncode == 0:
        assert (data / ".last-snapshot").exists() and "=== snapshot taken" in log
        assert result.stderr == ""  # quiet when all is well: cron mails nothing
    else:
        assert "no 'snapshot' command" in result.stderr
