"""Scrapy's retries, honouring ``Retry-After``: a 429 or 503 that says when to come back is
retried then, not at once.

A server asking for more than ``SECNEWS_RETRY_AFTER_MAX`` seconds (default 60) is not
retried in this crawl: its answer is in ``fetches`` and the next crawl tries the page again.
The wait holds only the request concerned; the rest of the crawl goes on meanwhile.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.asyncio import sleep

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

log = logging.getLogger(__name__)

ASKS_TO_WAIT = (429, 503)


def retry_after(value: bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - (now or datetime.now(UTC))).total_seconds(), 0.0)


class RetryAfterMiddleware(RetryMiddleware):
    max_wait: float

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = super().from_crawler(crawler)
        middleware.max_wait = crawler.settings.getfloat("SECNEWS_RETRY_AFTER_MAX")
        return middleware

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        wait = retry_after(response.headers.get(b"Retry-After"))
        if wait is None or response.status not in ASKS_TO_WAIT or request.meta.get("dont_retry"):
            return super().process_response(request, response)
        stats = self.crawler.stats
        assert stats is not None
        if wait > self.max_wait:
            stats.inc_value("secnews/retry_after/too_long")
            log.warning(
                "%s answered %d and asks to wait %.0f s (over %.0f s): not retried in this crawl",
                request.url,
                response.status,
                wait,
                self.max_wait,
            )
            return response
        if request.meta.get("retry_times", 0) < request.meta.get(
            "max_retry_times", self.max_retry_times
        ):
            stats.inc_value("secnews/retry_after/waited")
            await sleep(wait)
        return super().process_response(request, response)
