"""Records every HTTP exchange, and every failed attempt at one, as a row in ``fetches``."""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest
from twisted.internet.error import ConnectionRefusedError as TxConnectionRefused

from archive.records import FetchRecord
from crawler.session import session_for

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

log = logging.getLogger(__name__)

FETCHED_AT_META = "secnews_fetched_at"
FETCH_ID_META = "secnews_fetch_id"
PROBE_META = "secnews_probe"  # a request for a file that many sites do not have


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class FetchRecorderMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FetchRecorderMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        stats = self.crawler.stats
        stats.inc_value("secnews/requests")
        error = None if response.status < 400 else f"HTTP {response.status}"
        if response.status in (404, 410) and request.meta.get(PROBE_META):
            error = None  # a missing robots.txt or guessed sitemap is a fact, not a failure
        if error:
            stats.inc_value("secnews/fetch_errors")
        fetched_at = _now()
        content_type = response.headers.get(b"Content-Type")
        fetch = FetchRecord(
            url=request.url,
            fetched_at=fetched_at,
            status=response.status,
            content_type=content_type.decode("latin-1") if content_type else None,
            bytes=len(response.body),
            sha256=hashlib.sha256(response.body).hexdigest(),
            error=error,
        )
        session = session_for(self.crawler)
        fetch_id = session.archive.record_fetch(session.run_id, fetch)
        request.meta[FETCHED_AT_META] = fetched_at
        request.meta[FETCH_ID_META] = fetch_id
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if isinstance(exception, IgnoreRequest):
            return  # refused before sending (robots.txt, scope, budget): no exchange happened
        stats = self.crawler.stats
        stats.inc_value("secnews/requests")
        stats.inc_value("secnews/fetch_errors")
        reason = f"{type(exception).__name__}: {exception}".strip().rstrip(":")
        if isinstance(exception, TxConnectionRefused):
            reason = "connection refused"
        session = session_for(self.crawler)
        session.archive.record_fetch(
            session.run_id,
            FetchRecord(url=request.url, fetched_at=_now(), status=None, error=reason),
        )
        log.info("fetch failed: %s (%s)", request.url, reason)
