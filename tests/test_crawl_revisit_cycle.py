"""Regular crawls find edits and take-downs of articles published two years before them:
cheap signals at once, the revisit cycle within its days, each crawl within its budget.

The sample forum serves its back catalogue (posts dated two years before today), then the
same posts corrected, taken down (410, a redirect to the news section) or only unlisted.
Time between crawls is simulated in the archive: before each regular crawl the test moves
the recorded crawl starts back by ``STEP_DAYS``, so the site's crawls are a month apart.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_site import (
    BACK_CATALOGUE,
    BACK_CATALOGUE_REVISED,
    FIRST_EDITION,
    SampleSite,
    changes,
    expected_articles,
    unlisted,
    write_site_configs,
)

from .conftest import secnews

pytestmark = pytest.mark.e2e
FORUM = "sample-forum"
CYCLE_DAYS = 90
STEP_DAYS = 30  # between regular crawls
REASONS = ("young", "cycle", "lastmod", "listing", "unlisted")


@pytest.fixture
def forum(tmp_path: Path) -> Iterator[tuple[SampleSite, Path]]:
    """The sample sites in this process, the forum with its back catalogue, and site configs
    with the forum on a 90-day revisit cycle (young articles: the default 30 days)."""
    log = tmp_path / "requests.jsonl"
    with SampleSite(ephemeral=True, log_path=log, state=BACK_CATALOGUE) as sample:
        sites = tmp_path / "sites"
        write_site_configs(sites, sample.urls)
        config = sites / f"{FORUM}.toml"
        text = config.read_text(encoding="utf-8") + f"\n[revisit]\ncycle_days = {CYCLE_DAYS}\n"
        config.write_text(text, encoding="utf-8")
        yield sample, sites


@dataclass
class Crawl:
    run: dict[str, Any]  # its crawl_runs row
    stats: dict[str, Any]  # the forum's crawler stats
    lines: list[str]  # what `secnews crawl` printed
    articles: list[dict[str, Any]]  # article requests the forum answered meanwhile

    def named(self, kind: str) -> set[str]:
        """URLs the crawl's summary names as updated, gone or back."""
        return {line.split()[1] for line in self.lines if line.split()[:1] == [kind]}

    def revisits(self, reason: str) -> int:
        return int(self.stats.get(f"secnews/revisit/{reason}", 0))


def query(data: Path, sql: str, *args: object) -> list[sqlite3.Row]:
    with sqlite3.connect(data / "archive.db") as db:
        db.row_factory = sqlite3.Row
        return db.execute(sql, args).fetchall()


def crawl(sample: SampleSite, sites: Path, data: Path) -> Crawl:
    before = len(sample.requests)
    result = secnews("crawl", FORUM, "--sites", str(sites), "--data", str(data), "--delay", "0")
    run = dict(query(data, "SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1")[0])
    articles = [
        entry
        for entry in sample.requests[before:]
        if entry["site"] == FORUM and entry["path"].startswith("/news/2")
    ]
    lines = result.stdout.splitlines()
    return Crawl(run, json.loads(run["stats"])[FORUM], lines, articles)


def status(data: Path) -> dict[str, Any]:
    rows = json.loads(secnews("status", "--json", "--data", str(data)).stdout)
    return next(row for row in rows if row["site"] == FORUM)


def stored(data: Path) -> dict[str, sqlite3.Row]:
    return {row["url"]: row for row in query(data, "SELECT * FROM articles")}


def versions(data: Path, url: str) -> list[sqlite3.Row]:
    return query(
        data,
        "SELECT v.* FROM article_versions v JOIN articles a ON a.id = v.article_id "
        "WHERE a.url = ? ORDER BY v.version",
        url,
    )


def move_crawls_back(data: Path, days: int) -> None:
    """Make the crawls recorded so far ``days`` older: the next crawl comes that much later."""
    shift = f"-{days} days"
    with sqlite3.connect(data / "archive.db") as db:
        db.execute(
            "UPDATE crawl_runs SET started_at = strftime('%Y-%m-%dT%H:%M:%SZ', started_at, ?), "
            "finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', finished_at, ?)",
            [shift, shift],
        )


def check_before(data: Path, urls: set[str], days: int) -> None:
    """Make the last check of ``urls`` ``days`` older than it was."""
    with sqlite3.connect(data / "archive.db") as db:
        db.executemany(
            "UPDATE frontier SET last_fetched = strftime('%Y-%m-%dT%H:%M:%SZ', last_fetched, ?) "
            "WHERE url = ?",
            [(f"-{days} days", url) for url in urls],
        )


