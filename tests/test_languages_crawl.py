"""The secretariat's releases in Chinese, English and Russian, linked as its own list says:
by the pages' hreflang and language switcher while filing, the rest on their content."""

from __future__ import annotations

import json
import sqlite3
from itertools import combinations
from pathlib import Path

from tests.conftest import LanguageCrawl, archived_releases, secnews

Pair = frozenset[str]


def pairs(groups: set[frozenset[str]]) -> set[Pair]:
    return {frozenset(pair) for group in groups for pair in combinations(sorted(group), 2)}


def expected_by_kind(crawl: LanguageCrawl) -> dict[str, set[frozenset[str]]]:
    from crawler.sample_site.secretariat_languages import LINK_KINDS, release_groups
    from crawler.sample_site.state import WITH_LANGUAGES

    groups = release_groups(crawl.base_url, WITH_LANGUAGES)
    return {kind: {urls for linked, urls in groups if linked == kind} for kind in LINK_KINDS}


def precision_recall(expected: set[Pair], found: set[Pair]) -> tuple[float, float]:
    """Of the pairs found among the expected pairs' articles, the share expected; and of the
    expected pairs, the share found."""
    articles = {url for pair in expected for url in pair}
    relevant = {pair for pair in found if pair & articles}
    precision = len(relevant & expected) / len(relevant) if relevant else 0.0
    return precision, len(found & expected) / len(expected)


def test_every_release_is_linked_as_the_site_lists_it(language_crawl: LanguageCrawl) -> None:
    expected = expected_by_kind(language_crawl)
    found = pairs(archived_releases(language_crawl.data_dir))
    assert {kind: len(groups) for kind, groups in expected.items()} == {
        "hreflang": 3,
        "switch": 2,
        "none": 3,
    }
    for kind in ("hreflang", "switch"):
        assert precision_recall(pairs(expected[kind]), found) == (1.0, 1.0), kind
    precision, recall = precision_recall(pairs(expected["none"]), found)
    assert precision >= 0.9 and recall >= 0.9
    assert found <= pairs(set().union(*expected.values()))  # no pair the site does not list


def test_releases_on_other_subjects_the_same_day_stay_alone(
    language_crawl: LanguageCrawl,
) -> None:
    from crawler.sample_site.secretariat_languages import single_language_releases
    from crawler.sample_site.state import WITH_LANGUAGES

    alone = single_language_releases(language_crawl.base_url, WITH_LANGUAGES)
    with sqlite3.connect(language_crawl.data_dir / "archive.db") as db:
        archived = {row[0] for row in db.execute("SELECT url FROM articles")}
        with_company = db.execute(
            "SELECT count(DISTINCT a.url) FROM articles a JOIN articles b ON a.id <> b.id AND "
            "a.language <> b.language AND substr(a.published, 1, 10) = substr(b.published, 1, 10) "
            "WHERE a.url IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(alone))],
        ).fetchone()[0]
    assert alone <= archived and len(alone) == 3
    assert with_company == 3  # each shares its day with a release in another language
    linked = {url for group in archived_releases(language_crawl.data_dir) for url in group}
    assert not alone & linked


def test_filing_links_what_the_pages_declare_and_the_content_pass_the_rest(
    language_crawl: LanguageCrawl,
) -> None:
    expected = expected_by_kind(language_crawl)
    assert language_crawl.releases_after_crawl == expected["hreflang"] | expected["switch"]
    with sqlite3.connect(language_crawl.data_dir / "archive.db") as db:
        kinds = dict(db.execute("SELECT linked_by, count(*) FROM language_links GROUP BY 1"))
        evidence = [
            row[0]
            for row in db.execute("SELECT evidence FROM language_links WHERE linked_by = 'content'")
        ]
    assert set(kinds) == {"hreflang", "switch", "content"}
    assert all('"days_apart"' in item for item in evidence)
    assert any('"images"' in item for item in evidence) and any(
        '"numbers"' in item for item in evidence
    )
    assert any('"alike:media/' in item for item in evidence)  # a copy of the photo, re-encoded


def test_linking_again_changes_nothing(language_crawl: LanguageCrawl) -> None:
    def state() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        with sqlite3.connect(language_crawl.data_dir / "archive.db") as db:
            links = db.execute("SELECT * FROM language_links ORDER BY 1, 2").fetchall()
            versions = db.execute("SELECT * FROM release_versions ORDER BY 1").fetchall()
        return links, versions

    before = state()
    result = secnews(
        "link-languages",
        "--data",
        str(language_crawl.data_dir),
        "--site",
        "sample-secretariat",
        "--json",
    )
    assert '"linked": 4' in result.stdout
    assert state() == before


def test_search_hits_carry_their_versions_and_find_a_release_in_any_language(
    language_crawl: LanguageCrawl,
) -> None:
    data = str(language_crawl.data_dir)
    base = language_crawl.base_url
    plain = json.loads(secnews("search", "撒马尔罕州", "--data", data, "--json").stdout)
    assert [hit["url"] for hit in plain] == [base + "shownews.php?lang=cn&id=852"]
    assert {lang: v["url"] for lang, v in plain[0]["versions"].items()} == {
        "zh": base + "shownews.php?lang=cn&id=852",
        "en": base + "shownews.php?lang=en&id=2852",
        "ru": base + "shownews.php?lang=ru&id=3852",
    }
    in_russian = ["撒马尔罕州", "--lang", "ru", "--data", data, "--json"]
    assert json.loads(secnews("search", *in_russian).stdout) == []
    across = json.loads(secnews("search", *in_russian, "--across-versions").stdout)
    assert [(hit["language"], hit["url"]) for hit in across] == [
        ("ru", base + "shownews.php?lang=ru&id=3852")
    ]
    # Found in two of its languages, a release is still one hit across versions.
    both = ["Samarkand OR Самарканд", "--data", data, "--json"]
    assert len(json.loads(secnews("search", *both).stdout)) == 2
    assert len(json.loads(secnews("search", *both, "--across-versions").stdout)) == 1
    alone = json.loads(secnews("search", "essay", "--data", data, "--json").stdout)
    assert alone and all(hit["versions"] == {} for hit in alone)


def test_reprocessing_the_stored_pages_links_what_they_declare_again(
    language_crawl: LanguageCrawl, tmp_path: Path
) -> None:
    from tests.snapshot_support import copy_archive

    data = copy_archive(language_crawl.data_dir, tmp_path / "data")
    with sqlite3.connect(data / "archive.db") as db:  # as an archive from before v12 holds it
        for table in ("release_versions", "language_links", "article_alternates"):
            db.execute(f"DELETE FROM {table}")
    secnews("reprocess", "--data", str(data))
    assert archived_releases(data) == language_crawl.releases_after_crawl
