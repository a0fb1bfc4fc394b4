"""The bundled sample site: two realistic official news sites on 127.0.0.1, for tests and demos."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from . import forum, secretariat
from .faults import check_fault, with_fault
from .profile import SiteProfile
from .server import RequestLog, SiteApp, SiteServer
from .state import FIRST_EDITION, SiteState

__all__ = [
    "SITE_NAMES",
    "SampleSite",
    "SiteState",
    "default_urls",
    "expected_articles",
    "write_site_configs",
]


@dataclass(frozen=True)
class _SiteKind:
    profile: SiteProfile
    build: Callable[[str, SiteState], SiteApp]
    article_urls: Callable[[str, SiteState], set[str]]


_KINDS = {
    kind.profile.name: kind
    for kind in (
        _SiteKind(secretariat.PROFILE, secretariat.SecretariatSite, secretariat.article_urls),
        _SiteKind(forum.PROFILE, forum.ForumSite, forum.article_urls),
    )
}
SITE_NAMES = tuple(_KINDS)


def _kind(name: str) -> _SiteKind:
    if name not in _KINDS:
        raise ValueError(f"no sample site named {name!r}; known: {', '.join(SITE_NAMES)}")
    return _KINDS[name]


class SampleSite:
    """Both sample sites, each on its own port of 127.0.0.1; a context manager.

    Example:
        with SampleSite(ephemeral=True) as site:
            site.urls["sample-forum"]  # 'http://127.0.0.1:40123/'
    """

    def __init__(
        self,
        *,
        port_secretariat: int = secretariat.PROFILE.default_port,
        port_forum: int = forum.PROFILE.default_port,
        ephemeral: bool = False,
        log_path: Path | str | None = None,
        state: SiteState = FIRST_EDITION,
        fault: str | None = None,
    ) -> None:
        ports = {secretariat.PROFILE.name: port_secretariat, forum.PROFILE.name: port_forum}
        self._ports = {name: 0 if ephemeral else port for name, port in ports.items()}
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
        for name, server in self._servers.items():
            server.app = with_fault(_KINDS[name].build(server.base_url, self.state), self.fault)
            server.serve()
            self.urls[name] = server.base_url
        return self

    def set_fault(self, fault: str | None) -> None:
        """Break the running sites in one of faults.FAULTS (None: mend them), on the same ports."""
        self.fault = check_fault(fault)
        for name, server in self._servers.items():
            server.app = with_fault(_KINDS[name].build(server.base_url, self.state), self.fault)

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()
        self._servers.clear()
        self.urls.clear()
        if self._log is not None:
            self._log.close()

    def __enter__(self) -> SampleSite:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def expected_articles(
    urls: Mapping[str, str], state: SiteState = FIRST_EDITION
) -> dict[str, set[str]]:
    """Site name -> the canonical article URLs a correct crawl of the sites at urls archives."""
    return {name: _kind(name).article_urls(base, state) for name, base in urls.items()}


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
