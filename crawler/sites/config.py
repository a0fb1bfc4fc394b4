"""Site configs: one TOML file a site, parsed into a frozen, validated ``SiteConfig``."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cssselect import GenericTranslator, SelectorError

from archive.operations.findings import HealthPolicy
from archive.operations.revisits import RevisitPolicy
from archive.urls import site_key
from crawler.netpolicy import forbidden_address
from crawler.sites import regexcheck

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,62}$")
# A host name, perhaps with a port and path: what a start URL typed without its scheme is.
_HOST_FIRST = re.compile(r"^[\w-]+(\.[\w-]+)+(:\d+)?(/|$)")
SELECTOR_FIELDS = ("title", "body", "published", "author")


class SiteConfigError(ValueError):
    """A site config that cannot be used; names the file, the field and the reason."""

    def __init__(self, source: str, field_name: str, reason: str):
        super().__init__(f"{source}: {field_name}: {reason}")
        self.source, self.field_name, self.reason = source, field_name, reason


@dataclass(frozen=True)
class Discovery:
    follow: tuple[re.Pattern[str], ...] = ()
    article: tuple[re.Pattern[str], ...] = ()
    deny: tuple[re.Pattern[str], ...] = ()
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Politeness:
    delay: float | None = None
    concurrency: int | None = None

    def settings(self) -> dict[str, float | int]:
        """The Scrapy settings this politeness sets; a crawl puts them below the command
        line's own."""
        chosen: dict[str, float | int] = {}
        if self.delay is not None:
            chosen["DOWNLOAD_DELAY"] = self.delay
            chosen["AUTOTHROTTLE_START_DELAY"] = max(self.delay, 0.1)
        if self.concurrency is not None:
            chosen["CONCURRENT_REQUESTS_PER_DOMAIN"] = self.concurrency
        return chosen


@dataclass(frozen=True)
class Capture:
    """What is archived beside an article's page: with ``requisites``, the stylesheets,
    images and fonts it shows, from the site itself or the static hosts named in ``hosts``."""

    requisites: bool = False
    hosts: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteConfig:
    """What secnews knows about one site; a start URL alone is a valid config."""

    name: str
    start_urls: tuple[str, ...]
    title: str = ""
    allowed_domains: tuple[str, ...] = ()
    language: str | None = None
    timezone: str | None = None
    discovery: Discovery = field(default_factory=Discovery)
    selectors: Mapping[str, str] = field(default_factory=dict)
    politeness: Politeness = field(default_factory=Politeness)
    revisit_days: int = 30
    revisit_cycle_days: int = 90
    health: Mapping[str, float] = field(default_factory=dict)  # thresholds this site changes
    capture: Capture = field(default_factory=Capture)
    source: str = "<command line>"

    @property
    def revisit(self) -> RevisitPolicy:
        """When archived articles are looked at again: young ones every crawl, every other
        one within the cycle."""
        return RevisitPolicy(self.revisit_days, self.revisit_cycle_days)

    @property
    def scope(self) -> frozenset[str]:
        """Host[:port] keys (without ``www.``) whose pages belong to the site."""
        keys = {site_key(url) for url in self.start_urls}
        return frozenset(keys | {domain.removeprefix("www.") for domain in self.allowed_domains})

    def serves_requisite(self, url: str) -> bool:
        """Whether a page requisite at ``url`` may be fetched for this site: it is in scope
        or on one of the static hosts ``[capture]`` names."""
        return site_key(url) in self.scope or site_key(url) in self.capture.hosts

    @classmethod
    def from_url(cls, url: str) -> SiteConfig:
        """The zero-config site of a bare start URL: named after its host (and port)."""
        _check_url(url, "<command line>", "url")
        name = site_key(url).replace(":", "-")
        return cls(name=name, title=name, start_urls=(url,))


