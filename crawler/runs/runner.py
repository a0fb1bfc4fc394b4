"""Runs crawls: resolves every target first (a bad config stops before any request), then
one Scrapy ``CrawlerProcess`` crawls the sites side by side into one ``crawl_runs`` row.

A crawl holds the data directory's writer lock from start to end and keeps some room on
its disk in reserve (``archive.diskfull.Reserve``). However the crawl ends — finished, on a
full disk, or stopped by a second SIGTERM — what it left open is closed, then the reserve is
given up and the run is recorded over a connection of its own, with the counts of what was
kept.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from archive.diskfull import Reserve, is_storage_full
from archive.lock import writing
from archive.store import Archive
from archive.store.runs import RunCounts
from crawler.extensions.runlog import RECORDED, counts_from_stats
from crawler.extensions.storage import REASON
from crawler.session import close_sessions
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
    with writing(options.data_dir, "secnews crawl"):
        reserve = Reserve(options.data_dir)
        reserve.keep()
        try:
            run_id = _start_run(options.data_dir, sites)
            settings = crawl_settings(options, run_id)
            process, crawlers = crawler_process(settings, sites)
            if NO_CONTACT in settings.get("USER_AGENT", ""):
                log.warning(CONTACT_WARNING)
            if watch is not None:
                watch(crawlers)
            process.start()
            close_sessions()
        finally:
            reserve.give_up()
        return _end_run(options.data_dir, run_id, list(zip(sites, crawlers, strict=True)))


def _start_run(data_dir: Path, sites: Sequence[SiteConfig]) -> int:
    with Archive(data_dir) as archive:
        # This process holds the writer lock: a run still `running` is no other's.
        for interrupted in archive.close_interrupted_runs(lock_held=True):
            log.warning("run %d was interrupted (its crawl process is gone)", interrupted)
        return archive.start_run([site.name for site in sites])


def run_status(crawlers: Sequence[Crawler]) -> str:
    """``ok``, or how the crawls ended: ``disk_full``, ``shutdown``…"""
    # A crawl stopped by a second SIGTERM never closes: it has no finish reason.
    reasons = {c.stats.get_value("finish_reason") or "shutdown" for c in crawlers}
    if any(c.stats.get_value("secnews/storage_errors") for c in crawlers):
        reasons.add(REASON)  # a commit that failed as the crawl closed stops it all the same
    return "ok" if reasons <= {"finished"} else ",".join(sorted(reasons))


def _end_run(
    data_dir: Path, run_id: int, crawled: list[tuple[SiteConfig, Crawler]]
) -> dict[str, Any]:
    """Record the run's end, with the counts of crawlers that could not record theirs; the
    finished ``crawl_runs`` row, or its counts alone when the disk has no room even so."""
    status = run_status([crawler for _, crawler in crawled])
    unrecorded = [
        (site, crawler.stats.get_stats())
        for site, crawler in crawled
        if not crawler.stats.get_value(RECORDED)
    ]
    try:
        with Archive(data_dir) as archive:
            for site, stats in unrecorded:
                archive.add_run_counts(run_id, counts_from_stats(stats), {site.name: stats})
            archive.close_run(run_id, status)
            return {**archive.run(run_id), "status": status}
    except sqlite3.Error as exc:
        if not is_storage_full(exc):
            raise
        log.warning("run %d stays 'running' until the next crawl: %s", run_id, exc)
    each = [asdict(counts_from_stats(crawler.stats.get_stats())) for _, crawler in crawled]
    summed = {name: sum(counts[name] for counts in each) for name in asdict(RunCounts())}
    return {"id": run_id, "status": status, **summed}


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
