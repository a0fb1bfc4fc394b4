"""A snapshot of the crawled sample archive, loaded back in every format and compared."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from .conftest import secnews
from .snapshot_support import copy_archive, rows, snapshot_files, take

TABLES = ("articles", "article_versions", "images", "article_urls", "sites")


@dataclass
class Snapshot:
    data: Path
    path: Path
    facts: dict[str, Any]

    @property
    def db(self) -> Path:
        return self.data / "archive.db"


@pytest.fixture(scope="module")
def snap(sample_crawl: Any, tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    tmp = tmp_path_factory.mktemp("snapshot-formats")
    data = copy_archive(sample_crawl.data_dir, tmp / "data")
    facts = take(data, tmp / "out", "--archive", "tar.gz")
    return Snapshot(data, Path(facts["path"]), facts)


def archive_rows(snap: Snapshot, table: str) -> dict[Any, dict[str, Any]]:
    """Every row of an archive table keyed by its primary key, as dicts."""
    with sqlite3.connect(snap.db) as conn:
        conn.row_factory = sqlite3.Row
        info = conn.execute(f"PRAGMA table_info({table})").fetchall()
        keys = [row["name"] for row in sorted(info, key=lambda r: r["pk"]) if row["pk"]]
        found = [dict(row) for row in conn.execute(f"SELECT * FROM {table}")]
    return {tuple(row[k] for k in keys): row for row in found}


KEYS = {
    "articles": ("id",),
    "article_versions": ("article_id", "version"),
    "images": ("id",),
    "article_urls": ("url",),
    "sites": ("name",),
}


# Columns a snapshot adds to its articles (typed forms of published), checked on their own.
TYPED = ("published_utc", "published_date")


def keyed(table: str, loaded: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    """Rows loaded from an export, keyed like ``archive_rows``, without the typed dates."""
    return {
        tuple(row[k] for k in KEYS[table]): {k: v for k, v in row.items() if k not in TYPED}
        for row in loaded
    }


def test_parquet_gives_published_as_a_utc_timestamp_and_a_date(snap: Snapshot) -> None:
    table = pq.read_table(snap.path / "parquet" / "articles")
    assert str(table.schema.field("published_utc").type) == "timestamp[ms, tz=UTC]"
    assert str(table.schema.field("published_date").type) == "date32[day]"
    instants = dates = 0
    for row in table.to_pylist():
        published = row["published"]
        moment = datetime.fromisoformat(published) if "T" in published else None
        if moment is not None and moment.tzinfo is not None:
            assert row["published_utc"] == moment.astimezone(UTC), published
            instants += 1
        else:
            assert row["published_utc"] is None, published
        assert row["published_date"] == date.fromisoformat(published[:10])
        dates += 1
    assert instants >= 30 and dates == 39
    # Beside them, the string as the page gave it and where it was read.
    assert all(row["published_raw"] and row["published_source"] for row in table.to_pylist())


def test_json_lines_give_the_utc_instant_in_iso_8601(snap: Snapshot) -> None:
    with gzip.open(next((snap.path / "jsonl").glob("articles/*/*")), "rt") as lines:
        row = json.loads(lines.readline())
    published = datetime.fromisoformat(row["published"])
    assert row["published_utc"] == published.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_the_snapshot_is_readable_by_the_group(snap: Snapshot) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(snap.path.stat().st_mode) == 0o777 & ~umask
    assert all(
        stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044 & ~umask for path in snap.path.rglob("*")
    )


def test_the_summary_names_the_archive_and_its_date(snap: Snapshot) -> None:
    (archive_articles,) = rows(snap.db, "SELECT count(*) FROM articles")[0]
    assert snap.facts["counts"]["articles"] == archive_articles == 39
    assert snap.path.name == f"secnews-{snap.facts['archive']}-{snap.facts['date']}"
    (last_seen,) = rows(snap.db, "SELECT max(last_seen) FROM articles")[0]
    assert snap.facts["date"] == last_seen[:10]  # dated by the data, not the clock
    assert snap.facts["sites"] == ["sample-forum", "sample-secretariat"]
    assert snap.facts["software"]["trafilatura"]


def test_the_sqlite_copy_holds_the_same_rows_and_a_working_index(snap: Snapshot) -> None:
    copy = snap.path / "archive.db"
    for table in TABLES:
        with sqlite3.connect(copy) as conn:
            conn.row_factory = sqlite3.Row
            loaded = [dict(row) for row in conn.execute(f"SELECT * FROM {table}")]
        assert keyed(table, loaded) == archive_rows(snap, table), table
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        (indexed,) = conn.execute("SELECT count(*) FROM articles_fts").fetchone()
        assert indexed == 39
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


@pytest.mark.parametrize("table", TABLES)
def test_parquet_loads_with_pyarrow_and_matches(snap: Snapshot, table: str) -> None:
    source = snap.path / "parquet" / (f"{table}.parquet" if table == "sites" else table)
    loaded = pq.read_table(source).to_pylist()
    assert keyed(table, loaded) == archive_rows(snap, table)


def test_parquet_partitions_are_site_and_month_of_publication(snap: Snapshot) -> None:
    for path in (snap.path / "parquet" / "articles").rglob("*.parquet"):
        site, month = path.parent.name, path.stem
        for row in pq.read_table(path, columns=["site", "published"]).to_pylist():
            assert row["site"] == site and row["published"].startswith(month)


@pytest.mark.parametrize("table", TABLES)
def test_json_lines_load_and_match(snap: Snapshot, table: str) -> None:
    folder = snap.path / "jsonl"
    files = [folder / "sites.jsonl.gz"] if table == "sites" else sorted(folder.glob(f"{table}/*/*"))
    loaded = []
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            loaded += [json.loads(line) for line in lines]
    assert keyed(table, loaded) == archive_rows(snap, table)


@pytest.mark.parametrize("table", TABLES)
def test_csv_loads_and_matches_as_text(snap: Snapshot, table: str) -> None:
    with (snap.path / "csv" / f"{table}.csv").open(encoding="utf-8-sig", newline="") as stream:
        loaded = list(csv.DictReader(stream))
    expected = {
        key: {name: "" if value is None else str(value) for name, value in row.items()}
        for key, row in archive_rows(snap, table).items()
    }
    as_text = {tuple(str(k) for k in key): row for key, row in expected.items()}
    assert keyed(table, loaded) == as_text


def test_text_files_follow_the_seed_layout(snap: Snapshot) -> None:
    texts = sorted((snap.path / "text").rglob("*.txt"))
    assert len(texts) == 39
    [(article_id, site, text)] = rows(
        snap.db,
        "SELECT id, site, text FROM articles WHERE title = ?",
        "中国—中亚北斗合作论坛在甘肃兰州举行",
    )
    page = (snap.path / "text" / site / "2022-01" / f"{article_id}.txt").read_text(encoding="utf-8")
    lines = page.split("\n")
    assert lines[:4] == [
        "中国—中亚北斗合作论坛在甘肃兰州举行",
        "",
        "2022-01-30 19:04:10 秘书处",
        "",
    ]
    assert page == "\n".join(lines[:4]) + "\n" + text.rstrip("\n") + "\n"


def test_datapackage_describes_every_file_with_its_hash(snap: Snapshot) -> None:
    package = json.loads((snap.path / "datapackage.json").read_text(encoding="utf-8"))
    described = {resource["path"]: resource for resource in package["resources"]}
    on_disk = set(snapshot_files(snap.path)) - {"datapackage.json", "SHA256SUMS"}
    assert set(described) == on_disk
    for path, resource in described.items():
        body = (snap.path / path).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(body).hexdigest()
        assert resource["bytes"] == len(body)
    schema = json.loads((snap.path / "schemas" / "articles.json").read_text(encoding="utf-8"))
    assert [field["name"] for field in schema["fields"]][:3] == ["id", "site", "url"]
    assert described["parquet/sites.parquet"]["schema"] == "schemas/sites.json"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {source["title"] for source in package["sources"]} == {
        title for (title,) in rows(snap.db, "SELECT title FROM sites")
    }
    assert package["secnews"]["counts"]["articles"] == 39


def test_readme_explains_every_column_and_citation_is_valid(snap: Snapshot) -> None:
    readme = (snap.path / "README.md").read_text(encoding="utf-8")
    with sqlite3.connect(snap.db) as conn:
        for table in snap.facts["counts"]:
            for _, column, *_ in conn.execute(f"PRAGMA table_info({table})"):
                line = next(x for x in readme.splitlines() if x.startswith(f"| `{column}` |"))
                assert line.rstrip(" |").split("|")[-1].strip(), f"{table}.{column}"
    assert "## Data dictionary" in readme and "2021-03-16 to 2023-12-19" in readme
    citation = (snap.path / "CITATION.cff").read_text(encoding="utf-8")
    assert "cff-version: 1.2.0" in citation
    assert f'date-released: "{snap.facts["date"]}"' in citation
    metadata = json.loads((snap.path / "metadata.json").read_text(encoding="utf-8"))
    articles = metadata["databases"]["archive"]["tables"]["articles"]
    assert articles["columns"]["published"] and articles["fts_table"] == "articles_fts"


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils sha256sum")
def test_sha256sum_checks_the_snapshot(snap: Snapshot) -> None:
    check = subprocess.run(
        ["sha256sum", "--check", "--strict", "--quiet", "SHA256SUMS"],
        cwd=snap.path,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_verify_passes_on_the_folder_and_the_packed_file(snap: Snapshot) -> None:
    folder = secnews("verify", str(snap.path))
    assert folder.stdout.startswith("OK ") and "archive.db integrity ok" in folder.stdout
    packed = secnews("verify", snap.facts["archive_file"])
    assert packed.stdout.startswith("OK ")
