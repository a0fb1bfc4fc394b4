"""Store stage: files an article as new, a new version, an alias or a copy; notes changes."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from crawler.session import session_for

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

log = logging.getLogger(__name__)


class StorePipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def process_item(self, item: object) -> object:
        if not isinstance(item, ArticleItem):
            return item
        session = session_for(self.crawler)
        archive = session.archive
        result = archive.save_article(
            item.site,
            item.record,
            item.fetched_url,
            item.fetched_at or None,
            prepared=item.prepared,
        )
        # Every other URL found to lead here: links before cleaning, other views of the page.
        variants = session.frontier.variants(item.fetched_url)
        for alias in {item.referred_as, *variants} - {None}:
            archive.add_alias(str(alias), result.article_id)
        stats = self.crawler.stats
        kept = [f"secnews/articles/{result.outcome}"]
        # What the run found changed in the archive, for its summary and `secnews status`.
        if result.outcome == "updated":
            archive.record_change(session.run_id, result.article_id, "updated")
        if result.returned:
            archive.record_change(session.run_id, result.article_id, "back")
            kept.append("secnews/articles/back")
        session.count_kept(stats, *kept)
        if result.outcome in ("alias", "unchanged") and not archive.images_pending(
            result.article_id
        ):
            # Nothing new to pass on (no images to fetch again); the archive has noted the URL.
            stats.inc_value("secnews/duplicate")
            raise DropItem(f"{result.outcome}: {item.fetched_url} is article {result.article_id}")
        log.info("%s article %d: %s", result.outcome, result.article_id, item.record.url)
        item.article_id = result.article_id
        return item
