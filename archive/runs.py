"""Crawl runs and fetches: the operational record of the archive, one mixin of ``Archive``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from archive.records import FetchRecord
from archive.sql import insert_row


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _pk(table: sqlite_utils.db.Table) -> int:
    """The rowid of the row just inserted into ``table``."""
    return int(table.last_rowid or 0)


@dataclass
class RunCounts:
    requests: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    errors: int = 0


class RunLog:
    """``crawl_runs`` and ``fetches``: what each crawl did and every exchange it made."""

    db: sqlite_utils.Database

    def start_run(self, sites: list[str]) -> int:
        with self.db.atomic():
            table = self.db.table("crawl_runs").insert(
                {"started_at": utc_now(), "status": "running", "sites": json.dumps(sites)}
            )
        return _pk(table)

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
        with self.db.atomic():
            self.db.table("crawl_runs").update(run_id, {"finished_at": utc_now(), "status": status})

    def run(self, run_id: int) -> dict[str, Any]:
        return dict(self.db.table("crawl_runs").get(run_id))

    def record_fetch(self, run_id: int | None, fetch: FetchRecord) -> int:
        with self.db.atomic():
            return insert_row(self.db, "fetches", {"run_id": run_id, **asdict(fetch)})

    def note_fetch_error(self, fetch_id: int, error: str) -> None:
        """Say why a recorded exchange came to nothing (a size limit, a redirect loop); an
        error the row already has is kept."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE fetches SET error = coalesce(error, ?) WHERE id = ?", [error, fetch_id]
            )
