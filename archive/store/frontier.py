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
from datetime import UTC, date, datetime
from typing import Any

import sqlite_utils

from archive.operations import revisits
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


def create_listings(db: sqlite_utils.Database) -> None:
    """``listings``: what each sitemap, feed and listing page said about each URL it listed
    when a crawl last read it."""
    db.execute(
        """CREATE TABLE IF NOT EXISTS listings (
            source TEXT NOT NULL,  -- the sitemap, feed or listing page
            url TEXT NOT NULL,  -- a URL it lists
            site TEXT NOT NULL,
            title TEXT,
            date TEXT,
            first_listed TEXT,
            last_listed TEXT,
            run_id INTEGER REFERENCES crawl_runs(id),  -- the last run that found it listed
            PRIMARY KEY (source, url)
        )"""
    )
    db.execute("CREATE INDEX IF NOT EXISTS listings_url ON listings (url)")


@dataclass(frozen=True)
class Listed:
    """One entry of a sitemap, feed or listing page: the URL, and the title and date the
    entry gives it (a feed item's, a link's text; none in a sitemap)."""

    url: str
    title: str | None = None
    date: str | None = None


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


# Sitemaps that would name more than this share of the archived articles they list (and more
# than STAMPED_MIN of them) as changed since fetched are taken to stamp every URL with one
# time, as many CMSs write the time the sitemap was made: their lastmods name none.
STAMPED_SHARE = 0.5
STAMPED_MIN = 10
_CHUNK = 500  # URLs a query names at once (SQLite allows 32766 parameters)


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
        self, url: str, kind: str, *, article_links: int | None = None, state: str = "done"
    ) -> None:
        with self.db.one_statement():
            self.db.execute(
                "UPDATE frontier SET state = ?, kind = ?, "
                "article_links = coalesce(?, article_links) WHERE url = ?",
                [state, kind, article_links, url],
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

    # What sitemaps, feeds and listing pages say: cheap signals of a change ----------------

    def listed(self, source: str, entries: Iterable[Listed], run_id: int) -> list[str]:
        """Note what ``source`` (a sitemap, feed or listing page just read by run ``run_id``)
        lists; return the archived articles it names as changed: live ones whose entry gives
        another title or date than when the source was read before, and gone ones it lists
        anew. A URL listed twice keeps its entry with the longest title."""
        found: dict[str, Listed] = {}
        for entry in entries:
            kept = found.get(entry.url)
            if kept is None or len(entry.title or "") > len(kept.title or ""):
                found[entry.url] = entry
        before = {
            str(url): (title, day)
            for url, title, day in self.db.execute(
                "SELECT url, title, date FROM listings WHERE source = ?", [source]
            )
        }
        changed = [url for url, entry in found.items() if _entry_changed(before.get(url), entry)]
        anew = [url for url in found if url not in before] if self._has_gone() else []
        now = self._now()
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT INTO listings (source, url, site, title, date, first_listed, "
                "last_listed, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, url) "
                "DO UPDATE SET title = excluded.title, date = excluded.date, "
                "last_listed = excluded.last_listed, run_id = excluded.run_id",
                [
                    (source, u, self.site, e.title, e.date, now, now, run_id)
                    for u, e in found.items()
                ],
            )
        return [*self._archived(changed, "live"), *self._archived(anew, "gone")]

    def lastmod_due(self, source: str, entries: Sequence[tuple[str, str | None]]) -> list[str]:
        """The archived live articles a sitemap gives a ``<lastmod>`` later than their last
        fetch. A sitemap that would name more than half of the archived articles it lists
        (and more than ``STAMPED_MIN``) stamps every URL with one time, and names none."""
        lastmods = {url: lastmod for url, lastmod in entries if lastmod}
        fetched = self._archived(list(lastmods), "live")
        due = [url for url, last in fetched.items() if later_than(lastmods[url], last)]
        if len(due) > max(STAMPED_MIN, STAMPED_SHARE * len(fetched)):
            log.info(
                "%s: lastmod of %d of its %d archived articles is later than their fetch; "
                "taken as the time the sitemap was made",
                source,
                len(due),
                len(fetched),
            )
            return []
        return due

    def unlisted(self, sources: Collection[str], run_id: int) -> list[str]:
        """The archived live articles that a source read by run ``run_id`` (``sources``) listed
        before and lists no longer, and that no source listed in this run: taken down, or
        only unlisted. The sources' entries for what they list no longer are dropped, so each
        article is named once, and so are entries of URLs that turned out not to be articles."""
        dropped: set[str] = set()
        names = list(sources)
        with self.db.atomic():
            for chunk in _chunks(names):
                where = f"source IN ({_marks(chunk)}) AND run_id IS NOT ?"
                rows = self.db.execute(f"SELECT url FROM listings WHERE {where}", [*chunk, run_id])
                dropped |= {str(url) for (url,) in rows}
                self.db.execute(f"DELETE FROM listings WHERE {where}", [*chunk, run_id])
            self.db.execute(
                "DELETE FROM listings WHERE site = ? AND url IN (SELECT url FROM frontier "
                "WHERE site = ? AND state <> 'pending' AND kind <> 'article')",
                [self.site, self.site],
            )
        still: set[str] = set()
        for chunk in _chunks(sorted(dropped)):
            rows = self.db.execute(
                f"SELECT url FROM listings WHERE run_id = ? AND url IN ({_marks(chunk)})",
                [run_id, *chunk],
            )
            still |= {str(url) for (url,) in rows}
        return list(self._archived(sorted(dropped - still), "live"))

    def _has_gone(self) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM articles WHERE site = ? AND status = 'gone' LIMIT 1", [self.site]
        ).fetchone()
        return row is not None

    def _archived(self, urls: Sequence[str], status: str) -> dict[str, str | None]:
        """Those of ``urls`` that are the site's archived articles with ``status``, in order,
        with the time each was last fetched."""
        found: dict[str, str | None] = {}
        for chunk in _chunks(urls):
            rows = self.db.execute(
                "SELECT f.url, f.last_fetched FROM frontier f JOIN article_urls u ON u.url = f.url "
                f"JOIN articles a ON a.id = u.article_id WHERE f.url IN ({_marks(chunk)}) "
                "AND f.site = ? AND f.kind = 'article' AND f.state = 'done' AND a.status = ?",
                [*chunk, self.site, status],
            )
            found |= {str(url): last for url, last in rows}
        return {url: found[url] for url in urls if url in found}

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


def _entry_changed(before: tuple[str | None, str | None] | None, entry: Listed) -> bool:
    """Whether a source's entry for a URL gives another title or date than it did before
    (a value only one of them gives is no change)."""
    if before is None:
        return False
    title, day = before
    return bool(title and entry.title and title != entry.title) or bool(
        day and entry.date and day != entry.date
    )


def later_than(lastmod: str, fetched: str | None) -> bool:
    """Whether a sitemap's ``<lastmod>`` (a W3C datetime, or a date alone) is later than a
    fetch (a UTC stamp): a date alone only from the day after the fetch on; a time without
    an offset is taken as UTC; what cannot be read is not later."""
    if not fetched:
        return False
    text = lastmod.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text) > date.fromisoformat(fetched[:10])
        moment = datetime.fromisoformat(text)
    except ValueError:
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment > datetime.fromisoformat(fetched.replace("Z", "+00:00"))


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(items: Sequence[str]) -> str:
    return ", ".join("?" * len(items))
