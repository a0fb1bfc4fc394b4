"""Helpers of the fault suite: crawls in a subprocess with their peak memory, and the hostile
site crawled once per session, shared by every ``test_faults_*`` module that reads it."""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_site.hostile import HostileSite

from .conftest import REPO

WARCIO = str(Path(sys.executable).with_name("warcio"))
# A log line of ours or Scrapy's at ERROR or above, or any traceback: a crash, not a fault
# handled. Scrapy's own WARNINGs (size limits, data loss) are how a fault is reported.
CRASH = re.compile(r"Traceback \(most recent call last\)|\] (ERROR|CRITICAL):")


@dataclass
class CrawlResult:
    """A finished ``secnews`` process (a crawl, or another command): its output, exit status
    and peak memory."""

    data_dir: Path
    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float
    seconds: float
    site: HostileSite | None = field(default=None, repr=False)

    def crashes(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if CRASH.search(line)]

    def rows(self, sql: str, *args: object) -> list[sqlite3.Row]:
        return rows(self.data_dir, sql, *args)

    def stats(self, site: str) -> dict[str, Any]:
        import json

        stats = json.loads(self.rows("SELECT stats FROM crawl_runs ORDER BY id DESC")[0][0])
        return dict(stats.get(site, {}))


def final_attempt(attempts: Sequence[Any]) -> Any:
    """The last attempt at a URL, once earlier ones (if any) timed out: on a loaded machine
    the hostile crawl's 2 s timeout can catch an ordinary answer too, and it is retried."""
    assert attempts, "never requested"
    for earlier in attempts[:-1]:
        assert "took longer than" in (earlier["error"] or ""), tuple(earlier)
    return attempts[-1]


def rows(data_dir: Path, sql: str, *args: object) -> list[sqlite3.Row]:
    db = sqlite3.connect(f"file:{data_dir / 'archive.db'}?mode=ro", uri=True)
    try:
        db.row_factory = sqlite3.Row
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def run_crawl(
    data_dir: Path, *args: str, timeout: float = 120, logs: Path | None = None, **popen: Any
) -> CrawlResult:
    """``secnews crawl ARGS --data DATA_DIR`` in its own process, measured (``run_secnews``);
    its output goes to ``logs`` (default: beside the data directory)."""
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    command = ["crawl", *args, "--data", str(data_dir)]
    return run_secnews(data_dir, command, timeout=timeout, logs=logs or data_dir.parent, **popen)


class TreePeak:
    """The largest ``VmHWM`` of a process and its descendants, sampled every 20 ms from /proc
    in a thread until ``stop``. (A sum would count the pages forked workers share with their
    parent once a process.)"""

    def __init__(self, pid: int):
        self.pid = pid
        self.kilobytes = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(0.02):
            largest = max(_high_water(pid) for pid in _tree(self.pid))
            self.kilobytes = max(self.kilobytes, largest)


