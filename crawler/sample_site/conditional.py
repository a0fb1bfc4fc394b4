"""Conditional GET as a caching plugin or a static web server answers it: validators and 304."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from .server import Request, Response


def http_date(moment: datetime) -> str:
    """An HTTP-date (RFC 9110 IMF-fixdate) of an aware datetime."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def body_etag(body: bytes) -> str:
    """A strong entity tag that changes whenever the body does, as page-cache plugins make it."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def file_etag(modified: datetime, size: int) -> str:
    """nginx's entity tag of a static file: its modification time and its size, in hex."""
    return f'"{int(modified.timestamp()):x}-{size:x}"'


def last_modified(moment: datetime) -> tuple[str, str]:
    """The Last-Modified header of content changed at moment."""
    return ("Last-Modified", http_date(moment))


def answer_conditionally(request: Request, response: Response) -> Response:
    """Give a 200 its ETag; answer 304 Not Modified when the client's copy is still current.

    The response may carry its own ETag (else the body's hash is used) and a Last-Modified.
    As RFC 9110 says, If-None-Match decides when present; If-Modified-Since only without it.
    """
    if response.status != 200:
        return response
    headers = dict(response.headers)
    if "ETag" not in headers:
        response = replace(
            response, headers=(*response.headers, ("ETag", body_etag(response.body)))
        )
        headers = dict(response.headers)
    if request.method in ("GET", "HEAD") and _client_copy_current(request, headers):
        return Response(304, b"", "", response.headers)
    return response


def _client_copy_current(request: Request, headers: dict[str, str]) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        return _etag_matches(if_none_match, headers["ETag"])
    since = _parse_http_date(request.headers.get("if-modified-since"))
    modified = _parse_http_date(headers.get("Last-Modified"))
    return since is not None and modified is not None and modified <= since


def _etag_matches(header: str, etag: str) -> bool:
    """Weak comparison, as If-None-Match uses: W/ prefixes do not matter."""
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


def _parse_http_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None  # an unparseable date is ignored, as servers do
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
