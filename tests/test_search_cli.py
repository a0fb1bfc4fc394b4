"""``secnews search`` and ``secnews reindex`` as a user runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import secnews
from tests.search_corpus import SITE_RU, copy_archive

CONTRACT = {"id", "url", "site", "title", "published", "language", "snippet", "score", "versions"}


def search_json(data: Path, *args: str) -> list[dict]:
    return json.loads(secnews("search", *args, "--data", str(data), "--json").stdout)


def test_json_is_the_contract_best_first(search_archive: Path) -> None:
    hits = search_json(search_archive, "北斗", "--limit", "50")
    assert len(hits) == 4
    assert all(set(hit) == CONTRACT for hit in hits)
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert all("<mark>北斗</mark>" in hit["snippet"] for hit in hits)
    # bm25 with the title weighted: the article with 北斗 in its title comes first
    assert hits[0]["title"].startswith("北斗") or "北斗" in hits[0]["title"]


def test_filters_narrow_by_site_language_and_dates(search_archive: Path) -> None:
    assert {h["site"] for h in search_json(search_archive, "北斗", "--site", SITE_RU)} == {SITE_RU}
    assert {h["language"] for h in search_json(search_archive, "北斗", "--lang", "zh")} == {"zh"}
    dated = search_json(search_archive, "саммит", "--since", "2024-07-01", "--until", "2024-07-03")
    assert [hit["published"] for hit in dated] == ["2024-07-03"]


def test_limit_and_text_output(search_archive: Path) -> None:
    assert len(search_json(search_archive, "秘书", "--limit", "3")) == 3
    text = secnews("search", "саммит", "--data", str(search_archive)).stdout
    assert "1. " in text and "[саммита]" in text and "score" in text


def test_bad_input_exits_2_with_the_reason(search_archive: Path, tmp_path: Path) -> None:
    refused = secnews("search", "-only", "--data", str(search_archive), check=False)
    assert refused.returncode == 2 and "nothing to search for" in refused.stderr
    bad_date = secnews("search", "x", "--since", "May", "--data", str(search_archive), check=False)
    assert bad_date.returncode == 2 and "--since May" in bad_date.stderr
    missing = secnews("search", "x", "--data", str(tmp_path / "none"), check=False)
    assert missing.returncode == 2 and "no archive" in missing.stderr
    assert not (tmp_path / "none").exists()


def test_reindex_rebuilds_a_lost_index(search_archive: Path, tmp_path: Path) -> None:
    copy_archive(search_archive, tmp_path)
    with sqlite3.connect(tmp_path / "archive.db") as db:
        db.execute("DELETE FROM articles_fts")
        total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert search_json(tmp_path, "论坛") == []
    done = secnews("reindex", "--data", str(tmp_path), "--workers", "2")
    assert f"indexed {total} articles" in done.stdout
    assert len(search_json(tmp_path, "论坛")) == 8
