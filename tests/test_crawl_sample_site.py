"""End to end: Scrapy crawls the sample sites over HTTP into a real SQLite archive."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from archive.store.schema import SCHEMA_VERSION
from archive.urls import canonical_url, site_key
from crawler.sample_site import expected_articles

from .conftest import Crawl, RunningSampleSite, copy_data_dir, secnews

pytestmark = pytest.mark.e2e

SEED = (
    Path(__file__).resolve().parent.parent
    / "crawler"
    / "sample_site"
    / "content"
    / "secretariat-article.txt"
)
WIDGETS = ("电话咨询", "邮件咨询", "在线地图", "QQ客服")


def connect(data_dir: Path) -> sqlite3.Connection:
    db = sqlite3.connect(data_dir / "archive.db")
    db.row_factory = sqlite3.Row
    return db


def archived_urls(db: sqlite3.Connection, site: str) -> set[str]:
    return {row["url"] for row in db.execute("SELECT url FROM articles WHERE site = ?", [site])}


def seed_body() -> list[str]:
    """The seed's body paragraphs: after title and byline, without placeholders and widgets."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    assert lines[1].startswith("2022-01-30 19:04:10"), "the seed's second line is its byline"
    return [line for line in lines[2:] if line != "图片关键词" and line not in WIDGETS]


@pytest.mark.parametrize("site", ["sample-secretariat", "sample-forum"])
def test_exactly_the_expected_articles_are_archived(
    sample_crawl: Crawl, sample_site: RunningSampleSite, site: str
) -> None:
    expected = {canonical_url(url) for url in expected_articles(sample_site.urls)[site]}
    with connect(sample_crawl.data_dir) as db:
        assert archived_urls(db, site) == expected


def test_seed_article_is_clean(sample_crawl: Crawl, sample_site: RunningSampleSite) -> None:
    url = canonical_url(sample_site.urls["sample-secretariat"] + "shownews.php?lang=cn&id=708")
    with connect(sample_crawl.data_dir) as db:
        row = db.execute("SELECT * FROM articles WHERE url = ?", [url]).fetchone()
        images = db.execute("SELECT * FROM images WHERE article_id = ?", [row["id"]]).fetchall()
    assert row["title"] == "中国—中亚北斗合作论坛在甘肃兰州举行"
    assert row["published"] == "2022-01-30T19:04:10+08:00"
    assert row["author"] == "秘书处"
    assert row["language"] == "zh"
    assert row["text"] == "\n\n".join(seed_body())
    for leak in ("图片关键词", *WIDGETS, "打印本页", "上一篇", "下一篇"):
        assert leak not in row["text"]
    assert len(images) == 5
    assert {image["alt"] for image in images} == {""}


def test_alias_url_leads_to_the_one_article(
    sample_crawl: Crawl, sample_site: RunningSampleSite
) -> None:
    base = sample_site.urls["sample-secretariat"]
    with connect(sample_crawl.data_dir) as db:
        rows = db.execute(
            "SELECT a.id, a.url FROM article_urls u JOIN articles a ON a.id = u.article_id "
            "WHERE u.url = ?",
            [base + "shownews.php?lang=cn&id=708&utm_source=wechat"],
        ).fetchall()
        copies = db.execute(
            "SELECT count(*) FROM articles WHERE title = '中国—中亚北斗合作论坛在甘肃兰州举行'"
        ).fetchone()[0]
    assert [row["url"] for row in rows] == [canonical_url(base + "shownews.php?lang=cn&id=708")]
    assert copies == 1


def test_faults_are_recorded_and_survived(
    sample_crawl: Crawl, sample_site: RunningSampleSite
) -> None:
    with connect(sample_crawl.data_dir) as db:
        errors = db.execute(
            "SELECT url, status, error FROM fetches WHERE error IS NOT NULL AND run_id = 1"
        ).fetchall()
        by_status = {(row["status"], row["error"]) for row in errors}
        flaky = [row for row in errors if row["status"] == 500]
        flaky_ok = (
            db.execute(
                "SELECT count(*) FROM fetches WHERE url = ? AND status = 200 AND run_id = 1",
                [flaky[0]["url"]],
            ).fetchone()[0]
            if flaky
            else 0
        )
        stored = archived_urls(db, "sample-secretariat") | archived_urls(db, "sample-forum")
    assert (404, "HTTP 404") in by_status
    assert len(flaky) == 2 and flaky[0]["url"] == flaky[1]["url"]
    assert flaky_ok == 1
    assert canonical_url(flaky[0]["url"]) in stored


