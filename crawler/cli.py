"""The ``secnews`` command: thin click commands over the crawler and archive libraries.

Results go to stdout, logs to stderr. Exit codes: 0 ok, 1 a crawl ran but a check failed,
2 bad usage or bad configuration (the message names the file and the field).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crawler import __version__
from crawler.siteconfig import SiteConfigError

if TYPE_CHECKING:
    from crawler.checkup import CrawlReport

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


SITES_HELP = "Directory of site configs (default: $SECNEWS_SITES, else the bundled crawler/sites)."


def sites_option(function: Any) -> Any:
    return click.option(
        "--sites",
        "sites_dir",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        envvar="SECNEWS_SITES",
        help=SITES_HELP,
    )(function)


@main.command()
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
    webhook: str | None,
    progress: bool | None,
) -> None:
    """Crawl configured sites by name, every configured site (--all), or any start URL.

    After the crawl each site's health is checked; exit 1 if a check fails.

    Example: secnews crawl sample-secretariat --max-pages 200
    (or every site: secnews crawl --all --sites ./my-sites)
    """
    from crawler.runner import CrawlOptions
    from crawler.sitetools import crawl_targets

    if bool(targets) == all_sites:
        raise click.UsageError("give SITE|URL... or --all (not both)")
    _check_webhook(webhook)
    try:
        sites = crawl_targets(targets, sites_dir, all_sites=all_sites)
    except SiteConfigError as exc:
        raise ConfigProblem(str(exc)) from exc
    show = sys.stdout.isatty() if progress is None else progress
    if show and _is_default("log_level"):
        log_level = "WARNING"  # INFO lines would bury the table
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
    run = _run_crawl(sites, options, show)
    report = None if "disk_full" in run["status"] else _check_run(data_dir, run, webhook)
    if report is None:
        click.echo(_run_summary(run))
        raise click.ClickException(
            f"{data_dir} is full: the crawl stopped; what it stored is intact, free some "
            "space and crawl again to resume"
        )
    click.echo(_run_summary(run))
    for line in report.lines():
        click.echo(line)
    if report.alert_error:
        click.echo(f"alert to {webhook} failed: {report.alert_error}", err=True)
    if report.failed:
        sys.exit(1)


def _check_run(data_dir: Path, run: dict[str, Any], webhook: str | None) -> CrawlReport | None:
    """The run's health report, or None when the disk filled as the crawl ended (its
    last writes, its health rows) and the report could not be recorded."""
    import sqlite3

    from archive.diskfull import is_storage_full
    from crawler.checkup import check_run

    try:
        return check_run(data_dir, run, webhook=webhook)
    except sqlite3.Error as exc:
        if not is_storage_full(exc):
            raise
        return None


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
def sample_site(ephemeral: bool, fault: str | None, edition: int) -> None:
    """Serve the bundled sample sites on 127.0.0.1 until interrupted.

    Example: secnews sample-site  (then: secnews crawl sample-secretariat)
    """
    import contextlib
    import threading

    from crawler.sample_site import SampleSite, SiteState

    with SampleSite(ephemeral=ephemeral, fault=fault, state=SiteState(edition)) as site:
        for name, base in site.urls.items():
            click.echo(f"{name} {base}")
        click.echo("serving; press Ctrl-C to stop", err=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


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


@main.command()
@click.argument("url")
@data_option
def history(url: str, data_dir: Path) -> None:
    """Show every version of the article at URL, with a diff of what changed.

    Example: secnews history 'http://www.example.gov/news/show.php?id=708'
    """
    from archive.store import Archive
    from archive.store.versions import render_history, versions

    with Archive(data_dir) as archive:
        article_id = archive.article_for_url(url)
        if article_id is None:
            raise ConfigProblem(f"{url}: no archived article has this URL")
        for line in render_history(versions(archive.db, article_id)):
            click.echo(line)


@main.command()
@data_option
@click.option("--site", help="Only this site's articles.")
@click.option(
    "--sites",
    "sites_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory of site configs, for their selectors (default: the bundled ones).",
)
def reprocess(data_dir: Path, site: str | None, sites_dir: Path | None) -> None:
    """Re-extract every stored page from its WARC record, with no network.

    Articles whose extraction changed get a new version marked `reprocess`.

    Example: secnews reprocess --site sample-secretariat
    """
    from archive.store import Archive
    from crawler.reprocess import count_captures
    from crawler.reprocess import reprocess as run_reprocess

    with Archive(data_dir) as archive:
        total = count_captures(archive, site)
    with click.progressbar(length=total, label="re-extracting", file=sys.stderr) as bar:
        counts = run_reprocess(data_dir, site=site, sites_dir=sites_dir, progress=bar.update)
    click.echo(
        f"{total} pages: {counts['updated']} updated, {counts['unchanged']} unchanged, "
        f"{counts['no_body']} without a body now, {counts['unreadable']} unreadable"
    )


@main.command()
@data_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one object a site.")
def status(data_dir: Path, as_json: bool) -> None:
    """Per-site health: last run, result, new and updated articles, errors, findings.

    The same rows are the `site_status` view of the archive, which Datasette shows.

    Example: secnews status --data /var/lib/secnews --json
    """
    from archive.operations.status import site_status
    from archive.store import Archive

    if not (data_dir / "archive.db").exists():
        raise ConfigProblem(f"--data {data_dir}: no archive.db there (crawl something first)")
    with Archive(data_dir) as archive:
        rows = site_status(archive.db)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from crawler.statusview import print_status

    print_status(rows)


@main.command()
@data_option
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the snapshot (default DATA/snapshots).",
)
@click.option("--since", metavar="DATE", help="Only articles published on or after DATE.")
@click.option("--until", metavar="DATE", help="Only articles published on or before DATE.")
@click.option("--site", "site_names", multiple=True, metavar="S", help="Only this site (repeat).")
@click.option(
    "--formats",
    multiple=True,
    metavar="F,...",
    help="Some of sqlite, parquet, jsonl, csv, text (default: all).",
)
@click.option("--with-warc", is_flag=True, help="Copy the WARC files the selection came from.")
@click.option("--with-media", is_flag=True, help="Copy the selection's downloaded images.")
@click.option(
    "--since-snapshot",
    type=click.Path(exists=True, path_type=Path),
    help="Write only what was added or changed since this snapshot.",
)
@click.option(
    "--archive",
    "pack_as",
    type=click.Choice(["tar.gz", "zip"]),
    help="Also pack the snapshot into one file.",
)
@click.option("--date", metavar="DATE", help="Date in the name (default: the data's as-of date).")
@click.option("--name", help="Archive name in the snapshot's name (default: the data dir's).")
@click.option(
    "--license",
    "license_id",
    default="CC-BY-4.0",
    show_default=True,
    help="SPDX licence of the compilation.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the snapshot's facts as JSON.")
def snapshot(
    data_dir: Path,
    out_dir: Path | None,
    since: str | None,
    until: str | None,
    site_names: tuple[str, ...],
    formats: tuple[str, ...],
    with_warc: bool,
    with_media: bool,
    since_snapshot: Path | None,
    pack_as: str | None,
    date: str | None,
    name: str | None,
    license_id: str,
    as_json: bool,
) -> None:
    """Write a dated, checksummed snapshot of the archive for researchers.

    SQLite, Parquet, JSON Lines, CSV and plain text, with datapackage.json, SHA256SUMS, a
    README data dictionary and CITATION.cff. The same archive state gives the same files.

    Example: secnews snapshot --site sample-forum --since 2023-01-01 --archive zip
    """
    from archive.snapshot.selection import Selection
    from archive.snapshot.take import FORMATS, SnapshotError, SnapshotOptions, take_snapshot
    from crawler.snapshotview import StageProgress, snapshot_json, snapshot_lines

    chosen = tuple(f.strip() for spec in formats for f in spec.split(",") if f.strip())
    dates = {"--since": since, "--until": until, "--date": date}
    since, until, date = (_iso_date(value, option) for option, value in dates.items())
    selected = Selection(site_names, since, until) if (site_names or since or until) else None
    options = SnapshotOptions(
        out_dir=out_dir,
        selection=selected,
        formats=chosen or FORMATS,
        with_warc=with_warc,
        with_media=with_media,
        since_snapshot=since_snapshot,
        archive=pack_as,
        date=date,
        name=name,
        license=license_id,
    )
    try:
        with StageProgress() as progress:
            result = take_snapshot(data_dir, options, progress)
    except SnapshotError as exc:
        raise ConfigProblem(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(snapshot_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(snapshot_lines(result)))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@data_option
def verify(path: Path, data_dir: Path) -> None:
    """Check a snapshot: every file against SHA256SUMS and datapackage.json, and archive.db's
    integrity_check. Exits 1 naming the first file that does not match.

    PATH is a snapshot folder, .tar.gz or .zip, or the name of one in DATA/snapshots.

    Example: secnews verify data/snapshots/secnews-main-2024-05-01
    """
    from archive.snapshot.verify import verify_snapshot
    from crawler.snapshotview import StageProgress, verify_lines

    if not path.exists() and (data_dir / "snapshots" / path).exists():
        path = data_dir / "snapshots" / path
    if not path.exists():
        raise ConfigProblem(f"{path}: no such snapshot")
    with StageProgress() as progress:
        report = verify_snapshot(path, progress)
    click.echo("\n".join(verify_lines(str(path), report)))
    if not report.ok:
        sys.exit(1)


# A query may start with "-" (an excluded word): unknown options are taken as the query.
@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("query")
@data_option
@click.option("--site", help="Only this site's articles.")
@click.option("--lang", "language", metavar="LANG", help="Only articles in LANG (zh, ru, en…).")
@click.option("--since", metavar="DATE", help="Only articles published on or after DATE.")
@click.option("--until", metavar="DATE", help="Only articles published on or before DATE.")
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="At most N hits."
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, best first.")
def search(
    query: str,
    data_dir: Path,
    site: str | None,
    language: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Search the archive in any language; best first, newest first on ties.

    Words are ANDed; OR joins two terms; -word excludes; "quoted words" must appear together
    as written. A word finds its inflections (саммит finds саммита); a Chinese word of any
    length is found inside longer text.

    Example: secnews search '北斗 OR саммит -"press office"' --since 2023-01-01 --json
    """
    from dataclasses import asdict

    from archive.search.query import QueryError
    from archive.search.ranking import SearchFilters
    from archive.search.ranking import search as find
    from crawler.searchview import hit_lines

    dates = {"--since": since, "--until": until}
    since, until = (_iso_date(value, option) for option, value in dates.items())
    filters = SearchFilters(site, language, since, until, limit)
    with _existing_archive(data_dir) as archive:
        try:
            hits = find(archive.db, query, filters)
        except QueryError as exc:
            raise ConfigProblem(str(exc)) from exc
    if as_json:
        click.echo(json.dumps([asdict(hit) for hit in hits], ensure_ascii=False, indent=2))
    elif hits:
        click.echo("\n".join(hit_lines(hits, color=sys.stdout.isatty())))
    else:
        click.echo("no articles found", err=True)


