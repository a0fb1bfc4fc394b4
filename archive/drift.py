"""Extraction drift: a site's pages suddenly extract shorter, emptier or not at all.

This run's versions of the site's articles are compared with the versions before it: median
text length, how often title, date and author are found, and the share of candidate pages
that extraction kept. A template change shows up in one of them long before a reader notices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import median

import sqlite_utils

from archive.findings import Finding, HealthPolicy
from archive.siteruns import SiteRun, earlier_runs

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


def _sample(rows: list[tuple[str | None, str | None, str | None, int | None]]) -> VersionSample:
    count = len(rows) or 1
    coverage = {
        name: sum(1 for row in rows if (row[index] or "").strip()) / count
        for index, name in enumerate(FIELDS)
    }
    return VersionSample(tuple(int(row[3] or 0) for row in rows), coverage)


_VERSIONS = (
    "SELECT v.title, v.published, v.author, length(coalesce(v.text, '')) "
    "FROM article_versions v JOIN articles a ON a.id = v.article_id WHERE a.site = ? "
)


def run_versions(db: sqlite_utils.Database, run: SiteRun) -> VersionSample:
    """Versions written during the run (new articles and changed ones)."""
    if not run.started_at:
        return VersionSample((), {})
    rows = db.execute(
        _VERSIONS + "AND substr(v.fetched_at, 1, 19) >= ? AND substr(v.fetched_at, 1, 19) <= ?",
        [run.site, run.started_at[:19], (run.finished_at or "9999")[:19]],
    ).fetchall()
    return _sample(rows)


def history_versions(db: sqlite_utils.Database, run: SiteRun, limit: int) -> VersionSample:
    """The site's latest versions written before the run."""
    if not run.started_at:
        return VersionSample((), {})
    rows = db.execute(
        _VERSIONS + "AND substr(v.fetched_at, 1, 19) < ? ORDER BY v.fetched_at DESC LIMIT ?",
        [run.site, run.started_at[:19], limit],
    ).fetchall()
    return _sample(rows)


def _text_findings(run: SiteRun, now: VersionSample, before: VersionSample, policy: HealthPolicy) -> list[Finding]:
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


def _yield_finding(
    run: SiteRun, db: sqlite_utils.Database, policy: HealthPolicy
) -> Finding | None:
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
    current = run_versions(db, run)
    before = history_versions(db, run, policy.drift_history)
    if min(current.size, before.size) >= policy.drift_min_samples:
        findings += _text_findings(run, current, before, policy)
    kept = _yield_finding(run, db, policy)
    if kept is not None:
        findings.append(kept)
    return findings
