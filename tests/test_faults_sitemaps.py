"""Fault suite, sitemaps: a crawl reads a sitemap as a stream, in memory that does not grow
with it; follows indexes only so deep and only so many; and reads ``sitemap.xml.gz``, inflated
no further than ``DOWNLOAD_MAXSIZE``.

The hostile site's ``sitemaps`` server names ``/sitemap.xml.gz`` in its robots.txt and links
to nothing from its home page, so what a crawl of it archives came from that sitemap.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.sample_site.hostile import HostileSite
from crawler.sample_site.hostile_pages import GOOD_ARTICLES, SITEMAP_PARTS

from .faultkit import CrawlResult, run_crawl, run_secnews

pytestmark = pytest.mark.e2e
MAX_RSS_MB = 400  # as the whole hostile crawl: an almost empty crawl peaks at about 250 MB


@pytest.fixture
def site() -> Iterator[HostileSite]:  # one a test: each counts the requests it caused
    with HostileSite() as served:
        yield served


def crawl_sitemap(
    site: HostileSite, tmp_path: Path, sitemap: str, *args: str, timeout: float = 120
) -> CrawlResult:
    """A crawl of the ``sitemaps`` server from a site file naming ``/sitemaps/SITEMAP``."""
    base = site.urls["sitemaps"]
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "mapped.toml").write_text(
        f'name = "mapped"\nstart_urls = ["{base}"]\n'
        f'[discovery]\nsitemaps = ["{base}sitemaps/{sitemap}"]\n',
        encoding="utf-8",
    )
    args = ("mapped", "--sites", str(sites), "--delay", "0", *args)
    result = run_crawl(tmp_path / "data", *args, timeout=timeout)
    assert result.crashes() == [], result.stderr[-3000:]
    return result


def asked(site: HostileSite, prefix: str) -> list[str]:
    return [e["path"] for e in site.requests_to("sitemaps") if e["path"].startswith(prefix)]


def articles(result: CrawlResult) -> set[str]:
    return {row[0].rsplit("/", 1)[-1] for row in result.rows("SELECT url FROM articles")}


def test_a_long_sitemap_is_read_whole_in_flat_memory(site: HostileSite, tmp_path: Path) -> None:
    """370,000 URLs (32 MB, just under ``DOWNLOAD_MAXSIZE``): every entry is read and noted
    as listed, none is held in memory for long."""
    count = 370_000
    result = crawl_sitemap(site, tmp_path, f"urls-{count}.xml", "--max-pages", "20", timeout=300)
    print(f"peak RSS {result.max_rss_mb:.0f} MB in {result.seconds:.0f} s")
    assert result.max_rss_mb < MAX_RSS_MB, f"peak RSS {result.max_rss_mb:.0f} MB"
    # The budget is spent on pages of the first batch handed out; the rest wait.
    fetched = asked(site, "/news/")
    assert 10 < len(fetched) < 20
    assert all(int(path.removeprefix("/news/")) < 1000 for path in fetched)
    # Every entry was read and noted as listed (the pages fetched, found not to be
    # articles, are listed no more).
    (listed,) = result.rows("SELECT count(*) FROM listings WHERE source LIKE '%/urls-%'")[0]
    assert listed + len(fetched) == count


def test_an_endless_chain_of_sitemap_indexes_is_followed_only_so_deep(
    site: HostileSite, tmp_path: Path
) -> None:
    result = crawl_sitemap(site, tmp_path, "chain-0.xml", "-s", "SECNEWS_SITEMAP_DEPTH=3")
    assert asked(site, "/sitemaps/chain-") == [f"/sitemaps/chain-{n}.xml" for n in range(4)]
    assert "sitemaps/chain-4.xml, a sitemap 4 levels below the one named" in result.stderr
    assert result.stats("mapped")["secnews/sitemap/too_deep"] == 1


def test_an_index_of_many_sitemaps_is_read_only_so_far(site: HostileSite, tmp_path: Path) -> None:
    result = crawl_sitemap(site, tmp_path, "wide.xml", "-s", "SECNEWS_SITEMAP_MAX=20")
    assert len(asked(site, "/sitemaps/")) == 20  # the index and 19 of its sitemaps
    assert "more than 20 sitemaps (SECNEWS_SITEMAP_MAX)" in result.stderr
    assert result.stats("mapped")["secnews/sitemap/too_many"] == SITEMAP_PARTS - 19
    assert articles(result) == {"good-1.html"}  # what the sitemaps read list


def test_a_gzipped_sitemap_named_by_robots_txt_is_read(site: HostileSite, tmp_path: Path) -> None:
    result = run_crawl(tmp_path / "data", site.urls["sitemaps"], "--delay", "0")
    assert result.returncode == 0 and result.crashes() == [], result.stderr[-3000:]
    assert articles(result) == {f"{name}.html" for name in GOOD_ARTICLES}


def test_a_gzipped_sitemap_is_inflated_only_up_to_the_size_limit(
    site: HostileSite, tmp_path: Path
) -> None:
    """1 article, 48 MiB of blanks, another article, in 49 kB of gzip: read up to
    ``DOWNLOAD_MAXSIZE`` inflated, so the first article is archived and the last never seen."""
    result = crawl_sitemap(site, tmp_path, "bomb.xml.gz")
    assert articles(result) == {"good-1.html"}
    (error,) = result.rows("SELECT error FROM fetches WHERE url LIKE '%/bomb.xml.gz'")[0]
    assert error == "sitemap inflates past DOWNLOAD_MAXSIZE (33554432 B): read up to the limit"
    assert result.max_rss_mb < MAX_RSS_MB, f"peak RSS {result.max_rss_mb:.0f} MB"


def test_sites_add_reads_sitemaps_as_a_crawl_does(site: HostileSite, tmp_path: Path) -> None:
    """The dry run of ``sites add`` reads a 32 MB sitemap as a stream too, and a gzipped
    one; it keeps only a sample of their URLs to find the articles' pattern."""
    site.name_sitemaps("sitemaps/urls-370000.xml", "sitemap.xml.gz")
    base = site.urls["sitemaps"]
    args = ("sites", "add", base, "--sites", str(tmp_path), "--name", "mapped", "--delay", "0")
    result = run_secnews(tmp_path / "data", [*args, "--dry-run"], timeout=300, logs=tmp_path)
    assert result.returncode == 0 and result.crashes() == [], result.stderr[-3000:]
    assert f"sitemap       {base}sitemaps/urls-370000.xml (370000 URLs)" in result.stdout
    assert f"sitemap       {base}sitemap.xml.gz (3 URLs)" in result.stdout
    print(f"peak RSS {result.max_rss_mb:.0f} MB in {result.seconds:.0f} s")
    assert result.max_rss_mb < MAX_RSS_MB, f"peak RSS {result.max_rss_mb:.0f} MB"