def test_polite_and_on_site(sample_crawl: Crawl, sample_site: RunningSampleSite) -> None:
    requests = sample_site.requests()
    assert requests, "the server saw no request"
    assert not [r for r in requests if r["path"].startswith("/internal/")]
    assert all(r["user_agent"].startswith("secnews/") for r in requests)
    scope = {site_key(url) for url in sample_site.urls.values()}
    with connect(sample_crawl.data_dir) as db:
        fetched = [row[0] for row in db.execute("SELECT url FROM fetches")]
    assert fetched and {site_key(url) for url in fetched} <= scope


def test_run_is_recorded(sample_crawl: Crawl, sample_site: RunningSampleSite) -> None:
    crawled = expected_articles(sample_site.urls)
    expected = len(crawled["sample-secretariat"]) + len(crawled["sample-forum"])
    with connect(sample_crawl.data_dir) as db:
        run = db.execute("SELECT * FROM crawl_runs ORDER BY id LIMIT 1").fetchone()
        fetches = db.execute(
            "SELECT count(*) FROM fetches WHERE run_id = ?", [run["id"]]
        ).fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    assert run["status"] == "ok" and run["finished_at"]
    assert run["articles_new"] == expected
    assert run["requests"] == fetches
    assert run["errors"] >= 3  # the 404 and the two 500s
    assert version == SCHEMA_VERSION and mode == "wal"


def site_requests(run: sqlite3.Row, site: str) -> int:
    return int(json.loads(run["stats"])[site]["secnews/requests"])


