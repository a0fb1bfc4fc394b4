"""Cheap signals that an archived article changed, read from what sitemaps, feeds and listing
pages say: a later lastmod, another title or date, no longer listed anywhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archive.operations.listings import STAMPED_MIN, Listed, later_than
from archive.records import ArticleRecord
from archive.store import Archive
from archive.store.frontier import Frontier

SITE = "forum"
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
SITEMAP = "http://forum.example/sitemap.xml"
FEED = "http://forum.example/feed/"
LISTING = "http://forum.example/news/"


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    store = Archive(tmp_path)
    store.upsert_site(SITE, title="Forum", base_url="http://forum.example/")
    assert [store.start_run([SITE]) for _ in range(3)] == [1, 2, 3]  # the runs that read
    return store


@pytest.fixture
def frontier(archive: Archive) -> Frontier:
    return Frontier(archive.db, SITE, clock=lambda: NOW)


def archived(archive: Archive, frontier: Frontier, name: str) -> str:
    """An article fetched and filed at NOW."""
    url = f"http://forum.example/news/{name}/"
    frontier.add(url, "link")
    frontier.fetched(url, 200, {})
    text = f"The working group {name} met and agreed on the points of its agenda for the year."
    archive.save_article(SITE, ArticleRecord(url=url, title=name, text=text), url)
    frontier.done(url, "article")
    return url


def test_a_lastmod_later_than_the_fetch_makes_an_article_due(
    archive: Archive, frontier: Frontier
) -> None:
    edited, same, dated, gone = (archived(archive, frontier, n) for n in "abcd")
    archive.mark_gone(gone)
    entries = [
        (edited, "2027-03-01T13:30:00+01:00"),  # 12:30 UTC: after the fetch at 12:00
        (same, "2027-03-01T12:30:00+01:00"),  # 11:30 UTC: before it
        (dated, "2027-03-01"),  # the fetch's own day: nothing later is known
        (gone, "2027-03-05"),  # gone: the cycle looks at it, not the sitemap
        ("http://forum.example/news/never-archived/", "2027-03-05"),
    ]
    assert frontier.lastmod_due(SITEMAP, entries) == [edited]
    assert frontier.lastmod_due(SITEMAP, [(dated, "2027-03-02"), (same, None)]) == [dated]


def test_a_sitemap_that_stamps_every_url_with_one_time_names_none(
    archive: Archive, frontier: Frontier
) -> None:
    urls = [archived(archive, frontier, f"post-{n}") for n in range(STAMPED_MIN + 2)]
    stamped = [(url, "2027-03-01T12:05:00Z") for url in urls]
    assert frontier.lastmod_due(SITEMAP, stamped) == []
    three = [(url, "2027-03-02" if n < 3 else "2026-01-01") for n, url in enumerate(urls)]
    assert frontier.lastmod_due(SITEMAP, three) == urls[:3]


@pytest.mark.parametrize(
    ("lastmod", "later"),
    [
        ("2027-03-01T12:00:01Z", True),
        ("2027-03-01T12:00:00Z", False),
        ("2027-03-01T12:30", True),  # no offset: UTC
        ("2027-03-01T08:00:00-05:00", True),
        ("2027-03-02", True),
        ("2027-03-01", False),
        ("yesterday", False),
    ],
)
def test_lastmod_against_a_fetch(lastmod: str, later: bool) -> None:
    assert later_than(lastmod, "2027-03-01T12:00:00Z") is later
    assert later_than(lastmod, None) is False


def test_an_entry_with_another_title_or_date_makes_its_article_due(
    archive: Archive, frontier: Frontier
) -> None:
    retitled, redated, same = (archived(archive, frontier, n) for n in ("a", "b", "c"))
    unknown = "http://forum.example/news/not-archived/"
    first = [
        Listed(retitled, "Ministers meet"),
        Listed(retitled, "Continue reading"),  # the longest text of a URL's links is its title
        Listed(redated, "Floods", "Tue, 17 Oct 2023 09:30:00 +0200"),
        Listed(same, "Water", "Mon, 16 Oct 2023 09:30:00 +0200"),
        Listed(unknown, "New"),
    ]
    assert frontier.listed(FEED, first, run_id=1) == []  # nothing to compare with yet
    second = [
        Listed(retitled, "Ministers meet in Brussels"),
        Listed(retitled, ""),
        Listed(redated, "Floods", "Wed, 18 Oct 2023 09:30:00 +0200"),
        Listed(same, "Water", None),  # a value only one read gives is no change
        Listed(unknown, "New, retitled"),  # not archived: discovery fetches it as usual
    ]
    assert frontier.listed(FEED, second, run_id=2) == [retitled, redated]
    # Another source's entry is compared with that source's alone.
    assert frontier.listed(LISTING, [Listed(same, "Water: the new rules")], run_id=2) == []
    assert frontier.listed(FEED, second, run_id=3) == []


def test_a_gone_article_listed_anew_is_due(archive: Archive, frontier: Frontier) -> None:
    back, still_listed = archived(archive, frontier, "a"), archived(archive, frontier, "b")
    frontier.listed(SITEMAP, [Listed(still_listed)], run_id=1)
    archive.mark_gone(back)
    archive.mark_gone(still_listed)
    entries = [Listed(back), Listed(still_listed)]
    assert frontier.listed(SITEMAP, entries, run_id=2) == [back]
    assert frontier.listed(SITEMAP, entries, run_id=3) == []


def test_an_article_no_source_lists_any_more_is_due_once(
    archive: Archive, frontier: Frontier
) -> None:
    dropped, moved, kept, unread = (archived(archive, frontier, n) for n in "abcd")
    section = "http://forum.example/news/category/meetings/"
    frontier.add(section, "link")
    frontier.done(section, "listing")
    frontier.listed(SITEMAP, [Listed(u) for u in (dropped, moved, kept, unread)], run_id=1)
    frontier.listed(LISTING, [Listed(dropped), Listed(moved), Listed(section)], run_id=1)
    frontier.listed("http://forum.example/news/page/9/", [Listed(unread)], run_id=1)

    # Run 2 reads the sitemap and the first listing page: `dropped` is in neither; `moved`
    # left the listing page but is still in the sitemap; `unread` left the sitemap, and the
    # page that also listed it was not read again.
    frontier.listed(SITEMAP, [Listed(moved), Listed(kept)], run_id=2)
    frontier.listed(LISTING, [Listed(kept), Listed(section)], run_id=2)
    assert frontier.unlisted({SITEMAP, LISTING}, run_id=2) == [dropped, unread]
    # Named once: the sources that dropped them no longer hold them.
    frontier.listed(SITEMAP, [Listed(moved), Listed(kept)], run_id=3)
    assert frontier.unlisted({SITEMAP}, run_id=3) == []
    listed = {row[0] for row in archive.db.execute("SELECT url FROM listings")}
    assert section not in listed  # a listing page is not an article: its entries go
    assert {moved, kept, unread} <= listed and dropped not in listed


def test_a_gone_article_no_longer_listed_is_not_named(archive: Archive, frontier: Frontier) -> None:
    gone = archived(archive, frontier, "a")
    frontier.listed(SITEMAP, [Listed(gone)], run_id=1)
    archive.mark_gone(gone)
    frontier.listed(SITEMAP, [Listed(archived(archive, frontier, "b"))], run_id=2)
    assert frontier.unlisted({SITEMAP}, run_id=2) == []


def test_the_clock_stamps_fetches_and_listings(archive: Archive) -> None:
    later = NOW + timedelta(days=3)
    frontier = Frontier(archive.db, SITE, clock=lambda: later)
    url = archived(archive, frontier, "a")
    frontier.listed(SITEMAP, [Listed(url)], run_id=1)
    entry = frontier.get(url)
    assert entry is not None and entry.last_fetched == "2027-03-04T12:00:00Z"
    row = archive.db.execute("SELECT first_listed, last_listed, run_id FROM listings").fetchone()
    assert tuple(row) == ("2027-03-04T12:00:00Z", "2027-03-04T12:00:00Z", 1)
