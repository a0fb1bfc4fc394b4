"""``Retry-After`` read and obeyed by the retry middleware (``crawler.middlewares.retry``)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.middlewares.retry import RetryAfterMiddleware, retry_after

NOW = datetime(2024, 3, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (b"120", 120.0),
        (b" 0 ", 0.0),
        (b"Fri, 01 Mar 2024 12:00:30 GMT", 30.0),
        (b"Fri, 01 Mar 2024 11:00:00 GMT", 0.0),  # in the past: now
        (b"soon", None),
        (b"-5", None),
        (None, None),
    ],
)
def test_retry_after_is_read_as_seconds_or_a_date(
    value: bytes | None, seconds: float | None
) -> None:
    assert retry_after(value, NOW) == seconds


def middleware() -> RetryAfterMiddleware:
    crawler = get_crawler(settings_dict={"SECNEWS_RETRY_AFTER_MAX": 60})
    crawler.spider = Spider.from_crawler(crawler, name="test")
    return RetryAfterMiddleware.from_crawler(crawler)


def answer(status: int, retry: str | None) -> tuple[Request, Response]:
    request = Request("http://127.0.0.1:8701/news/")
    headers = {"Retry-After": retry} if retry else {}
    return request, Response(request.url, status=status, headers=headers, request=request)


def test_a_wait_beyond_the_limit_is_not_retried_in_this_crawl() -> None:
    retries = middleware()
    request, response = answer(503, "86400")
    assert asyncio.run(retries.process_response(request, response)) is response
    assert retries.crawler.stats.get_value("secnews/retry_after/too_long") == 1


def test_without_retry_after_scrapy_retries_at_once() -> None:
    retries = middleware()
    request, response = answer(503, None)
    retried = asyncio.run(retries.process_response(request, response))
    assert isinstance(retried, Request) and retried.meta["retry_times"] == 1