def load_site_file(path: Path) -> SiteConfig:
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SiteConfigError(source, "(file)", f"cannot be read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SiteConfigError(source, "(file)", f"is not valid TOML: {exc}") from exc
    config = parse_site(data, source)
    if config.name != path.stem:
        raise SiteConfigError(source, "name", f"{config.name!r} differs from the file name")
    return config


def parse_site(data: Mapping[str, Any], source: str) -> SiteConfig:
    """Validate one site's TOML data; every problem names ``source`` and the field."""
    _reject_unknown(data, _TOP_LEVEL, source, "")
    name = _get(data, "name", str, source, required=True)
    if not NAME_PATTERN.match(name):
        raise SiteConfigError(source, "name", "use lower-case letters, digits, '-', '_', '.'")
    start_urls = _get(data, "start_urls", list, source, required=True)
    if not start_urls:
        raise SiteConfigError(source, "start_urls", "needs at least one URL")
    for index, url in enumerate(start_urls):
        _check_url(url, source, f"start_urls[{index}]")
    return SiteConfig(
        name=name,
        start_urls=tuple(start_urls),
        title=_get(data, "title", str, source) or name,
        allowed_domains=_allowed_domains(data, source),
        language=_get(data, "language", str, source),
        timezone=_timezone(data, source),
        discovery=_discovery(data.get("discovery", {}), source),
        selectors=_selectors(data.get("selectors", {}), source),
        politeness=_politeness(data.get("politeness", {}), source),
        **_revisit(data.get("revisit", {}), source),
        health=_health(data.get("health", {}), source),
        capture=_capture(data.get("capture", {}), source),
        source=source,
    )


_TOP_LEVEL = {
    "name",
    "title",
    "start_urls",
    "allowed_domains",
    "language",
    "timezone",
    "discovery",
    "selectors",
    "politeness",
    "revisit",
    "health",
    "capture",
}


def _reject_unknown(data: Mapping[str, Any], known: set[str], source: str, prefix: str) -> None:
    if not isinstance(data, Mapping):
        raise SiteConfigError(source, prefix.rstrip(".") or "(file)", "must be a table")
    for key in data:
        if key not in known:
            raise SiteConfigError(source, f"{prefix}{key}", f"unknown key (known: {sorted(known)})")


def _get(
    data: Mapping[str, Any],
    key: str,
    kind: type,
    source: str,
    *,
    required: bool = False,
    prefix: str = "",
) -> Any:
    if key not in data:
        if required:
            raise SiteConfigError(source, f"{prefix}{key}", "is required")
        return None
    value = data[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise SiteConfigError(
            source, f"{prefix}{key}", f"must be a {kind.__name__}, not {type(value).__name__}"
        )
    return value


def _strings(data: Mapping[str, Any], key: str, source: str, prefix: str = "") -> list[str]:
    values = _get(data, key, list, source, prefix=prefix) or []
    for index, value in enumerate(values):
        if not isinstance(value, str):
            raise SiteConfigError(source, f"{prefix}{key}[{index}]", "must be a string")
    return list(values)


def _check_url(url: object, source: str, field_name: str) -> None:
    if not isinstance(url, str):
        raise SiteConfigError(source, field_name, "must be a string")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SiteConfigError(source, field_name, f"{url!r} is not an http(s) URL with a host")
    _check_host(parts.hostname, source, field_name)


def _check_host(host: str, source: str, field_name: str) -> None:
    forbidden = forbidden_address(host)
    if forbidden:
        reason = f"{forbidden}: secnews fetches only public addresses and loopback"
        raise SiteConfigError(source, field_name, reason)


def _allowed_domains(data: Mapping[str, Any], source: str) -> tuple[str, ...]:
    domains = _strings(data, "allowed_domains", source)
    for index, domain in enumerate(domains):
        _check_host(urlsplit(f"//{domain}").hostname or "", source, f"allowed_domains[{index}]")
    return tuple(domains)


def known_timezone(name: str) -> bool:
    """Whether ``name`` is an IANA timezone this machine knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _timezone(data: Mapping[str, Any], source: str) -> str | None:
    name = _get(data, "timezone", str, source)
    if name is None:
        return None
    if not known_timezone(name):
        raise SiteConfigError(source, "timezone", f"{name!r} is not an IANA timezone")
    return str(name)


def _patterns(data: Mapping[str, Any], key: str, source: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for index, pattern in enumerate(_strings(data, key, source, "discovery.")):
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise SiteConfigError(
                source, f"discovery.{key}[{index}]", f"bad regular expression: {exc}"
            ) from exc
    return tuple(compiled)


def _discovery(data: Mapping[str, Any], source: str) -> Discovery:
    _reject_unknown(data, {"follow", "article", "deny", "sitemaps", "feeds"}, source, "discovery.")
    urls: dict[str, tuple[str, ...]] = {}
    for key in ("sitemaps", "feeds"):
        values = _strings(data, key, source, "discovery.")
        for index, url in enumerate(values):
            _check_url(url, source, f"discovery.{key}[{index}]")
        urls[key] = tuple(values)
    patterns = {key: _patterns(data, key, source) for key in ("follow", "article", "deny")}
    _check_backtracking(patterns, source)
    return Discovery(**patterns, **urls)


def _check_backtracking(patterns: Mapping[str, tuple[re.Pattern[str], ...]], source: str) -> None:
    """Refuse a pattern that could stall a crawl (see ``crawler.sites.regexcheck``)."""
    fields = [
        (f"discovery.{key}[{i}]", p.pattern)
        for key in patterns
        for i, p in enumerate(patterns[key])
    ]
    for index, reason in regexcheck.problems([pattern for _, pattern in fields]):
        raise SiteConfigError(source, fields[index][0], f"{fields[index][1]!r}: {reason}")


def _selectors(data: Mapping[str, Any], source: str) -> dict[str, str]:
    _reject_unknown(data, set(SELECTOR_FIELDS), source, "selectors.")
    selectors = {}
    for key in SELECTOR_FIELDS:
        css = _get(data, key, str, source, prefix="selectors.")
        if css is None:
            continue
        try:
            GenericTranslator().css_to_xpath(css)
        except SelectorError as exc:
            raise SiteConfigError(source, f"selectors.{key}", f"bad CSS selector: {exc}") from exc
        selectors[key] = css
    return selectors


def _bounded(value: Any, low: float, high: float, source: str, field_name: str) -> Any:
    if value is not None and not low <= value <= high:
        raise SiteConfigError(source, field_name, f"must be between {low} and {high}")
    return value


def _politeness(data: Mapping[str, Any], source: str) -> Politeness:
    _reject_unknown(data, {"delay", "concurrency"}, source, "politeness.")
    delay = _get(data, "delay", float, source, prefix="politeness.")
    concurrency = _get(data, "concurrency", int, source, prefix="politeness.")
    return Politeness(
        delay=_bounded(delay, 0, 3600, source, "politeness.delay"),
        concurrency=_bounded(concurrency, 1, 16, source, "politeness.concurrency"),
    )


def _revisit(data: Mapping[str, Any], source: str) -> dict[str, int]:
    """``[revisit]``: ``days`` (younger articles are revisited every crawl; 0–3650) and
    ``cycle_days`` (every other article is looked at again within it; 1–3650)."""
    _reject_unknown(data, {"days", "cycle_days"}, source, "revisit.")
    default = RevisitPolicy()
    return {
        "revisit_days": _days(data, "days", 0, default.recent_days, source),
        "revisit_cycle_days": _days(data, "cycle_days", 1, default.cycle_days, source),
    }


def _days(data: Mapping[str, Any], key: str, least: int, default: int, source: str) -> int:
    days = _get(data, key, int, source, prefix="revisit.")
    return default if days is None else int(_bounded(days, least, 3650, source, f"revisit.{key}"))


def _health(data: Mapping[str, Any], source: str) -> dict[str, float]:
    """``[health]``: thresholds of the health rules this site is judged by differently (the
    names of ``HealthPolicy``; e.g. ``stale_min_days = 30`` for a site publishing monthly)."""
    _reject_unknown(data, {f.name for f in fields(HealthPolicy)}, source, "health.")
    try:
        HealthPolicy().overridden(data, lambda name: f"health.{name}")
    except ValueError as exc:
        field_name, _, reason = str(exc).partition(": ")
        raise SiteConfigError(source, field_name, reason) from exc
    return dict(data)


def _capture(data: Mapping[str, Any], source: str) -> Capture:
    """``[capture]``: ``requisites`` (fetch what an article page shows, default off) and
    ``hosts`` (the site's own static or CDN hosts those may come from, beside its scope)."""
    _reject_unknown(data, {"requisites", "hosts"}, source, "capture.")
    hosts = _strings(data, "hosts", source, "capture.")
    for index, host in enumerate(hosts):
        parts = urlsplit(f"//{host}")
        if not parts.hostname or parts.path or parts.query:
            reason = f"{host!r} is not a host name (with an optional port)"
            raise SiteConfigError(source, f"capture.hosts[{index}]", reason)
        _check_host(parts.hostname, source, f"capture.hosts[{index}]")
    requisites = _get(data, "requisites", bool, source, prefix="capture.")
    keys = tuple(site_key(f"http://{host}/") for host in hosts)
    return Capture(requisites=bool(requisites), hosts=keys)


def bundled_sites_dir() -> Path:
    return Path(str(resources.files("crawler") / "sites"))


def load_sites(directory: Path | None = None) -> dict[str, SiteConfig]:
    """Every ``*.toml`` in ``directory`` (default: the bundled ``crawler/sites``), by name."""
    folder = directory or bundled_sites_dir()
    return {path.stem: load_site_file(path) for path in sorted(folder.glob("*.toml"))}


def resolve_target(target: str, directory: Path | None = None) -> SiteConfig:
    """A site name from the config directory, or a bare start URL."""
    if "://" in target:
        return SiteConfig.from_url(target)
    path = (directory or bundled_sites_dir()) / f"{target}.toml"
    if not path.exists():
        if _HOST_FIRST.match(target):  # www.example.gov/news: an address without its scheme
            hint = f"no site of that name; a start URL needs its scheme: https://{target}"
            raise SiteConfigError(target, "(target)", hint)
        known = ", ".join(sorted(load_sites(directory))) or "none"
        raise SiteConfigError(str(path), "name", f"no site {target!r} (configured: {known})")
    return load_site_file(path)