@main.command()
@data_option
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes that compute the search forms.",
)
def reindex(data_dir: Path, workers: int) -> None:
    """Rebuild the full-text index from every article (after an upgrade, or to compact it).

    Example: secnews reindex --data /var/lib/secnews --workers 2
    """
    import time

    from archive.search.index import rebuild_index

    with _existing_archive(data_dir) as archive:
        total, started = archive.db["articles"].count, time.monotonic()
        bar = click.progressbar(length=total, label="indexing", file=sys.stderr)
        with bar, archive.db.conn:
            count = rebuild_index(archive.db, workers=workers, progress=bar.update)
        archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a rebuild rewrites it all
    click.echo(f"indexed {count} articles in {time.monotonic() - started:.1f} s")


@main.command()
@data_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8001,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option("--immutable", is_flag=True, help="Open the archive as a file that never changes.")
@click.option(
    "--metadata",
    "overlay",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON merged over the generated metadata (title, license, source…).",
)
@click.option("--print-metadata", is_flag=True, help="Print the generated metadata and exit.")
def serve(
    data_dir: Path,
    host: str,
    port: int,
    immutable: bool,
    overlay: Path | None,
    print_metadata: bool,
) -> None:
    """Browse and search the archive in Datasette, read-only: articles with their images,
    versions, a chart of articles per month, and the plugins in archive/datasette/.

    Prints the URL it serves on, then serves until interrupted.

    Example: secnews serve --port 8001  (then open http://127.0.0.1:8001/)
    """
    from archive.datasette.app import ServeError, bind, make_datasette, metadata_for, run, url_of

    try:
        if print_metadata:
            click.echo(json.dumps(metadata_for(data_dir), ensure_ascii=False, indent=2))
            return
        datasette = make_datasette(data_dir, immutable=immutable, overlay=overlay)
        sock = bind(host, port)
    except (ServeError, OSError, ValueError) as exc:
        raise ConfigProblem(str(exc)) from exc
    click.echo(f"serving {data_dir / 'archive.db'} at {url_of(sock)}")
    sys.stdout.flush()
    run(datasette, sock)  # uvicorn stops cleanly on Ctrl-C


