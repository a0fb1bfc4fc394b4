"""``secnews extract``: one page, saved or fetched, to its title, date, byline, text and images."""

from __future__ import annotations

import json

import click

from crawler.cli import ConfigProblem, setting_pairs, settings_option


@click.command()
@click.argument("source", metavar="FILE|URL")
@click.option(
    "--url",
    help="The page's URL, when SOURCE is a saved file (default: the address the page declares"
    " in <base href>, og:url or its canonical link).",
)
@click.option("--timezone", help="IANA timezone for times without an offset.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@settings_option
def extract(
    source: str, url: str | None, timezone: str | None, as_json: bool, extra: tuple[str, ...]
) -> None:
    """Extract one page: title, published, author, language, text, images.

    A URL is fetched as a crawl fetches it: never from a private address, never by a
    redirect off its site, within the crawl's size and time limits.

    Example: secnews extract saved.html --url http://example.org/news/1.html --json
    """
    from crawler.extract import ExtractHints, declared_address, extract_article
    from crawler.politefetch import read_source
    from crawler.sites.config import known_timezone

    if timezone is not None and not known_timezone(timezone):
        raise ConfigProblem(f"--timezone {timezone}: not an IANA timezone (e.g. Europe/Vienna)")
    try:
        body, content_type, page_url = read_source(source, url, setting_pairs(extra))
    except (OSError, ValueError) as exc:
        raise ConfigProblem(f"{source}: {exc}") from exc
    if url is None and page_url.startswith("file:"):
        page_url = declared_address(body, content_type) or page_url
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
