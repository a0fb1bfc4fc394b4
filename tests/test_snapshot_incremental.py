"""`secnews snapshot --since-snapshot`: exactly what was added or changed, and what it extends."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from archive.records import ArticleRecord, ImageRecord
from archive.snapshot.bundle import PartialSnapshot, pack
from archive.store import Archive

from .conftest import secnews
from .snapshot_support import copy_archive, rows, take

TABLES = ("articles", "article_versions", "images", "article_urls")


def _edit(data: Path) -> dict[str, Any]:
    """Change the archive the way crawls do: a new article, an edit, a revisit, an alias."""
    with Archive(data) as archive:
        (base_url,) = archive.db.execute(
            "SELECT base_url FROM sites WHERE name = 'sample-forum'"
        ).fetchone()
        url = f"{base_url}news/2024/01/05/new-release/"
        record = ArticleRecord(
            url=url,
            title="Forum opens a new office",
            text="The Forum opened a liaison office on 5 January 2024.\n\nIt serves members.",
            published="2024-01-05",
            images=(ImageRecord(f"{base_url}wp-content/uploads/office.jpg", "The new office"),),
        )
        new = archive.save_article("sample-forum", record, url, fetched_at="2030-01-01T00:00:00Z")
        edited, revisited = archive.db.execute(
            "SELECT id, url, title, text, published, author, language FROM articles "
            "WHERE site = 'sample-forum' ORDER BY id LIMIT 2"
        ).fetchall()
        fields = ("url", "title", "text", "published", "author", "language")
        changed = ArticleRecord(**dict(zip(fields, edited[1:], strict=True)))
        changed = ArticleRecord(**{**changed.__dict__, "text": changed.text + "\n\nCorrected."})
        update = archive.save_article("sample-forum", changed, changed.url)
        same = ArticleRecord(**dict(zip(fields, revisited[1:], strict=True)))
        revisit = archive.save_article("sample-forum", same, same.url)
        archive.add_alias(f"{edited[1]}?utm_source=newsletter", edited[0])
    assert (new.outcome, update.outcome, revisit.outcome) == ("new", "updated", "unchanged")
    return {
        "new": new.article_id,
        "edited": update.article_id,
        "alias": f"{edited[1]}?utm_source=newsletter",
    }


@pytest.fixture(scope="module")
def chain(sample_crawl: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("snapshot-incremental")
    data = copy_archive(sample_crawl.data_dir, tmp / "data")
    base = take(data, tmp / "out")
    edits = _edit(data)
    increment = take(data, tmp / "out", "--since-snapshot", base["path"])
    again = take(data, tmp / "out", "--since-snapshot", increment["path"])
    full = take(data, tmp / "out", "--formats", "sqlite")
    return {"data": data, "base": base, "inc": increment, "again": again, "full": full, **edits}


def test_the_increment_holds_exactly_the_changed_rows(chain: dict[str, Any]) -> None:
    db = Path(chain["inc"]["path"]) / "archive.db"
    new, edited = chain["new"], chain["edited"]
    assert {i for (i,) in rows(db, "SELECT id FROM articles")} == {new, edited}
    (version,) = rows(
        chain["data"] / "archive.db", "SELECT version FROM articles WHERE id = ?", edited
    )[0]
    assert set(rows(db, "SELECT article_id, version FROM article_versions")) == {
        (new, 1),
        (edited, version),
    }
    assert {a for (a,) in rows(db, "SELECT article_id FROM images")} == {new}
    urls = {url for (url,) in rows(db, "SELECT url FROM article_urls")}
    assert chain["alias"] in urls and len(urls) == 2
    (indexed,) = rows(db, "SELECT count(*) FROM articles_fts")[0]
    assert indexed == 2


def test_the_flat_formats_hold_the_same_changes(chain: dict[str, Any]) -> None:
    path = Path(chain["inc"]["path"])
    ids = set(pq.read_table(path / "parquet" / "articles").column("id").to_pylist())
    assert ids == {chain["new"], chain["edited"]}
    versions = pq.read_table(path / "parquet" / "article_versions").num_rows
    assert versions == 2 and len(list((path / "text").rglob("*.txt"))) == 2
    # The alias hangs on an article that is itself in the increment, under its partition.
    alias_rows = pq.read_table(path / "parquet" / "article_urls").to_pylist()
    assert chain["alias"] in {row["url"] for row in alias_rows}


def test_the_increment_says_what_it_extends(chain: dict[str, Any]) -> None:
    path, base = Path(chain["inc"]["path"]), chain["base"]
    extends = chain["inc"]["extends"]
    assert extends["name"] == Path(base["path"]).name
    assert extends["sha256sums"] == base["sha256sums"]
    assert extends["fingerprint"] == base["fingerprint"]
    assert chain["inc"]["changes"]["articles"] == {
        "added": 1,
        "changed": 1,
        "unchanged": 38,
        "removed": 0,
    }
    assert f"extends `{extends['name']}`" in (path / "README.md").read_text(encoding="utf-8")
    assert secnews("verify", str(path)).returncode == 0


def test_an_increment_of_an_unchanged_archive_is_empty(chain: dict[str, Any]) -> None:
    again = chain["again"]
    assert again["extends"]["name"] == Path(chain["inc"]["path"]).name
    assert all(count == 0 for count in again["counts"].values()), again["counts"]


def test_base_plus_increment_is_the_archive_now(chain: dict[str, Any], tmp_path: Path) -> None:
    merged = tmp_path / "merged.db"
    shutil.copy(Path(chain["base"]["path"]) / "archive.db", merged)
    with sqlite3.connect(merged) as conn:
        conn.execute("ATTACH ? AS inc", [str(Path(chain["inc"]["path"]) / "archive.db")])
        for table in TABLES:
            conn.execute(f"INSERT OR REPLACE INTO main.{table} SELECT * FROM inc.{table}")
    full = Path(chain["full"]["path"]) / "archive.db"
    for table in TABLES:
        skip = "last_seen"  # a revisit moves it without changing the article
        query = f"SELECT * FROM {table} ORDER BY 1, 2"
        want = [_without(row, table, full, skip) for row in rows(full, query)]
        got = [_without(row, table, merged, skip) for row in rows(merged, query)]
        assert got == want, table


def _without(row: tuple[Any, ...], table: str, db: Path, column: str) -> tuple[Any, ...]:
    names = [name for _, name, *_ in rows(db, f"PRAGMA table_info({table})")]
    return tuple(v for n, v in zip(names, row, strict=True) if n != column)


def test_a_bad_base_is_a_usage_error(chain: dict[str, Any], tmp_path: Path) -> None:
    broken = Path(shutil.copytree(chain["base"]["path"], tmp_path / "base"))
    package = json.loads((broken / "datapackage.json").read_text(encoding="utf-8"))
    package["secnews"]["selection"]["sites"] = ["sample-forum"]
    (broken / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    result = secnews(
        "snapshot",
        "--data",
        str(chain["data"]),
        "--out",
        str(tmp_path / "out"),
        "--since-snapshot",
        str(broken),
        check=False,
    )
    assert result.returncode == 2 and "datapackage.json does not match" in result.stderr


@pytest.mark.parametrize("kind", ["zip", "tar.gz"])
def test_a_packed_base_works_like_its_folder(
    chain: dict[str, Any], tmp_path: Path, kind: str
) -> None:
    base = Path(shutil.copytree(chain["base"]["path"], tmp_path / Path(chain["base"]["path"]).name))
    partial = PartialSnapshot(tmp_path)  # what a snapshot packs under until it is whole
    try:
        packed = pack(base, kind, chain["base"]["created"], partial)
    finally:
        partial.close()
    shutil.rmtree(base)  # only the packed file is left to extend
    increment = take(chain["data"], tmp_path / "out", "--since-snapshot", str(packed))
    assert increment["fingerprint"] == chain["inc"]["fingerprint"]
    assert increment["extends"] == chain["inc"]["extends"]
