"""The floor: a naive Scrapy spider that follows every on-site link and runs trafilatura on
each page, storing nothing. ``scrapy runspider bench/naive_spider.py -a start=URL``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
import trafilatura
from scrapy.http import Response


class NaiveSpider(scrapy.Spider):
    name = "naive"
    custom_settings: ClassVar[dict[str, Any]] = {
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    }

    def __init__(self, start: str, out: str = "", **kwargs: Any):
        super().__init__(**kwargs)
        self.out = out
        self.start_urls = start.split(",")
        self.allowed_domains = [urlsplit(self.start_urls[0]).hostname or ""]
        self.extracted = 0

    def parse(self, response: Response) -> Iterator[Any]:
        text = trafilatura.bare_extraction(response.body, url=response.url, with_metadata=True)
        if text:
            self.extracted += 1
            self.crawler.stats.inc_value("naive/extracted")
        for href in response.css("a::attr(href)").getall():
            if not href.startswith(("mailto:", "tel:", "javascript:")):
                yield response.follow(href.split("#")[0], callback=self.parse)

    def closed(self, reason: str) -> None:
        if self.out:
            responses = self.crawler.stats.get_value("downloader/response_count", 0)
            with open(self.out, "w") as report:
                report.write(f"{responses} {self.extracted}\n")
