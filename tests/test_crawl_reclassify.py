"""End to end: articles stored by a looser rule are weighed again as news, and those that are
not are counted, then dropped on ``--apply`` with their WARC records kept.

The looser rule is a site config that forces every page of the City of Riverbend portal to
be an article (``discovery.article``), as secnews once took every dated page of prose; the
portal is crawled with it over HTTP into a real archive, then crawled again and
reclassified without it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.sample_site import municipal
from crawler.sample_site.server import RequestLog, SiteServer

from .conftest import secnews

pytestmark = pytest.mark.e2e

SITE = "riverbend"


@dataclass(frozen=True)
class Loose:
    data: Path
    forcing: Path  # the sites dir with the config that forces every page
    plain: Path  # the sites dir with the same config without that rule
    news: set[str]


def warc_digest(data: Path) -> str:
    files = sorted((data / "warc").iterdir())
    return hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()


def articles(data: Path) -> set[str]:
    with sqlite3.connect(data / "archive.db") as db:
        return {url for (url,) in db.execute("SELECT url FROM articles")}


@pytest.fixture(scope="module")
def loose(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loose]:
    tmp = tmp_path_factory.mktemp("reclassify")
    server = SiteServer(municipal.PROFILE.name, 0, RequestLog())
    today = municipal.local_today()
    server.app = municipal.MunicipalSite(server.base_url, today)
    server.serve()
    forcing, plain = tmp / "forcing", tmp / "plain"
    config = (
        f'name = "{SITE}"\nstart_urls = ["{server.base_url}"]\nlanguage = "en"\n'
        'timezone = "America/Chicago"\n\n[politeness]\ndelay = 0.0\n'
    )
    for folder, rules in ((forcing, '\n[discovery]\narticle = ["/"]\n'), (plain, "")):
        folder.mkdir()
        (folder / f"{SITE}.toml").write_text(config + rules, encoding="utf-8")
    try:
        secnews("crawl", SITE, "--sites", str(forcing), "--data", str(tmp / "data"))
        yield Loose(tmp / "data", forcing, plain, municipal.news_urls(server.base_url, today))
    finally:
        server.stop()


def reclassify(loose: Loose, sites: Path, *extra: str) -> list[str]:
    args = ("reprocess", "--reclassify", "--data", str(loose.data), "--sites", str(sites))
    return secnews(*args, *extra).stdout.splitlines()


def test_the_loose_rule_stored_much_more_than_the_news(loose: Loose) -> None:
    stored = articles(loose.data)
    assert loose.news < stored and len(stored) > 2 * len(loose.news)


def test_a_forced_rule_still_holds_on_reclassifying(loose: Loose) -> None:
    before = articles(loose.data)
    lines = reclassify(loose, loose.forcing)
    assert lines[-1].startswith(f"{len(before)} articles: {len(before)} still news, 0 not news")
    assert articles(loose.data) == before


def test_a_crawl_keeps_revisiting_what_it_archived_and_marks_what_is_not_news(
    loose: Loose,
) -> None:
    before = articles(loose.data)
    secnews("crawl", SITE, "--sites", str(loose.plain), "--data", str(loose.data))
    assert articles(loose.data) == before  # not dropped behind the archivist's back
    with sqlite3.connect(loose.data / "archive.db") as db:
        verdicts = dict(db.execute("SELECT url, verdict FROM frontier WHERE verdict IS NOT NULL"))
    marked = {url for url, v in verdicts.items() if v.startswith("taken: archived before, now")}
    assert marked and marked <= before - loose.news


def test_reclassifying_counts_then_drops_what_is_not_news(loose: Loose) -> None:
    before, warc = articles(loose.data), warc_digest(loose.data)
    lines = reclassify(loose, loose.plain)
    dropped = len(before) - len(loose.news)
    assert lines[-1] == (
        f"{len(before)} articles: {len(loose.news)} still news, {dropped} not news: would be "
        "dropped (--apply drops them, keeping their WARC records)"
    )
    listed = {line.split("\t")[0] for line in lines[:-1]}
    assert listed == before - loose.news
    assert all("\tleft: " in line for line in lines[:-1])
    assert articles(loose.data) == before  # counted only

    lines = reclassify(loose, loose.plain, "--apply")
    assert lines[-1].endswith(f"dropped {dropped}, their WARC records kept")
    assert articles(loose.data) == loose.news
    assert warc_digest(loose.data) == warc
    with sqlite3.connect(loose.data / "archive.db") as db:
        left = dict(db.execute("SELECT url, verdict FROM frontier WHERE kind = 'page'"))
        assert not db.execute("PRAGMA foreign_key_check").fetchall()
        versions = db.execute("SELECT count(DISTINCT article_id) FROM article_versions")
        assert versions.fetchone()[0] == len(loose.news)
    assert all(left[url].startswith("left: ") for url in before - loose.news)
