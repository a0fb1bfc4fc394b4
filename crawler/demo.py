"""``secnews demo``: serve the bundled sample sites, crawl them, summarise the archive."""

from __future__ import annotations

import tempfile
from pathlib import Path

from archive.store import Archive
from crawler.runner import CrawlOptions, run_crawl
from crawler.sample_site import SampleSite, write_site_configs
from crawler.siteconfig import load_sites


def run_demo(data_dir: Path, *, log_level: str = "WARNING") -> str:
    """Crawl the sample sites into ``data_dir``; return the summary to print."""
    with SampleSite(ephemeral=True) as site, tempfile.TemporaryDirectory() as folder:
        sites_dir = Path(folder)
        write_site_configs(sites_dir, site.urls)
        sites = list(load_sites(sites_dir).values())
        options = CrawlOptions(
            data_dir=data_dir, sites_dir=sites_dir, delay=0.0, log_level=log_level
        )
        run = run_crawl(sites, options)
    return summary(data_dir, int(run["id"]))


def summary(data_dir: Path, run_id: int) -> str:
    with Archive(data_dir) as archive:
        rows = archive.db.execute(
            "SELECT s.name, s.base_url, "
            "(SELECT count(*) FROM articles a WHERE a.site = s.name), "
            "(SELECT count(*) FROM articles a WHERE a.site = s.name AND a.duplicate_of IS NULL) "
            "FROM sites s ORDER BY s.name"
        ).fetchall()
        run = archive.run(run_id)
        failed = archive.db.execute(
            "SELECT count(*) FROM fetches WHERE run_id = ? AND error IS NOT NULL", [run_id]
        ).fetchone()[0]
    width = max([len(name) for name, *_ in rows] + [4])
    lines = [f"{'site':<{width}}  {'articles':>8}  base URL"]
    lines += [f"{name:<{width}}  {count:>8}  {base}" for name, base, count, _ in rows]
    db_path = (data_dir / "archive.db").resolve()
    lines += [
        "",
        f"run {run_id}: {run['status']}, {run['requests']} requests, "
        f"{run['articles_new']} new articles, {failed} failed fetches (see the fetches table)",
        f"archive: {db_path}",
        f"browse:  secnews serve --data {data_dir}   (or: datasette {db_path})",
        f"query:   sqlite3 {db_path} 'SELECT site, published, title FROM articles'",
    ]
    return "\n".join(lines)
