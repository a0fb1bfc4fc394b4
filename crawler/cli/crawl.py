"""``secnews crawl``: crawl sites by name, every configured site, or any start URL; then
check each site's health, and show the crawl live on a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console, Group
from rich.live import Live
from rich.table import Table
from rich.text import Text

from archive.operations.findings import HealthPolicy
from crawler.cli import (
    ConfigProblem,
    TerminalDisplay,
    data_option,
    iso_date,
    setting_pairs,
    settings_option,
    sites_option,
)
from crawler.sites.config import SiteConfig, SiteConfigError

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.runs.checkup import CrawlReport


@click.command()
@click.argument("targets", nargs=-1, metavar="[SITE|URL]...")
@click.option("--all", "all_sites", is_flag=True, help="Crawl every site in the sites directory.")
@data_option
@sites_option
@click.option(
    "--max-pages",
    type=click.IntRange(min=0),
    default=0,
    help="Send at most N requests a site (0: no limit).",
)
@click.option("--since", metavar="DATE", help="Archive only articles published on or after DATE.")
@click.option("--full", is_flag=True, help="Fetch everything again, not only what is new or due.")
@click.option("--delay", type=click.FloatRange(min=0), help="Seconds between requests to a site.")
@click.option("--concurrency", type=click.IntRange(1, 16), help="Parallel requests a site.")
@settings_option
@click.option(
    "--log-level",
    default="WARNING",
    show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
    help="What the log shows besides the summary: INFO adds Scrapy's startup and stats.",
)
@click.option("-v", "--verbose", is_flag=True, help="Same as --log-level INFO.")
@click.option(
    "--webhook",
    envvar="SECNEWS_WEBHOOK",
    metavar="URL",
    help="POST a JSON alert here when a health rule fails (or $SECNEWS_WEBHOOK).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Live progress table (default: when stdout is a terminal).",
)
def crawl(
    targets: tuple[str, ...],
    all_sites: bool,
    data_dir: Path,
    sites_dir: Path | None,
    max_pages: int,
    since: str | None,
    full: bool,
    delay: float | None,
    concurrency: int | None,
    extra: tuple[str, ...],
    log_level: str,
    verbose: bool,
    webhook: str | None,
    progress: bool | None,
) -> None:
    """Crawl configured sites by name, every configured site (--all), or any start URL.

    After the crawl each site's health is checked; exit 1 if a check fails.

    Example: secnews crawl sample-secretariat --max-pages 200
    (or every site: secnews crawl --all --sites ./my-sites)
    """
    from crawler.runs.runner import CrawlOptions
    from crawler.sites.tools import crawl_targets

    if bool(targets) == all_sites:
        raise click.UsageError("give SITE|URL... or --all (not both)")
    _check_webhook(webhook)
    try:
        sites = crawl_targets(targets, sites_dir, all_sites=all_sites)
        policy = HealthPolicy.from_environment(os.environ)
    except SiteConfigError as exc:
        raise ConfigProblem(str(exc)) from exc
    except ValueError as exc:  # a threshold set in the environment (secnews.env)
        raise ConfigProblem(f"environment: {exc}") from exc
    show = sys.stdout.isatty() if progress is None else progress
    if verbose and _is_default("log_level"):
        log_level = "INFO"
    options = CrawlOptions(
        data_dir=data_dir,
        sites_dir=sites_dir,
        max_pages=max_pages,
        delay=delay,
        concurrency=concurrency,
        since=iso_date(since),
        full=full,
        log_level=log_level,
        extra_settings=setting_pairs(extra),
    )
    run = _run_crawl(sites, options, show)
    click.echo(_run_summary(run))
    if "disk_full" in run["status"]:
        raise click.ClickException(
            f"{data_dir} is full: the crawl stopped; what it stored is intact, free some "
            "space and crawl again to resume"
        )
    report = _check_run(data_dir, run, webhook, policy, sites)
    for line in _change_lines(data_dir, int(run["id"])):
        click.echo(line)
    for line in report.lines():
        click.echo(line)
    if report.alert_error:
        click.echo(f"alert to {webhook} failed: {report.alert_error}", err=True)
    if report.failed:
        sys.exit(1)


def _check_run(
    data_dir: Path,
    run: dict[str, Any],
    webhook: str | None,
    policy: HealthPolicy,
    sites: list[SiteConfig],
) -> CrawlReport:
    """The run's health report; a clear error when the disk filled as the crawl ended and
    the report could not be recorded."""
    import sqlite3

    from archive.diskfull import is_storage_full
    from crawler.runs.checkup import check_run

    try:
        return check_run(data_dir, run, webhook=webhook, policy=policy, sites=sites)
    except sqlite3.Error as exc:
        if not is_storage_full(exc):
            raise
        raise click.ClickException(
            f"{data_dir} is full: the crawl ended but its health check could not be recorded; "
            "free some space and crawl again"
        ) from exc


def _run_crawl(sites: list[Any], options: Any, show_progress: bool) -> dict[str, Any]:
    from archive.diskfull import is_storage_full
    from crawler.runs.runner import run_crawl

    try:
        if not show_progress:
            return run_crawl(sites, options)
        with CrawlProgress([site.name for site in sites]) as display:
            return run_crawl(sites, options, watch=display.watch)
    except Exception as exc:
        if not is_storage_full(exc):
            raise
        raise click.ClickException(f"cannot write to {options.data_dir}: {exc}") from exc


def _is_default(parameter: str) -> bool:
    source = click.get_current_context().get_parameter_source(parameter)
    return source in (None, click.core.ParameterSource.DEFAULT)


def _check_webhook(url: str | None) -> None:
    from crawler.runs.alerts import check_webhook_url

    if url:
        try:
            check_webhook_url(url)
        except ValueError as exc:
            raise ConfigProblem(f"--webhook: {exc}") from exc


def _run_summary(run: dict[str, Any]) -> str:
    return (
        f"run {run['id']} {run['status']}: {run['requests'] or 0} requests, "
        f"{run['articles_new'] or 0} new, {run['articles_updated'] or 0} updated, "
        f"{run.get('articles_gone') or 0} gone, "
        f"{run['articles_unchanged'] or 0} unchanged, {run['errors'] or 0} fetch errors"
    )


MAX_CHANGES = 20  # archived articles the summary names a kind of change; the rest are counted


def _change_lines(data_dir: Path, run_id: int) -> list[str]:
    """One line an archived article the run found updated, gone or back, by kind."""
    from archive.store import Archive

    with Archive(data_dir) as archive:
        changes = archive.run_changes(run_id)
    lines = []
    for kind in ("updated", "gone", "back"):
        urls = [change["url"] for change in changes if change["change"] == kind]
        lines += [f"{kind:<8} {url}" for url in urls[:MAX_CHANGES]]
        if len(urls) > MAX_CHANGES:
            lines.append(f"{kind:<8} … {len(urls) - MAX_CHANGES} more (secnews status --json)")
    return lines


# The live view

MAX_ROWS = 12  # sites listed at once; the rest are counted


@dataclass(frozen=True)
class SiteProgress:
    site: str
    state: str  # waiting, crawling, or how it finished
    requests: int
    new: int
    updated: int
    errors: int


def _count(stats: dict[str, Any], *keys: str) -> int:
    return sum(int(stats.get(key, 0) or 0) for key in keys)


class CrawlProgress(TerminalDisplay):
    """A live table of the crawl while it runs; pass ``watch`` to ``run_crawl``.

    Read from each crawler's stats; logs scroll above it. Shown only when stdout is a
    terminal: under cron or systemd the crawl writes plain logs.
    """

    def __init__(self, names: Sequence[str], console: Console | None = None) -> None:
        self.names = list(names)
        self.console = console or Console()
        self.crawlers: list[Crawler] = []

    def watch(self, crawlers: Sequence[Crawler]) -> None:
        self.crawlers = list(crawlers)

    def _shown(self) -> Live:
        # Started before Scrapy sets up logging, so its handler writes through rich's proxy.
        return Live(
            get_renderable=self.render,
            console=self.console,
            refresh_per_second=4,
            redirect_stderr=True,
        )

    def site_rows(self) -> list[SiteProgress]:
        """Every site's progress, in crawl order."""
        rows = []
        for name, crawler in zip(self.names, self.crawlers, strict=False):
            stats: dict[str, Any] = crawler.stats.get_stats() if crawler.stats else {}
            rows.append(
                SiteProgress(
                    name,
                    str(stats.get("finish_reason") or ("crawling" if stats else "waiting")),
                    _count(stats, "secnews/requests"),
                    _count(stats, "secnews/articles/new", "secnews/articles/duplicate"),
                    _count(stats, "secnews/articles/updated"),
                    _count(stats, "secnews/fetch_errors"),
                )
            )
        return rows

    def render(self) -> Group:
        rows = self.site_rows()
        done = sum(1 for row in rows if row.state not in ("crawling", "waiting"))
        head = Text(
            f"{done}/{len(self.names)} sites done · {sum(r.requests for r in rows)} requests · "
            f"{sum(r.new for r in rows)} new · {sum(r.updated for r in rows)} updated · "
            f"{sum(r.errors for r in rows)} fetch errors",
            style="bold",
        )
        table = Table(box=None, pad_edge=False)
        for column in fields(SiteProgress):
            justify = "left" if column.name in ("site", "state") else "right"
            table.add_column(column.name, justify=justify)  # type: ignore[arg-type]
        active = [row for row in rows if row.state == "crawling"] or rows[-MAX_ROWS:]
        for row in active[:MAX_ROWS]:
            table.add_row(*(str(value) for value in astuple(row)))
        if len(active) > MAX_ROWS:
            table.add_row(f"… {len(active) - MAX_ROWS} more crawling", "", "", "", "", "")
        return Group(head, table)
