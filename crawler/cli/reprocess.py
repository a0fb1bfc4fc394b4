"""``secnews reprocess``: re-extract every stored page from its WARC record, offline."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from crawler.cli import data_option, existing_archive, known_sites, require_archive


@click.command()
@data_option
@click.option("--site", help="Only this site's articles.")
@click.option(
    "--sites",
    "sites_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Directory of site configs, for their selectors (default: the bundled ones).",
)
@click.option(
    "--reclassify",
    is_flag=True,
    help="Instead: judge every stored article as news again and say how many are not.",
)
@click.option(
    "--apply", is_flag=True, help="With --reclassify: drop them (their WARC records stay)."
)
def reprocess(
    data_dir: Path, site: str | None, sites_dir: Path | None, reclassify: bool, apply: bool
) -> None:
    """Re-extract every stored page from its WARC record, with no network.

    Articles whose extraction changed get a new version marked `reprocess`. Only captures
    the crawl accepted are read, within its size limits. With --reclassify, each stored
    article is weighed as a crawl now weighs a page (is it news?); those that are not
    are listed with the reason, and dropped with --apply.

    Example: secnews reprocess --site sample-secretariat --reclassify
    """
    if apply and not reclassify:
        raise click.UsageError("--apply goes with --reclassify")
    if reclassify:
        _reclassify(data_dir, site, sites_dir, apply)
        return
    from crawler.runs.reprocess import reprocess as run_reprocess

    with _captures(data_dir, site, "secnews reprocess", "re-extracting") as (total, bar):
        counts = run_reprocess(data_dir, site=site, sites_dir=sites_dir, progress=bar.update)
    line = (
        f"{total} pages: {counts['updated']} updated, {counts['unchanged']} unchanged, "
        f"{counts['no_body']} without a body now, {counts['unreadable']} unreadable"
    )
    if counts["too_large"]:
        line += f", {counts['too_large']} over the crawl's size limits (not extracted)"
    click.echo(line)


@contextlib.contextmanager
def _captures(
    data_dir: Path, site: str | None, command: str, label: str
) -> Iterator[tuple[int, Any]]:
    """Under the data directory's writer lock: how many captures there are to read (of a
    known site) and a progress bar over them."""
    from archive.lock import writing
    from crawler.runs.reprocess import count_captures

    require_archive(data_dir)  # before the lock, which would make the directory
    with writing(data_dir, command):
        with existing_archive(data_dir) as archive:
            known_sites(archive, [site])
            total = count_captures(archive, site)
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield total, bar


def _reclassify(data_dir: Path, site: str | None, sites_dir: Path | None, apply: bool) -> None:
    from crawler.runs.reclassify import reclassify

    command = "secnews reprocess --reclassify"
    with _captures(data_dir, site, command, "weighing") as (total, bar):
        found = reclassify(
            data_dir, site=site, sites_dir=sites_dir, apply=apply, progress=bar.update
        )
    for url, verdict in sorted(found.not_news.items()):
        click.echo(f"{url}\t{verdict}")
    outcome = (
        f"dropped {found.dropped}, their WARC records kept"
        if apply
        else "would be dropped (--apply drops them, keeping their WARC records)"
    )
    click.echo(
        f"{total} articles: {found.kept} still news, {len(found.not_news)} not news: {outcome}"
        + (f"; {found.unreadable} unreadable" if found.unreadable else "")
    )
