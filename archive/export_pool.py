"""Runs a snapshot's exports side by side: one task a format and table, in worker processes.

Every task reads the finished copy (read-only) and the scratch export order, and writes its
own files, hashing them as it goes; the parent merges the file lists. Only the order of the
work changes with the number of workers, never a byte of what is written. Small snapshots
run in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import sqlite3
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive.exports import export_tables, write_csv, write_jsonl, write_parquet, write_text
from archive.manifest import FileEntry, FileLog, Progress
from archive.rowstate import STATE_FILE, record_digests, write_digests
from archive.selection import open_copy

WRITERS = {"parquet": write_parquet, "jsonl": write_jsonl, "csv": write_csv}
PARALLEL_ROWS = 50_000  # below this many rows to export, one process is quicker
# Rough seconds a 100,000 rows for each kind of task (measured by bench/snapshot.py), so
# the longest start first and the workers finish together.
COST = {"text": 13.0, "jsonl": 7.0, "csv": 5.0, "parquet": 3.5, "state": 2.0, "hash": 0.3}
MAX_WORKERS = 4
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


def perform(copy: Path, scratch: Path, task: Task, progress: Progress) -> list[FileEntry]:
    """Do one task; return the files it wrote."""
    files = FileLog(copy.parent)
    if task.kind == "hash":
        files.add(str(task.path), "sqlite")
        return files.entries
    conn = open_copy(copy, scratch)
    try:
        if task.kind == "state":
            record_digests(conn)
            with files.create(STATE_FILE, "tsv") as target:
                write_digests(conn, target)
        elif task.kind == "text":
            write_text(conn, files, task.rows, progress)
        else:
            WRITERS[task.kind](conn, str(task.table), files, task.rows, progress)
    finally:
        conn.close()
    return files.entries


def run(copy: Path, scratch: Path, tasks: list[Task], progress: Progress) -> list[FileEntry]:
    """Do every task, in worker processes when there is enough to do; return all files."""
    workers = min(len(tasks), os.cpu_count() or 1, MAX_WORKERS)
    if workers < 2 or sum(task.rows for task in tasks) < PARALLEL_ROWS:
        return [entry for task in tasks for entry in perform(copy, scratch, task, progress)]
    context = multiprocessing.get_context("spawn")  # no fork: the parent may run threads
    messages = context.Queue()
    with ProcessPoolExecutor(workers, context, initializer=_start, initargs=(messages,)) as pool:
        futures = [pool.submit(_perform_in_worker, copy, scratch, task) for task in tasks]
        pending: set[Future[list[FileEntry]]] = set(futures)
        while pending:
            _, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
            _forward(messages, progress)
        _forward(messages, progress)
        return [entry for future in futures for entry in future.result()]


def _start(messages: Any) -> None:
    global _relay
    _relay = messages


def _report(stage: str, done: int, total: int) -> None:
    _relay.put((stage, done, total))


def _perform_in_worker(copy: Path, scratch: Path, task: Task) -> list[FileEntry]:
    return perform(copy, scratch, task, _report)


def _forward(messages: Any, progress: Progress) -> None:
    while True:
        try:
            stage, done, total = messages.get_nowait()
        except queue.Empty:
            return
        progress(stage, done, total)
