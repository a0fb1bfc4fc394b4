"""The link between one Scrapy crawler and the archive: one connection, the run, the site."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archive.frontier import Frontier
from archive.store import Archive
from archive.warc import WarcRecorder
from crawler.provenance import extractor_version

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.siteconfig import SiteConfig

_ATTRIBUTE = "_secnews_session"


@dataclass
class CrawlSession:
    """What every secnews component of one crawler shares."""

    archive: Archive
    site: SiteConfig
    run_id: int
    owns_run: bool  # a bare `scrapy crawl` opens and closes its own run
    frontier: Frontier
    warc: WarcRecorder

    def close(self) -> None:
        self.warc.close()
        self.archive.close()


def session_for(crawler: Crawler) -> CrawlSession:
    """The crawler's session, opened on first use (after the spider exists)."""
    session: CrawlSession | None = getattr(crawler, _ATTRIBUTE, None)
    if session is None:
        session = _open(crawler)
        setattr(crawler, _ATTRIBUTE, session)
    return session


def _open(crawler: Crawler) -> CrawlSession:
    site: SiteConfig = crawler.spider.site  # type: ignore[union-attr]
    data_dir = Path(crawler.settings.get("SECNEWS_DATA"))
    archive = Archive(
        data_dir,
        extractor=crawler.settings.get("SECNEWS_EXTRACTOR") or extractor_version(),
        near_duplicate_threshold=crawler.settings.getfloat("SECNEWS_NEAR_DUPLICATE_THRESHOLD"),
    )
    archive.upsert_site(
        site.name,
        title=site.title,
        base_url=site.start_urls[0],
        language=site.language,
        timezone=site.timezone,
    )
    run_id = crawler.settings.getint("SECNEWS_RUN_ID")
    owns_run = not run_id
    if owns_run:
        run_id = archive.start_run([site.name])
    warc = WarcRecorder(
        data_dir / "warc",
        prefix=f"secnews-{site.name}",
        max_bytes=crawler.settings.getint("SECNEWS_WARC_MAX_BYTES"),
    )
    return CrawlSession(
        archive=archive,
        site=site,
        run_id=run_id,
        owns_run=owns_run,
        frontier=Frontier(archive.db, site.name),
        warc=warc,
    )
