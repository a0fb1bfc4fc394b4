"""The bundled sample site: three realistic official news sites on 127.0.0.1, for tests, demos."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import digest, forum, secretariat
from .digest import syndicated_pairs
from .faults import check_fault, with_fault
from .profile import SiteProfile
from .server import RequestLog, ServedSites, SiteApp, SiteServer
from .state import (
    BACK_CATALOGUE,
    BACK_CATALOGUE_REVISED,
    FIRST_EDITION,
    SECOND_EDITION,
    HitCounter,
    SiteState,
)

__all__ = [
    "BACK_CATALOGUE",
    "BACK_CATALOGUE_REVISED",
    "FIRST_EDITION",
    "SECOND_EDITION",
    "SITE_NAMES",
    "SampleSite",
    "SiteState",
    "changes",
    "default_urls",
    "expected_articles",
    "syndicated_pairs",
    "unlisted",
    "write_site_configs",
]


@dataclass(frozen=True)
class _SiteKind:
    profile: SiteProfile
    build: Callable[[str, SiteState, HitCounter], SiteApp]  # base URL, state, the site's counter
    articles: Callable[[str, SiteState], Mapping[str, object]]  # canonical URL -> article
    unlisted: Callable[[str, SiteState], set[str]] = lambda base_url, state: set()


def _digest_site(base_url: str, state: SiteState, counter: HitCounter) -> SiteApp:
    return digest.DigestSite(base_url, state)  # static files count nothing


_KINDS = {
    kind.profile.name: kind
    for kind in (
        _SiteKind(secretariat.PROFILE, secretariat.SecretariatSite, secretariat.articles),
        _SiteKind(forum.PROFILE, forum.ForumSite, forum.articles, forum.unlisted_urls),
        _SiteKind(digest.PROFILE, _digest_site, digest.articles),
    )
}
SITE_NAMES = tuple(_KINDS)


def _kind(name: str) -> _SiteKind:
    if name not in _KINDS:
        raise ValueError(f"no sample site named {name!r}; known: {', '.join(SITE_NAMES)}")
    return _KINDS[name]


class SampleSite(ServedSites):
    """The sample sites, each on its own port of 127.0.0.1; a context manager.

    Example:
        with SampleSite(ephemeral=True) as site:
            site.urls["sample-forum"]  # 'http://127.0.0.1:40123/'
            site.set_state(SECOND_EDITION)  # same ports, the next state of every site
    """

    def __init__(
        self,
        *,
        port_secretariat: int = secretariat.PROFILE.default_port,
        port_forum: int = forum.PROFILE.default_port,
        port_digest: int = digest.PROFILE.default_port,
        ephemeral: bool = False,
        log_path: Path | str | None = None,
        state: SiteState = FIRST_EDITION,
        fault: str | None = None,
    ) -> None:
        ports = {
            secretariat.PROFILE.name: port_secretariat,
            forum.PROFILE.name: port_forum,
            digest.PROFILE.name: port_digest,
        }
        self._ports = {name: 0 if ephemeral else port for name, port in ports.items()}
        # Counters (views, flaky failures) outlive a change of state or fault, as a server's.
        self._counters = {name: HitCounter() for name in ports}
        self._swap_lock = threading.Lock()
        self._log_path = Path(log_path) if log_path is not None else None
        self._log: RequestLog | None = None
        self._servers: dict[str, SiteServer] = {}
        self.state = state
        self.fault = check_fault(fault)  # None, or a name in faults.FAULTS
        self.urls: dict[str, str] = {}  # site name -> base URL ending in "/"; set by start()

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every request answered so far, oldest first (the same dicts as the log file)."""
        return self._log.entries() if self._log is not None else []

    def start(self) -> SampleSite:
        """Bind every site's port (raises OSError if taken), then serve them all."""
        if self._servers:
            return self
        self._log = RequestLog(self._log_path)
        try:
            for name, port in self._ports.items():
                self._servers[name] = SiteServer(name, port, self._log)
        except OSError:
            self.stop()
            raise
        with self._swap_lock:
            for name, server in self._servers.items():
                server.app = self._app(name, server.base_url)
        for name, server in self._servers.items():
            server.serve()
            self.urls[name] = server.base_url
        return self

    def set_fault(self, fault: str | None) -> None:
        """Break the running sites in one of faults.FAULTS (None: mend them), on the same ports."""
        with self._swap_lock:
            self.fault = check_fault(fault)
            for name, server in self._servers.items():
                server.app = self._app(name, server.base_url)

    def set_state(self, state: SiteState) -> None:
        """Serve state (e.g. SECOND_EDITION) from now on, on the same ports; thread-safe.

        Each site swaps in one step: a request is answered wholly in the old state or wholly
        in the new one. View counters and the flaky page's failures carry over.
        """
        with self._swap_lock:
            self.state = state
            apps = {
                name: self._app(name, server.base_url) for name, server in self._servers.items()
            }
            for name, app in apps.items():
                self._servers[name].app = app

    def _app(self, name: str, base_url: str) -> SiteApp:
        """The site called name, in the current state and fault."""
        app = _KINDS[name].build(base_url, self.state, self._counters[name])
        return with_fault(app, self.fault)

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()
        self._servers.clear()
        self.urls.clear()
        if self._log is not None:
            self._log.close()


def expected_articles(
    urls: Mapping[str, str], state: SiteState = FIRST_EDITION
) -> dict[str, set[str]]:
    """Site name -> the canonical article URLs a correct crawl of the sites at urls archives."""
    return {name: set(_kind(name).articles(base, state)) for name, base in urls.items()}


def changes(
    urls: Mapping[str, str], old: SiteState = FIRST_EDITION, new: SiteState = SECOND_EDITION
) -> dict[str, set[str]]:
    """Canonical article URLs that are "new", "edited" or "removed" in state new against old.

    Edited means the headline or the body changed. Only articles count: listings, sidebars and
    the secretariat's 上一篇/下一篇 links change with every new article, view counters always.
    """
    before: dict[str, object] = {}
    after: dict[str, object] = {}
    for name, base in urls.items():
        before |= _kind(name).articles(base, old)
        after |= _kind(name).articles(base, new)
    return {
        "new": after.keys() - before.keys(),
        "edited": {url for url in before.keys() & after.keys() if before[url] != after[url]},
        "removed": before.keys() - after.keys(),
    }


def unlisted(
    urls: Mapping[str, str],
    old: SiteState = BACK_CATALOGUE,
    new: SiteState = BACK_CATALOGUE_REVISED,
) -> set[str]:
    """Canonical URLs of articles listed in state old that state new still serves (200) but
    lists nowhere: no listing, sitemap or feed. ``changes`` counts them as neither edited nor
    removed, since what they say and where they are stay the same."""
    found: set[str] = set()
    for name, base in urls.items():
        kind = _kind(name)
        listed_before = set(kind.articles(base, old)) - kind.unlisted(base, old)
        found |= kind.unlisted(base, new) & listed_before
    return found


def write_site_configs(directory: Path, urls: Mapping[str, str]) -> list[Path]:
    """Write one site config (NAME.toml) per sample site served at urls; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, base in urls.items():
        path = directory / f"{name}.toml"
        path.write_text(_kind(name).profile.site_config(base), encoding="utf-8")
        written.append(path)
    return written


def default_urls() -> dict[str, str]:
    """Base URLs of the sample sites on their default ports (python -m crawler.sample_site)."""
    return {name: f"http://127.0.0.1:{kind.profile.default_port}/" for name, kind in _KINDS.items()}
