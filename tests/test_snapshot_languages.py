"""A snapshot exports the language versions of releases in every format, and explains them."""

from __future__ import annotations

import csv
import gzip
import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq

from tests.conftest import LanguageCrawl
from tests.snapshot_support import copy_archive, take


def test_release_versions_are_exported_in_every_format_and_described(
    language_crawl: LanguageCrawl, tmp_path: Path
) -> None:
    data = copy_archive(language_crawl.data_dir, tmp_path / "data")
    snapshot = Path(take(data, tmp_path / "out")["path"])
    with sqlite3.connect(data / "archive.db") as db:
        expected = {row[0]: row for row in db.execute("SELECT * FROM release_versions")}
        links = db.execute("SELECT count(*) FROM language_links").fetchone()[0]
    assert len(expected) == 19 and links > 0

    parquet = pq.read_table(snapshot / "parquet" / "release_versions").to_pylist()
    jsonl = []
    for path in sorted((snapshot / "jsonl").glob("release_versions/*/*")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            jsonl += [json.loads(line) for line in lines]
    with (snapshot / "csv" / "release_versions.csv").open(encoding="utf-8-sig") as stream:
        as_csv = list(csv.DictReader(stream))
    for loaded in (parquet, jsonl):
        assert {row["article_id"]: tuple(row.values()) for row in loaded} == expected
    assert {int(row["article_id"]): row["release_id"] for row in as_csv} == {
        key: str(row[1]) for key, row in expected.items()
    }
    evidence = pq.read_table(snapshot / "parquet" / "language_links").to_pylist()
    assert len(evidence) == links and all(row["evidence"] for row in evidence)

    readme = (snapshot / "README.md").read_text(encoding="utf-8")
    assert "## Language versions" in readme and "`release_versions` (19 rows)" in readme
    assert "### release_versions" in readme and "### language_links" in readme