def _existing_archive(data_dir: Path) -> Any:
    from archive.store import DB_NAME, Archive

    if not (data_dir / DB_NAME).is_file():
        raise ConfigProblem(f"{data_dir / DB_NAME}: no archive here (crawl first, or pass --data)")
    return Archive(data_dir)


@main.group()
def sites() -> None:
    """Site configs: list them, check every file, add one from a start URL.

    Example: secnews sites check --sites ./my-sites
    """


@sites.command("list")
@sites_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
def sites_list(sites_dir: Path | None, as_json: bool) -> None:
    """List the configured sites: name, start URL, title.

    Example: secnews sites list --sites ./my-sites
    """
    from dataclasses import asdict

    from crawler.sitetools import list_sites

    try:
        listed = list_sites(sites_dir)
    except SiteConfigError as exc:
        raise ConfigProblem(f"{exc} (secnews sites check lists every problem)") from exc
    if as_json:
        click.echo(json.dumps([asdict(site) for site in listed], ensure_ascii=False, indent=2))
        return
    width = max([len(site.name) for site in listed] + [4])
    for site in listed:
        click.echo(f"{site.name:<{width}}  {site.start_url}  {site.title}")


@sites.command("check")
@sites_option
def sites_check(sites_dir: Path | None) -> None:
    """Check every site file; print each problem with its file and field (exit 2 if any).

    Example: secnews sites check --sites ./my-sites
    """
    from crawler.sitetools import check_sites

    checked, problems = check_sites(sites_dir)
    for problem in problems:
        click.echo(str(problem))
    files = len({problem.source for problem in problems})
    if problems:
        raise ConfigProblem(f"{len(problems)} problem(s) in {files} of {checked} site file(s)")
    click.echo(f"{checked} site file(s) OK")


