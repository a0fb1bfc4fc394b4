"""``secnews demo`` and ``secnews sample-site``: the bundled sample sites, served on
127.0.0.1, crawled into an archive and summarised.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from crawler.cli import ConfigProblem, data_option


@click.command()
@data_option
@click.option(
    "--log-level",
    default="WARNING",
    show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
)
def demo(data_dir: Path, log_level: str) -> None:
    """Serve the bundled sample sites, crawl them into DATA and print a summary.

    Example: secnews demo --data /tmp/secnews-demo
    """
    click.echo(run_demo(data_dir, log_level=log_level))


@click.command("sample-site")
@click.option("--ephemeral", is_flag=True, help="Use free ports instead of 8701-8703.")
@click.option(
    "--fault",
    type=click.Choice(["server-errors", "redesign", "robots-closed", "moved"]),
    help="Serve the sites broken in this way, to see the health checks fail.",
)
@click.option(
    "--edition",
    type=click.IntRange(1, 2),
    default=1,
    show_default=True,
    help="Content state: 1 as first crawled; 2 with new, edited and removed articles.",
)
@click.option(
    "--languages",
    is_flag=True,
    help="Add the secretariat's English and Russian versions of part of its releases.",
)
def sample_site(ephemeral: bool, fault: str | None, edition: int, languages: bool) -> None:
    """Serve the bundled sample sites on 127.0.0.1 until interrupted.

    Example: secnews sample-site  (then: secnews crawl sample-secretariat)
    """
    import contextlib
    import threading

    from crawler.sample_site import SampleSite, SiteState

    state = SiteState(edition, languages=languages)
    site = SampleSite(ephemeral=ephemeral, fault=fault, state=state)
    try:
        site.start()
    except OSError as exc:
        raise ConfigProblem(f"{exc.strerror}; --ephemeral serves on free ports") from exc
    with site:
        for name, base in site.urls.items():
            click.echo(f"{name} {base}")
        click.echo("serving; press Ctrl-C to stop", err=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


def run_demo(data_dir: Path, *, log_level: str = "WARNING") -> str:
    """Crawl the sample sites into ``data_dir``; return the summary to print."""
    from crawler.runs.checkup import check_run
    from crawler.runs.runner import CrawlOptions, run_crawl
    from crawler.sample_site import SampleSite, write_site_configs
    from crawler.settings import NO_CONTACT, USER_AGENT
    from crawler.sites.config import load_sites

    with SampleSite(ephemeral=True) as site, tempfile.TemporaryDirectory() as folder:
        sites_dir = Path(folder)
        write_site_configs(sites_dir, site.urls)
        sites = list(load_sites(sites_dir).values())
        # The sample sites are this machine's own: nobody else to name a contact for.
        own = USER_AGENT.replace(NO_CONTACT, "the operator, demo of the bundled sample sites")
        options = CrawlOptions(
            data_dir=data_dir,
            sites_dir=sites_dir,
            delay=0.0,
            log_level=log_level,
            extra_settings={"USER_AGENT": own},
        )
        run = run_crawl(sites, options)
    # Judged as `secnews crawl` judges a run: each site's run and health rows are written,
    # so `secnews status` shows the demo's sites as crawled.
    report = check_run(data_dir, run)
    return "\n".join([summary(data_dir, int(run["id"])), *report.lines()])


def summary(data_dir: Path, run_id: int) -> str:
    from archive.store import Archive

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
        f"status:  secnews status --data {data_dir}",
        f"query:   sqlite3 {db_path} 'SELECT site, published, title FROM articles'",
    ]
    return "\n".join(lines)
