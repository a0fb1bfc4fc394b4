"""The archive store: opens the SQLite file and files records as articles, versions, fetches."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from archive import __version__
from archive.languages.declared import link_declared
from archive.records import ArticleRecord, ImageRecord
from archive.store import dedupe
from archive.store.database import ArchiveDatabase, insert_row, update_row
from archive.store.dedupe import same_content
from archive.store.media import StoredMedia
from archive.store.prepared import Prepared
from archive.store.runs import RunLog, utc_now
from archive.store.schema import migrate
from archive.urls import canonical_url, is_print_view, url_key

log = logging.getLogger(__name__)

DB_NAME = "archive.db"
Outcome = Literal["new", "updated", "unchanged", "alias", "duplicate", "gone"]


@dataclass(frozen=True)
class SaveResult:
    """What filing one extracted page (or a revisit's answer) did to the archive."""

    outcome: Outcome
    article_id: int
    returned: bool = False  # the article was gone and is served again


class Archive(RunLog):
    """One archive: ``DIR/archive.db`` (WAL mode) and the files beside it."""

    db: ArchiveDatabase

    def __init__(
        self,
        data_dir: Path | str,
        *,
        extractor: str = f"secnews {__version__}",
        near_duplicate_threshold: float = 0.5,
    ):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_NAME
        self.db = ArchiveDatabase(self.path)
        self.db.execute("PRAGMA journal_mode = WAL")
        # In WAL mode, NORMAL syncs at checkpoints instead of at every commit: a killed
        # crawl loses nothing committed and the file stays consistent; a power cut may roll
        # back the last commits, which the frontier (still pending) fetches again.
        self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA busy_timeout = 30000")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.extractor = extractor
        self.near_duplicate_threshold = near_duplicate_threshold
        self._origin = "crawl"
        migrate(self.db)

    def group_commits(self) -> None:
        """From now on, writes wait for ``commit()`` (or ``close()``) to be committed.

        A crash loses the writes since the last commit. The frontier marks a URL done only
        after what it led to is written, so a URL whose article or links were lost is still
        pending. Another connection that writes meanwhile waits for that commit, so a
        process should write to an archive through one ``Archive`` while it groups commits.
        """
        self.db.grouped = True
        # Pages a group dirties stay in the cache until its commit instead of spilling to the
        # WAL one by one: the search and band indexes take random inserts from every page.
        self.db.execute("PRAGMA cache_size = -65536")  # KiB
        # A checkpoint (copying the WAL back into the file, with an fsync) every 40 MB of WAL
        # rather than every 4 MB: the pages every group rewrites (the indexes') are copied
        # once for ten times as many groups. Filing cost 0.1 ms less CPU an article and
        # 0.35 ms less time. A killed crawl leaves a longer WAL, which the next open reads.
        self.db.execute("PRAGMA wal_autocheckpoint = 10000")  # pages

    def commit(self) -> None:
        """Commit what grouped writes have left uncommitted (``TransactionLost`` if SQLite
        rolled them back on its own: see ``ArchiveDatabase.check_group``)."""
        self.db.commit_group()

    def close(self) -> None:
        try:
            if not self.db.lost:  # a lost group was reported when it was found lost
                self.commit()
        finally:
            self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def upsert_site(self, name: str, **fields: str | None) -> None:
        with self.db.atomic():
            self.db.table("sites").upsert({"name": name, **fields}, pk="name")

    # Articles -------------------------------------------------------------------------

    def article_for_url(self, url: str) -> int | None:
        """The article a URL (any variant of it) is known to lead to."""
        row = self.db.execute(
            "SELECT article_id FROM article_urls WHERE url = ? UNION ALL "
            "SELECT id FROM articles WHERE url_key = ? LIMIT 1",
            [url, url_key(url)],
        ).fetchone()
        return int(row[0]) if row else None

    def save_article(
        self,
        site: str,
        record: ArticleRecord,
        fetched_url: str,
        fetched_at: str | None = None,
        *,
        origin: str = "crawl",
        prepared: Prepared | None = None,
    ) -> SaveResult:
        """File one extracted page: new article, new version, alias URL or duplicate link.
        ``prepared`` is ``archive.prepared.prepare(record)`` if the caller has computed it
        already (in another process, say); otherwise what filing needs is computed here."""
        seen = fetched_at or utc_now()
        self._origin = origin
        if prepared is None or not prepared.fits(record):
            prepared = Prepared(record)
        with self.db.atomic():
            result = self._file(site, record, seen, prepared)
            for url in {fetched_url, record.url}:
                self._add_url(url, result.article_id, seen)
            link_declared(self.db, result.article_id, record.alternates, {fetched_url, record.url})
        log.debug("%s %s → article %d", result.outcome, record.url, result.article_id)
        return result

    def mark_gone(self, url: str, seen: str | None = None) -> SaveResult | None:
        """A known article's page is removed (404/410, or a redirect to a section front):
        ``gone`` since ``seen``, its text and versions kept. The outcome is ``gone`` when it
        was live until now, ``unchanged`` when it was gone already; None for no article."""
        article_id = self.article_for_url(url)
        if article_id is None:
            return None
        seen = seen or utc_now()
        was_gone = self._status(article_id) == "gone"
        fields = {"status": "gone", "last_seen": seen}
        if not was_gone:
            fields["gone_at"] = seen
        with self.db.atomic():
            update_row(self.db, "articles", article_id, fields)
        return SaveResult("unchanged" if was_gone else "gone", article_id)

    def touch_url(self, url: str, seen: str | None = None) -> SaveResult | None:
        """A revisit found the page unchanged (e.g. 304): seen now, and live (``returned``
        when it was gone); None for no article."""
        article_id = self.article_for_url(url)
        if article_id is None:
            return None
        returned = self._status(article_id) == "gone"
        with self.db.atomic():
            self._touch(article_id, seen or utc_now(), live=True)
        return SaveResult("unchanged", article_id, returned)

    def last_capture(self, url: str) -> dict[str, Any] | None:
        """The latest full response captured for ``url`` (what a revisit refers to)."""
        cursor = self.db.execute(
            "SELECT * FROM fetches WHERE url = ? AND record_type = 'response' AND status = 200 "
            "ORDER BY id DESC LIMIT 1",
            [url],
        )
        row = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None

    def image_stored(self, article_id: int, url: str) -> bool:
        row = self.db.execute(
            "SELECT sha256 FROM images WHERE article_id = ? AND url = ?", [article_id, url]
        ).fetchone()
        return bool(row and row[0])

    def images_pending(self, article_id: int) -> bool:
        """Whether some image of the article is neither kept nor given up: never fetched, or
        fetched but not yet kept (a crawl killed in between). One that failed, or was
        rejected, has an error on its fetch row and is not tried again."""
        row = self.db.execute(
            "SELECT 1 FROM images i WHERE i.article_id = ? AND i.sha256 IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM fetches f WHERE f.url = i.url AND "
            "(f.error IS NOT NULL OR f.status IS NULL OR f.status <> 200)) LIMIT 1",
            [article_id],
        ).fetchone()
        return row is not None

    def record_media(self, article_id: int, url: str, media: StoredMedia) -> None:
        """Note where an article's image was kept (see ``archive.store.media``)."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE images SET sha256 = ?, path = ?, content_type = ?, bytes = ? "
                "WHERE article_id = ? AND url = ?",
                [media.sha256, media.path, media.content_type, media.bytes, article_id, url],
            )

    def add_alias(self, url: str, article_id: int) -> None:
        """Note another URL that leads to an article (a link before it was cleaned)."""
        with self.db.atomic():
            self._add_url(url, article_id, utc_now())

    def _file(self, site: str, record: ArticleRecord, seen: str, prepared: Prepared) -> SaveResult:
        article_id = self.article_for_url(record.url)
        if article_id is not None and self._print_of(article_id, record.url):
            # A print view (its "Source: URL" footer too) never makes a version of the article.
            self._touch(article_id, seen)
            return SaveResult("alias", article_id)
        if article_id is not None:
            return self._revisit(article_id, record, seen, prepared)
        text_hash = prepared.text_hash
        same = self._same_text_on_site(site, text_hash)
        if same is not None:
            # The same text at another URL of the same site (a moved page, another port or
            # mirror of the site, a second listing path): one article, one more alias. The
            # site's own copy counts even when it is itself a copy of another site's article.
            returned = self._status(same) == "gone"
            self._touch(same, seen, live=True)
            return SaveResult("alias", same, returned)
        original = self._first_with_hash(text_hash)
        sig = prepared.minhash()
        link = (
            (int(original["id"]), 1.0)
            if original
            else self._near_original(site, record, sig, prepared.bands)
        )
        if link and self._predates(record, link[0]):
            # The newcomer was published first: it becomes the original of the whole group.
            article_id = self._insert(site, record, prepared, seen, None)
            self.db.execute(
                "UPDATE articles SET duplicate_of = ?, similarity = coalesce(similarity, ?) "
                "WHERE id = ? OR duplicate_of = ?",
                [article_id, link[1], link[0], link[0]],
            )
        else:
            article_id = self._insert(site, record, prepared, seen, link)
        dedupe.index_signature(self.db, article_id, sig, prepared.bands)
        return SaveResult("duplicate" if link else "new", article_id)

    def _print_of(self, article_id: int, url: str) -> bool:
        """Whether ``url`` is a print view of an article stored from another view."""
        if not is_print_view(url):
            return False
        row = self.db.execute("SELECT url FROM articles WHERE id = ?", [article_id]).fetchone()
        return row is not None and not is_print_view(str(row[0]))

    def _predates(self, record: ArticleRecord, root_id: int) -> bool:
        root = self.db.table("articles").get(root_id)
        return bool(record.published and root["published"]) and (
            str(record.published)[:10] < str(root["published"])[:10]
        )

    def _revisit(
        self, article_id: int, record: ArticleRecord, seen: str, prepared: Prepared
    ) -> SaveResult:
        stored = self.db.table("articles").get(article_id)
        returned = stored["status"] == "gone"
        if same_content(record, stored, prepared.text_hash):
            self._touch(article_id, seen, live=True)
            return SaveResult("unchanged", article_id, returned)
        version = int(stored["version"]) + 1
        update = {**self._fields(record, prepared), "version": version, "status": "live"}
        update |= {"last_seen": seen, "last_changed": seen, "gone_at": None}
        update_row(self.db, "articles", article_id, update)
        self._add_version(article_id, version, record, prepared, seen)
        self._save_images(article_id, record.images)
        self.db.index_later(article_id, prepared.forms, replacing=True)
        dedupe.index_signature(self.db, article_id, prepared.minhash(), prepared.bands)
        return SaveResult("updated", article_id, returned)

    def _insert(
        self,
        site: str,
        record: ArticleRecord,
        prepared: Prepared,
        seen: str,
        link: tuple[int, float] | None,
    ) -> int:
        row = {
            "site": site,
            "url": canonical_url(record.url),
            "url_key": url_key(record.url),
            **self._fields(record, prepared),
            "version": 1,
            "status": "live",
            "first_seen": seen,
            "last_seen": seen,
            "last_changed": seen,
            "duplicate_of": link[0] if link else None,
            "similarity": link[1] if link else None,
        }
        article_id = insert_row(self.db, "articles", row)
        self._add_version(article_id, 1, record, prepared, seen)
        self._save_images(article_id, record.images)
        self.db.index_later(article_id, prepared.forms, replacing=False)
        return article_id

    def _near_original(
        self, site: str, record: ArticleRecord, sig: Any, bands: dedupe.Bands
    ) -> tuple[int, float] | None:
        """The earliest copy among other sites' articles this one nearly repeats, if any."""
        matches = dedupe.near_duplicates(
            self.db, sig, self.near_duplicate_threshold, other_than_site=site, bands=bands
        )
        if not matches:
            return None
        best = matches[0]
        root = self.db.table("articles").get(best.article_id)
        if root["duplicate_of"] is not None:
            root = self.db.table("articles").get(root["duplicate_of"])
        if (
            record.published
            and root["published"]
            and record.published[:10] < root["published"][:10]
        ):
            # The newcomer was published first; the group keeps its earliest stored copy.
            log.info("article %s predates its stored copy %d", record.url, root["id"])
        return int(root["id"]), best.similarity

    @staticmethod
    def _fields(record: ArticleRecord, prepared: Prepared) -> dict[str, Any]:
        return {
            "title": record.title,
            "published": record.published,
            "published_source": record.published_source,
            "published_raw": record.published_raw,
            "author": record.author,
            "language": record.language,
            "text": record.text,
            "word_count": prepared.word_count,
            "content_hash": prepared.text_hash,
        }

    def _same_text_on_site(self, site: str, text_hash: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? AND site = ? ORDER BY id LIMIT 1",
            [text_hash, site],
        ).fetchone()
        return int(row[0]) if row else None

    def _first_with_hash(self, text_hash: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT id, site FROM articles WHERE content_hash = ? AND duplicate_of IS NULL "
            "ORDER BY id LIMIT 1",
            [text_hash],
        ).fetchone()
        return {"id": row[0], "site": row[1]} if row else None

    def _touch(self, article_id: int, seen: str, *, live: bool = False) -> None:
        fields: dict[str, Any] = {"last_seen": seen}
        if live:
            fields |= {"status": "live", "gone_at": None}
        update_row(self.db, "articles", article_id, fields)

    def _status(self, article_id: int) -> str | None:
        row = self.db.execute("SELECT status FROM articles WHERE id = ?", [article_id]).fetchone()
        return str(row[0]) if row else None

    def _add_url(self, url: str, article_id: int, seen: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO article_urls (url, article_id, first_seen) VALUES (?, ?, ?)",
            [url, article_id, seen],
        )

    def _add_version(
        self, article_id: int, version: int, record: ArticleRecord, prepared: Prepared, seen: str
    ) -> None:
        insert_row(
            self.db,
            "article_versions",
            {
                "article_id": article_id,
                "version": version,
                "fetched_at": seen,
                "title": record.title,
                "published": record.published,
                "author": record.author,
                "text": record.text,
                "content_hash": prepared.text_hash,
                "extractor": self.extractor,
                "origin": self._origin,
            },
        )

    def _save_images(self, article_id: int, images: tuple[ImageRecord, ...]) -> None:
        # Downloaded bytes (sha256, path) stay when a new version re-describes an image.
        for position, image in enumerate(images):
            self.db.execute(
                "INSERT INTO images (article_id, position, url, alt, caption) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, url) DO UPDATE SET "
                "position = excluded.position, alt = excluded.alt, caption = excluded.caption",
                [article_id, position, image.url, image.alt, image.caption],
            )
