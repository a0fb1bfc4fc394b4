"""Media stage: downloads a stored article's images into ``media/`` and records them.

Image requests go through the same downloader as pages — robots.txt, politeness, WARC
capture and ``fetches`` — with a size limit of their own; bytes are checked (real image,
pixel limit) before they are kept, content-addressed by sha256. An image at a URL that this
crawl has already fetched (a site's logo, a photo shown by several releases) is not fetched
again: the article is given what the first fetch kept, or nothing if that fetch came to nothing.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured

from archive.diskfull import is_storage_full
from archive.store.media import MediaRejected, StoredMedia, store_media
from crawler.items import ArticleItem
from crawler.middlewares.capture import FETCH_ID_META
from crawler.middlewares.scope import MEDIA_META
from crawler.session import session_for

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)
# Image URLs this crawl remembers having fetched, the most recently used kept: enough for a
# site's shared pictures, and a bound on memory however many images a long crawl meets.
REMEMBERED = 4096


class MediaPipeline:
    def __init__(self, crawler: Crawler, max_bytes: int):
        self.crawler = crawler
        self.max_bytes = max_bytes
        self.data_dir = Path(crawler.settings.get("SECNEWS_DATA"))
        self.fetched: OrderedDict[str, StoredMedia | None] = OrderedDict()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MediaPipeline:
        if not crawler.settings.getbool("SECNEWS_MEDIA"):
            raise NotConfigured
        return cls(crawler, crawler.settings.getint("SECNEWS_MEDIA_MAX_BYTES"))

    async def process_item(self, item: object) -> object:
        if not isinstance(item, ArticleItem) or item.article_id is None:
            return item
        archive = session_for(self.crawler).archive
        for image in item.record.images:
            if archive.image_stored(item.article_id, image.url):
                continue
            if image.url in self.fetched:
                self.fetched.move_to_end(image.url)
                media = self.fetched[image.url]
                if media is not None:
                    archive.record_media(item.article_id, image.url, media)
                    self.crawler.stats.inc_value("secnews/media/shared")
                continue
            self._remember(image.url, await self._fetch(item.article_id, image.url))
        return item

    def _remember(self, url: str, media: StoredMedia | None) -> None:
        self.fetched[url] = media
        if len(self.fetched) > REMEMBERED:
            self.fetched.popitem(last=False)

    async def _fetch(self, article_id: int, url: str) -> StoredMedia | None:
        """Fetch and keep one image for the article; what was kept, or None."""
        stats = self.crawler.stats
        request = Request(url, meta={MEDIA_META: True, "download_maxsize": self.max_bytes})
        assert self.crawler.engine is not None
        try:
            response = await self.crawler.engine.download_async(request)
        except IgnoreRequest as exc:
            stats.inc_value("secnews/media/refused")
            log.debug("image %s not fetched: %s", url, exc)
            self._note(request, f"{type(exc).__name__}: {exc}")
            return None
        except Exception as exc:  # recorded in fetches by the capture middleware
            if is_storage_full(exc):
                raise  # not the image's fault: the storage guard stops the crawl
            stats.inc_value("secnews/media/failed")
            log.info("image %s failed: %s", url, exc)
            return None
        if response.status != 200:
            stats.inc_value("secnews/media/failed")
            return None
        declared = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        try:
            media = store_media(self.data_dir, response.body, declared)
        except MediaRejected as exc:
            stats.inc_value("secnews/media/rejected")
            log.info("image %s rejected: %s", url, exc)
            self._note(response.request or request, f"image not kept: {exc}")
            return None
        session_for(self.crawler).archive.record_media(article_id, url, media)
        stats.inc_value("secnews/media/stored")
        return media

    def _note(self, request: Request, reason: str) -> None:
        """Say on the image's fetch row why it came to nothing."""
        fetch_id = request.meta.get(FETCH_ID_META)
        if fetch_id is not None:
            session_for(self.crawler).archive.note_fetch_error(fetch_id, reason)
