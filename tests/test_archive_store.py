"""The store files records as new articles, versions, aliases and linked copies."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from archive.records import ArticleRecord, FetchRecord, ImageRecord
from archive.store import Archive
from archive.store.dedupe import BANDS
from archive.store.runs import RunCounts
from archive.store.schema import MIGRATIONS, SCHEMA_VERSION, _v10_article_months


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    store = Archive(tmp_path)
    store.upsert_site("one", title="One", base_url="http://one.example/")
    store.upsert_site("two", title="Two", base_url="http://two.example/")
    return store


def record(url: str, text: str = "北斗系统始终坚持开放兼容。", **fields: object) -> ArticleRecord:
    return ArticleRecord(url=url, title=str(fields.pop("title", "论坛")), text=text, **fields)  # type: ignore[arg-type]


def test_schema_v1_in_wal_mode(archive: Archive) -> None:
    assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert archive.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for table in (
        "sites",
        "articles",
        "article_urls",
        "article_versions",
        "images",
        "fetches",
        "crawl_runs",
    ):
        assert table in archive.db.table_names()
    Archive(archive.data_dir).close()  # reopening migrates nothing and loses nothing
    assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_url_variants_are_one_article(archive: Archive) -> None:
    first = archive.save_article(
        "one", record("http://one.example/a?id=1"), "http://one.example/a?id=1&utm_source=x"
    )
    again = archive.save_article(
        "one", record("https://one.example/a?id=1"), "https://one.example/a?id=1"
    )
    assert (first.outcome, again.outcome) == ("new", "unchanged")
    assert again.article_id == first.article_id
    urls = {row["url"] for row in archive.db["article_urls"].rows}
    assert urls == {
        "http://one.example/a?id=1",
        "http://one.example/a?id=1&utm_source=x",
        "https://one.example/a?id=1",
    }


def test_same_text_on_same_site_is_an_alias(archive: Archive) -> None:
    first = archive.save_article("one", record("http://one.example/a"), "http://one.example/a")
    alias = archive.save_article(
        "one",
        record("http://one.example/b", text="北斗系统始终坚持开放兼容。 "),
        "http://one.example/b",
    )
    assert alias.outcome == "alias" and alias.article_id == first.article_id
    assert archive.db["articles"].count == 1


def test_copy_on_another_site_is_linked_not_dropped(archive: Archive) -> None:
    first = archive.save_article("one", record("http://one.example/a"), "http://one.example/a")
    copy = archive.save_article("two", record("http://two.example/z"), "http://two.example/z")
    assert copy.outcome == "duplicate"
    row = archive.db["articles"].get(copy.article_id)
    assert row["duplicate_of"] == first.article_id and row["site"] == "two"


def test_a_copy_at_another_url_of_its_site_is_an_alias_of_that_copy(archive: Archive) -> None:
    # A syndicating site moves its pages (or is served on another port): its copy of one
    # site's article, found again at a new address, stays one article of its own.
    original = archive.save_article("one", record("http://one.example/a"), "http://one.example/a")
    copy = archive.save_article("two", record("http://two.example/z"), "http://two.example/z")
    moved = archive.save_article("two", record("http://two.example/y"), "http://two.example/y")
    assert (copy.outcome, moved.outcome) == ("duplicate", "alias")
    assert moved.article_id == copy.article_id != original.article_id
    assert archive.db["articles"].count == 2
    assert archive.article_for_url("http://two.example/y") == copy.article_id


def test_a_gone_article_found_at_a_new_url_is_live_again(archive: Archive) -> None:
    first = archive.save_article("one", record("http://one.example/a"), "http://one.example/a")
    archive.mark_gone("http://one.example/a")
    moved = archive.save_article("one", record("http://one.example/b"), "http://one.example/b")
    assert (moved.outcome, moved.article_id, moved.returned) == ("alias", first.article_id, True)
    assert archive.db["articles"].get(first.article_id)["status"] == "live"


def test_edit_makes_a_new_version_and_keeps_the_old(archive: Archive) -> None:
    first = archive.save_article("one", record("http://one.example/a"), "http://one.example/a")
    edited = archive.save_article(
        "one", record("http://one.example/a", text="改过的正文。"), "http://one.example/a"
    )
    assert edited.outcome == "updated"
    versions = list(archive.db.query("SELECT version, text FROM article_versions ORDER BY version"))
    assert versions == [
        {"version": 1, "text": "北斗系统始终坚持开放兼容。"},
        {"version": 2, "text": "改过的正文。"},
    ]
    assert archive.db["articles"].get(first.article_id)["version"] == 2


def test_a_print_view_never_makes_a_version(archive: Archive) -> None:
    view = "http://one.example/news/detail.php?ID=5"
    first = archive.save_article("one", record(view), view)
    printed = record(f"{view}&print=Y", text="北斗系统始终坚持开放兼容。\n\n来源：" + view)
    again = archive.save_article("one", printed, f"{view}&print=Y")
    assert (first.outcome, again.outcome) == ("new", "alias")
    assert archive.db["article_versions"].count == 1
    assert archive.db["articles"].get(first.article_id)["text"] == "北斗系统始终坚持开放兼容。"
    edited = archive.save_article("one", record(view, text="改过的正文。"), view)
    assert edited.outcome == "updated"  # the article's own view still records edits


def test_images_and_search_index(archive: Archive) -> None:
    images = (ImageRecord("http://one.example/i.jpg", "", "开幕式"),)
    saved = archive.save_article(
        "one", record("http://one.example/a", images=images), "http://one.example/a"
    )
    row = archive.db.execute(
        "SELECT url, caption FROM images WHERE article_id = ?", [saved.article_id]
    ).fetchone()
    assert row == ("http://one.example/i.jpg", "开幕式")
    hits = archive.db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH '\"北 斗\"'"
    ).fetchall()
    assert hits == [(saved.article_id,)]
    misses = archive.db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH '\"斗 系 统 始 终 开\"'"
    ).fetchall()
    assert misses == []


def test_runs_and_fetches(archive: Archive) -> None:
    run_id = archive.start_run(["one", "two"])
    archive.record_fetch(
        run_id,
        FetchRecord(url="http://one.example/x", fetched_at="t", status=404, error="HTTP 404"),
    )
    archive.add_run_counts(
        run_id, RunCounts(requests=3, articles_new=2, errors=1), {"one": {"a": 1}}
    )
    archive.add_run_counts(run_id, RunCounts(requests=2), {"two": {"b": 2}})
    archive.close_run(run_id, "ok")
    run = archive.run(run_id)
    assert (run["requests"], run["articles_new"], run["errors"], run["status"]) == (5, 2, 1, "ok")
    assert '"two"' in run["stats"] and '"one"' in run["stats"]
    assert archive.db["fetches"].count == 1


def filed(archive: Archive, article_id: int) -> tuple[object, ...]:
    """Everything filing derives from an article's text, as stored."""
    db = archive.db
    return (
        db.execute(
            "SELECT content_hash, word_count FROM articles WHERE id = ?", [article_id]
        ).fetchone(),
        db.execute(
            "SELECT signature FROM article_minhash WHERE article_id = ?", [article_id]
        ).fetchone(),
        db.execute(
            "SELECT band, hash FROM article_bands WHERE article_id = ? ORDER BY band",
            [article_id],
        ).fetchall(),
        db.execute(
            "SELECT title, text, title_stem, text_stem FROM articles_fts WHERE rowid = ?",
            [article_id],
        ).fetchone(),
        db.execute(
            "SELECT content_hash FROM article_versions WHERE article_id = ?", [article_id]
        ).fetchall(),
    )


