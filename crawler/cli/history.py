"""``secnews history`` and ``secnews link-languages``: an article's versions over time, with a
diff of what changed, and its versions in other languages, linked."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from crawler.cli import ConfigProblem, data_option, existing_archive, known_sites, require_archive


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


@click.command("link-languages")
@data_option
@click.option("--site", help="Only this site's articles (default: every site).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one object a site.")
def link_languages(data_dir: Path, site: str | None, as_json: bool) -> None:
    """Link the versions of one release in several languages, on their content.

    Filing already links the versions a page names (hreflang, or a language switcher that
    keeps the article's id). This pass weighs the rest: articles in other languages published
    within a day of each other that share images, distinctive numbers or names (Cyrillic
    transliterated). One weak signal never links. Running it again changes nothing; the
    links and their evidence are in the language_links table, the releases in
    release_versions.

    Example: secnews link-languages --site sample-secretariat --json
    """
    from archive.languages.content import link_by_content
    from archive.lock import writing

    require_archive(data_dir)  # before the lock, which would make the directory
    with writing(data_dir, "secnews link-languages"), existing_archive(data_dir) as archive:
        known_sites(archive, [site])
        names = [site] if site else [row[0] for row in archive.db.execute("SELECT name FROM sites")]
        summaries = []
        for name in names:
            with archive.db.atomic():
                summaries.append(link_by_content(archive.db, name, archive.data_dir))
    if as_json:
        click.echo(json.dumps([asdict(s) for s in summaries], ensure_ascii=False, indent=2))
        return
    for summary in summaries:
        click.echo(
            f"{summary.site}: {summary.articles} articles, {summary.weighed} pairs weighed, "
            f"{summary.linked} linked on content; {summary.releases} releases in several "
            "languages"
        )
