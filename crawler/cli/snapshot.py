"""``secnews snapshot`` and ``secnews verify``: write a dated, checksummed snapshot for
researchers, and check one; a bar a stage on a terminal, and a summary.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from crawler.cli import (
    ConfigProblem,
    TerminalDisplay,
    data_option,
    existing_archive,
    iso_date,
    known_sites,
)

if TYPE_CHECKING:
    from archive.snapshot.take import SnapshotResult
    from archive.snapshot.verify import Report


@click.command()
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
    help="Some of sqlite, parquet, jsonl, csv, text (default: these five), and wacz.",
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

    with existing_archive(data_dir) as archive:
        known_sites(archive, site_names)
    chosen = tuple(f.strip() for spec in formats for f in spec.split(",") if f.strip())
    dates = {"--since": since, "--until": until, "--date": date}
    since, until, date = (iso_date(value, option) for option, value in dates.items())
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


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@data_option
def verify(path: Path, data_dir: Path) -> None:
    """Check a snapshot: every file against SHA256SUMS and datapackage.json, and archive.db's
    integrity_check. Exits 1 naming the first file that does not match.

    PATH is a snapshot folder, .tar.gz or .zip, or the name of one in DATA/snapshots.

    Example: secnews verify data/snapshots/secnews-main-2024-05-01
    """
    from archive.snapshot.verify import verify_snapshot

    if not path.exists() and (data_dir / "snapshots" / path).exists():
        path = data_dir / "snapshots" / path
    if not path.exists():
        raise ConfigProblem(f"{path}: no such snapshot")
    with StageProgress() as progress:
        report = verify_snapshot(path, progress)
    click.echo("\n".join(verify_lines(str(path), report)))
    if not report.ok:
        sys.exit(1)


# How a snapshot and a check show themselves


class StageProgress(TerminalDisplay):
    """A bar a stage (copy, parquet articles, text, verify…) on stderr, when it is a terminal.

    Called as ``progress(stage, done, total)`` by the archive's snapshot and verify code.
    """

    def __init__(self) -> None:
        self._bars: Progress | None = None
        self._tasks: dict[str, Any] = {}

    def _shown(self) -> Progress | None:
        if sys.stderr.isatty():
            self._bars = Progress(
                TextColumn("{task.description:<24}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
        return self._bars

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self._bars is None:
            return
        if stage not in self._tasks:
            self._tasks[stage] = self._bars.add_task(stage, total=total or None)
        self._bars.update(self._tasks[stage], completed=done, total=total or None)


def snapshot_lines(result: SnapshotResult) -> list[str]:
    facts = result.facts
    lines = [
        f"snapshot: {result.path}",
        f"holds:    {facts.summary()} ({result.files} files)",
        f"as of:    {facts.created}",
        f"SHA256SUMS sha256: {result.sums_sha256}",
    ]
    if facts.extends:
        lines.insert(2, f"extends:  {facts.extends['name']} (only what changed since)")
    if result.archive:
        lines.append(f"packed:   {result.archive}")
    for kind, names in sorted(facts.missing.items()):
        lines.append(f"warning:  {len(names)} {kind} files referenced but not found")
    return lines


def snapshot_json(result: SnapshotResult) -> dict[str, Any]:
    """The snapshot's facts as `secnews snapshot --json` prints them."""
    return {
        "name": result.facts.name,
        "path": str(result.path),
        "archive_file": str(result.archive) if result.archive else None,
        "sha256sums": result.sums_sha256,
        "files": result.files,
        **result.facts.secnews_section(),
    }


def verify_lines(path: str, report: Report) -> list[str]:
    if report.ok:
        checked = "; archive.db integrity ok" if report.database_checked else ""
        return [f"OK {path}: {report.files} files match SHA256SUMS and datapackage.json{checked}"]
    return [f"FAIL {problem}" for problem in report.problems]