def test_prepared_in_another_process_files_the_same(tmp_path: Path) -> None:
    import pickle

    from archive.store.prepared import prepare

    text = "Секретариат провёл заседание. 北斗系统始终坚持开放兼容、合作共享。"
    news = record("http://one.example/a", text, title="Заседание 论坛", language="ru")
    # What an extraction worker sends back: the record and its preparation, pickled together.
    sent, prepared = pickle.loads(pickle.dumps((news, prepare(news))))
    with Archive(tmp_path / "computed") as here, Archive(tmp_path / "sent") as there:
        for archive in (here, there):
            archive.upsert_site("one", title="One", base_url="http://one.example/")
        mine = here.save_article("one", news, news.url)
        theirs = there.save_article("one", sent, sent.url, prepared=prepared)
        assert filed(here, mine.article_id) == filed(there, theirs.article_id)
        assert len(filed(there, theirs.article_id)[2]) == BANDS  # the bands are there
        assert filed(there, theirs.article_id)[3][0] != ""  # the forms are there


def test_a_preparation_of_other_text_is_not_used(archive: Archive) -> None:
    from archive.store.prepared import prepare

    stale = prepare(record("http://one.example/a", "Совсем другой текст о другом."))
    news = record("http://one.example/a", "北斗系统始终坚持开放兼容。")
    saved = archive.save_article("one", news, news.url, prepared=stale)
    hits = archive.db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH '北'"
    ).fetchall()
    assert hits == [(saved.article_id,)]
    assert filed(archive, saved.article_id)[0][0] != stale.text_hash


def test_grouped_writes_are_seen_elsewhere_only_once_committed(archive: Archive) -> None:
    archive.group_commits()
    reader = Archive(archive.data_dir)  # another connection: a reader, Datasette, a snapshot
    try:
        first = archive.save_article("one", record("http://one.example/1"), "http://one.example/1")
        assert archive.db.conn.in_transaction  # left open for the next write
        assert reader.db["articles"].count == 0
        archive.commit()
        assert reader.db["articles"].count == 1
        archive.save_article(
            "one", record("http://one.example/2", "另一篇。"), "http://one.example/2"
        )
        with pytest.raises(RuntimeError), archive.db.atomic():
            archive.add_alias("http://one.example/1?from=list", first.article_id)
            raise RuntimeError("a write that fails part-way")
        archive.close()  # commits what is left
        assert reader.db["articles"].count == 2
        # The failed block alone was rolled back, not the group around it.
        assert reader.article_for_url("http://one.example/1?from=list") is None
        assert reader.article_for_url("http://one.example/2") is not None
    finally:
        reader.close()


