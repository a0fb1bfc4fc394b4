"""``secnews history``: every version of an article, with a diff of what changed."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli import ConfigProblem, data_option, existing_archive


@click.command()
@click.argument("article")
@data_option
def history(article: str, data_dir: Path) -> None:
    """Show every version of ARTICLE (its URL, or its id), with a diff of what changed.

    The id is the one `search` prints ("article 42") and Datasette's article pages use.

    Example: secnews history 'http://www.example.gov/news/show.php?id=708'
    """
    from archive.store.versions import render_history, versions

    with existing_archive(data_dir) as archive:
        if article.isdigit():
            found = archive.db.execute("SELECT id FROM articles WHERE id = ?", [int(article)])
            article_id = int(article) if found.fetchone() else None
            missing = f"article {article}: no article has this id"
        else:
            article_id = archive.article_for_url(article)
            missing = f"{article}: no archived article has this URL"
        if article_id is None:
            raise ConfigProblem(missing)
        for line in render_history(versions(archive.db, article_id)):
            click.echo(line)
