"""Records every HTTP exchange as WARC records and a ``fetches`` row; failures as rows too.

It sits next to the network, so it sees every attempt (retries, redirects, robots.txt) and
the body as received, before decompression. A 304 answer, or a body identical to the last
capture of the URL, becomes a WARC ``revisit`` record pointing at that capture.

Records are digested and gzipped on a thread of their own (hashlib and zlib let the crawl's
other work run meanwhile) and appended, with their ``fetches`` rows, on the crawl's thread.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from twisted.internet.error import ConnectionRefusedError as TxConnectionRefused

from archive.records import FetchRecord
from archive.store.warc import Exchange, Packed, Revisit, pack
from archive.urls import canonical_url
from crawler.session import CrawlSession, session_for

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Headers, Response
    from twisted.python.failure import Failure

log = logging.getLogger(__name__)

FETCHED_AT_META = "secnews_fetched_at"
FETCH_ID_META = "secnews_fetch_id"
FRONTIER_META = "secnews_frontier_url"  # the frontier entry a request (and its redirects) updates
PROBE_META = "secnews_probe"  # a request for a file that many sites do not have


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _header_pairs(headers: Headers) -> list[tuple[str, str]]:
    return [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in headers.items()
        for value in values
    ]


def _is_error(request: Request, status: int) -> bool:
    if status < 400:
        return False
    # A missing robots.txt or guessed sitemap is a fact about the site, not a failure.
    probe = request.meta.get(PROBE_META) or request.url.endswith("/robots.txt")
    return not (probe and status in (404, 410))


class FetchRecorderMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self._packer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="secnews-warc")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FetchRecorderMiddleware:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_closed(self) -> None:
        self._packer.shutdown(wait=True)

    async def process_response(self, request: Request, response: Response) -> Response:
        session = session_for(self.crawler)
        error = f"HTTP {response.status}" if _is_error(request, response.status) else None
        exchange = Exchange(
            url=request.url,
            method=request.method,
            request_headers=_header_pairs(request.headers),
            status=response.status,
            reason=_reason(response.status),
            response_headers=_header_pairs(response.headers),
            payload=response.body,
        )
        previous = session.archive.last_capture(request.url)
        loop = asyncio.get_running_loop()
        digest, packed = await loop.run_in_executor(self._packer, _packed, exchange, previous)
        location = session.warc.append(packed)
        header = response.headers.get
        fetch = FetchRecord(
            url=request.url,
            fetched_at=_now(),
            status=response.status,
            content_type=_text(header(b"Content-Type")),
            bytes=len(response.body),
            sha256=digest,
            warc_file=location.file,
            warc_offset=location.offset,
            record_type=packed.record_type,
            warc_record_id=location.record_id,
            warc_date=location.date,
            payload_digest=location.payload_digest,
            etag=_text(header(b"ETag")),
            last_modified=_text(header(b"Last-Modified")),
            error=error,
        )
        request.meta[FETCH_ID_META] = session.archive.record_fetch(session.run_id, fetch)
        self._count(session, error)
        request.meta[FETCHED_AT_META] = fetch.fetched_at
        frontier_url = request.meta.get(FRONTIER_META)
        if frontier_url:
            # Validators belong to the URL that gave them, not to where it redirects: an
            # article that now redirects to its section front keeps its own.
            redirected = bool(request.meta.get("redirect_urls"))
            validators = {"etag": fetch.etag, "last_modified": fetch.last_modified}
            session.frontier.fetched(
                frontier_url, response.status, {} if redirected else validators
            )
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, IgnoreRequest):
            return  # refused before sending (robots.txt, scope, budget): no exchange happened
        session = session_for(self.crawler)
        reason = f"{type(exception).__name__}: {exception}".strip().rstrip(":")
        if isinstance(exception, TxConnectionRefused):
            reason = "connection refused"
        session.archive.record_fetch(
            session.run_id,
            FetchRecord(url=request.url, fetched_at=_now(), status=None, error=reason),
        )
        self._count(session, reason)
        frontier_url = request.meta.get(FRONTIER_META) or canonical_url(request.url)
        session.frontier.fetched(frontier_url, None, {})
        log.info("fetch failed: %s (%s)", request.url, reason)

    def _count(self, session: CrawlSession, error: str | None) -> None:
        """A request, and a fetch error if it failed, counted once its row is committed."""
        keys = ("secnews/requests", "secnews/fetch_errors") if error else ("secnews/requests",)
        session.count_kept(self.crawler.stats, *keys)


def _packed(exchange: Exchange, previous: dict[str, Any] | None) -> tuple[str, Packed]:
    """The payload's SHA-256 and the exchange's records: a revisit of ``previous``, the
    URL's last full capture, when the server said 304 or sent the same bytes again."""
    digest = hashlib.sha256(exchange.payload).hexdigest()
    revisit = None
    if (
        previous
        and previous["warc_record_id"]
        and (exchange.status == 304 or (exchange.status == 200 and previous["sha256"] == digest))
    ):
        revisit = Revisit(previous["url"], previous["warc_date"], previous["payload_digest"])
    return digest, pack(exchange, revisit)


def _text(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value else None


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def failure_reason(failure: Failure) -> str:
    """Why a request that had an exchange was refused after it (a redirect not followed, a
    size limit), for its fetch row."""
    response = getattr(failure.value, "response", None)
    location = response.headers.get(b"Location") if response is not None else None
    if location and 300 <= response.status < 400:
        return f"redirect to {location.decode('latin-1')} not followed"
    return f"{type(failure.value).__name__}: {failure.getErrorMessage()}"
