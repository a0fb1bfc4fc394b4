"""``secnews sites``: the site configs — list them, check every file, add one from a start URL."""

from __future__ import annotations

import json
from pathlib import Path

import click

from crawler.cli import ConfigProblem, setting_pairs, settings_option, sites_option
from crawler.sites.config import SiteConfigError


@click.group()
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

    from crawler.sites.tools import list_sites

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
    from crawler.settings import CONTACT_WARNING, NO_CONTACT, USER_AGENT
    from crawler.sites.tools import check_sites

    checked, problems = check_sites(sites_dir)
    for problem in problems:
        click.echo(str(problem))
    files = len({problem.source for problem in problems})
    if problems:
        raise ConfigProblem(f"{len(problems)} problem(s) in {files} of {checked} site file(s)")
    click.echo(f"{checked} site file(s) OK")
    if NO_CONTACT in USER_AGENT:
        click.echo(f"note: {CONTACT_WARNING}", err=True)


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
@settings_option
def sites_add(
    url: str,
    sites_dir: Path | None,
    name: str | None,
    delay: float,
    dry_run: bool,
    extra: tuple[str, ...],
) -> None:
    """Look at a new site (robots.txt, sitemaps, feeds, a listing) and write NAME.toml for it.

    Its requests are fetched as a crawl fetches: robots.txt obeyed, never off the site or at
    a private address, within the crawl's size and time limits.

    Example: secnews sites add https://www.mfa.example/news/ --name mfa-example
    """
    from crawler.discovery.dryrun import discover
    from crawler.sites.config import SiteConfig
    from crawler.sites.tools import (
        discovered_lines,
        new_site_path,
        next_step,
        site_toml,
        write_site_file,
    )

    try:
        name = name or SiteConfig.from_url(url).name
        path = new_site_path(sites_dir, name)
    except SiteConfigError as exc:
        raise ConfigProblem(str(exc)) from exc
    found = discover(url, delay=delay, settings=setting_pairs(extra))
    for line in discovered_lines(found):
        click.echo(line)
    if found.blocked and found.robots.startswith("HTTP 2"):
        raise ConfigProblem(f"{url}: robots.txt disallows it to secnews; not adding the site")
    if found.blocked:  # RFC 9309: a robots.txt that cannot be read allows nothing
        raise ConfigProblem(
            f"{url}: robots.txt could not be read ({found.robots}), so a crawl would request "
            "nothing; not adding the site"
        )
    if found.start_kind is None:
        where = f"it redirects to {found.moved_to}" if found.moved_to else "it could not be read"
        raise ConfigProblem(f"{url}: {where}; not adding the site")
    if dry_run:
        return
    try:
        write_site_file(path, site_toml(name, found, sites_dir))
    except (SiteConfigError, FileExistsError) as exc:
        raise ConfigProblem(f"{path}: not written: {exc}") from exc
    click.echo(f"wrote {path}")
    click.echo(f"next: {next_step(name, sites_dir)}")
