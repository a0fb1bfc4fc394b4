"""Runs crawls: resolves every target first (a bad config stops before any request), then
one Scrapy ``CrawlerProcess`` crawls the sites side by side into one ``crawl_runs`` row."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from archive.diskfull import is_storage_full
from archive.store import Archive
from crawler.extensions.storage import REASON
from crawler.settings import CONTACT_WARNING, NO_CONTACT
from crawler.sites.config import SiteConfig, resolve_target
from crawler.spiders.news import NewsSpider

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrawlOptions:
    data_dir: Path
    sites_dir: Path | None = None
    max_pages: int = 0
    delay: float | None = None
    concurrency: int | None = None
    since: str | None = None
    full: bool = False
    log_level: str = "INFO"
    extra_settings: Mapping[str, str] | None = None


def resolve_targets(targets: Sequence[str], sites_dir: Path | None) -> list[SiteConfig]:
    """Every target as a site config; raises ``SiteConfigError`` on the first bad one."""
    return [resolve_target(target, sites_dir) for target in targets]


def crawl_settings(options: CrawlOptions, run_id: int) -> Settings:
    settings = get_project_settings()
    if settings.get("BOT_NAME") != "secnews":  # run outside the repository root
        settings.setmodule("crawler.settings", priority="project")
    command_line: dict[str, Any] = {
        "SECNEWS_DATA": str(options.data_dir),
        "SECNEWS_RUN_ID": run_id,
        "SECNEWS_MAX_REQUESTS": options.max_pages,
        "SECNEWS_SINCE": options.since or "",
        "SECNEWS_FULL": options.full,
        "LOG_LEVEL": options.log_level,
    }
    if options.sites_dir:
        command_line["SECNEWS_SITES_DIR"] = str(options.sites_dir)
    if options.delay is not None:
        command_line["DOWNLOAD_DELAY"] = options.delay
        command_line["AUTOTHROTTLE_START_DELAY"] = max(options.delay, 0.1)
    if options.concurrency is not None:
        command_line["CONCURRENT_REQUESTS_PER_DOMAIN"] = options.concurrency
    command_line.update(options.extra_settings or {})
    settings.setdict(command_line, priority="cmdline")
    return settings


def run_crawl(
    sites: Sequence[SiteConfig],
    options: CrawlOptions,
    watch: Callable[[Sequence[Crawler]], None] | None = None,
) -> dict[str, Any]:
    """Crawl ``sites`` in one process; return the finished ``crawl_runs`` row.

    ``watch`` is handed the crawlers (one a site, in order) before they start, e.g. to show
    their progress.
    """
    with Archive(options.data_dir) as archive:
        for interrupted in archive.close_interrupted_runs():
            log.warning("run %d was interrupted (its crawl process is gone)", interrupted)
        run_id = archive.start_run([site.name for site in sites])
    settings = crawl_settings(options, run_id)
    process, crawlers = crawler_process(settings, sites)
    if NO_CONTACT in settings.get("USER_AGENT", ""):
        log.warning(CONTACT_WARNING)
    if watch is not None:
        watch(crawlers)
    process.start()
    reasons = {c.stats.get_value("finish_reason") for c in crawlers}
    if any(c.stats.get_value("secnews/storage_errors") for c in crawlers):
        reasons.add(REASON)  # a commit that failed as the crawl closed stops it all the same
    status = "ok" if reasons <= {"finished"} else ",".join(sorted(str(r) for r in reasons))
    with Archive(options.data_dir) as archive:
        try:
            archive.close_run(run_id, status)
        except sqlite3.Error as exc:
            if not is_storage_full(exc):
                raise
            log.warning("run %d stays 'running' in crawl_runs: %s", run_id, exc)
        return {**archive.run(run_id), "status": status}


def crawler_process(
    settings: Settings, sites: Sequence[SiteConfig]
) -> tuple[CrawlerProcess, list[Crawler]]:
    """A Scrapy process with a crawl of each site scheduled (not started)."""
    root_level = logging.root.level
    process = CrawlerProcess(settings)
    crawlers = []
    for site in sites:
        crawler = process.create_crawler(NewsSpider)
        crawlers.append(crawler)
        target = (
            {"url": site.start_urls[0]} if site.source == "<command line>" else {"site": site.name}
        )
        process.crawl(crawler, **target)
    # Scrapy (the process, and each crawler again) opens its loggers and the root logger to
    # every level and filters in its handler, so the DEBUG lines of every page were made
    # into records only to be dropped. The loggers stop them instead: at the crawl's level,
    # or at the lower level the root logger had before (a test capturing DEBUG, say).
    level = logging.getLevelName(settings.get("LOG_LEVEL"))
    if isinstance(level, int):
        level = min(level, root_level) if root_level else level
        logging.root.setLevel(level)
        logging.getLogger("scrapy").setLevel(level)
    return process, crawlers
