"""Health rules: after a run, each site is judged against its own history in the archive.

A rule is a function of one site's run (``SiteRun``) and the archive; it returns findings.
Findings are stored in ``health`` and a site with any is ``failing`` in ``site_status``.
Two facts only the crawl can see (robots.txt, redirects) arrive as Scrapy stats under
``secnews/health/``; everything else is read from the archive's own tables.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import UTC, date, datetime
from itertools import pairwise
from statistics import median
from typing import Any

import sqlite_utils

from archive.operations.drift import extraction_drift
from archive.operations.findings import Finding, HealthPolicy
from archive.operations.siteruns import SiteRun, record_site_runs, run_sites, set_result

__all__ = ["Finding", "HealthPolicy", "assess_run", "findings_for_run"]

log = logging.getLogger(__name__)

# Stats set by the crawler (crawler/middlewares/health.py), read here.
ROBOTS_CLOSED_STAT = "secnews/health/robots_disallow_all"
START_OFFSITE_STAT = "secnews/health/start_offsite"
NETWORK_FAILURES_STAT = "secnews/health/network_failures"

Rule = Callable[[SiteRun, sqlite_utils.Database, HealthPolicy, datetime], list[Finding]]


STATUS_PREFIX = "downloader/response_status_count/"
ANSWERS = (404, 410)  # a page that is gone is an answer (a takedown), not a failing site


def failed_attempts(stats: dict[str, Any]) -> tuple[int, int]:
    """(failed, all) attempts to fetch from the site: error statuses other than 404/410, and
    network failures; requests refused before sending (robots.txt, scope) are not attempts."""
    failed = attempts = 0
    for key, value in stats.items():
        if key.startswith(STATUS_PREFIX) and key[len(STATUS_PREFIX) :].isdigit():
            status = int(key[len(STATUS_PREFIX) :])
            attempts += int(value)
            failed += int(value) if status >= 400 and status not in ANSWERS else 0
    network = int(stats.get(NETWORK_FAILURES_STAT, 0))
    return failed + network, attempts + network


def fetch_errors(
    run: SiteRun, db: sqlite_utils.Database, policy: HealthPolicy, now: datetime
) -> list[Finding]:
    """Too many fetches failed: 5xx, 403, 429, timeouts, refused connections.

    Judged on fetches as they ended, after retries: a flaky page that works on its second
    try is no failure, and one dead page is one failure, not four attempts.
    """
    failed, attempts = failed_attempts(run.stats)
    retries = int(run.stats.get("retry/count", 0))
    ended_failed, fetches = max(failed - retries, 0), max(attempts - retries, 1)
    share = ended_failed / fetches
    if failed < policy.min_errors or share <= policy.max_error_share:
        return []
    message = (
        f"{ended_failed} of {fetches} fetches failed after retries ({share:.0%}; limit "
        f"{policy.max_error_share:.0%}), {failed} failed attempts in all"
    )
    return [Finding(run.site, "fetch-errors", message, share, policy.max_error_share)]


def robots_closed(
    run: SiteRun, db: sqlite_utils.Database, policy: HealthPolicy, now: datetime
) -> list[Finding]:
    """robots.txt now disallows the start URLs and the site root to secnews."""
    if not run.stats.get(ROBOTS_CLOSED_STAT):
        return []
    message = "robots.txt disallows the whole site (its root and start URLs) to secnews"
    return [Finding(run.site, "robots-closed", message)]


def start_offsite(
    run: SiteRun, db: sqlite_utils.Database, policy: HealthPolicy, now: datetime
) -> list[Finding]:
    """A start URL redirects to another host: the site moved, or was taken over."""
    target = run.stats.get(START_OFFSITE_STAT)
    if not target:
        return []
    message = f"the site redirects to another site ({target}); has it moved? update start_urls"
    return [Finding(run.site, "start-offsite", message)]


def _day(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _moment(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def stale(
    run: SiteRun, db: sqlite_utils.Database, policy: HealthPolicy, now: datetime
) -> list[Finding]:
    """No new article for much longer than the site's own publishing rhythm."""
    if run.articles_new > 0:
        return []
    rows = db.execute(
        "SELECT published FROM articles WHERE site = ? AND published IS NOT NULL "
        "ORDER BY published DESC LIMIT ?",
        [run.site, policy.rhythm_articles],
    ).fetchall()
    days = sorted(day for (published,) in rows if (day := _day(published)) is not None)
    last_new = db.execute("SELECT max(first_seen) FROM articles WHERE site = ?", [run.site])
    last_seen = last_new.fetchone()[0]
    if len(days) < policy.stale_min_articles or not last_seen:
        return []  # not (yet) a site that used to publish
    rhythm = float(median((later - earlier).days for earlier, later in pairwise(days)))
    limit = max(policy.stale_factor * rhythm, policy.stale_min_days)
    silence = (now - _moment(last_seen)).total_seconds() / 86400
    if silence <= limit:
        return []
    message = (
        f"no new article for {silence:.0f} days (last found {last_seen[:10]}); the site "
        f"publishes every {rhythm:g} days (median gap of its last {len(days)} dates), "
        f"limit {limit:g} days"
    )
    return [Finding(run.site, "stale", message, silence, limit)]


RULES: tuple[Rule, ...] = (fetch_errors, robots_closed, start_offsite, stale, extraction_drift)


def assess_run(
    db: sqlite_utils.Database,
    run_id: int,
    policy: HealthPolicy | None = None,
    now: datetime | None = None,
    site_policies: Mapping[str, HealthPolicy] | None = None,
) -> list[Finding]:
    """Judge every site of a finished run; store its ``site_runs`` rows and findings.

    Each site is judged by its entry in ``site_policies`` if it has one, else by ``policy``.
    """
    policy = policy or HealthPolicy()
    site_policies = site_policies or {}
    now = now or datetime.now(UTC)
    runs = run_sites(db, run_id)
    record_site_runs(db, runs)
    findings: list[Finding] = []
    for run in runs:
        judged_by = site_policies.get(run.site, policy)
        found = [finding for rule in RULES for finding in rule(run, db, judged_by, now)]
        for finding in found:
            # INFO: the crawl's summary prints the findings, and the webhook carries them.
            log.info("health: %s: %s: %s", finding.site, finding.rule, finding.message)
        set_result(db, run, _result(run, found))
        findings += found
    _store(db, run_id, findings, now)
    return findings


def _result(run: SiteRun, found: list[Finding]) -> str:
    if any(finding.severity == "fail" for finding in found):
        return "failing"
    if run.finish_reason == "finished":
        return "ok"
    return run.finish_reason or "no stats"


def _store(db: sqlite_utils.Database, run_id: int, findings: list[Finding], now: datetime) -> None:
    found_at = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    with db.atomic():
        db.execute("DELETE FROM health WHERE run_id = ?", [run_id])
        for finding in findings:
            db.table("health").insert({"run_id": run_id, **asdict(finding), "found_at": found_at})


def findings_for_run(db: sqlite_utils.Database, run_id: int) -> list[Finding]:
    rows = db.execute(
        "SELECT site, rule, message, value, threshold, severity FROM health "
        "WHERE run_id = ? ORDER BY site, id",
        [run_id],
    ).fetchall()
    return [Finding(*row) for row in rows]
