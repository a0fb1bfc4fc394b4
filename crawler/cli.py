"""The ``secnews`` command: thin click commands over the crawler and archive libraries.

Results go to stdout, logs to stderr. Exit codes: 0 ok, 1 a crawl ran but a check failed,
2 bad usage or bad configuration (the message names the file and the field).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from crawler import __version__
from crawler.siteconfig import SiteConfigError

DATA_HELP = "Data directory (default ./data, or $SECNEWS_DATA)."


class ConfigProblem(click.ClickException):
    """A bad site config or argument: exit code 2, like click's own usage errors."""

    exit_code = 2


def data_option(function: Any) -> Any:
    return click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=lambda: os.environ.get("SECNEWS_DATA", "data"),
        show_default="./data",
        help=DATA_HELP,
    )(function)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="secnews")
def main() -> None:
    """secnews: archive the news pages of official bodies into a versioned SQLite corpus."""


@main.command()
@click.argument("targets", nargs=-1, required=True, metavar="SITE|URL...")
@data_option
@click.option(
    "--sites",
    "sites_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory of site configs (default: the bundled crawler/sites).",
)
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
@click.option(
    "-s",
    "--set",
    "extra",
    multiple=True,
    metavar="NAME=VALUE",
    help="Override a Scrapy setting for this run.",
)
@click.option(
    "--log-level",
    default="INFO",
    show_default=True,
    type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]),
)
def crawl(
    targets: tuple[str, ...],
    data_dir: Path,
    sites_dir: Path | None,
    max_pages: int,
    since: str | None,
    full: bool,
    delay: float | None,
    concurrency: int | None,
    extra: tuple[str, ...],
    log_level: str,
) -> None:
    """Crawl configured sites by name, or any start URL with no config at all.

    Example: secnews crawl sample-secretariat --max-pages 200
    """
    from crawler.runner import CrawlOptions, resolve_targets, run_crawl

    try:
        sites = resolve_targets(targets, sites_dir)
    except SiteConfigError as exc:
        raise ConfigProblem(str(exc)) from exc
    options = CrawlOptions(
        data_dir=data_dir,
        sites_dir=sites_dir,
        max_pages=max_pages,
        delay=delay,
        concurrency=concurrency,
        since=_iso_date(since),
        full=full,
        log_level=log_level,
        extra_settings=_settings_pairs(extra),
    )
    run = run_crawl(sites, options)
    click.echo(_run_summary(run))
    if run["status"] != "ok":
        sys.exit(1)


@main.command()
@click.argument("source", metavar="FILE|URL")
@click.option("--url", help="The page's URL, when SOURCE is a saved file.")
@click.option("--timezone", help="IANA timezone for times without an offset.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def extract(source: str, url: str | None, timezone: str | None, as_json: bool) -> None:
    """Extract one page: title, published, author, language, text, images.

    Example: secnews extract saved.html --url http://example.org/news/1.html --json
    """
    from crawler.extract import ExtractHints, extract_article
    from crawler.fetch import read_source

    try:
        body, content_type, page_url = read_source(source, url)
    except (OSError, ValueError) as exc:
        raise ConfigProblem(f"{source}: {exc}") from exc
    record = extract_article(
        body, page_url, content_type=content_type, hints=ExtractHints(timezone=timezone)
    )
    if record is None:
        raise click.ClickException(f"{source}: no article body found")
    data = record.to_dict()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for key in (
        "url",
        "title",
        "published",
        "published_source",
        "published_raw",
        "author",
        "language",
    ):
        click.echo(f"{key:>17}: {data[key] or ''}")
    for image in data["images"]:
        click.echo(
            f"{'image':>17}: {image['url']}  alt={image['alt']!r} caption={image['caption']!r}"
        )
    click.echo("")
    click.echo(data["text"])


@main.command("sample-site")
@click.option("--ephemeral", is_flag=True, help="Use free ports instead of 8701/8702.")
def sample_site(ephemeral: bool) -> None:
    """Serve the bundled sample sites on 127.0.0.1 until interrupted.

    Example: secnews sample-site  (then: secnews crawl sample-secretariat)
    """
    import threading

    from crawler.sample_site import SampleSite

    with SampleSite(ephemeral=ephemeral) as site:
        for name, base in site.urls.items():
            click.echo(f"{name} {base}")
        click.echo("serving; press Ctrl-C to stop", err=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass


@main.command()
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
    from crawler.demo import run_demo

    click.echo(run_demo(data_dir, log_level=log_level))


def _run_summary(run: dict[str, Any]) -> str:
    return (
        f"run {run['id']} {run['status']}: {run['requests'] or 0} requests, "
        f"{run['articles_new'] or 0} new, {run['articles_updated'] or 0} updated, "
        f"{run['articles_unchanged'] or 0} unchanged, {run['errors'] or 0} fetch errors"
    )


def _settings_pairs(pairs: tuple[str, ...]) -> dict[str, str]:
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ConfigProblem(f"-s {pair}: expected NAME=VALUE")
        settings[name.strip()] = value
    return settings


def _iso_date(value: str | None) -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConfigProblem(f"--since {value}: expected a date like 2024-01-31") from exc


if __name__ == "__main__":
    main()
