"""Requisites stage: fetches what a stored article's page shows — stylesheets, images, fonts.

Only for a site whose config asks (``[capture] requisites = true``). The page's own bytes
are read back from the WARC record just written; what they name is fetched through the
same downloader as pages (robots.txt, politeness, size limit, address policy, WARC capture
and ``fetches``), from the site's scope or the static hosts its config names, each URL once
a crawl. A URL captured before is asked for with its validators, so an unchanged one costs
a 304 (recorded as a revisit). Scripts are not fetched.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured

from archive.capture.records import MAX_DEPTH
from archive.capture.requisites import is_stylesheet, page_requisites, stylesheet_requisites
from archive.diskfull import is_storage_full
from archive.store.warc import PayloadTooLarge, read_response
from crawler.items import ArticleItem
from crawler.middlewares.scope import MEDIA_META
from crawler.session import session_for

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.sites.config import SiteConfig

log = logging.getLogger(__name__)


class RequisitesPipeline:
    def __init__(self, crawler: Crawler, max_bytes: int):
        self.crawler = crawler
        self.max_bytes = max_bytes
        self.warc_dir = Path(crawler.settings.get("SECNEWS_DATA")) / "warc"
        self._asked: set[str] = set()  # each requisite once a crawl

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequisitesPipeline:
        if not crawler.settings.getbool("SECNEWS_REQUISITES"):
            raise NotConfigured
        return cls(crawler, crawler.settings.getint("SECNEWS_MEDIA_MAX_BYTES"))

    @property
    def site(self) -> SiteConfig | None:
        return getattr(self.crawler.spider, "site", None)

    async def process_item(self, item: object) -> object:
        site = self.site
        if not isinstance(item, ArticleItem) or item.article_id is None:
            return item
        if site is None or not site.capture.requisites:
            return item
        page = self._stored(item.fetched_url)
        if page is not None:
            body, content_type = page
            await self._fetch_all(page_requisites(body, item.fetched_url, content_type), 1)
        return item

    async def _fetch_all(self, urls: list[str], depth: int) -> None:
        session = session_for(self.crawler)
        for url in urls:
            if url in self._asked or not (self.site and self.site.serves_requisite(url)):
                continue
            self._asked.add(url)
            if session.archive.fetched_in_run(session.run_id, url):
                continue  # the media stage has it already
            found = await self._fetch(url)
            if found is None or depth >= MAX_DEPTH:
                continue
            body, content_type = found
            if is_stylesheet(url, content_type):
                await self._fetch_all(stylesheet_requisites(body, url, content_type), depth + 1)

    async def _fetch(self, url: str) -> tuple[bytes, str | None] | None:
        """The requisite's bytes and type (a 304: the stored ones), or None if it failed."""
        stats = self.crawler.stats
        meta = {MEDIA_META: True, "download_maxsize": self.max_bytes}
        request = Request(url, meta=meta, headers=self._validators(url))
        assert self.crawler.engine is not None
        try:
            response = await self.crawler.engine.download_async(request)
        except IgnoreRequest as exc:
            stats.inc_value("secnews/requisites/refused")
            log.debug("requisite %s not fetched: %s", url, exc)
            return None
        except Exception as exc:  # recorded in fetches by the capture middleware
            if is_storage_full(exc):
                raise
            stats.inc_value("secnews/requisites/failed")
            log.info("requisite %s failed: %s", url, exc)
            return None
        if response.status == 304:
            stats.inc_value("secnews/requisites/unchanged")
            return self._stored(url)
        if response.status != 200:
            stats.inc_value("secnews/requisites/failed")
            return None
        stats.inc_value("secnews/requisites/fetched")
        declared = response.headers.get(b"Content-Type")
        return response.body, declared.decode("latin-1") if declared else None

    def _validators(self, url: str) -> dict[str, str]:
        """The conditional headers of the URL's last full capture."""
        last = session_for(self.crawler).archive.last_capture(url)
        if last is None:
            return {}
        headers = {"If-None-Match": last["etag"], "If-Modified-Since": last["last_modified"]}
        return {name: value for name, value in headers.items() if value}

    def _stored(self, url: str) -> tuple[bytes, str | None] | None:
        """The URL's last full capture read back from its WARC record."""
        last = session_for(self.crawler).archive.last_capture(url)
        if last is None or not last["warc_file"]:
            return None
        try:
            stored = read_response(
                self.warc_dir, last["warc_file"], last["warc_offset"], max_payload=self.max_bytes
            )
        except (OSError, PayloadTooLarge, StopIteration) as exc:
            log.info("capture of %s not readable: %s", url, exc)
            return None
        return stored.payload, last["content_type"]
