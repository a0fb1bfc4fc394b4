"""Fetches made outside Scrapy: a small polite client for dry runs (``secnews sites add``),
and the one page ``secnews extract`` reads.

The dry-run client obeys robots.txt, sends an honest User-Agent, and asks one page at a
time. It follows redirects by hand, so that none leaves the site and each hop is checked
against robots.txt; every answer and every refusal is noted for the report.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from protego import Protego

from archive.urls import site_key
from crawler.settings import USER_AGENT

log = logging.getLogger(__name__)

MAX_BYTES = 8 * 1024 * 1024
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    location: str = ""  # of a redirect


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx comes back as an HTTPError; we follow it ourselves


@dataclass
class PoliteFetcher:
    """Fetches pages of one site (host and port of ``start_url``, with or without ``www.``)."""

    start_url: str
    user_agent: str
    delay: float = 1.0
    timeout: float = 20.0
    robots: Protego | None = None
    notes: list[str] = field(default_factory=list)
    moved_to: str | None = None  # where a redirect tried to take us off the site
    requests: int = 0
    _opener: urllib.request.OpenerDirector = field(
        default_factory=lambda: urllib.request.build_opener(_NoRedirects)
    )
    _last: float = 0.0

    def in_scope(self, url: str) -> bool:
        return site_key(url) == site_key(self.start_url)

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.can_fetch(url, self.user_agent)

    def read_robots(self) -> Fetched | None:
        parts = urlsplit(self.start_url)
        answer = self._fetch(f"{parts.scheme}://{parts.netloc}/robots.txt")
        if answer is not None and answer.status == 200:
            self.robots = Protego.parse(answer.body.decode("utf-8", "replace"))
        return answer

    def get(self, url: str) -> Fetched | None:
        """The page at ``url`` after same-site redirects; ``None`` if refused or failed."""
        for _ in range(MAX_REDIRECTS + 1):
            if not self.in_scope(url):
                self.moved_to = url
                self.notes.append(f"not followed: {url} is on another site")
                return None
            if not self.allowed(url):
                self.notes.append(f"not fetched: robots.txt disallows {url}")
                return None
            answer = self._fetch(url)
            if answer is None or answer.status not in (301, 302, 303, 307, 308):
                return answer if answer is not None and answer.status < 400 else None
            url = urljoin(url, answer.location)
        self.notes.append(f"not followed: more than {MAX_REDIRECTS} redirects from {url}")
        return None

    def _fetch(self, url: str) -> Fetched | None:
        wait = self._last + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)  # politeness between requests, not synchronisation
        self._last = time.monotonic()
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                body = response.read(MAX_BYTES)
                kind = response.headers.get("Content-Type", "")
                return Fetched(response.geturl(), response.status, kind, body)
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location", "") if exc.headers else ""
            if 300 <= exc.code < 400 and location:
                return Fetched(url, exc.code, "", b"", location)
            self.notes.append(f"{url}: HTTP {exc.code}")
            return Fetched(url, exc.code, "", b"")
        except (urllib.error.URLError, OSError) as exc:
            self.notes.append(f"{url}: {getattr(exc, 'reason', exc)}")
            log.info("dry run: %s failed: %s", url, exc)
            return None


def read_source(source: str, url: str | None) -> tuple[bytes, str | None, str]:
    """(body, Content-Type header or None, page URL) of a file path or an http(s) URL."""
    if source.startswith(("http://", "https://")):
        request = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read(), response.headers.get("Content-Type"), response.geturl()
    path = Path(source)
    if not path.is_file():
        raise ValueError("no such file")
    return path.read_bytes(), None, url or path.resolve().as_uri()