def test_regular_crawls_find_edits_and_takedowns_of_two_year_old_articles(
    forum: tuple[SampleSite, Path], tmp_path: Path
) -> None:
    sample, sites = forum
    data = tmp_path / "data"
    crawl(sample, sites, data)
    before = expected_articles(sample.urls, BACK_CATALOGUE)[FORUM]
    back_catalogue = before - expected_articles(sample.urls, FIRST_EDITION)[FORUM]
    changed = changes(sample.urls, BACK_CATALOGUE, BACK_CATALOGUE_REVISED)
    edited, removed, hidden = changed["edited"], changed["removed"], unlisted(sample.urls)
    assert (len(edited), len(removed), len(hidden), changed["new"]) == (2, 2, 1, set())
    first = stored(data)
    assert set(first) == before
    two_years_ago = datetime.now(UTC) - timedelta(days=730)
    for url in edited | removed | hidden:  # published within a month before that
        published = datetime.fromisoformat(first[url]["published"])
        assert two_years_ago - timedelta(days=32) < published < two_years_ago + timedelta(days=2)

    # The back catalogue was checked last, the forum's other posts a month before it; then
    # the back catalogue is corrected, taken down and unlisted.
    check_before(data, before - back_catalogue, STEP_DAYS)
    sample.set_state(BACK_CATALOGUE_REVISED)
    found: dict[str, int] = {}  # URL -> the regular crawl that found it changed
    crawls = []
    for number in range(1, CYCLE_DAYS // STEP_DAYS + 1):
        move_crawls_back(data, STEP_DAYS)
        result = crawl(sample, sites, data)
        crawls.append(result)
        assert_within_budget(result, cycled=len(before))
        now = stored(data)
        updated = {url for url in edited - found.keys() if now[url]["version"] == 2}
        gone = {url for url in removed - found.keys() if now[url]["status"] == "gone"}
        found |= dict.fromkeys(updated | gone, number)
        assert (result.named("updated"), result.named("gone")) == (updated, gone)
        assert (result.run["articles_updated"], result.run["articles_gone"]) == (
            len(updated),
            len(gone),
        )
        assert f"{len(updated)} updated, {len(gone)} gone" in result.lines[0]
        row = status(data)
        assert (row["updated_urls"], row["gone_urls"]) == (sorted(updated), sorted(gone))
        assert (row["updated"], row["gone"]) == (len(updated), len(gone))

    # Every edit and take-down within the cycle: three crawls a month apart.
    assert found.keys() == edited | removed
    # Cheap signals first: the take-downs and the corrected headline in the first regular
    # crawl, though the cycle's share of it went to the posts checked longest ago.
    (title_edit,) = [url for url in edited if len({v["title"] for v in versions(data, url)}) == 2]
    (quiet_edit,) = edited - {title_edit}
    assert {url for url, number in found.items() if number == 1} == removed | {title_edit}
    first_regular = crawls[0]
    assert first_regular.revisits("unlisted") == len(removed | hidden)
    assert first_regular.revisits("listing") + first_regular.revisits("lastmod") >= 1
    requested_first = {entry["path"] for entry in first_regular.articles}
    assert path_of(sample, title_edit) in requested_first
    # A quiet edit (no new lastmod, nothing on a listing) is found by the cycle alone.
    assert path_of(sample, quiet_edit) not in requested_first and found[quiet_edit] > 1

    final = stored(data)
    for url in removed:
        assert final[url]["status"] == "gone" and final[url]["gone_at"]
        assert final[url]["text"] == first[url]["text"] and len(versions(data, url)) == 1
    (title_first, title_now) = (v["title"] for v in versions(data, title_edit))
    assert title_first != title_now == final[title_edit]["title"]
    assert final[title_edit]["text"] == first[title_edit]["text"]
    quiet = versions(data, quiet_edit)
    assert quiet[0]["title"] == quiet[1]["title"] and quiet[0]["text"] != quiet[1]["text"]
    # The unlisted post was looked at at once, and stays live: it still answers.
    (hidden_url,) = hidden
    hidden_path = path_of(sample, hidden_url)
    assert {e["status"] for e in first_regular.articles if e["path"] == hidden_path} <= {200, 304}
    assert any(e["path"] == hidden_path for e in first_regular.articles)
    assert final[hidden_url]["status"] == "live" and len(versions(data, hidden_url)) == 1


def path_of(sample: SampleSite, url: str) -> str:
    return url.removeprefix(sample.urls[FORUM].rstrip("/"))


def assert_within_budget(result: Crawl, cycled: int) -> None:
    """The crawl revisited its share of the cycle and what signals named, nothing more."""
    budget = result.stats["secnews/revisit/budget"]
    share = math.ceil(cycled * STEP_DAYS / CYCLE_DAYS)
    assert result.stats["secnews/revisit/cycled"] == cycled
    # The crawls are a month apart and a few seconds: the share of a month, rounded up.
    assert share <= budget <= share + 1 < cycled
    assert result.revisits("young") == 0  # two years old, and the rest older
    assert result.revisits("cycle") <= budget
    assert len(result.articles) == sum(result.revisits(reason) for reason in REASONS)
    assert len(result.articles) < cycled
    assert all(entry["if_none_match"] for entry in result.articles)  # conditional GET


def test_a_removed_article_that_answers_again_is_live_again(
    forum: tuple[SampleSite, Path], tmp_path: Path
) -> None:
    sample, sites = forum
    data = tmp_path / "data"
    crawl(sample, sites, data)
    first = stored(data)
    sample.set_state(BACK_CATALOGUE_REVISED)
    removed = changes(sample.urls, BACK_CATALOGUE, BACK_CATALOGUE_REVISED)["removed"]
    taken_down = crawl(sample, sites, data)  # no time between: the signals alone
    assert taken_down.named("gone") == removed
    assert all(stored(data)[url]["status"] == "gone" for url in removed)

    sample.set_state(BACK_CATALOGUE)  # listed and served again, as they were
    again = crawl(sample, sites, data)
    assert again.named("back") == removed
    assert again.stats["secnews/articles/back"] == len(removed)
    assert again.revisits("listing") >= len(removed)  # listed anew while gone
    now = stored(data)
    for url in removed:
        assert (now[url]["status"], now[url]["gone_at"]) == ("live", None)
        assert now[url]["text"] == first[url]["text"] and len(versions(data, url)) == 1
    changes_row = query(
        data,
        "SELECT count(*) AS n FROM article_changes WHERE run_id = ? AND change = 'back'",
        again.run["id"],
    )
    assert changes_row[0]["n"] == len(removed)
