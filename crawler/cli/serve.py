"""``secnews serve``: the archive in Datasette, read-only, with its metadata and plugins."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from crawler.cli import ConfigProblem, data_option


@click.command()
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
