"""Site configs as an operator handles them: list them, check every file, add one from a URL."""

from __future__ import annotations

import json
import re
import shlex
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from archive.operations.revisits import RevisitPolicy
from crawler.discovery.dryrun import Discovered
from crawler.sites.config import (
    NAME_PATTERN,
    SiteConfig,
    SiteConfigError,
    bundled_sites_dir,
    load_sites,
    parse_site,
    resolve_target,
)
from crawler.sites.timezones import guess_timezone

MAX_PROBLEMS = 50  # a file, before checking gives up on it
_INDEXED = re.compile(r"^(?P<path>[^\[]+)(\[(?P<index>\d+)\])?$")
# What a bad list entry is replaced with, so the entries after it are still checked.
_PLACEHOLDERS = {
    "start_urls": "http://placeholder.invalid/",
    "sitemaps": "http://placeholder.invalid/sitemap.xml",
    "feeds": "http://placeholder.invalid/feed",
    "follow": "$^",
    "article": "$^",
    "deny": "$^",
    "allowed_domains": "placeholder.invalid",
}


def sites_dir_or_default(directory: Path | None) -> Path:
    return directory or bundled_sites_dir()


def crawl_targets(
    targets: Sequence[str], directory: Path | None, *, all_sites: bool
) -> list[SiteConfig]:
    """The sites a crawl covers: every configured one, or the names and URLs given."""
    if not all_sites:
        return [resolve_target(target, directory) for target in targets]
    sites = list(load_sites(directory).values())
    if not sites:
        folder = sites_dir_or_default(directory)
        raise SiteConfigError(str(folder), "(directory)", "holds no site configs (*.toml)")
    return sites


def file_problems(path: Path) -> list[SiteConfigError]:
    """Every problem of one site file (not only the first), each with its field."""
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [SiteConfigError(source, "(file)", f"cannot be read: {exc}")]
    except tomllib.TOMLDecodeError as exc:
        return [SiteConfigError(source, "(file)", f"is not valid TOML: {exc}")]
    problems: list[SiteConfigError] = []
    while len(problems) < MAX_PROBLEMS:
        try:
            config = parse_site(data, source)
        except SiteConfigError as exc:
            repeated = any(p.field_name == exc.field_name for p in problems)
            problems.append(exc)
            if repeated or not _set_aside(data, exc.field_name, path.stem):
                break
            continue
        if config.name != path.stem:
            reason = f"{config.name!r} differs from the file name"
            problems.append(SiteConfigError(source, "name", reason))
        break
    return problems


def _set_aside(data: dict[str, Any], field_name: str, stem: str) -> bool:
    """Replace or drop the field a problem names, so checking can go on past it."""
    match = _INDEXED.match(field_name)
    if match is None or field_name == "(file)":
        return False
    *parents, key = match["path"].split(".")
    holder: Any = data
    for parent in parents:
        holder = holder.get(parent) if isinstance(holder, dict) else None
    if not isinstance(holder, dict) or key not in holder:
        return False
    if match["index"] is not None and isinstance(holder[key], list):
        holder[key][int(match["index"])] = _PLACEHOLDERS.get(key, "")
    elif key == "name":
        holder[key] = stem if NAME_PATTERN.match(stem) else "placeholder"
    elif key == "start_urls":
        holder[key] = [_PLACEHOLDERS[key]]
    else:
        del holder[key]
    return True


def check_sites(directory: Path | None) -> tuple[int, list[SiteConfigError]]:
    """(files checked, every problem in them) for the ``*.toml`` files of ``directory``."""
    paths = sorted(sites_dir_or_default(directory).glob("*.toml"))
    return len(paths), [problem for path in paths for problem in file_problems(path)]


@dataclass(frozen=True)
class SiteListing:
    name: str
    title: str
    start_url: str
    path: str


def list_sites(directory: Path | None) -> list[SiteListing]:
    """Configured sites; raises ``SiteConfigError`` on the first bad file (see ``check``)."""
    return [
        SiteListing(site.name, site.title, site.start_urls[0], site.source)
        for site in load_sites(directory).values()
    ]


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _toml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(_toml(value) for value in values) + "]"


def next_step(name: str, directory: Path | None) -> str:
    """The commands that check a new site's file and crawl it, as they must be typed."""
    where = f" --sites {shlex.quote(str(directory))}" if directory else ""
    return f"secnews sites check{where} && secnews crawl {name}{where}"


