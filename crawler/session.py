"""The link between one Scrapy crawler and the archive: the connection, the run, the site.

The crawlers of one process that write to the same data directory share one ``Archive``
(one connection), which commits in groups (``SECNEWS_COMMIT_INTERVAL``): two connections
writing from the one reactor thread would make each wait for the other's commit. While it
is open, the process holds the data directory's writer lock (``archive.lock``).
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from twisted.internet.task import LoopingCall

from archive.diskfull import is_storage_full
from archive.lock import writing
from archive.store import Archive
from archive.store.frontier import Frontier
from archive.store.warc import WarcRecorder
from crawler.provenance import extractor_version

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

    from crawler.sites.config import SiteConfig

log = logging.getLogger(__name__)

_ATTRIBUTE = "_secnews_session"


class _Shared:
    """One data directory's ``Archive`` in this process, the sessions using it, and the
    timer that commits its grouped writes."""

    def __init__(self, archive: Archive, interval: float, lock: contextlib.ExitStack):
        self.archive = archive
        self.lock = lock
        self.users = 0
        self.timer: LoopingCall | None = None
        if interval > 0:
            archive.group_commits()
            self.timer = LoopingCall(self.commit)
            self.timer.start(interval, now=False)

    def commit(self) -> None:
        try:
            self.archive.commit()
        except Exception:
            # Logged with its exception, a full disk stops every crawl (StorageGuard).
            log.exception("could not commit to %s", self.archive.path)

    def release(self) -> None:
        self.users -= 1
        if self.users > 0:
            return
        del _SHARED[self.archive.data_dir.resolve()]
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        with self.lock:  # released once the archive is closed, however that goes
            self.archive.close()


_SHARED: dict[Path, _Shared] = {}


@dataclass
class CrawlSession:
    """What every secnews component of one crawler shares."""

    archive: Archive
    site: SiteConfig
    run_id: int
    owns_run: bool  # a bare `scrapy crawl` opens and closes its own run
    frontier: Frontier
    warc: WarcRecorder
    shared: _Shared
    closed: bool = False

    def count_kept(self, stats: StatsCollector, *keys: str) -> None:
        """Count ``keys`` once what was just written is committed: a write SQLite rolls
        back on a full disk is never counted, so a run's counts are what it kept."""
        for key in keys:
            self.archive.db.when_committed(partial(stats.inc_value, key))

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        _OPEN.remove(self)
        try:
            self.warc.close()
        finally:
            self.shared.release()


_OPEN: list[CrawlSession] = []


def close_sessions() -> None:
    """Close the sessions still open once the crawls have stopped: a crawl stopped by a
    second SIGTERM never closes its spider, and its last writes and WARC file would wait,
    uncommitted and ``.open``, for the process to end (holding the write lock meanwhile)."""
    for session in list(_OPEN):
        try:
            session.close()
        except Exception as exc:
            if not is_storage_full(exc):
                log.exception("could not close the session of %s", session.site.name)
            else:  # the run's end is recorded next, with the counts of what was kept
                log.warning("%s: last writes not kept: %s", session.site.name, exc)


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
    shared = _SHARED.get(data_dir.resolve())
    if shared is None:
        lock = contextlib.ExitStack()
        # `secnews crawl` holds the lock already; a bare `scrapy crawl` takes it here.
        lock.enter_context(writing(data_dir, "scrapy crawl"))
        try:
            archive = Archive(
                data_dir,
                extractor=crawler.settings.get("SECNEWS_EXTRACTOR") or extractor_version(),
                near_duplicate_threshold=crawler.settings.getfloat(
                    "SECNEWS_NEAR_DUPLICATE_THRESHOLD"
                ),
            )
        except BaseException:
            lock.close()
            raise
        shared = _SHARED[data_dir.resolve()] = _Shared(
            archive, crawler.settings.getfloat("SECNEWS_COMMIT_INTERVAL"), lock
        )
    shared.users += 1
    # Committed too whenever the crawl runs out of requests: a full disk found by the last
    # commit then stops the crawl as one found at any other, before it closes as finished.
    crawler.signals.connect(shared.commit, signal=signals.spider_idle)
    archive = shared.archive
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
    session = CrawlSession(
        archive=archive,
        site=site,
        run_id=run_id,
        owns_run=owns_run,
        frontier=Frontier(archive.db, site.name),
        warc=warc,
        shared=shared,
    )
    _OPEN.append(session)
    return session
