"""The crawl frontier, kept in SQLite so a crawl killed at any point resumes where it stopped.

Every URL a crawl decides to request is written here *before* it is requested (``pending``)
and marked ``done`` only once everything it led to is safe: the links it yielded are
themselves pending, the article it held is stored. A restart requests the pending URLs
again, so nothing is lost; the store's URL identity means nothing is stored twice.
The validators (ETag, Last-Modified) of the last answer make revisits conditional.

Archived articles are looked at again on a cycle (``RevisitPolicy``): the young ones every
crawl, every other one within ``cycle_days``, a share of them each crawl (the budget, from the
site's own rhythm of crawls), the longest unchecked first. What sitemaps, feeds and listing
pages last said about each URL is kept in ``listings``, so a crawl can tell which articles a
cheap signal names as changed: a later ``<lastmod>``, an entry whose title or date changed,
an article no longer listed anywhere.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from archive.operations import listings, revisits
from archive.operations.listings import Listed
from archive.operations.revisits import RevisitBudget, RevisitPolicy
from archive.store.database import ArchiveDatabase

log = logging.getLogger(__name__)

# What a URL turned out to be, so an incremental crawl knows whether to fetch it again.
# A variant is another view of an article (a print or accessible view declaring the article
# as its canonical URL): it becomes an alias, its text is not filed.
KINDS = ("seed", "robots", "sitemap", "feed", "listing", "article", "variant", "page", "other")


def create_frontier(db: sqlite_utils.Database) -> None:
    db.execute(
        """CREATE TABLE IF NOT EXISTS frontier (
            url TEXT PRIMARY KEY,
            site TEXT NOT NULL,
            kind TEXT,
            state TEXT NOT NULL DEFAULT 'pending',  -- pending | done | refused | failed
            via TEXT,
            discovered_at TEXT,
            last_fetched TEXT,
            last_status INTEGER,
            etag TEXT,
            last_modified TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            article_links INTEGER,  -- for listings: links to articles found last time
            next_due TEXT
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS frontier_site_state ON frontier (site, state)")


def create_frontier_variants(db: sqlite_utils.Database) -> None:
    """Every other URL found to lead to a frontier URL, kept until its article is stored."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS frontier_variants ("
        "url TEXT NOT NULL, variant TEXT NOT NULL, PRIMARY KEY (url, variant)) WITHOUT ROWID"
    )


@dataclass(frozen=True)
class FrontierEntry:
    url: str
    kind: str | None
    state: str
    via: str | None
    last_fetched: str | None
    last_status: int | None
    etag: str | None
    last_modified: str | None
    article_links: int | None

    def worth_refetching(self, refetch_listing: bool) -> bool:
        """Whether an incremental crawl fetches this known URL again: it is still pending,
        it failed in a way worth another try, or it is a listing that led to articles and
        the link to it came from a listing (``refetch_listing``)."""
        if self.state == "pending" or (self.state == "failed" and transient(self.last_status)):
            return True
        return refetch_listing and self.kind == "listing" and bool(self.article_links)

    def validators(self) -> dict[str, str]:
        """The headers that make a revisit conditional on the last answer's validators."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def transient(status: int | None) -> bool:
    """A failure worth another try next crawl: no answer, 5xx, or 429 (come back later)."""
    return status is None or status >= 500 or status == 429


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Frontier:
    """One site's view of the frontier table. ``clock`` gives the current time (UTC), for
    tests that move it."""

    def __init__(self, db: ArchiveDatabase, site: str, clock: Callable[[], datetime] | None = None):
        self.db = db
        self.site = site
        self.clock = clock or (lambda: datetime.now(UTC))

    def _now(self) -> str:
        return _stamp(self.clock())

    def get(self, url: str) -> FrontierEntry | None:
        row = self.db.execute(
            "SELECT url, kind, state, via, last_fetched, last_status, etag, last_modified, "
            "article_links FROM frontier WHERE url = ?",
            [url],
        ).fetchone()
        return FrontierEntry(*row) if row else None

    def add(self, url: str, via: str, variant: str | None = None) -> None:
        """Note a URL about to be requested; a known URL goes back to pending. ``variant``
        is the link as found when it was cleaned (tracking parameters…) into ``url``."""
        with self.db.one_statement():
            self.db.execute(
                "INSERT INTO frontier (url, site, state, via, discovered_at, referred_as) "
                "VALUES (?, ?, 'pending', ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "state = 'pending', referred_as = coalesce(referred_as, excluded.referred_as)",
                [url, self.site, via, self._now(), variant],
            )

    def note_variant(self, url: str, variant: str) -> None:
        """Another URL that leads to ``url`` (a link before cleaning, a print or accessible
        view), kept until the page is stored as an article: every such alias survives a
        crawl killed in between. The first is also the link a pending URL is asked for again."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE frontier SET referred_as = coalesce(referred_as, ?) WHERE url = ?",
                [variant, url],
            )
            self.db.execute(
                "INSERT OR IGNORE INTO frontier_variants (url, variant) VALUES (?, ?)",
                [url, variant],
            )

    def note_alias(self, url: str, alias: str) -> None:
        """Another view of ``url`` (a print or accessible view): an alias of its article once
        stored, never a link to ask for ``url`` by."""
        with self.db.one_statement():
            self.db.execute(
                "INSERT OR IGNORE INTO frontier_variants (url, variant) VALUES (?, ?)",
                [url, alias],
            )

    def variants(self, url: str) -> list[str]:
        """Every other URL noted as leading to ``url``, in no particular order."""
        rows = self.db.execute(
            "SELECT referred_as FROM frontier WHERE url = ? AND referred_as IS NOT NULL "
            "UNION SELECT variant FROM frontier_variants WHERE url = ?",
            [url, url],
        ).fetchall()
        return [str(row[0]) for row in rows]

    def fetched(self, url: str, status: int | None, validators: dict[str, str | None]) -> None:
        with self.db.one_statement():
            self.db.execute(
                "UPDATE frontier SET last_fetched = ?, last_status = ?, "
                "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
                "failures = CASE WHEN ? >= 500 OR ? IS NULL THEN failures + 1 ELSE 0 END "
                "WHERE url = ?",
                [
                    self._now(),
                    status,
                    validators.get("etag"),
                    validators.get("last_modified"),
                    status,
                    status,
                    url,
                ],
            )

    def done(
        self,
        url: str,
        kind: str,
        *,
        article_links: int | None = None,
        state: str = "done",
        verdict: str | None = None,
    ) -> None:
        """Close a URL's entry: what it turned out to be and, for a page, why it was taken as
        news or left (``verdict``)."""
        with self.db.one_statement():
            self.db.execute(
                "UPDATE frontier SET state = ?, kind = ?, "
                "article_links = coalesce(?, article_links), verdict = ? WHERE url = ?",
                [state, kind, article_links, verdict, url],
            )

    def pending(self, batch: int = 1000) -> Iterator[tuple[str, str]]:
        """(url, via) of everything a previous crawl meant to fetch and did not finish, in
        the order it was found; the URL as it was linked, so requesting it again notes the
        same alias. Read ``batch`` rows at a time: a frontier of any size costs the same."""
        # Only what was pending when reading began, not what this crawl adds meanwhile.
        last = self.db.execute("SELECT coalesce(max(rowid), 0) FROM frontier").fetchone()[0]
        query = (
            "SELECT rowid, coalesce(referred_as, url), coalesce(via, 'link') FROM frontier "
            "WHERE site = ? AND state = 'pending' AND rowid <= ? AND rowid > ? "
            "ORDER BY rowid LIMIT ?"
        )
        for _, url, via in self._batches(query, [self.site, last], batch):
            yield str(url), str(via)

    # Revisits ---------------------------------------------------------------------------

    def revisit_budget(self, policy: RevisitPolicy, run_id: int | None = None) -> RevisitBudget:
        """How many older articles this crawl (run ``run_id``) looks at again."""
        return revisits.revisit_budget(self.db, self.site, policy, self.clock(), run_id)

    def young_articles(self, policy: RevisitPolicy, batch: int = 1000) -> Iterator[str]:
        """Articles every crawl revisits: those published within ``recent_days``."""
        return revisits.young_articles(self.db, self.site, policy, self.clock(), batch)

    def cycle_articles(
        self, policy: RevisitPolicy, budget: int, batch: int = 1000
    ) -> Iterator[str]:
        """The ``budget`` older articles checked longest ago."""
        return revisits.cycle_articles(self.db, self.site, policy, budget, self.clock(), batch)

    # What sitemaps, feeds and listing pages say: cheap signals of a change (operations.listings)

    def listed(self, source: str, entries: Iterable[Listed], run_id: int) -> list[str]:
        """See ``listings.record_listed``."""
        return listings.record_listed(self.db, self.site, source, entries, run_id, self._now())

    def lastmod_due(self, source: str, entries: Sequence[tuple[str, str | None]]) -> list[str]:
        """See ``listings.lastmod_due``."""
        return listings.lastmod_due(self.db, self.site, source, entries)

    def lastmod_tally(self, source: str) -> listings.LastmodTally:
        """See ``listings.LastmodTally``: ``lastmod_due`` a chunk of a sitemap at a time."""
        return listings.LastmodTally(self.db, self.site, source)

    def unlisted(self, sources: Collection[str], run_id: int) -> list[str]:
        """See ``listings.unlisted``."""
        return listings.unlisted(self.db, self.site, sources, run_id)

    def _batches(self, query: str, params: list[Any], batch: int) -> Iterator[tuple[Any, ...]]:
        """Rows of ``query`` (its last two parameters: the rowid to start after and a
        limit), batch by batch, each a fresh statement: the crawl writes in between."""
        after = 0
        while True:
            rows = self.db.execute(query, [*params, after, batch]).fetchall()
            yield from rows
            if len(rows) < batch:
                return
            after = rows[-1][0]

    def stats(self) -> dict[str, Any]:
        rows = self.db.execute(
            "SELECT state, count(*) FROM frontier WHERE site = ? GROUP BY state", [self.site]
        ).fetchall()
        return {str(state): int(count) for state, count in rows}
