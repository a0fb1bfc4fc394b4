"""The search index: upgraded from an older archive, kept in step on insert, edit and delete."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from archive.records import ArticleRecord
from archive.search.index import rebuild_index
from archive.search.ranking import search
from archive.store import Archive
from archive.store.schema import MIGRATIONS, SCHEMA_VERSION

SEARCH_MIGRATION = [migration.__name__ for migration in MIGRATIONS].index("_v4_search")


def old_archive(path: Path) -> None:
    """An archive as the version before the search upgrade left it, one article indexed."""
    db = sqlite_utils.Database(path / "archive.db")
    for migration in MIGRATIONS[:SEARCH_MIGRATION]:
        migration(db)
    db.execute(f"PRAGMA user_version = {SEARCH_MIGRATION}")
    db["sites"].insert({"name": "one", "title": "One"})
    db["articles"].insert(
        {
            "id": 7,
            "site": "one",
            "url": "http://one.example/7",
            "url_key": "one.example/7",
            "title": "Участники саммита",
            "text": "北斗系统始终坚持开放兼容。",
            "published": "2022-01-30T19:04:10+08:00",
            "language": "ru",
        }
    )
    db.execute(
        "INSERT INTO articles_fts (rowid, title, text) VALUES (7, ?, ?)",
        ["участники саммита", "北 斗 系 统 始 终 坚 持 开 放 兼 容 \ue000"],
    )
    db.conn.commit()
    db.close()


def test_an_older_archive_is_upgraded_and_reindexed(tmp_path: Path) -> None:
    old_archive(tmp_path)
    with Archive(tmp_path) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = [row[1] for row in archive.db.execute("PRAGMA table_info(articles_fts)")]
        assert columns == ["title", "text", "title_stem", "text_stem"]
        assert [hit.id for hit in search(archive.db, "саммит 北斗")] == [7]
        assert archive.db["articles"].get(7)["year"] == 2022


def test_the_store_keeps_the_index_in_step(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        archive.upsert_site("one", title="One")
        record = ArticleRecord("http://one.example/1", "论坛", "兰州论坛开幕。", "2024-05-01")
        first = archive.save_article("one", record, record.url)
        assert [hit.id for hit in search(archive.db, "兰州")] == [first.article_id]
        edited = ArticleRecord(record.url, "论坛", "北斗论坛闭幕。", "2024-05-02")
        assert archive.save_article("one", edited, record.url).outcome == "updated"
        assert search(archive.db, "兰州") == [] and len(search(archive.db, "北斗")) == 1
        assert archive.db["articles"].get(first.article_id)["year"] == 2024
    # Any SQLite deleting an article (no secnews code loaded) drops it from the index too.
    with sqlite3.connect(tmp_path / "archive.db") as plain:
        plain.execute("DELETE FROM articles WHERE id = ?", [first.article_id])
        assert plain.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 0


def test_plain_sqlite_finds_a_two_character_word_without_secnews(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        archive.upsert_site("one", title="One")
        record = ArticleRecord("http://one.example/1", "标题", "北斗系统始终坚持开放兼容。")
        saved = archive.save_article("one", record, record.url)
    with sqlite3.connect(tmp_path / "archive.db") as plain:
        sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?"
        assert plain.execute(sql, ["北斗"]).fetchall() == [(saved.article_id,)]
        assert plain.execute(sql, ['"北斗 斗系"']).fetchall() == [(saved.article_id,)]


def test_a_query_too_common_to_rank_lists_the_newest_matches(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        archive.upsert_site("one", title="One")
        for number in range(1, 31):
            text = "论坛" * (number % 4 + 1) + f"第{number}次会议。"
            record = ArticleRecord(f"http://one.example/{number}", f"第{number}号", text)
            archive.save_article("one", record, record.url)
        ranked = search(archive.db, "论坛", rank_limit=30)
        newest = search(archive.db, "论坛", rank_limit=10)
    assert all(hit.score is not None for hit in ranked)
    assert [hit.score for hit in ranked] == sorted((h.score or 0 for h in ranked), reverse=True)
    assert all(hit.score is None for hit in newest)
    assert [hit.id for hit in newest] == list(range(30, 10, -1))  # the 20 newest, newest first


def test_a_rebuild_that_stops_half_way_keeps_the_old_index(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        archive.upsert_site("one", title="One")
        record = ArticleRecord("http://one.example/1", "论坛", "兰州论坛开幕。")
        archive.save_article("one", record, record.url)

        def interrupted(count: int) -> None:
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt), archive.db.conn:
            rebuild_index(archive.db, progress=interrupted)
        assert len(search(archive.db, "兰州")) == 1
        with archive.db.conn:
            assert rebuild_index(archive.db, workers=2) == 1
        assert len(search(archive.db, "兰州")) == 1
