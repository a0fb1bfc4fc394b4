"""How `secnews snapshot` and `secnews verify` show themselves: progress bars and summaries."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from archive.snapshot.take import SnapshotResult
    from archive.snapshot.verify import Report


class StageProgress:
    """A bar a stage (copy, parquet articles, text, verify…) on stderr, when it is a terminal.

    Called as ``progress(stage, done, total)`` by the archive's snapshot and verify code.
    """

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self._bars: Progress | None = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> StageProgress:
        if self.enabled:
            self._bars = Progress(
                TextColumn("{task.description:<24}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            self._bars.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bars is not None:
            self._bars.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bars is None:
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._bars.add_task(stage, total=total or None)
        self._bars.update(self._tasks[stage], completed=done, total=total or None)


def snapshot_lines(result: SnapshotResult) -> list[str]:
    facts = result.facts
    lines = [
        f"snapshot: {result.path}",
        f"holds:    {facts.summary()} ({result.files} files)",
        f"as of:    {facts.created}",
        f"SHA256SUMS sha256: {result.sums_sha256}",
    ]
    if facts.extends:
        lines.insert(2, f"extends:  {facts.extends['name']} (only what changed since)")
    if result.archive:
        lines.append(f"packed:   {result.archive}")
    for kind, names in sorted(facts.missing.items()):
        lines.append(f"warning:  {len(names)} {kind} files referenced but not found")
    return lines


def snapshot_json(result: SnapshotResult) -> dict[str, Any]:
    """The snapshot's facts as `secnews snapshot --json` prints them."""
    return {
        "name": result.facts.name,
        "path": str(result.path),
        "archive_file": str(result.archive) if result.archive else None,
        "sha256sums": result.sums_sha256,
        "files": result.files,
        **result.facts.secnews_section(),
    }


def verify_lines(path: str, report: Report) -> list[str]:
    if report.ok:
        checked = "; archive.db integrity ok" if report.database_checked else ""
        return [f"OK {path}: {report.files} files match SHA256SUMS and datapackage.json{checked}"]
    return [f"FAIL {problem}" for problem in report.problems]
