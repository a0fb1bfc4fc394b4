"""One row a site and run (``site_runs``), taken from the Scrapy stats each crawler left."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import sqlite_utils

log = logging.getLogger(__name__)

NOT_ARTICLE_PREFIX = "secnews/not_article/"


@dataclass(frozen=True)
class SiteRun:
    """What one crawl run did on one site."""

    run_id: int
    site: str
    started_at: str | None = None
    finished_at: str | None = None
    finish_reason: str | None = None
    requests: int = 0
    fetch_errors: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    articles_gone: int = 0
    extracted: int = 0
    not_articles: int = 0
    stats: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def row(self) -> dict[str, Any]:
        data = asdict(self)
        del data["stats"]
        return data


def _count(stats: dict[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return int(value) if isinstance(value, int | float) else 0


def _iso(value: Any) -> str | None:
    """A Scrapy stats time (``2024-05-01 10:00:00.123+00:00``) as ``2024-05-01T10:00:00Z``."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None


def site_run_from_stats(run_id: int, site: str, stats: dict[str, Any]) -> SiteRun:
    return SiteRun(
        run_id=run_id,
        site=site,
        started_at=_iso(stats.get("start_time")),
        finished_at=_iso(stats.get("finish_time")),
        finish_reason=stats.get("finish_reason"),
        requests=_count(stats, "secnews/requests"),
        fetch_errors=_count(stats, "secnews/fetch_errors"),
        articles_new=_count(stats, "secnews/articles/new")
        + _count(stats, "secnews/articles/duplicate"),
        articles_updated=_count(stats, "secnews/articles/updated"),
        articles_unchanged=_count(stats, "secnews/articles/unchanged")
        + _count(stats, "secnews/articles/alias"),
        articles_gone=_count(stats, "secnews/articles/gone"),
        extracted=_count(stats, "secnews/extracted"),
        # Pages extraction found no article in, and pages the news verdict left.
        not_articles=sum(_count(stats, key) for key in stats if key.startswith(NOT_ARTICLE_PREFIX))
        + _count(stats, "secnews/verdict/left"),
        stats=stats,
    )


def run_sites(db: sqlite_utils.Database, run_id: int) -> list[SiteRun]:
    """Every site of a run, from the run's stats (a site without stats has zero counts)."""
    row = db.execute("SELECT sites, stats FROM crawl_runs WHERE id = ?", [run_id]).fetchone()
    if row is None:
        raise KeyError(f"no crawl run {run_id}")
    names: list[str] = json.loads(row[0] or "[]")
    stats: dict[str, dict[str, Any]] = json.loads(row[1] or "{}")
    return [site_run_from_stats(run_id, name, stats.get(name, {})) for name in names]


def record_site_runs(db: sqlite_utils.Database, runs: list[SiteRun]) -> None:
    """Write (or rewrite) the ``site_runs`` rows of a run; ``result`` is set by the health check."""
    with db.atomic():
        for run in runs:
            db.table("site_runs").upsert(run.row(), pk=("run_id", "site"))


def set_result(db: sqlite_utils.Database, run: SiteRun, result: str) -> None:
    with db.atomic():
        db.execute(
            "UPDATE site_runs SET result = ? WHERE run_id = ? AND site = ?",
            [result, run.run_id, run.site],
        )


def earlier_runs(db: sqlite_utils.Database, run: SiteRun, limit: int = 20) -> list[dict[str, Any]]:
    """The site's ``site_runs`` rows before ``run``, newest first."""
    return [
        dict(row)
        for row in db.query(
            "SELECT * FROM site_runs WHERE site = ? AND run_id < ? ORDER BY run_id DESC LIMIT ?",
            [run.site, run.run_id, limit],
        )
    ]
