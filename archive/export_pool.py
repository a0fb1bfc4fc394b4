"""Runs a snapshot's exports side by side: one task a format and table, in worker processes.

Every task reads the finished copy (read-only) and the scratch export order, and writes its
own files, hashing them as it goes; the parent merges the file lists. Only the order of the
work changes with the number of workers, never a byte of what is written. Small snapshots
run in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import sqlite3
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.exports import export_tables, write_csv, write_jsonl, write_parquet, write_text
from archive.filelog import FileLog
from archive.manifest import Progress
from archive.rowstate import STATE_FILE, record_digests, write_digests
from archive.selection import open_copy

log = logging.getLogger(__name__)

WRITERS = {"parquet": write_parquet, "jsonl": write_jsonl, "csv": write_csv}
PARALLEL_ROWS = 50_000  # below this many rows to export, one process is quicker
# Rough seconds a 100,000 rows for each kind of task (measured by bench/snapshot.py), so
# the longest start first and the workers finish together.
COST = {"text": 13.0, "jsonl": 7.0, "csv": 5.0, "parquet": 3.5, "state": 2.0, "hash": 0.3}
MAX_WORKERS = 4
ORDER_FILE = "order.db"  # the export order, in the scratch folder
_relay: Any = None  # a worker's queue to the parent, for progress


@dataclass(frozen=True)
class Task:
    """One unit of export work: a format of a table, the text files, row digests, a hash."""

    kind: str
    table: str | None = None
    rows: int = 0
    path: str | None = None  # the file a ``hash`` task hashes


def plan(
    conn: sqlite3.Connection, formats: tuple[str, ...], state: bool, database: str | None
) -> list[Task]:
    """Every task the snapshot needs, the longest first."""
    names = export_tables(conn)
    rows = {t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in names}
    tasks = [Task(fmt, table, rows[table]) for fmt in WRITERS if fmt in formats for table in names]
    if "text" in formats and "articles" in names:
        tasks.append(Task("text", None, rows["articles"]))
    if state:
        tasks.append(Task("state", None, sum(rows.values())))
    if database:
        tasks.append(Task("hash", None, sum(rows.values()), database))
    return sorted(tasks, key=lambda task: -task.rows * COST[task.kind])


def perform(copy: Path, scratch: Path, task: Task, number: int, progress: Progress) -> Path:
    """Do one task; return the ledger of the files it wrote."""
    ledger = scratch / f"files-{number}.db"
    files = FileLog(copy.parent, ledger)
    try:
        if task.kind == "hash":
            files.add(str(task.path), "sqlite")
            return ledger
        conn = open_copy(copy, scratch / ORDER_FILE)
        try:
            _export(conn, files, task, progress)
        finally:
            conn.close()
    finally:
        files.close()
    return ledger


def _export(conn: sqlite3.Connection, files: FileLog, task: Task, progress: Progress) -> None:
    if task.kind == "state":
        record_digests(conn)
        with files.create(STATE_FILE, "tsv") as target:
            write_digests(conn, target)
    elif task.kind == "text":
        write_text(conn, files, task.rows, progress)
    else:
        WRITERS[task.kind](conn, str(task.table), files, task.rows, progress)


def run(copy: Path, scratch: Path, tasks: list[Task], progress: Progress) -> list[Path]:
    """Do every task, in worker processes when there is enough to do; return their ledgers."""
    workers = min(len(tasks), os.cpu_count() or 1, MAX_WORKERS)
    if workers >= 2 and sum(task.rows for task in tasks) >= PARALLEL_ROWS:
        try:
            return _run_in_workers(copy, scratch, tasks, progress, workers)
        except BrokenProcessPool as exc:
            # E.g. a script without ``if __name__ == "__main__":`` cannot start workers.
            # A task's files are rewritten whole, so doing them all again here is safe.
            log.warning("export workers failed (%s); exporting in this process", exc)
    return [perform(copy, scratch, task, n, progress) for n, task in enumerate(tasks)]


def _run_in_workers(
    copy: Path, scratch: Path, tasks: list[Task], progress: Progress, workers: int
) -> list[Path]:
    context = multiprocessing.get_context("spawn")  # no fork: the parent may run threads
    messages = context.Queue()
    with ProcessPoolExecutor(workers, context, initializer=_start, initargs=(messages,)) as pool:
        futures = [
            pool.submit(_perform_in_worker, copy, scratch, task, n) for n, task in enumerate(tasks)
        ]
        pending: set[Future[Path]] = set(futures)
        while pending:
            _, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
            _forward(messages, progress)
        _forward(messages, progress)
        return [future.result() for future in futures]


def _start(messages: Any) -> None:
    global _relay
    _relay = messages


def _report(stage: str, done: int, total: int) -> None:
    _relay.put((stage, done, total))


def _perform_in_worker(copy: Path, scratch: Path, task: Task, number: int) -> Path:
    return perform(copy, scratch, task, number, _report)


def _forward(messages: Any, progress: Progress) -> None:
    while True:
        try:
            stage, done, total = messages.get_nowait()
        except queue.Empty:
            return
        progress(stage, done, total)
