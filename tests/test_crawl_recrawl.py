"""Recrawls of a changing site: new articles, an edit, a takedown, 304s, syndicated copies."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from archive.urls import canonical_url
from crawler.sample_site import (
    SECOND_EDITION,
    SampleSite,
    changes,
    expected_articles,
    syndicated_pairs,
    write_site_configs,
)

from .conftest import secnews

pytestmark = pytest.mark.e2e
SITES = ("sample-secretariat", "sample-forum", "sample-digest")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SampleSite, Path]]:
    """The sample sites in this process, so the test can switch them to their second state."""
    folder = tmp_path_factory.mktemp("recrawl")
    with SampleSite(ephemeral=True, log_path=folder / "requests.jsonl") as sample:
        sites_dir = folder / "sites"
        write_site_configs(sites_dir, sample.urls)
        for path in sites_dir.glob("*.toml"):
            # Every article counts as recent, so each is revisited with conditional GET.
            path.write_text(path.read_text(encoding="utf-8") + "\n[revisit]\ndays = 3650\n")
        yield sample, sites_dir


def query(data: Path, sql: str, *args: object) -> list[sqlite3.Row]:
    with sqlite3.connect(data / "archive.db") as db:
        db.row_factory = sqlite3.Row
        return db.execute(sql, args).fetchall()


def crawl(sites_dir: Path, data: Path) -> dict[str, object]:
    secnews("crawl", *SITES, "--sites", str(sites_dir), "--data", str(data), "--delay", "0")
    return dict(query(data, "SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 1")[0])


def test_second_state_is_archived_without_losing_anything(
    site: tuple[SampleSite, Path], tmp_path: Path
) -> None:
    sample, sites_dir = site
    data = tmp_path / "data"
    crawl(sites_dir, data)
    first_texts = {r["url"]: r["text"] for r in query(data, "SELECT url, text FROM articles")}
    log_start = len(sample.requests)
    sample.set_state(SECOND_EDITION)
    run = crawl(sites_dir, data)
    changed = changes(sample.urls)
    stored = {r["url"]: r for r in query(data, "SELECT * FROM articles")}

    assert changed["new"] and changed["new"] <= stored.keys()
    assert run["articles_new"] == len(changed["new"])
    for url in changed["edited"]:
        versions = query(
            data,
            "SELECT version, text FROM article_versions WHERE article_id = ? ORDER BY version",
            stored[url]["id"],
        )
        assert [v["version"] for v in versions] == [1, 2]
        assert versions[0]["text"] == first_texts[url] != versions[1]["text"]
        assert stored[url]["version"] == 2 and stored[url]["last_changed"]
    for url in changed["removed"]:
        assert stored[url]["status"] == "gone" and stored[url]["text"] == first_texts[url]
    untouched = set(first_texts) - changed["edited"] - changed["removed"]
    assert all(stored[url]["version"] == 1 for url in untouched)

    # The forum answers conditional revisits with 304: no unchanged body is sent twice.
    forum = sample.urls["sample-forum"]
    revisits = [
        r
        for r in sample.requests[log_start:]
        if r["site"] == "sample-forum" and "/news/20" in r["path"] and r["if_none_match"]
    ]
    unchanged_paths = {
        canonical_url(url)[len(forum) - 1 :] for url in untouched if url.startswith(forum)
    }
    assert unchanged_paths and {r["path"] for r in revisits} >= unchanged_paths
    assert all(
        r["status"] == 304 and r["bytes"] == 0 for r in revisits if r["path"] in unchanged_paths
    )


def test_syndicated_copies_are_linked_to_the_original(
    site: tuple[SampleSite, Path], tmp_path: Path
) -> None:
    sample, sites_dir = site
    data = tmp_path / "data"
    crawl(sites_dir, data)
    ids = {
        r["url"]: r for r in query(data, "SELECT id, url, duplicate_of, similarity FROM articles")
    }
    pairs = syndicated_pairs(sample.urls)
    assert len(pairs) == 4
    for original, copy in pairs:
        assert ids[copy]["duplicate_of"] == ids[original]["id"]
        assert ids[original]["duplicate_of"] is None
        assert 0.5 <= ids[copy]["similarity"] < 1.0
    copies = {copy for _, copy in pairs}
    digest = expected_articles(sample.urls, sample.state)["sample-digest"]
    assert all(ids[url]["duplicate_of"] is None for url in digest - copies)
    assert sum(1 for row in ids.values() if row["duplicate_of"] is not None) == 4


def test_no_change_recrawl_costs_a_fifth(site: tuple[SampleSite, Path], tmp_path: Path) -> None:
    sample, _ = site
    sites_dir = tmp_path / "sites"
    write_site_configs(sites_dir, sample.urls)  # default revisit policy: 30 days
    data = tmp_path / "data"
    first = crawl(sites_dir, data)
    again = crawl(sites_dir, data)
    assert again["articles_new"] == 0 and again["articles_updated"] == 0
    assert again["requests"] <= 0.2 * first["requests"], (first["requests"], again["requests"])
    per_site = json.loads(again["stats"])
    assert set(per_site) == set(SITES)