def site_toml(name: str, found: Discovered, directory: Path | None = None) -> str:
    """A site file for what a dry run found; automatic discovery stays on, rules sharpen it."""
    today = datetime.now(UTC).date().isoformat()
    lines = [
        f"# Written by `secnews sites add` on {today} after a dry run of {found.start_url}",
        f"# Check it, then: {next_step(name, directory)}",
        f"name = {_toml(name)}",
        f"title = {_toml(found.title or name)}",
        f"start_urls = {_toml_list([found.start_url])}",
    ]
    if found.language:
        lines.append(f"language = {_toml(found.language)}   # read from the start page's text")
    lines += [_timezone_line(found), "", "[discovery]"]
    if found.sitemaps:
        lines.append(f"sitemaps = {_toml_list(list(found.sitemaps))}")
    if found.feeds:
        lines.append(f"feeds = {_toml_list(list(found.feeds))}")
    if found.pagination_pattern:
        lines.append(f"follow = {_toml_list([found.pagination_pattern])}   # listing pages")
    if found.article_pattern:
        example = found.article_sample[0] if found.article_sample else ""
        lines.append(f"# article = {_toml_list([found.article_pattern])}   # e.g. {example}")
    policy = RevisitPolicy()
    lines += [
        "",
        "# [revisit]   # the defaults; remove the leading # to change them",
        f"# days = {policy.recent_days}   # articles younger than this are revisited every crawl",
        f"# cycle_days = {policy.cycle_days}   # every other article is looked at again within it",
    ]
    return "\n".join(lines) + "\n"


def _timezone_line(found: Discovered) -> str:
    """Gives bylines without a UTC offset the site's: set only on evidence of the country."""
    guess, evidence = guess_timezone(found.start_url, found.declared_language, found.language)
    if guess is None:
        return f'# timezone = ""   # {evidence}: set it if bylines carry no UTC offset'
    setting = f"timezone = {_toml(guess.zone)}   # from {evidence}"
    return setting if guess.settled else f"# {setting}"


def new_site_path(directory: Path | None, name: str) -> Path:
    """Where ``NAME.toml`` goes; refuses a bad name or a file that exists (never overwritten)."""
    if not NAME_PATTERN.match(name):
        raise SiteConfigError(name, "name", "use lower-case letters, digits, '-', '_', '.'")
    path = sites_dir_or_default(directory) / f"{name}.toml"
    if path.exists():
        raise SiteConfigError(str(path), "(file)", "exists already; not overwritten")
    return path


def write_site_file(path: Path, text: str) -> Path:
    """Write a new site file, after checking that ``text`` is a valid config for it."""
    parse_site(tomllib.loads(text), str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return path


def discovered_lines(found: Discovered) -> list[str]:
    """The dry run's report, one fact a line."""
    lines = [f"{'robots.txt':<13} {found.robots}"]
    lines += [f"{'sitemap':<13} {url} ({count} URLs)" for url, count in found.sitemaps.items()]
    lines += [f"{'feed':<13} {url} ({count} items)" for url, count in found.feeds.items()]
    lines.append(f"{'start page':<13} {found.start_url} ({found.start_kind or 'not read'})")
    if found.title:
        lines.append(f"{'title':<13} {found.title}")
    if found.language:
        declared = f" (declared {found.declared_language})" if found.declared_language else ""
        lines.append(f"{'language':<13} {found.language}{declared}")
    guess, evidence = guess_timezone(found.start_url, found.declared_language, found.language)
    zone = f"{guess.zone}, from {evidence}" if guess else f"not set: {evidence}"
    lines.append(f"{'timezone':<13} {zone}")
    if found.listing_url:
        lines.append(f"{'listing page':<13} {found.listing_url}")
    if found.pagination_pattern:
        lines.append(f"{'pagination':<13} {found.pagination_pattern}")
    if found.article_pattern:
        lines.append(
            f"{'articles':<13} {found.article_pattern} ({found.article_count} found), e.g."
        )
        lines += [f"{'':<13} {url}" for url in found.article_sample]
    for section in found.news_sections:
        lines.append(
            f"{'news section':<13} {section.pattern} ({section.entries} entries, "
            f"{section.past} dated in the past), listed by {', '.join(section.sources)}"
        )
    if not found.news_sections:
        lines.append(f"{'news section':<13} none seen: each page's own evidence will decide")
    lines += [f"{'note':<13} {note}" for note in found.notes]
    lines.append(f"{'requests':<13} {found.requests}")
    return lines
