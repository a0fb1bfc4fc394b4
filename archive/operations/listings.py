"""What sitemaps, feeds and listing pages said about the URLs they list, and the cheap signals
of a change read from it: an entry retitled or redated, a sitemap lastmod later than the last
fetch, a gone article listed again, an article no longer listed anywhere.

Takes a database; reads and writes ``listings``, reads ``frontier`` and ``articles``.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import sqlite_utils

log = logging.getLogger(__name__)

# Sitemaps that would name more than this share of the archived articles they list (and more
# than STAMPED_MIN of them) as changed since fetched are taken to stamp every URL with one
# time, as many CMSs write the time the sitemap was made: their lastmods name none.
STAMPED_SHARE = 0.5
STAMPED_MIN = 10
_CHUNK = 500  # URLs a query names at once (SQLite allows 32766 parameters)


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


def record_listed(
    db: sqlite_utils.Database,
    site: str,
    source: str,
    entries: Iterable[Listed],
    run_id: int,
    now: str,
) -> list[str]:
    """Note what ``source`` (a sitemap, feed or listing page just read by run ``run_id``)
    lists; return the archived articles it names as changed: live ones whose entry gives
    another title or date than when the source was read before, and gone ones it lists
    anew. A URL listed twice keeps its entry with the longest title."""
    found: dict[str, Listed] = {}
    for entry in entries:
        kept = found.get(entry.url)
        if kept is None or len(entry.title or "") > len(kept.title or ""):
            found[entry.url] = entry
    before: dict[str, tuple[str | None, str | None]] = {}
    for chunk in _chunks(list(found)):  # only these URLs: a sitemap is read in chunks
        rows = db.execute(
            f"SELECT url, title, date FROM listings WHERE source = ? AND url IN ({_marks(chunk)})",
            [source, *chunk],
        )
        before |= {str(url): (title, day) for url, title, day in rows}
    changed = [url for url, entry in found.items() if _entry_changed(before.get(url), entry)]
    anew = [url for url in found if url not in before] if _has_gone(db, site) else []
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO listings (source, url, site, title, date, first_listed, "
            "last_listed, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source, url) "
            "DO UPDATE SET title = excluded.title, date = excluded.date, "
            "last_listed = excluded.last_listed, run_id = excluded.run_id",
            [(source, u, site, e.title, e.date, now, now, run_id) for u, e in found.items()],
        )
    return [*archived(db, site, changed, "live"), *archived(db, site, anew, "gone")]


def lastmod_due(
    db: sqlite_utils.Database, site: str, source: str, entries: Sequence[tuple[str, str | None]]
) -> list[str]:
    """The archived live articles a sitemap gives a ``<lastmod>`` later than their last
    fetch. A sitemap that would name more than half of the archived articles it lists
    (and more than ``STAMPED_MIN``) stamps every URL with one time, and names none."""
    tally = LastmodTally(db, site, source)
    tally.add(entries)
    return tally.due()


class LastmodTally:
    """``lastmod_due`` for a sitemap read a chunk at a time: ``add`` each chunk's (URL,
    lastmod) pairs, then ``due()`` judges the whole sitemap. Holds only the archived
    articles it names, never every URL the sitemap lists."""

    def __init__(self, db: sqlite_utils.Database, site: str, source: str):
        self.db, self.site, self.source = db, site, source
        self.archived = 0  # archived live articles the sitemap gives a lastmod
        self._due: dict[str, None] = {}

    def add(self, entries: Sequence[tuple[str, str | None]]) -> None:
        lastmods = {url: lastmod for url, lastmod in entries if lastmod}
        fetched = archived(self.db, self.site, list(lastmods), "live")
        self.archived += len(fetched)
        self._due |= dict.fromkeys(
            url for url, last in fetched.items() if later_than(lastmods[url], last)
        )

    def due(self) -> list[str]:
        if len(self._due) > max(STAMPED_MIN, STAMPED_SHARE * self.archived):
            log.info(
                "%s: lastmod of %d of its %d archived articles is later than their fetch; "
                "taken as the time the sitemap was made",
                self.source,
                len(self._due),
                self.archived,
            )
            return []
        return list(self._due)


def unlisted(
    db: sqlite_utils.Database, site: str, sources: Collection[str], run_id: int
) -> list[str]:
    """The archived live articles that a source read by run ``run_id`` (``sources``) listed
    before and lists no longer, and that no source listed in this run: taken down, or
    only unlisted. The sources' entries for what they list no longer are dropped, so each
    article is named once, and so are entries of URLs that turned out not to be articles."""
    dropped: set[str] = set()
    names = list(sources)
    with db.atomic():
        for chunk in _chunks(names):
            where = f"source IN ({_marks(chunk)}) AND run_id IS NOT ?"
            rows = db.execute(f"SELECT url FROM listings WHERE {where}", [*chunk, run_id])
            dropped |= {str(url) for (url,) in rows}
            db.execute(f"DELETE FROM listings WHERE {where}", [*chunk, run_id])
        db.execute(
            "DELETE FROM listings WHERE site = ? AND url IN (SELECT url FROM frontier "
            "WHERE site = ? AND state <> 'pending' AND kind <> 'article')",
            [site, site],
        )
    still: set[str] = set()
    for chunk in _chunks(sorted(dropped)):
        rows = db.execute(
            f"SELECT url FROM listings WHERE run_id = ? AND url IN ({_marks(chunk)})",
            [run_id, *chunk],
        )
        still |= {str(url) for (url,) in rows}
    return list(archived(db, site, sorted(dropped - still), "live"))


def _has_gone(db: sqlite_utils.Database, site: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM articles WHERE site = ? AND status = 'gone' LIMIT 1", [site]
    ).fetchone()
    return row is not None


def archived(
    db: sqlite_utils.Database, site: str, urls: Sequence[str], status: str
) -> dict[str, str | None]:
    """Those of ``urls`` that are the site's archived articles with ``status``, in order,
    with the time each was last fetched."""
    found: dict[str, str | None] = {}
    for chunk in _chunks(urls):
        rows = db.execute(
            "SELECT f.url, f.last_fetched FROM frontier f JOIN article_urls u ON u.url = f.url "
            f"JOIN articles a ON a.id = u.article_id WHERE f.url IN ({_marks(chunk)}) "
            "AND f.site = ? AND f.kind = 'article' AND f.state = 'done' AND a.status = ?",
            [*chunk, site, status],
        )
        found |= {str(url): last for url, last in rows}
    return {url: found[url] for url in urls if url in found}


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
