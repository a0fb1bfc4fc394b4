"""Dates from feeds and sitemaps: read as ISO 8601, and preferred only to htmldate's guess."""

from __future__ import annotations

import pytest

from archive.records import ArticleRecord
from crawler.extract import listed_published
from crawler.items import PageItem
from crawler.pipelines.extract import with_listed_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tue, 05 Mar 2024 10:20:00 +0500", "2024-03-05T10:20:00+05:00"),
        ("Tue, 05 Mar 2024 10:20:00 GMT", "2024-03-05T10:20:00+00:00"),
        ("Tue, 05 Mar 2024 10:20:00 -0000", "2024-03-05T10:20:00+05:00"),  # zone unknown
        ("2024-03-05T10:20:00Z", "2024-03-05T10:20:00+00:00"),
        ("2024-03-05", "2024-03-05"),
        ("soon", None),
        ("", None),
    ],
)
def test_listed_dates_become_iso_8601(raw: str, expected: str | None) -> None:
    assert listed_published(raw, "Asia/Tashkent") == expected


def _item(listed: str | None, via: str = "feed") -> PageItem:
    return PageItem(
        site="s",
        url="http://127.0.0.1/news/1.html",
        requested_url="http://127.0.0.1/news/1.html",
        body=b"",
        content_type="text/html",
        fetched_at="2024-03-06T00:00:00+00:00",
        discovered_via=via,
        listed_date=listed,
    )


def _record(published: str | None, source: str | None) -> ArticleRecord:
    return ArticleRecord(
        url="http://127.0.0.1/news/1.html",
        title="t",
        text="x",
        published=published,
        published_source=source,
        published_raw=published,
    )


def test_a_listed_date_replaces_an_htmldate_guess() -> None:
    record = with_listed_date(
        _record("2024-01-01", "htmldate"), _item("Tue, 05 Mar 2024 10:20:00 +0500"), None
    )
    assert record.published == "2024-03-05T10:20:00+05:00"
    assert record.published_source == "feed"
    assert record.published_raw == "Tue, 05 Mar 2024 10:20:00 +0500"


def test_a_listed_date_fills_a_page_without_one() -> None:
    record = with_listed_date(_record(None, None), _item("2024-03-05", "sitemap"), None)
    assert (record.published, record.published_source) == ("2024-03-05", "sitemap")


@pytest.mark.parametrize("source", ["jsonld", "meta", "time", "byline", "url"])
def test_the_page_s_own_date_beats_a_listed_one(source: str) -> None:
    mine = _record("2024-03-04", source)
    assert with_listed_date(mine, _item("2024-03-05"), None) == mine


def test_an_unreadable_listed_date_never_replaces_a_guess() -> None:
    guess = _record("2024-01-01", "htmldate")
    assert with_listed_date(guess, _item("soon"), None) == guess
    assert with_listed_date(guess, _item(None), None) == guess
