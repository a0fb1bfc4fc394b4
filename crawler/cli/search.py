"""``secnews search`` and ``secnews reindex``: query the full-text index, rebuild it.

Hits print a few lines each, matches in bold on a terminal; ``--json`` for scripts.
"""

from __future__ import annotations

import json
import re
import sys
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING

import click

from crawler.cli import (
    ConfigProblem,
    data_option,
    existing_archive,
    iso_date,
    known_sites,
    require_archive,
)

if TYPE_CHECKING:
    from archive.search.ranking import SearchHit


# A query may start with "-" (an excluded word): unknown options are taken as the query.
@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("query")
@data_option
@click.option("--site", help="Only this site's articles.")
@click.option("--lang", "language", metavar="LANG", help="Only articles in LANG (zh, ru, en…).")
@click.option("--since", metavar="DATE", help="Only articles published on or after DATE.")
@click.option("--until", metavar="DATE", help="Only articles published on or before DATE.")
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="At most N hits."
)
@click.option(
    "--across-versions",
    is_flag=True,
    help="One hit a release, found in any of its languages (with --lang: shown in LANG).",
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
    across_versions: bool,
    as_json: bool,
) -> None:
    """Search the archive in any language; best first, newest first on ties.

    Words are ANDed; OR joins two terms; -word excludes; "quoted words" must appear together
    as written. A word finds its inflections (саммит finds саммита); a Chinese word of any
    length is found inside longer text. With --json each hit carries "versions": its
    release's versions in every language (language → id and URL). --across-versions finds a
    release by any of its versions: `--lang ru --across-versions 撒马尔罕` lists the Russian
    versions of the releases whose Chinese version says 撒马尔罕.

    Example: secnews search '北斗 OR саммит -"press office"' --since 2023-01-01 --json
    """
    from archive.languages.searching import hits_with_versions, search_across_versions
    from archive.search.query import QueryError
    from archive.search.ranking import SearchFilters
    from archive.search.ranking import search as find

    dates = {"--since": since, "--until": until}
    since, until = (iso_date(value, option) for option, value in dates.items())
    filters = SearchFilters(site, language, since, until, limit)
    with existing_archive(data_dir) as archive:
        known_sites(archive, [site])
        try:
            if across_versions:
                hits = search_across_versions(archive.db, query, filters)
            else:
                hits = find(archive.db, query, filters)
        except QueryError as exc:
            raise ConfigProblem(str(exc)) from exc
        rows = hits_with_versions(archive.db, hits) if as_json else []
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif hits:
        click.echo("\n".join(hit_lines(hits, color=sys.stdout.isatty())))
    else:
        click.echo("no articles found", err=True)


@click.command()
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

    from archive.lock import writing
    from archive.search.index import rebuild_index

    require_archive(data_dir)  # before the lock, which would make the directory
    with writing(data_dir, "secnews reindex"), existing_archive(data_dir) as archive:
        total, started = archive.db["articles"].count, time.monotonic()
        bar = click.progressbar(length=total, label="indexing", file=sys.stderr)
        with bar, archive.db.conn:
            count = rebuild_index(archive.db, workers=workers, progress=bar.update)
        archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # a rebuild rewrites it all
    click.echo(f"indexed {count} articles in {time.monotonic() - started:.1f} s")


# How hits print

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def plain_snippet(snippet: str, *, color: bool) -> str:
    """An HTML snippet as terminal text: matches bold (or in [brackets] without colour)."""

    def mark(match: re.Match[str]) -> str:
        text = match.group(1)
        return click.style(text, bold=True, fg="yellow") if color else f"[{text}]"

    return unescape(_MARK.sub(mark, snippet))


def hit_lines(hits: list[SearchHit], *, color: bool) -> list[str]:
    """Title, site/date/language/score line, URL and snippet of each hit."""
    lines = []
    for number, hit in enumerate(hits, 1):
        title = hit.title or "(no title)"
        lines.append(f"{number}. {click.style(title, bold=True) if color else title}")
        score = "newest first" if hit.score is None else f"score {hit.score}"
        facts = [hit.site, hit.published or "undated", hit.language or "?", score]
        lines.append("   " + " · ".join(facts) + f" · article {hit.id}")
        lines.append(f"   {hit.url}")
        lines.append(f"   {plain_snippet(hit.snippet, color=color)}")
        lines.append("")
    return lines
