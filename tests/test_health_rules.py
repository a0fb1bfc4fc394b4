"""Health rules on archives built with the real store: thresholds, small samples, idempotence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archive.operations.findings import HealthPolicy
from archive.operations.health import (
    NETWORK_FAILURES_STAT,
    ROBOTS_CLOSED_STAT,
    assess_run,
    findings_for_run,
)
from archive.operations.status import create_operations_schema, site_status
from archive.records import ArticleRecord
from archive.store import Archive
from archive.store.runs import RunCounts
from archive.store.schema import MIGRATIONS, SCHEMA_VERSION

SITE = "ministry"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
LONG = "The ministry held a meeting on regional water cooperation. " * 20
SHORT = "Read more."


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def run_with(archive: Archive, stats: dict[str, object], start: datetime, end: datetime) -> int:
    """A finished run of SITE whose Scrapy stats are ``stats``, between start and end."""
    run_id = archive.start_run([SITE])
    full = {
        "start_time": start.isoformat(),
        "finish_time": end.isoformat(),
        "finish_reason": "finished",
        **stats,
    }
    archive.add_run_counts(run_id, RunCounts(), {SITE: full})
    archive.close_run(run_id, "ok")
    return run_id


def save(archive: Archive, number: int, published: str, seen: datetime, **fields: str) -> None:
    record = ArticleRecord(
        url=f"http://ministry.example/news/{number}.html",
        title=fields.get("title", f"Meeting {number}"),
        text=fields.get("text", f"{LONG} ({number})"),
        published=published,
        author=fields.get("author", "Press office"),
    )
    archive.save_article(SITE, record, record.url, stamp(seen))


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path) as opened:
        opened.upsert_site(SITE, title="Ministry", base_url="http://ministry.example/")
        yield opened


def weekly_history(archive: Archive, seen: datetime, count: int = 10) -> None:
    """``count`` articles published a week apart, all first seen at ``seen``."""
    for number in range(count):
        day = datetime(2025, 1, 1) + timedelta(days=7 * number)
        save(archive, number, day.date().isoformat(), seen)


def test_a_site_silent_for_many_publishing_gaps_is_stale(archive: Archive) -> None:
    weekly_history(archive, NOW - timedelta(days=60))
    run = run_with(archive, {"secnews/requests": 5}, NOW - timedelta(minutes=5), NOW)
    findings = assess_run(archive.db, run, now=NOW)
    assert [f.rule for f in findings] == ["stale"]
    assert findings[0].threshold == pytest.approx(21.0)  # 3 x a 7-day rhythm
    assert "every 7 days" in findings[0].message


@pytest.mark.parametrize(
    ("silent_days", "articles", "new"),
    [(10, 10, 0), (60, 4, 0), (60, 10, 1)],
    ids=["within-rhythm", "too-little-history", "found-something-new"],
)
def test_staleness_needs_history_and_silence(
    archive: Archive, silent_days: int, articles: int, new: int
) -> None:
    weekly_history(archive, NOW - timedelta(days=silent_days), count=articles)
    stats = {"secnews/requests": 5, "secnews/articles/new": new}
    run = run_with(archive, stats, NOW - timedelta(minutes=5), NOW)
    assert assess_run(archive.db, run, now=NOW) == []


@pytest.mark.parametrize(
    ("statuses", "retries", "failing"),
    [
        ({200: 6, 500: 4}, 3, False),  # one dead page of seven (in four attempts)
        ({200: 1, 500: 8}, 6, True),  # start page and sitemap dead: 2 of 3 fetches
        ({500: 4}, 3, True),  # robots.txt answers 500: the whole site is down
        ({200: 20, 500: 2}, 2, False),  # a flaky page that worked on its third try
        ({200: 8, 404: 4}, 0, False),  # takedowns are answers, not failures
        ({200: 10, 503: 8, 403: 2}, 6, True),  # 4 of 14 pages failed after retries
        ({200: 1, 500: 2}, 0, False),  # too few failures to judge
    ],
)
def test_fetch_errors_fail_when_many_fetches_end_failed(
    archive: Archive, statuses: dict[int, int], retries: int, failing: bool
) -> None:
    stats: dict[str, object] = {
        f"downloader/response_status_count/{s}": n for s, n in statuses.items()
    }
    stats["retry/count"] = retries
    run = run_with(archive, stats, NOW - timedelta(minutes=5), NOW)
    rules = [f.rule for f in assess_run(archive.db, run, now=NOW)]
    assert rules == (["fetch-errors"] if failing else [])


def test_timeouts_count_and_refusals_before_sending_do_not(archive: Archive) -> None:
    stats = {
        "downloader/response_status_count/200": 2,
        "downloader/exception_count": 12,  # 8 of them refused by robots.txt, never sent
        NETWORK_FAILURES_STAT: 4,
        "retry/count": 0,
    }
    run = run_with(archive, stats, NOW - timedelta(minutes=5), NOW)
    (finding,) = assess_run(archive.db, run, now=NOW)
    assert finding.message.startswith("4 of 6 fetches failed after retries (67%")


def drift_archive(archive: Archive, drifted: int) -> int:
    """Ten healthy versions from an earlier run, then a run that wrote ``drifted`` short ones."""
    weekly_history(archive, NOW - timedelta(days=1))
    start = NOW - timedelta(minutes=10)
    seen = start + timedelta(minutes=1)
    for number in range(drifted):
        short = f"{SHORT} ({number})"  # distinct: the same text twice is one article
        save(archive, 100 + number, "2025-03-20", seen, text=short, author="")
    stats = {"secnews/requests": 20, "secnews/articles/new": drifted, "secnews/extracted": drifted}
    return run_with(archive, stats, start, NOW)


def test_drift_in_a_run_with_few_new_pages_is_judged_with_the_latest_before_it(
    archive: Archive,
) -> None:
    run = drift_archive(archive, drifted=3)  # 3 short + 2 healthy: the median is short
    messages = [f.message for f in assess_run(archive.db, run, now=NOW)]
    assert any(m.startswith("median text length fell") for m in messages)
    assert any(m.startswith("author found on 40%") for m in messages)


def test_two_odd_pages_are_not_drift(archive: Archive) -> None:
    run = drift_archive(archive, drifted=2)  # 2 short + 3 healthy: the median is healthy
    assert assess_run(archive.db, run, now=NOW) == []


@pytest.mark.parametrize(("status", "drift"), [("disk_full", False), ("ok", True)])
def test_a_run_completing_an_unfinished_one_is_judged_with_it(
    archive: Archive, status: str, drift: bool
) -> None:
    # The disk filled part-way through the first run, which had kept the long articles
    # only; the next crawl archived the short ones. One crawl, in two runs.
    start = NOW - timedelta(hours=1)
    first = run_with(archive, {"secnews/extracted": 10}, start, start + timedelta(minutes=5))
    archive.db.execute(
        "UPDATE crawl_runs SET status = ?, started_at = ? WHERE id = ?",
        [status, stamp(start), first],
    )
    weekly_history(archive, start + timedelta(minutes=1))
    seen = NOW - timedelta(minutes=4)
    for number in range(10):
        save(archive, 100 + number, "2025-03-20", seen, text=f"{SHORT} ({number})")
    run = run_with(archive, {"secnews/extracted": 10}, NOW - timedelta(minutes=5), NOW)
    messages = [f.message for f in assess_run(archive.db, run, now=NOW)]
    assert any(m.startswith("median text length fell") for m in messages) == drift


def test_extraction_yield_falling_against_earlier_runs_is_drift(archive: Archive) -> None:
    earlier = {"secnews/extracted": 20, "secnews/not_article/no_date": 4}
    first = run_with(archive, earlier, NOW - timedelta(days=2), NOW - timedelta(days=2))
    assess_run(archive.db, first, now=NOW)
    later = {"secnews/extracted": 1, "secnews/not_article/no_date": 19}
    run = run_with(archive, later, NOW - timedelta(minutes=5), NOW)
    findings = assess_run(archive.db, run, now=NOW)
    assert [f.rule for f in findings] == ["extraction-drift"]
    assert "kept 1 of 20 candidate pages" in findings[0].message


def test_findings_are_stored_once_and_the_status_view_shows_them(archive: Archive) -> None:
    stats = {"secnews/requests": 3, ROBOTS_CLOSED_STAT: 1}
    run = run_with(archive, stats, NOW - timedelta(minutes=5), NOW)
    assess_run(archive.db, run, now=NOW)
    assess_run(archive.db, run, now=NOW)  # a second look replaces the first
    assert [f.rule for f in findings_for_run(archive.db, run)] == ["robots-closed"]
    (row,) = site_status(archive.db)
    assert (row["site"], row["last_run"], row["result"]) == (SITE, run, "failing")
    assert row["rules"] == "robots-closed" and "disallows the whole site" in row["findings"]


def test_policy_thresholds_are_honoured(archive: Archive) -> None:
    stats = {"downloader/response_status_count/200": 16, "downloader/response_status_count/500": 4}
    run = run_with(archive, stats, NOW - timedelta(minutes=5), NOW)
    strict = HealthPolicy(max_error_share=0.1)
    assert [f.rule for f in assess_run(archive.db, run, strict, now=NOW)] == ["fetch-errors"]


def test_operations_schema_is_a_migration_safe_to_run_again(archive: Archive) -> None:
    assert int(archive.db.execute("PRAGMA user_version").fetchone()[0]) == SCHEMA_VERSION
    assert "_v3_operations" in [migration.__name__ for migration in MIGRATIONS]
    create_operations_schema(archive.db)  # again, on an archive that has it
    assert {"site_runs", "health"} <= set(archive.db.table_names())
    assert "site_status" in archive.db.view_names()
    assert site_status(archive.db)[0]["result"] == "never"
