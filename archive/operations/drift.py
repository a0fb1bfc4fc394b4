"""Extraction drift: a site's pages suddenly extract shorter, emptier or not at all.

This run's versions of the site's articles (topped up with the latest earlier ones when the
run found only a few) are compared with the versions before them: median text length, how
often title, date and author are found; and the share of candidate pages extraction kept.
A template change shows up in one of them long before a reader notices. A run that resumes
runs which did not finish (stopped by a full disk or a signal, killed) completes their
crawl: their versions and its own are judged together, never one against the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Any

import sqlite_utils

from archive.operations.findings import Finding, HealthPolicy
from archive.operations.siteruns import SiteRun, earlier_runs

RULE = "extraction-drift"
FIELDS = ("title", "published", "author")


@dataclass(frozen=True)
class VersionSample:
    """Extracted versions of a site's articles: their text lengths and field coverage."""

    lengths: tuple[int, ...]
    coverage: dict[str, float]

    @property
    def size(self) -> int:
        return len(self.lengths)


def _sample(rows: list[tuple[Any, ...]]) -> VersionSample:
    count = len(rows) or 1
    coverage = {
        name: sum(1 for row in rows if str(row[index] or "").strip()) / count
        for index, name in enumerate(FIELDS)
    }
    return VersionSample(tuple(int(row[3] or 0) for row in rows), coverage)


_VERSIONS = (
    "SELECT v.title, v.published, v.author, length(coalesce(v.text, '')) "
    "FROM article_versions v JOIN articles a ON a.id = v.article_id WHERE a.site = ? "
)
_THIS_RUN = "AND substr(v.fetched_at, 1, 19) BETWEEN ? AND ? LIMIT 5000"
_BEFORE = "AND substr(v.fetched_at, 1, 19) < ? ORDER BY v.fetched_at DESC LIMIT ?"
_EARLIER_RUNS = (
    "SELECT status, started_at FROM crawl_runs WHERE id < ? AND EXISTS "
    "(SELECT 1 FROM json_each(crawl_runs.sites) WHERE value = ?) ORDER BY id DESC LIMIT 50"
)


def window_start(db: sqlite_utils.Database, run: SiteRun) -> str:
    """When the run's own pages begin: its start, or that of the unfinished runs of the
    site just before it, whose crawl it completes."""
    start = str(run.started_at)[:19]
    for status, started in db.execute(_EARLIER_RUNS, [run.run_id, run.site]).fetchall():
        if status == "ok":
            break
        if started:
            start = min(start, str(started)[:19])
    return start


def version_window(
    db: sqlite_utils.Database, run: SiteRun, policy: HealthPolicy
) -> tuple[VersionSample, VersionSample] | None:
    """(recent, history): the run's versions — topped up with the latest before it when the run
    wrote fewer than ``drift_min_samples`` — and the versions before those.

    ``None`` when the run wrote no version: nothing new to judge.
    """
    if not run.started_at:
        return None
    start, until = window_start(db, run), (run.finished_at or "9999")[:19]
    fresh = db.execute(_VERSIONS + _THIS_RUN, [run.site, start, until]).fetchall()
    if not fresh:
        return None
    pad = max(0, policy.drift_min_samples - len(fresh))
    older = db.execute(_VERSIONS + _BEFORE, [run.site, start, pad + policy.drift_history])
    before = older.fetchall()
    return _sample(fresh + before[:pad]), _sample(before[pad:])


def _text_findings(
    run: SiteRun, now: VersionSample, before: VersionSample, policy: HealthPolicy
) -> list[Finding]:
    findings = []
    was, is_now = median(before.lengths), median(now.lengths)
    if was > 0 and is_now < policy.drift_length_ratio * was:
        message = (
            f"median text length fell to {is_now:g} characters from {was:g} "
            f"({now.size} pages this run against {before.size} before)"
        )
        findings.append(Finding(run.site, RULE, message, is_now / was, policy.drift_length_ratio))
    for name in FIELDS:
        drop = before.coverage[name] - now.coverage[name]
        if drop >= policy.drift_coverage_drop:
            message = (
                f"{name} found on {now.coverage[name]:.0%} of this run's pages, "
                f"{before.coverage[name]:.0%} before"
            )
            findings.append(Finding(run.site, RULE, message, drop, policy.drift_coverage_drop))
    return findings


def _yield_finding(run: SiteRun, db: sqlite_utils.Database, policy: HealthPolicy) -> Finding | None:
    candidates = run.extracted + run.not_articles
    history = earlier_runs(db, run)
    kept_before = sum(int(row["extracted"]) for row in history)
    seen_before = kept_before + sum(int(row["not_articles"]) for row in history)
    if min(candidates, seen_before) < policy.drift_min_samples or kept_before == 0:
        return None
    was, is_now = kept_before / seen_before, run.extracted / candidates
    if is_now >= policy.drift_yield_ratio * was:
        return None
    message = (
        f"extraction kept {run.extracted} of {candidates} candidate pages ({is_now:.0%}), "
        f"{was:.0%} in earlier runs"
    )
    return Finding(run.site, RULE, message, is_now / was, policy.drift_yield_ratio)


def extraction_drift(
    run: SiteRun, db: sqlite_utils.Database, policy: HealthPolicy, now: datetime
) -> list[Finding]:
    """Text length, field coverage or extraction yield fell sharply against the site's past."""
    findings = []
    window = version_window(db, run, policy)
    if window is not None and min(window[0].size, window[1].size) >= policy.drift_min_samples:
        findings += _text_findings(run, *window, policy)
    kept = _yield_finding(run, db, policy)
    if kept is not None:
        findings.append(kept)
    return findings
