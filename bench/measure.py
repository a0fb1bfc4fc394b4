"""Runs a command and measures it: wall time, CPU of it and its children, peak RSS of the tree."""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Measured:
    wall: float
    cpu: float
    peak_rss_mb: float
    returncode: int = 0

    def __str__(self) -> str:
        return f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU, {self.peak_rss_mb:.0f} MB peak RSS"


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and every process below it, summed."""
    tree, todo, total = _children(), [root], 0
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo.extend(tree.get(pid, []))
    return total / 1024


class PeakSampler:
    """Samples the tree's RSS in a thread until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval, self.peak = pid, interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_mb(self.pid))
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(
    command: list[str], log: Path, cwd: Path | None = None, timeout: float | None = None
) -> Measured:
    """Run ``command`` (output to ``log``) and measure it; killed after ``timeout`` seconds."""
    cpu0, start = _children_cpu(), time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
        sampler = PeakSampler(process.pid)
        try:
            code = process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
    wall = time.perf_counter() - start
    return Measured(wall, _children_cpu() - cpu0, sampler.stop(), code)


def in_process(work: object) -> Measured:
    """Measure a callable run here (its pool's workers count in CPU and RSS)."""
    assert callable(work)
    own = resource.getrusage(resource.RUSAGE_SELF)
    cpu0 = own.ru_utime + own.ru_stime + _children_cpu()
    sampler = PeakSampler(os.getpid())
    start = time.perf_counter()
    work()
    wall = time.perf_counter() - start
    peak = sampler.stop()
    own = resource.getrusage(resource.RUSAGE_SELF)
    return Measured(wall, own.ru_utime + own.ru_stime + _children_cpu() - cpu0, peak)
