"""The revisit cycle: which of a site's archived articles a crawl looks at again, and how many.

Young articles (published within ``recent_days``) are revisited by every crawl. Every other
article, live or gone, is looked at again within ``cycle_days``: each crawl takes its share,
the *budget* ⌈articles in the cycle × usual interval between the site's crawls ÷ cycle⌉,
the longest unchecked first. A site crawled daily on a 90-day cycle has a ninetieth of its
older articles checked a day, so no crawl refetches the whole site. The usual interval is
the median gap between the site's last crawls (this one included): one late crawl does not
make the next one large, and what a missed crawl left overdue is checked first by the crawls
that follow.

Takes a database; reads ``frontier``, ``articles`` and ``crawl_runs``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from statistics import median

import sqlite_utils

RHYTHM_CRAWLS = 5  # the site's latest crawls whose gaps give its usual interval
DAY = 86400


@dataclass(frozen=True)
class RevisitPolicy:
    """A site's ``[revisit]`` table."""

    recent_days: int = 30  # younger articles are revisited by every crawl
    cycle_days: int = 90  # every other article is looked at again within this many days


@dataclass(frozen=True)
class RevisitBudget:
    """How many of a site's older articles one crawl looks at again, and why that many."""

    cycled: int  # archived articles in the cycle (not young)
    interval: timedelta | None  # the usual time between the site's crawls; None before a second
    budget: int  # articles of the cycle this crawl revisits


# An archived article of the site: its frontier entry, the URL's article.
_ARCHIVED = (
    "FROM frontier f JOIN article_urls u ON u.url = f.url JOIN articles a ON a.id = u.article_id "
    "WHERE f.site = ? AND f.kind = 'article' AND f.state = 'done' "
)
_DAY_PUBLISHED = "coalesce(substr(a.published, 1, 10), substr(a.first_seen, 1, 10), '')"
_CHECKED = "coalesce(f.last_fetched, '')"  # never fetched sorts first


def _recent_since(policy: RevisitPolicy, now: datetime) -> str:
    return (now - timedelta(days=policy.recent_days)).strftime("%Y-%m-%d")


def usual_interval(starts: Sequence[datetime], now: datetime) -> timedelta | None:
    """The median gap between consecutive crawl starts, ``now`` (this crawl) included; None
    when there is no earlier crawl."""
    times = sorted([*starts, now], reverse=True)
    gaps = [(later - earlier).total_seconds() for later, earlier in pairwise(times)]
    return timedelta(seconds=median(gaps)) if gaps else None


def share(cycled: int, interval: timedelta | None, cycle_days: int) -> int:
    """⌈cycled × interval ÷ cycle⌉, at most ``cycled``: at that pace every article of the
    cycle is checked within it. Whole seconds, so the rounding is exact."""
    if cycled <= 0 or interval is None:
        return 0
    cycle = cycle_days * DAY
    seconds = min(int(interval.total_seconds()), cycle)
    return -(-cycled * seconds // cycle)


def crawl_starts(
    db: sqlite_utils.Database, site: str, run_id: int | None, limit: int = RHYTHM_CRAWLS
) -> list[datetime]:
    """When the site's latest crawls before ``run_id`` (the running one) started."""
    rows = db.execute(
        "SELECT started_at FROM crawl_runs WHERE id IS NOT ? AND started_at IS NOT NULL "
        "AND json_valid(sites) AND EXISTS (SELECT 1 FROM json_each(crawl_runs.sites) "
        "WHERE value = ?) ORDER BY started_at DESC LIMIT ?",
        [run_id, site, limit],
    ).fetchall()
    return [_moment(started) for (started,) in rows]


def revisit_budget(
    db: sqlite_utils.Database,
    site: str,
    policy: RevisitPolicy,
    now: datetime,
    run_id: int | None = None,
) -> RevisitBudget:
    """This crawl's share of the site's cycle."""
    (cycled,) = db.execute(
        f"SELECT count(*) {_ARCHIVED} AND {_DAY_PUBLISHED} < ?",
        [site, _recent_since(policy, now)],
    ).fetchone()
    interval = usual_interval(crawl_starts(db, site, run_id), now)
    return RevisitBudget(int(cycled), interval, share(int(cycled), interval, policy.cycle_days))


def young_articles(
    db: sqlite_utils.Database,
    site: str,
    policy: RevisitPolicy,
    now: datetime,
    batch: int = 1000,
) -> Iterator[str]:
    """URLs of the site's articles published within ``recent_days`` (every crawl revisits
    them), ``batch`` rows at a time."""
    after = 0
    while True:
        rows = db.execute(
            f"SELECT f.rowid, f.url {_ARCHIVED} AND {_DAY_PUBLISHED} >= ? AND f.rowid > ? "
            "ORDER BY f.rowid LIMIT ?",
            [site, _recent_since(policy, now), after, batch],
        ).fetchall()
        yield from (str(url) for _, url in rows)
        if len(rows) < batch:
            return
        after = rows[-1][0]


def cycle_articles(
    db: sqlite_utils.Database,
    site: str,
    policy: RevisitPolicy,
    budget: int,
    now: datetime,
    batch: int = 1000,
) -> Iterator[str]:
    """URLs of the ``budget`` articles of the cycle checked longest ago (never first), in that
    order, ``batch`` rows at a time. The choice is made when reading starts: an article this
    crawl fetches meanwhile moves to the end of the order, past the last one chosen."""
    if budget <= 0:
        return
    order = f"{_CHECKED}, f.rowid"
    old = f"{_ARCHIVED} AND {_DAY_PUBLISHED} < ?"
    params = [site, _recent_since(policy, now)]
    # The last one chosen: the budget-th in the order, or the very last when there are fewer.
    last = (
        db.execute(
            f"SELECT {order} {old} ORDER BY {order} LIMIT 1 OFFSET ?", [*params, budget - 1]
        ).fetchone()
        or db.execute(
            f"SELECT {order} {old} ORDER BY {_CHECKED} DESC, f.rowid DESC LIMIT 1", params
        ).fetchone()
    )
    if last is None:
        return
    after: tuple[str, int] = ("", 0)
    while True:
        rows = db.execute(
            f"SELECT {order}, f.url {old} AND ({order}) > (?, ?) AND ({order}) <= (?, ?) "
            f"ORDER BY {order} LIMIT ?",
            [*params, *after, *last, batch],
        ).fetchall()
        yield from (str(url) for _, _, url in rows)
        if len(rows) < batch:
            return
        after = (rows[-1][0], rows[-1][1])


def _moment(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
