"""Reads one page for ``secnews extract``: a saved file, or a URL fetched once, politely."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from crawler.settings import USER_AGENT


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
