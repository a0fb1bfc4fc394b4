"""Removed articles: gone with the time seen, text and versions kept; live again when they
come back; every change a run found noted for its summary and ``secnews status``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from archive.operations.status import site_status
from archive.records import ArticleRecord
from archive.store import Archive
from archive.store.schema import MIGRATIONS, SCHEMA_VERSION

SITE = "forum"
URL = "http://forum.example/news/1/"
TEXT = "The ministers agreed a work plan for transport links and shared water resources."


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    store = Archive(tmp_path)
    store.upsert_site(SITE, title="Forum", base_url="http://forum.example/")
    return store


def record(text: str = TEXT) -> ArticleRecord:
    return ArticleRecord(url=URL, title="Work plan agreed", text=text, published="2024-11-28")


def article(archive: Archive) -> dict[str, object]:
    return dict(archive.db.table("articles").get(1))


def test_a_removed_article_is_gone_since_it_was_seen_so(archive: Archive) -> None:
    article_id = archive.save_article(SITE, record(), URL).article_id
    first = archive.mark_gone(URL, "2027-01-05T10:00:00Z")
    again = archive.mark_gone(URL, "2027-02-05T10:00:00Z")
    assert first is not None and again is not None
    assert (first.outcome, again.outcome) == ("gone", "unchanged")  # gone once, not twice
    assert first.article_id == article_id
    row = article(archive)
    assert (row["status"], row["gone_at"], row["text"]) == ("gone", "2027-01-05T10:00:00Z", TEXT)
    assert archive.mark_gone("http://forum.example/never-archived/") is None


def test_an_unchanged_answer_brings_it_back(archive: Archive) -> None:
    archive.save_article(SITE, record(), URL)
    archive.mark_gone(URL)
    back = archive.touch_url(URL)
    assert back is not None and (back.outcome, back.returned) == ("unchanged", True)
    row = article(archive)
    assert (row["status"], row["gone_at"]) == ("live", None)
    again = archive.touch_url(URL)
    assert again is not None and not again.returned


def test_a_changed_answer_brings_it_back_as_a_new_version(archive: Archive) -> None:
    archive.save_article(SITE, record(), URL)
    archive.mark_gone(URL)
    same = archive.save_article(SITE, record(), URL)
    assert (same.outcome, same.returned) == ("unchanged", True)
    archive.mark_gone(URL)
    changed = archive.save_article(SITE, record(TEXT + " The budget is unchanged."), URL)
    assert (changed.outcome, changed.returned) == ("updated", True)
    row = article(archive)
    assert (row["status"], row["gone_at"], row["version"]) == ("live", None, 2)
    texts = [v["text"] for v in archive.db.table("article_versions").rows_where(order_by="version")]
    assert texts == [TEXT, TEXT + " The budget is unchanged."]


def test_a_runs_changes_are_named_in_its_summary_and_the_status_view(archive: Archive) -> None:
    run_id = archive.start_run([SITE])
    updated_url, gone_url = "http://forum.example/news/2/", "http://forum.example/news/3/"
    updated = archive.save_article(SITE, ArticleRecord(updated_url, "A", TEXT), updated_url)
    gone = archive.save_article(SITE, ArticleRecord(gone_url, "B", TEXT + " Other."), gone_url)
    archive.record_change(run_id, updated.article_id, "updated")
    archive.record_change(run_id, updated.article_id, "updated")  # noted once
    archive.record_change(run_id, gone.article_id, "gone")
    with pytest.raises(ValueError, match="unknown change"):
        archive.record_change(run_id, gone.article_id, "vanished")
    assert archive.run_changes(run_id) == [
        {"change": "updated", "site": SITE, "url": updated_url},
        {"change": "gone", "site": SITE, "url": gone_url},
    ]
    archive.db.table("site_runs").insert(
        {"run_id": run_id, "site": SITE, "articles_updated": 1, "articles_gone": 1}
    )
    (row,) = site_status(archive.db)
    assert (row["updated"], row["gone"]) == (1, 1)
    assert (row["updated_urls"], row["gone_urls"]) == ([updated_url], [gone_url])


def test_an_archive_of_schema_7_gets_what_revisits_need(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    db = sqlite_utils.Database(path)
    for migration in MIGRATIONS[:7]:
        migration(db)
    # What schema 7 did not have, though its operations migration now makes it.
    db.execute("DROP VIEW site_status")
    db.execute("DROP TABLE article_changes")
    db.execute("ALTER TABLE site_runs DROP COLUMN articles_gone")
    db.execute("PRAGMA user_version = 7")
    db.table("sites").insert({"name": SITE})
    db.table("articles").insert(
        {"site": SITE, "url": URL, "url_key": URL, "status": "gone", "last_seen": "2026-01-01"}
    )
    db.conn.commit()
    db.close()

    with Archive(tmp_path) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert article(archive)["gone_at"] == "2026-01-01"  # when it was found gone
        assert {"listings", "article_changes", "frontier_variants"} <= set(archive.db.table_names())
        assert "articles_gone" in archive.db.table("site_runs").columns_dict
        assert "articles_gone" in archive.db.table("crawl_runs").columns_dict
        assert site_status(archive.db)[0]["gone_urls"] == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM site_status").fetchone()[0] == 1