def test_recrawls_add_no_article(
    sample_crawl: Crawl, sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    """Incremental: a fraction of the requests. Full: every page again, still no new version."""
    data = tmp_path / "data"
    copy_data_dir(sample_crawl.data_dir, data)  # the reference archive stays as it was
    args = ["--sites", str(sample_site.sites_dir), "--data", str(data)]
    with connect(data) as db:
        before = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        first = db.execute("SELECT * FROM crawl_runs ORDER BY id LIMIT 1").fetchone()
    secnews("crawl", "sample-secretariat", *args, "--delay", "0")
    secnews("crawl", "sample-secretariat", *args, "--delay", "0", "--full")
    with connect(data) as db:
        after = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        versions = db.execute("SELECT max(version) FROM articles").fetchone()[0]
        incremental, full = db.execute(
            "SELECT * FROM crawl_runs ORDER BY id DESC LIMIT 2"
        ).fetchall()[::-1]
    assert after == before
    assert versions == 1  # the changing view counter made no new version
    assert incremental["articles_new"] == 0 and full["articles_new"] == 0
    initial = site_requests(first, "sample-secretariat")
    assert site_requests(incremental, "sample-secretariat") <= 0.2 * initial
    assert full["articles_unchanged"] == 24


def test_zero_config_crawl_from_a_bare_start_url(
    sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    start = sample_site.urls["sample-forum"]
    secnews("crawl", start, "--data", str(tmp_path), "--delay", "0")
    expected = {canonical_url(url) for url in expected_articles(sample_site.urls)["sample-forum"]}
    with connect(tmp_path) as db:
        sites = [row["name"] for row in db.execute("SELECT name FROM sites")]
        assert sites == [site_key(start).replace(":", "-")]
        assert archived_urls(db, sites[0]) == expected


def crawl_secretariat(sample_site: RunningSampleSite, data: Path, *options: str) -> None:
    sites = str(sample_site.sites_dir)
    secnews("crawl", "sample-secretariat", "--sites", sites, "--data", str(data), *options)


IMAGE_FETCH = "content_type LIKE 'image/%'"


def page_and_image_fetches(db: sqlite3.Connection, base: str) -> tuple[int, int]:
    sql = f"SELECT count(*) - total({IMAGE_FETCH}), total({IMAGE_FETCH}) FROM fetches "
    pages, images = db.execute(sql + "WHERE url LIKE ?", [f"{base}%"]).fetchone()
    return int(pages), int(images)


def test_max_pages_bounds_requests(sample_site: RunningSampleSite, tmp_path: Path) -> None:
    crawl_secretariat(sample_site, tmp_path, "--delay", "0", "--max-pages", "5")
    with connect(tmp_path) as db:
        pages, images = page_and_image_fetches(db, "")
        assert pages == 5 and images <= 5  # images have a budget of their own


def test_images_never_starve_articles_of_the_budget(
    sample_site: RunningSampleSite, sample_crawl: Crawl, tmp_path: Path
) -> None:
    # The budget a full crawl of the site needs for its pages alone: with it, every article
    # is still archived, though the articles hold images that are fetched too.
    base = sample_site.urls["sample-secretariat"]
    with connect(sample_crawl.data_dir) as db:
        needed, images = page_and_image_fetches(db, base)
        articles = archived_urls(db, "sample-secretariat")
    assert images >= 10
    crawl_secretariat(sample_site, tmp_path, "--delay", "0", "--max-pages", str(needed))
    with connect(tmp_path) as db:
        assert archived_urls(db, "sample-secretariat") == articles
        pages, images = page_and_image_fetches(db, base)
        assert pages <= needed and 0 < images <= needed


def test_a_large_frontier_is_read_a_backlog_at_a_time(
    sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    # A crawl killed early left 2000 URLs pending. Resumed with a budget of 30 requests, the
    # crawl hands the scheduler 50 of them at a time, so it neither holds them all in memory
    # nor refuses them all one by one; every URL it did not get to stays pending.
    from archive.store import Archive
    from archive.store.frontier import Frontier

    origin = sample_site.urls["sample-secretariat"].split("/", 3)[:3]
    with Archive(tmp_path) as archive:
        frontier = Frontier(archive.db, "sample-secretariat")
        for n in range(2000):
            frontier.add(f"{'/'.join(origin)}/pending/{n}.html", "link")
    backlog = ("-s", "SECNEWS_FRONTIER_BACKLOG=50")
    crawl_secretariat(sample_site, tmp_path, "--delay", "0", "--max-pages", "30", *backlog)
    with connect(tmp_path) as db:
        assert page_and_image_fetches(db, "")[0] == 30
        stats = json.loads(db.execute("SELECT stats FROM crawl_runs").fetchone()[0])
        refused = stats["sample-secretariat"].get("secnews/budget/refused", 0)
        assert 0 < refused < 200  # a backlog and the links found, not the 2000
        pending = db.execute(
            "SELECT count(*) FROM frontier WHERE state = 'pending' AND url LIKE '%/pending/%'"
        ).fetchone()[0]
        assert pending >= 2000 - 30


def test_bad_config_stops_before_any_request(
    sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "broken.toml").write_text(
        'name = "broken"\nstart_urls = ["{}"]\ncolour = "red"\n'.format(
            sample_site.urls["sample-forum"]
        )
    )
    before = len(sample_site.requests())
    result = secnews(
        "crawl", "broken", "--sites", str(sites), "--data", str(tmp_path / "d"), check=False
    )
    assert result.returncode == 2
    assert "broken.toml" in result.stderr and "colour" in result.stderr
    assert len(sample_site.requests()) == before


def test_an_image_shown_by_several_articles_is_fetched_once_a_crawl(sample_crawl: Crawl) -> None:
    # A site's shared pictures (its emblem, a photo reused by a follow-up release) are
    # fetched by the first article that shows them and given to the others as kept.
    with connect(sample_crawl.data_dir) as db:
        shared = db.execute(
            "SELECT url, count(DISTINCT article_id) AS articles, count(DISTINCT sha256) AS kept "
            "FROM images WHERE sha256 IS NOT NULL GROUP BY url HAVING articles > 1"
        ).fetchall()
        fetched = {
            row["url"]: row["n"]
            for row in db.execute(
                f"SELECT url, run_id, count(*) AS n FROM fetches WHERE {IMAGE_FETCH} "
                "GROUP BY url, run_id"
            )
        }
    assert shared, "the sample sites show some image in more than one article"
    for row in shared:
        assert row["kept"] == 1
        assert fetched[row["url"]] == 1, row["url"]
