"""The revisit cycle chosen from the frontier: young articles every crawl, every other one
within the cycle, a share of them a crawl (the budget, from the site's own rhythm of
crawls), the longest unchecked first."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archive.operations.revisits import RevisitPolicy, share, usual_interval
from archive.records import ArticleRecord
from archive.store import Archive
from archive.store.frontier import Frontier

SITE = "forum"
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
POLICY = RevisitPolicy(recent_days=30, cycle_days=90)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    store = Archive(tmp_path)
    store.upsert_site(SITE, title="Forum", base_url="http://forum.example/")
    store.upsert_site("other", title="Other", base_url="http://other.example/")
    return store


def archived(
    archive: Archive, frontier: Frontier, name: str, published: datetime, site: str = SITE
) -> str:
    """An article fetched and filed now (the frontier's clock), published then."""
    url = f"http://{site}.example/news/{name}/"
    frontier.add(url, "link")
    frontier.fetched(url, 200, {"etag": f'"{name}"'})
    text = f"Article {name} reports on the meeting of working group {name} in detail."
    record = ArticleRecord(
        url=url, title=f"Title {name}", text=text, published=published.date().isoformat()
    )
    archive.save_article(site, record, url)
    frontier.done(url, "article")
    return url


def crawl_started(archive: Archive, when: datetime, sites: list[str] | None = None) -> int:
    run_id = archive.start_run(sites or [SITE])
    archive.db.execute(
        "UPDATE crawl_runs SET started_at = ? WHERE id = ?",
        [when.strftime("%Y-%m-%dT%H:%M:%SZ"), run_id],
    )
    return run_id


def test_the_share_spreads_the_cycle_over_the_usual_interval() -> None:
    day = timedelta(days=1)
    assert share(90, day, 90) == 1
    assert share(900, 7 * day, 90) == 70
    assert share(10, 30 * day, 90) == 4  # 3.33 rounded up: the cycle is kept, never missed
    assert share(9, 30 * day, 90) == 3  # exactly a third: whole seconds, no rounding up
    assert share(10, 200 * day, 90) == 10  # at most all of them
    assert share(5, timedelta(minutes=1), 90) == 1  # any crawl does some of the cycle
    assert share(0, day, 90) == 0
    assert share(5, None, 90) == 0  # no earlier crawl: everything was just fetched


def test_the_usual_interval_is_the_median_gap_between_crawls() -> None:
    starts = [NOW - timedelta(days=1), NOW - timedelta(days=2), NOW - timedelta(days=10)]
    assert usual_interval(starts, NOW) == timedelta(days=1)  # one late crawl does not count
    assert usual_interval([NOW - timedelta(hours=6)], NOW) == timedelta(hours=6)
    assert usual_interval([], NOW) is None


def test_the_budget_follows_the_sites_own_crawls(archive: Archive) -> None:
    frontier = Frontier(archive.db, SITE, clock=Clock(NOW))
    for n in range(30):
        archived(archive, frontier, f"old-{n}", NOW - timedelta(days=400 + n))
    for n in range(2):
        archived(archive, frontier, f"young-{n}", NOW - timedelta(days=3))
    crawl_started(archive, NOW - timedelta(days=60))
    crawl_started(archive, NOW - timedelta(days=30))
    crawl_started(archive, NOW - timedelta(hours=1), sites=["other"])  # another site's
    running = crawl_started(archive, NOW)

    plan = frontier.revisit_budget(POLICY, running)

    assert (plan.cycled, plan.interval, plan.budget) == (30, timedelta(days=30), 10)
    assert frontier.revisit_budget(RevisitPolicy(30, 30), running).budget == 30
    assert frontier.revisit_budget(RevisitPolicy(3650, 90), running).cycled == 0


def test_young_articles_every_crawl_the_rest_longest_unchecked_first(archive: Archive) -> None:
    clock = Clock(NOW - timedelta(days=50))
    frontier = Frontier(archive.db, SITE, clock=clock)
    old = []
    for n in range(6):
        clock.now = NOW - timedelta(days=50 - n)  # checked one day after another
        old.append(archived(archive, frontier, f"old-{n}", NOW - timedelta(days=700)))
    young = archived(archive, frontier, "young", NOW - timedelta(days=2))
    gone = archived(archive, frontier, "gone", NOW - timedelta(days=800))
    archive.mark_gone(gone)
    clock.now = NOW
    frontier.fetched(old[0], 304, {})  # checked again just now: last in the order

    assert list(frontier.young_articles(POLICY)) == [young]
    # A gone article is in the cycle too (it may come back), checked longest ago first.
    order = [old[1], old[2], old[3], old[4], old[5], gone, old[0]]
    assert list(frontier.cycle_articles(POLICY, 3)) == order[:3]
    assert list(frontier.cycle_articles(POLICY, 100, batch=2)) == order
    assert list(frontier.cycle_articles(POLICY, 0)) == []


def test_a_crawl_fetching_as_it_reads_gets_its_budget_once(archive: Archive) -> None:
    clock = Clock(NOW - timedelta(days=40))
    frontier = Frontier(archive.db, SITE, clock=clock)
    urls = [archived(archive, frontier, f"a-{n}", NOW - timedelta(days=900)) for n in range(7)]
    clock.now = NOW
    chosen = []
    for url in frontier.cycle_articles(POLICY, 5, batch=2):
        chosen.append(url)
        frontier.fetched(url, 304, {})  # moves to the end of the order meanwhile
    assert chosen == urls[:5]


def test_a_cycle_of_crawls_checks_every_article_once_within_it(archive: Archive) -> None:
    clock = Clock(NOW)
    frontier = Frontier(archive.db, SITE, clock=clock)
    urls = {archived(archive, frontier, f"a-{n}", NOW - timedelta(days=800)) for n in range(25)}
    crawl_started(archive, NOW)
    checked: list[set[str]] = []
    for number in range(1, 4):  # a crawl every 30 days: three to a 90-day cycle
        clock.now = NOW + timedelta(days=30 * number)
        running = crawl_started(archive, clock.now)
        plan = frontier.revisit_budget(POLICY, running)
        assert plan.budget == 9  # 25 × 30 / 90 = 8.33, rounded up
        chosen = set(frontier.cycle_articles(POLICY, plan.budget))
        for url in chosen:
            frontier.fetched(url, 304, {})
        checked.append(chosen)
    assert [len(batch) for batch in checked] == [9, 9, 9]
    assert set().union(*checked) == urls  # every article, and no crawl more than its share
    assert not checked[0] & checked[1] and not checked[1] & (checked[2] - checked[0])


def test_runs_without_a_valid_list_of_sites_are_not_the_sites_crawls(archive: Archive) -> None:
    frontier = Frontier(archive.db, SITE, clock=Clock(NOW))
    archived(archive, frontier, "a", NOW - timedelta(days=900))
    broken = crawl_started(archive, NOW - timedelta(days=10))
    archive.db.execute("UPDATE crawl_runs SET sites = 'not json' WHERE id = ?", [broken])
    crawl_started(archive, NOW - timedelta(days=2), sites=[SITE, "other"])
    assert json.loads(archive.run(broken + 1)["sites"]) == [SITE, "other"]
    assert frontier.revisit_budget(POLICY).interval == timedelta(days=2)