def test_grouped_search_rows_follow_their_writes(archive: Archive) -> None:
    archive.group_commits()
    reader = Archive(archive.data_dir)

    def hits(query: str) -> list[int]:
        sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid"
        return [row[0] for row in reader.db.execute(sql, [query]).fetchall()]

    try:
        kept = archive.save_article("one", record("http://one.example/1"), "http://one.example/1")
        with pytest.raises(RuntimeError), archive.db.atomic():
            archive.save_article(
                "one", record("http://one.example/2", "天宫空间站。"), "http://one.example/2"
            )
            raise RuntimeError("filing fails after the article was written")
        # Edited within the same group: its row replaced, not added twice.
        archive.save_article(
            "one", record("http://one.example/1", "月球探测工程。"), "http://one.example/1"
        )
        assert hits('"月 球"') == []  # another connection sees the group only once committed
        archive.commit()
        assert hits('"月 球"') == [kept.article_id]
        assert hits('"北 斗"') == [] and hits('"天 宫"') == []
        assert reader.db.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 1
        archive.save_article(
            "one", record("http://one.example/1", "北斗。"), "http://one.example/1"
        )
        archive.commit()  # an edit in a later group replaces the committed row
        assert hits('"月 球"') == [] and hits('"北 斗"') == [kept.article_id]
    finally:
        reader.close()
        archive.close()


def test_one_statement_writes_in_a_group_take_no_savepoint(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    archive.group_commits()
    statements: list[str] = []
    archive.db.conn.set_trace_callback(statements.append)
    fetch_id = archive.record_fetch(None, FetchRecord("http://one.example/a", "t", 200))
    assert not [sql for sql in statements if "SAVEPOINT" in sql]
    # A statement that fails undoes itself alone: the group keeps what came before it.
    with pytest.raises(sqlite3.IntegrityError), archive.db.one_statement():
        archive.db.execute("INSERT INTO fetches (id, url) VALUES (?, 'x')", [fetch_id])
    archive.note_fetch_error(fetch_id, "cut short")
    archive.close()
    with sqlite3.connect(tmp_path / "archive.db") as reader:
        rows = reader.execute("SELECT id, url, error FROM fetches").fetchall()
    assert rows == [(fetch_id, "http://one.example/a", "cut short")]


def test_one_statement_outside_a_group_commits_at_once(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    archive.record_fetch(None, FetchRecord("http://one.example/a", "t", 200))
    with sqlite3.connect(tmp_path / "archive.db") as reader:
        assert reader.execute("SELECT count(*) FROM fetches").fetchone()[0] == 1
    archive.close()


MONTHS_BY_SCAN = (
    "SELECT site, CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
    "THEN substr(published, 1, 7) ELSE 'undated' END AS month, count(*) FROM articles "
    "GROUP BY 1, 2 ORDER BY 1, 2"
)


def test_monthly_counts_follow_every_write(archive: Archive) -> None:
    def months() -> list[tuple[str, str, int]]:
        sql = "SELECT site, month, articles FROM article_months ORDER BY site, month"
        return [tuple(row) for row in archive.db.execute(sql).fetchall()]

    for number, published in enumerate(["2024-05-07", "2024-05-30T10:00+08:00", None, "2023"]):
        url = f"http://one.example/n/{number}"
        archive.save_article("one", record(url, f"第{number}篇 北斗", published=published), url)
    archive.save_article("two", record("http://two.example/x", "另一篇"), "http://two.example/x")
    scanned = [tuple(row) for row in archive.db.execute(MONTHS_BY_SCAN).fetchall()]
    assert months() == scanned
    assert ("one", "2024-05", 2) in scanned and ("one", "undated", 2) in scanned
    archive.db.execute("UPDATE articles SET published = '2021-01-02' WHERE site = 'two'")
    (gone,) = archive.db.execute("SELECT id FROM articles WHERE url LIKE '%/n/0'").fetchone()
    for table in ("article_urls", "article_versions", "article_minhash", "article_bands"):
        archive.db.execute(f"DELETE FROM {table} WHERE article_id = ?", [gone])
    archive.db.execute("DELETE FROM articles WHERE id = ?", [gone])
    assert months() == [tuple(row) for row in archive.db.execute(MONTHS_BY_SCAN).fetchall()]
    assert ("one", "2024-05", 1) in months() and ("two", "undated", 1) not in months()


def test_an_archive_from_before_gets_its_monthly_counts(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    archive.upsert_site("one", title="One")
    url = "http://one.example/a"
    archive.save_article("one", record(url, published="2022-03-04"), url)
    for event in ("insert", "delete", "update"):
        archive.db.execute(f"DROP TRIGGER articles_month_{event}")
    archive.db.execute("DROP TABLE article_months")
    months = MIGRATIONS.index(_v10_article_months)  # the version just before it
    archive.db.execute(f"PRAGMA user_version = {months}")
    archive.close()
    reopened = Archive(tmp_path)
    assert reopened.db.execute("SELECT * FROM article_months").fetchall() == [("one", "2022-03", 1)]
