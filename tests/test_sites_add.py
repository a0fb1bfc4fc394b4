"""`secnews sites add URL`: a polite dry run of the sample sites, then a site file that works."""

from __future__ import annotations

import shlex
import sqlite3
import subprocess
from pathlib import Path

import pytest

from archive.urls import canonical_url
from crawler.sample_site import expected_articles, municipal
from crawler.sample_site.server import RequestLog, SiteServer
from crawler.sites.config import load_site_file

from .conftest import RunningSampleSite, secnews

pytestmark = pytest.mark.e2e


def add(
    url: str, sites_dir: Path, name: str, *extra: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    args = ("sites", "add", url, "--sites", str(sites_dir), "--name", name, "--delay", "0")
    return secnews(*args, *extra, check=check)


def test_add_reports_sitemap_feed_listing_and_articles_of_the_forum(
    private_sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    base = private_sample_site.urls["sample-forum"]
    before = len(private_sample_site.requests())
    out = add(base, tmp_path, "forum-added").stdout
    asked = private_sample_site.requests()[before:]
    assert f"sitemap       {base}sitemap.xml (15 URLs)" in out
    assert f"feed          {base}feed/ (" in out
    assert "pagination    /news/page/\\d+/$" in out
    assert "articles      /news/\\d+/\\d+/\\d+/[^/]+/$ (15 found)" in out
    sample = [line.split()[-1] for line in out.splitlines() if line.startswith(" " * 14 + "http")]
    assert (
        len(sample) == 5
        and set(sample) <= expected_articles(private_sample_site.urls)["sample-forum"]
    )
    # Polite: robots.txt first, an honest User-Agent, nothing robots.txt forbids, a few requests.
    assert asked[0]["path"] == "/robots.txt" and len(asked) <= 8
    assert all(entry["user_agent"].startswith("secnews/") for entry in asked)
    assert not any(entry["path"].startswith("/internal/") for entry in asked)
    config = load_site_file(tmp_path / "forum-added.toml")
    assert config.start_urls == (base,) and config.language == "en"
    assert config.discovery.sitemaps == (f"{base}sitemap.xml",)
    assert config.discovery.feeds == (f"{base}feed/",)
    assert [p.pattern for p in config.discovery.follow] == ["/news/page/\\d+/$"]
    # The revisit policy is written out as the defaults it keeps, to be changed in place.
    written = (tmp_path / "forum-added.toml").read_text(encoding="utf-8")
    assert "# [revisit]" in written and "# cycle_days = 90" in written
    assert (config.revisit.recent_days, config.revisit.cycle_days) == (30, 90)
    uncommented = written.replace("# [revisit]", "[revisit]").replace("# days", "days")
    uncommented = uncommented.replace("# cycle_days = 90", "cycle_days = 45")
    (tmp_path / "forum-added.toml").write_text(uncommented, encoding="utf-8")
    assert load_site_file(tmp_path / "forum-added.toml").revisit.cycle_days == 45


def test_add_refuses_to_overwrite_before_asking_anything(
    private_sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    (tmp_path / "taken.toml").write_text("# mine\n", encoding="utf-8")
    before = len(private_sample_site.requests())
    result = add(private_sample_site.urls["sample-forum"], tmp_path, "taken", check=False)
    assert result.returncode == 2 and "exists already" in result.stderr
    assert (tmp_path / "taken.toml").read_text(encoding="utf-8") == "# mine\n"
    assert len(private_sample_site.requests()) == before


def test_dry_run_writes_nothing(private_sample_site: RunningSampleSite, tmp_path: Path) -> None:
    out = add(private_sample_site.urls["sample-forum"], tmp_path, "forum-dry", "--dry-run").stdout
    assert "robots.txt    HTTP 200" in out
    assert list(tmp_path.iterdir()) == []


def test_an_added_secretariat_crawls_like_the_bundled_config(
    private_sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    start = private_sample_site.urls["sample-secretariat"] + "news.php?lang=cn&class2=5"
    (tmp_path / "sites").mkdir()
    out = add(start, tmp_path / "sites", "secretariat-added").stdout
    assert "robots.txt    HTTP 404" in out
    assert "pagination    /news\\.php\\?lang=cn&class2=5&page=\\d+$" in out
    assert "articles      /shownews\\.php\\?lang=cn&id=\\d+$" in out
    # A Chinese site on a bare address: the language is read from the page, and the timezone
    # follows from it, as Chinese is the language of one time (the file says why).
    assert "language      zh" in out
    assert "timezone      Asia/Shanghai, from the pages' language (zh)" in out
    config = load_site_file(tmp_path / "sites" / "secretariat-added.toml")
    assert (config.language, config.timezone) == ("zh", "Asia/Shanghai")
    # The next step is printed as it must be typed: with the --sites it was written to.
    data = tmp_path / "data"
    (step,) = [line.removeprefix("next: ") for line in out.splitlines() if line.startswith("next:")]
    for command in step.split(" && "):
        program, *args = shlex.split(command)
        assert program == "secnews" and "--sites" in args
        if args[0] == "crawl":
            args += ["--data", str(data), "--delay", "0"]
        secnews(*args)
    with sqlite3.connect(data / "archive.db") as db:
        urls = {
            url
            for (url,) in db.execute("SELECT url FROM articles WHERE site = 'secretariat-added'")
        }
    expected = expected_articles(private_sample_site.urls)["sample-secretariat"]
    assert urls == {canonical_url(url) for url in expected}


def test_add_prints_the_news_sections_of_a_portal_where_every_page_is_dated(
    tmp_path: Path,
) -> None:
    """On the City of Riverbend, whose sitemap lists eighty service pages beside sixty news
    posts, the news section is where the listings and the feed put their dated entries."""
    server = SiteServer(municipal.PROFILE.name, 0, RequestLog())
    server.app = municipal.MunicipalSite(server.base_url)
    server.serve()
    try:
        out = add(server.base_url, tmp_path, "riverbend", "--dry-run").stdout
    finally:
        server.stop()
    sections = [line for line in out.splitlines() if line.startswith("news section")]
    assert len(sections) == 1, out
    pattern = "/news/\\d+/\\d+/\\d+/[^/]+/$"
    assert sections[0].startswith(f"news section  {pattern} (")
    assert "dated in the past), listed by " in sections[0]
    assert f"{server.base_url}news/feed/" in sections[0]
    assert f"articles      {pattern} (" in out  # not the larger group of service pages
    assert list(tmp_path.iterdir()) == []
