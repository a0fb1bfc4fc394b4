"""What a snapshot holds: a selection by site and date, some formats, the raw files behind it."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from archive.snapshot.verify import verify_snapshot

from .conftest import secnews
from .snapshot_support import copy_archive, rows, snapshot_files, take


@pytest.fixture(scope="module")
def data(sample_crawl: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_archive(sample_crawl.data_dir, tmp_path_factory.mktemp("selection") / "data")


def test_a_site_and_date_selection_holds_only_its_articles(data: Path, tmp_path: Path) -> None:
    facts = take(
        data, tmp_path, "--site", "sample-forum", "--since", "2023-01-01", "--until", "2023-06-30"
    )
    expected = {
        i
        for (i,) in rows(
            data / "archive.db",
            "SELECT id FROM articles WHERE site = 'sample-forum' "
            "AND substr(published, 1, 10) BETWEEN '2023-01-01' AND '2023-06-30'",
        )
    }
    path = Path(facts["path"])
    db = path / "archive.db"
    assert 0 < len(expected) < 15
    assert {i for (i,) in rows(db, "SELECT id FROM articles")} == expected
    assert set(pq.read_table(path / "parquet" / "articles").column("id").to_pylist()) == expected
    assert facts["selection"] == {
        "sites": ["sample-forum"],
        "since": "2023-01-01",
        "until": "2023-06-30",
    }
    # Nothing of the other site, or of other articles, is left in any table.
    with sqlite3.connect(db) as conn:
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            names = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
            if "site" in names:
                assert not conn.execute(
                    f"SELECT 1 FROM \"{table}\" WHERE site != 'sample-forum'"
                ).fetchall(), table
            if "article_id" in names:
                stray = f'SELECT 1 FROM "{table}" WHERE article_id NOT IN (SELECT id FROM articles)'
                assert not conn.execute(stray).fetchall(), table
        assert {u for (u,) in conn.execute("SELECT url FROM fetches")} <= {
            u
            for (u,) in conn.execute("SELECT url FROM article_urls UNION SELECT url FROM articles")
        } | {u for (u,) in conn.execute("SELECT url FROM images")}


def test_the_search_index_is_cut_to_the_selection(data: Path, tmp_path: Path) -> None:
    facts = take(data, tmp_path, "--site", "sample-secretariat", "--formats", "sqlite")
    db = Path(facts["path"]) / "archive.db"
    with sqlite3.connect(db) as conn:
        indexes = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts%'"
            )
        ]
        assert indexes
        (articles,) = conn.execute("SELECT count(*) FROM articles").fetchone()
        assert articles == 24
        for index in indexes:
            conn.execute(f"INSERT INTO {index}({index}) VALUES ('integrity-check')")
            (count,) = conn.execute(f"SELECT count(*) FROM {index}").fetchone()
            assert count == articles, index
            stray = conn.execute(
                f"SELECT count(*) FROM {index} WHERE rowid NOT IN (SELECT id FROM articles)"
            ).fetchone()
            assert stray == (0,), index
        triggers = {
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
    with sqlite3.connect(data / "archive.db") as live:
        assert triggers == {
            name
            for (name,) in live.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }


def test_formats_can_be_chosen_and_default_to_data_snapshots(data: Path) -> None:
    facts = json.loads(
        secnews("snapshot", "--data", str(data), "--formats", "parquet,csv", "--json").stdout
    )
    path = Path(facts["path"])
    assert path.parent == data / "snapshots"
    tops = {name.split("/")[0] for name in snapshot_files(path)}
    assert {"parquet", "csv"} <= tops and not tops & {"archive.db", "jsonl", "text"}
    assert "metadata.json" not in tops  # Datasette metadata goes with archive.db
    assert secnews("verify", path.name, "--data", str(data)).stdout.startswith("OK ")


def test_warc_and_media_files_of_the_selection_travel_with_it(data: Path, tmp_path: Path) -> None:
    own = copy_archive(data, tmp_path / "data")
    (own / "warc").mkdir(exist_ok=True)
    (own / "media" / "ab").mkdir(parents=True, exist_ok=True)
    (own / "warc" / "crawl-1.warc.gz").write_bytes(b"WARC/1.1 closed file")
    (own / "warc" / "crawl-2.warc.gz").write_bytes(b"WARC/1.1 another site's file")
    (own / "media" / "ab" / "ab12.jpg").write_bytes(b"\xff\xd8 a jpeg")
    with sqlite3.connect(own / "archive.db") as conn:
        forum_url, secretariat_url = (
            conn.execute(f"SELECT url FROM articles WHERE site = '{site}' LIMIT 1").fetchone()[0]
            for site in ("sample-forum", "sample-secretariat")
        )
        conn.execute("UPDATE fetches SET warc_file = NULL")
        conn.execute("UPDATE fetches SET warc_file = 'crawl-1.warc.gz' WHERE url = ?", [forum_url])
        conn.execute(
            "UPDATE fetches SET warc_file = 'crawl-2.warc.gz' WHERE url = ?", [secretariat_url]
        )
        conn.execute(
            "UPDATE images SET path = 'media/ab/ab12.jpg' WHERE id = (SELECT min(i.id) FROM "
            "images i JOIN articles a ON a.id = i.article_id WHERE a.site = 'sample-forum')"
        )
        conn.execute(
            "UPDATE images SET path = 'media/cd/missing.png' WHERE id = (SELECT min(i.id) FROM "
            "images i JOIN articles a ON a.id = i.article_id WHERE a.site = 'sample-secretariat')"
        )
    forum = take(own, tmp_path / "out", "--site", "sample-forum", "--with-warc", "--with-media")
    path = Path(forum["path"])
    assert (path / "warc" / "crawl-1.warc.gz").read_bytes() == b"WARC/1.1 closed file"
    assert not (path / "warc" / "crawl-2.warc.gz").exists()
    assert (path / "media" / "ab" / "ab12.jpg").read_bytes() == b"\xff\xd8 a jpeg"
    assert verify_snapshot(path).ok
    whole = take(own, tmp_path / "out", "--with-media", "--formats", "sqlite")
    assert whole["missing"] == {"media": ["media/cd/missing.png"]}


def test_a_warc_file_being_written_is_copied_up_to_its_last_whole_record(
    data: Path, tmp_path: Path
) -> None:
    from warcio.warcwriter import WARCWriter

    own = copy_archive(data, tmp_path / "data")
    (own / "warc").mkdir(exist_ok=True)
    open_file = own / "warc" / "crawl-3.warc.gz.open"
    with open_file.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        record = writer.create_warc_record("http://127.0.0.1:9/", "resource", payload=_payload())
        writer.write_record(record)
        whole = stream.tell()
        stream.write(gzip.compress(b"WARC/1.1\r\nWARC-Type: resp")[:20])  # a torn record
    with sqlite3.connect(own / "archive.db") as conn:
        conn.execute("UPDATE fetches SET warc_file = 'crawl-3.warc.gz'")
    facts = take(own, tmp_path / "out", "--with-warc", "--formats", "sqlite")
    copied = Path(facts["path"]) / "warc" / "crawl-3.warc.gz"
    assert copied.read_bytes() == open_file.read_bytes()[:whole]


def _payload() -> Any:
    import io

    return io.BytesIO(b"<html>a page</html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--site", "no-such-site"), "--site no-such-site: no such site in this archive"),
        (("--since", "2099-01-01"), "the selection holds no articles"),
        (("--until", "last year"), "--until last year: expected a date"),
        (("--formats", "sqlite,xlsx"), "formats: expected some of"),
    ],
)
def test_bad_selections_are_usage_errors(
    data: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = secnews("snapshot", "--data", str(data), "--out", str(tmp_path), *args, check=False)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert not list(tmp_path.iterdir())  # nothing half-written is left behind


def test_no_archive_is_a_usage_error(tmp_path: Path) -> None:
    result = secnews("snapshot", "--data", str(tmp_path), check=False)
    assert result.returncode == 2 and "archive.db: no archive here" in result.stderr
