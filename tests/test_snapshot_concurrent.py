"""A snapshot taken while another process writes to the archive is one consistent state."""

from __future__ import annotations

import csv
import gzip
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from archive.records import ArticleRecord
from archive.snapshot.verify import verify_snapshot
from archive.store import Archive

from .conftest import REPO
from .snapshot_support import copy_archive, rows, take

# Files articles through the archive's own store, one transaction each, until told to stop.
WRITER = """
import sys
from pathlib import Path
from archive.records import ArticleRecord
from archive.store import Archive

data, stop = Path(sys.argv[1]), Path(sys.argv[2])
with Archive(data) as archive:
    number = 0
    while not stop.exists():
        number += 1
        url = f"http://127.0.0.1:9/news/concurrent-{number}/"
        text = f"Statement number {number} of the concurrent writer. " * 30
        record = ArticleRecord(url=url, title=f"Concurrent {number}", text=text,
                               published="2024-02-01T09:00:00+01:00", author="Press Office")
        archive.save_article("sample-forum", record, url)
        if number == 1:
            print("writing", flush=True)
print(number, flush=True)
"""


def _count(data: Path) -> int:
    return int(rows(data / "archive.db", "SELECT count(*) FROM articles")[0][0])


# An article is fully filed when its version, its URL and its index row are there too.
COMPLETE = (
    "SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM article_versions v "
    "WHERE v.article_id = a.id) AND EXISTS (SELECT 1 FROM article_urls u "
    "WHERE u.article_id = a.id) AND EXISTS (SELECT 1 FROM articles_fts f WHERE f.rowid = a.id)"
)


def _ids(db: Path, sql: str = "SELECT id FROM articles") -> set[int]:
    return {int(row[0]) for row in rows(db, sql)}


def test_a_snapshot_during_writes_is_consistent(sample_crawl: Any, tmp_path: Path) -> None:
    data = copy_archive(sample_crawl.data_dir, tmp_path / "data")
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data), str(stop)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "writing"  # the first article is in
        filed_before = _ids(data / "archive.db", COMPLETE)
        facts = take(data, tmp_path / "out", "--formats", "sqlite,parquet,jsonl,csv,text")
        present_after = _ids(data / "archive.db")
    finally:
        stop.touch()
        written = int(writer.communicate(timeout=60)[0].strip())
    assert len(present_after) > len(filed_before), "nothing was written during the snapshot"
    assert written + 39 == _count(data)
    path = Path(facts["path"])
    assert verify_snapshot(path).ok
    _assert_one_state(path, filed_before, present_after)
    _assert_formats_agree(path)


def _assert_one_state(path: Path, filed_before: set[int], present_after: set[int]) -> None:
    """What was filed before the snapshot is in it, whole; what came after is not."""
    db = path / "archive.db"
    ids, whole = _ids(db), _ids(db, COMPLETE)
    assert filed_before <= whole and ids <= present_after
    assert ids == set(range(1, max(ids) + 1))  # a prefix of the writer's sequence
    # Archive.save_article files an article in one transaction: none is caught half filed.
    assert ids == whole


def _assert_formats_agree(path: Path) -> None:
    """Every format was cut from the same state as archive.db."""
    db = path / "archive.db"
    articles = len(_ids(db))
    assert pq.read_table(path / "parquet" / "articles").num_rows == articles
    versions = int(rows(db, "SELECT count(*) FROM article_versions")[0][0])
    assert pq.read_table(path / "parquet" / "article_versions").num_rows == versions
    lines = 0
    for part in (path / "jsonl" / "articles").rglob("*.jsonl.gz"):
        with gzip.open(part, "rt", encoding="utf-8") as stream:
            lines += sum(1 for _ in stream)
    assert lines == articles
    with (path / "csv" / "articles.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert sum(1 for _ in csv.DictReader(stream)) == articles
    assert len(list((path / "text").rglob("*.txt"))) == articles


def test_filing_an_article_is_one_transaction(tmp_path: Path) -> None:
    with Archive(tmp_path) as archive:
        archive.upsert_site("example", title="Example")
        commits: list[str] = []
        archive.db.conn.set_trace_callback(
            lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None
        )
        record = ArticleRecord(url="http://127.0.0.1:9/a", title="A", text="Some text.")
        archive.save_article("example", record, record.url)
    assert len(commits) == 1
