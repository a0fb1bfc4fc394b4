"""``secnews history``: every version of an article, with a diff of what changed."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli import ConfigProblem, data_option


@click.command()
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