@sites.command("add")
@click.argument("url")
@sites_option
@click.option("--name", help="Site name and file stem (default: from the URL's host).")
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between the dry run's requests.",
)
@click.option("--dry-run", is_flag=True, help="Only print what discovery finds; write nothing.")
def sites_add(
    url: str, sites_dir: Path | None, name: str | None, delay: float, dry_run: bool
) -> None:
    """Look at a new site (robots.txt, sitemaps, feeds, a listing) and write NAME.toml for it.

    Example: secnews sites add https://www.mfa.example/news/ --name mfa-example
    """
    from crawler.dryrun import discover
    from crawler.siteconfig import SiteConfig
    from crawler.sitetools import discovered_lines, new_site_path, site_toml, write_site_file

    try:
        name = name or SiteConfig.from_url(url).name
        path = new_site_path(sites_dir, name)
    except SiteConfigError as exc:
        raise ConfigProblem(str(exc)) from exc
    found = discover(url, delay=delay)
    for line in discovered_lines(found):
        click.echo(line)
    if found.blocked:
        raise ConfigProblem(f"{url}: robots.txt disallows it to secnews; not adding the site")
    if found.start_kind is None:
        where = f"it redirects to {found.moved_to}" if found.moved_to else "it could not be read"
        raise ConfigProblem(f"{url}: {where}; not adding the site")
    if dry_run:
        return
    try:
        write_site_file(path, site_toml(name, found))
    except (SiteConfigError, FileExistsError) as exc:
        raise ConfigProblem(f"{path}: not written: {exc}") from exc
    click.echo(f"wrote {path}")


def _run_crawl(sites: list[Any], options: Any, show_progress: bool) -> dict[str, Any]:
    from archive.diskfull import is_storage_full
    from crawler.runner import run_crawl

    try:
        if not show_progress:
            return run_crawl(sites, options)
        from crawler.progress import CrawlProgress

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
    from crawler.alerts import check_webhook_url

    if url:
        try:
            check_webhook_url(url)
        except ValueError as exc:
            raise ConfigProblem(f"--webhook: {exc}") from exc


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


def _iso_date(value: str | None, option: str = "--since") -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConfigProblem(f"{option} {value}: expected a date like 2024-01-31") from exc


if __name__ == "__main__":
    main()
