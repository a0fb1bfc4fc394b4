"""Crawl runs and fetches: the operational record of the archive, one mixin of ``Archive``."""

from __future__ import annotations

import json
import os
import socket
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archive.lock import process_alive
from archive.operations.status import CHANGES
from archive.records import FetchRecord
from archive.store.database import ArchiveDatabase, insert_row, update_row


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# In a running run's ``stats``: the crawl process that will close it (host, pid, boot id),
# so a later crawl can tell a run still going from one whose process was killed.
OWNER = "secnews/process"


@dataclass
class RunCounts:
    requests: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    articles_gone: int = 0
    errors: int = 0


class RunLog:
    """``crawl_runs`` and ``fetches``: what each crawl did and every exchange it made."""

    db: ArchiveDatabase

    def start_run(self, sites: list[str]) -> int:
        row = {
            "started_at": utc_now(),
            "status": "running",
            "sites": json.dumps(sites),
            "stats": json.dumps({OWNER: this_process()}),
        }
        with self.db.atomic():
            return insert_row(self.db, "crawl_runs", row)

    def close_interrupted_runs(self, *, lock_held: bool = False) -> list[int]:
        """Mark ``interrupted`` every run still ``running`` whose crawl process is known to
        be gone (killed, or the machine restarted since); return their ids. A run started on
        another machine is left as it is, and so is one whose pid a live process has, unless
        this process holds the data directory's writer lock (``lock_held``): then no other
        crawl on this machine is running, whoever has that pid now."""
        running = self.db.execute(
            "SELECT id, stats FROM crawl_runs WHERE status = 'running'"
        ).fetchall()
        gone = [(run_id, stats) for run_id, stats in running if _owner_gone(stats, lock_held)]
        with self.db.atomic():
            for run_id, stats in gone:
                self.db.execute(
                    "UPDATE crawl_runs SET status = 'interrupted', stats = ? WHERE id = ?",
                    [_without_owner(stats), run_id],
                )
        return [run_id for run_id, _ in gone]

    def add_run_counts(self, run_id: int, counts: RunCounts, stats: dict[str, Any]) -> None:
        """Add one site's counts to a run; several crawlers may share one run."""
        row = self.db.table("crawl_runs").get(run_id)
        merged = json.loads(row["stats"] or "{}")
        merged.update(stats)
        update: dict[str, Any] = {
            name: int(row[name] or 0) + value for name, value in asdict(counts).items()
        }
        update["stats"] = json.dumps(merged, default=str, sort_keys=True)
        with self.db.atomic():
            self.db.table("crawl_runs").update(run_id, update)

    def close_run(self, run_id: int, status: str) -> None:
        stats = self.db.execute("SELECT stats FROM crawl_runs WHERE id = ?", [run_id]).fetchone()
        update = {"finished_at": utc_now(), "status": status}
        with self.db.atomic():
            update_row(self.db, "crawl_runs", run_id, {**update, "stats": _without_owner(stats[0])})

    def run(self, run_id: int) -> dict[str, Any]:
        return dict(self.db.table("crawl_runs").get(run_id))

    def record_change(
        self, run_id: int, article_id: int, change: str, seen: str | None = None
    ) -> None:
        """Note that run ``run_id`` found an archived article ``change``d: ``updated`` (a new
        version), ``gone`` (removed from its site) or ``back`` (served again after that)."""
        if change not in CHANGES:
            raise ValueError(f"unknown change {change!r}; known: {CHANGES}")
        with self.db.one_statement():
            self.db.execute(
                "INSERT OR IGNORE INTO article_changes (run_id, article_id, site, url, change, "
                "seen_at) SELECT ?, id, site, url, ?, ? FROM articles WHERE id = ?",
                [run_id, change, seen or utc_now(), article_id],
            )

    def run_changes(self, run_id: int) -> list[dict[str, Any]]:
        """What run ``run_id`` found changed: ``{change, site, url}``, by change, site, URL."""
        rows = self.db.execute(
            "SELECT change, site, url FROM article_changes WHERE run_id = ? "
            "ORDER BY change DESC, site, url",
            [run_id],
        ).fetchall()
        return [{"change": change, "site": site, "url": url} for change, site, url in rows]

    def record_fetch(self, run_id: int | None, fetch: FetchRecord) -> int:
        with self.db.one_statement():
            return insert_row(self.db, "fetches", {"run_id": run_id, **asdict(fetch)})

    def fetched_in_run(self, run_id: int | None, url: str) -> bool:
        """Whether run ``run_id`` has already asked for ``url`` (whatever the answer)."""
        row = self.db.execute(
            "SELECT 1 FROM fetches WHERE url = ? AND run_id IS ? LIMIT 1", [url, run_id]
        ).fetchone()
        return row is not None

    def note_fetch_error(self, fetch_id: int, error: str) -> None:
        """Say why a recorded exchange came to nothing (a size limit, a redirect loop); an
        error the row already has is kept."""
        with self.db.one_statement():
            self.db.execute(
                "UPDATE fetches SET error = coalesce(error, ?) WHERE id = ?", [error, fetch_id]
            )


def this_process() -> dict[str, Any]:
    return {"host": socket.gethostname(), "pid": os.getpid(), "boot": _boot_id()}


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return None


def _owner(stats: str | None) -> dict[str, Any] | None:
    try:
        owner = json.loads(stats or "{}").get(OWNER)
    except (ValueError, AttributeError):
        return None
    return owner if isinstance(owner, dict) else None


def _owner_gone(stats: str | None, lock_held: bool) -> bool:
    """Whether the process that started a run has ended: it ran on this machine, and the
    machine has restarted since, or no process has its pid, or it is not this one while
    this one holds the writer lock (without it, a process that has the pid may be the
    crawl, so that run is left running)."""
    owner = _owner(stats)
    if owner is None or owner.get("host") != socket.gethostname():
        return False
    if owner.get("boot") and owner["boot"] != _boot_id():
        return True
    pid = owner.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return False
    if lock_held:
        return pid != os.getpid()
    return not process_alive(pid)


def _without_owner(stats: str | None) -> str | None:
    """``stats`` without the process entry: a finished run's row names no host."""
    if _owner(stats) is None:
        return stats
    merged = json.loads(stats or "{}")
    merged.pop(OWNER, None)
    return json.dumps(merged, default=str, sort_keys=True)