def _tree(root: int) -> list[int]:
    """``root`` and every process below it, from /proc's parent links."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _high_water(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_secnews(
    data_dir: Path, args: Sequence[str], *, timeout: float, logs: Path, **popen: Any
) -> CrawlResult:
    """``secnews ARGS`` in its own process, measured with ``wait4``; killed after ``timeout``
    seconds (its return code is then -9).

    The peak RSS is that of the largest process of the command's tree (the crawl, or one
    of its extraction workers): each process's high-water mark (``VmHWM``), read from /proc
    while it runs. ``wait4``'s ``ru_maxrss`` would not do:
    Linux carries the forking test session's size into a child's, across ``exec``.
    """
    command = [sys.executable, "-m", "crawler.cli", *args]
    logs.mkdir(parents=True, exist_ok=True)
    out_path, err_path = logs / "stdout.txt", logs / "stderr.txt"
    started = time.monotonic()
    with out_path.open("w") as out, err_path.open("w") as err:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=out,
            stderr=err,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            **popen,
        )
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        peak = TreePeak(process.pid)
        try:
            _, status, _ = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            peak.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    return CrawlResult(
        data_dir=data_dir,
        returncode=process.returncode,
        stdout=out_path.read_text(encoding="utf-8", errors="replace"),
        stderr=err_path.read_text(encoding="utf-8", errors="replace"),
        max_rss_mb=peak.kilobytes / 1024,
        seconds=time.monotonic() - started,
    )


def warc_files_check(data_dir: Path) -> list[str]:
    """``warcio check`` output of every WARC file that fails it (none: all valid)."""
    failures = []
    for path in sorted((data_dir / "warc").iterdir()):
        check = subprocess.run([WARCIO, "check", str(path)], capture_output=True, text=True)
        if check.returncode != 0:
            failures.append(f"{path.name}: {check.stdout}{check.stderr}")
    return failures


_HOSTILE: dict[str, CrawlResult] = {}
TIMEOUT = 2  # DOWNLOAD_TIMEOUT of the hostile crawl, seconds


def hostile_crawl(tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """One crawl of the hostile site's three crawlable servers, made on first use."""
    if "crawl" not in _HOSTILE:
        site = HostileSite().start()
        atexit.register(site.stop)
        targets = [site.urls[name] for name in ("hostile", "robots-error", "robots-garbage")]
        result = run_crawl(
            tmp_path_factory.mktemp("hostile") / "data",
            *targets,
            "--delay",
            "0",
            "-s",
            f"DOWNLOAD_TIMEOUT={TIMEOUT}",
        )
        result.site = site
        _HOSTILE["crawl"] = result
    return _HOSTILE["crawl"]


def site_name(url: str) -> str:
    """The zero-config site name of a start URL (host and port)."""
    return url.split("//", 1)[1].rstrip("/").replace(":", "-")


@contextlib.contextmanager
def tmpfs(path: Path, size: int) -> Iterator[Path]:
    """A tmpfs of ``size`` bytes mounted at ``path`` for the block: a disk that fills up.
    Mounting needs root (``make test`` runs as root in a namespace of its own); the test is
    skipped where it cannot mount."""
    path.mkdir(parents=True, exist_ok=True)
    mount = ["mount", "-t", "tmpfs", "-o", f"size={max(size // 1024, 1)}k", "tmpfs", str(path)]
    attempt = subprocess.run(mount, capture_output=True, text=True)
    if attempt.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({attempt.stderr.strip()}); needs root")
    try:
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


def grow(disk: Path, size: int) -> None:
    """Give the tmpfs at ``disk`` room again: ``size`` bytes."""
    subprocess.run(["mount", "-o", f"remount,size={size // 1024}k", str(disk)], check=True)


# Each article's latest full capture: the fetch row a re-extraction reads (as reprocess does).
CAPTURES = (
    "SELECT a.id, a.url, f.url, f.sha256, f.warc_file, f.warc_offset FROM articles a "
    "LEFT JOIN fetches f ON f.id = (SELECT max(f2.id) FROM fetches f2 JOIN article_urls u "
    "  ON u.url = f2.url WHERE u.article_id = a.id AND f2.status = 200 "
    "  AND f2.record_type = 'response' AND f2.warc_file IS NOT NULL) ORDER BY a.id"
)
PENDING = (
    "SELECT 1 FROM frontier WHERE state = 'pending' AND (url = ? OR url IN "
    "(SELECT url FROM article_urls WHERE article_id = ?))"
)


def unarchived(data_dir: Path) -> list[str]:
    """Articles that could not be read back from WARC — no fetch row, or a record that does
    not parse or hold the payload its row names — and whose URL is not pending either (no
    later crawl would mend them)."""
    lost = []
    for article_id, url, fetched, sha256, warc_file, offset in rows(data_dir, CAPTURES):
        if fetched is not None and _readable(data_dir, fetched, sha256, warc_file, offset):
            continue
        if not rows(data_dir, PENDING, url, article_id):
            lost.append(url)
    return lost


def _readable(data_dir: Path, url: str, sha256: str, warc_file: str, offset: int) -> bool:
    from archive.store.warc import read_response

    try:
        stored = read_response(data_dir / "warc", warc_file, offset)
    except (OSError, StopIteration, ValueError):
        return False
    return stored.url == url and hashlib.sha256(stored.raw_payload).hexdigest() == sha256
