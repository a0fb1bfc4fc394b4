"""The frontier is read in batches: in the order URLs were found, and only what was pending
when reading began."""

from __future__ import annotations

from pathlib import Path

from archive.store import Archive
from archive.store.frontier import Frontier


def test_pending_urls_come_in_batches_in_the_order_they_were_found(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        frontier = Frontier(archive.db, "site")
        urls = [f"http://127.0.0.1/news/{n}.html" for n in range(10)]
        for url in urls:
            frontier.add(url, "link")
        frontier.done(urls[4], "article")
        frontier.add(urls[2], "pagination")  # found again: keeps its place
        Frontier(archive.db, "other").add("http://127.0.0.2/news/1.html", "link")

        reading = frontier.pending(batch=3)
        first = next(reading)
        frontier.add("http://127.0.0.1/news/later.html", "link")  # found by this crawl
        rest = list(reading)

    assert [first, *rest] == [(url, "link") for url in urls if url != urls[4]]


def test_a_batch_boundary_loses_nothing(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        frontier = Frontier(archive.db, "site")
        for n in range(6):
            frontier.add(f"http://127.0.0.1/{n}", "link")
        assert len(list(frontier.pending(batch=3))) == 6
        assert len(list(frontier.pending(batch=1))) == 6
        assert len(list(frontier.pending(batch=7))) == 6


def test_every_variant_of_a_url_is_kept_until_its_article_is_stored(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        frontier = Frontier(archive.db, "site")
        url = "http://127.0.0.1/news/detail.php?ID=5"
        frontier.add(url, "link")
        frontier.note_variant(url, f"{url}&utm_source=telegram")
        frontier.note_variant(url, f"{url}&print=Y")
        frontier.note_alias(url, f"{url}&special_version=Y")
        frontier.note_alias(url, f"{url}&special_version=Y")  # noted twice, kept once
        assert sorted(frontier.variants(url)) == [
            f"{url}&print=Y",
            f"{url}&special_version=Y",
            f"{url}&utm_source=telegram",
        ]
        # The first link variant is still the one a pending URL is asked for again.
        assert list(frontier.pending()) == [(f"{url}&utm_source=telegram", "link")]
