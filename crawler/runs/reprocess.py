"""``secnews reprocess``: re-extract every stored page from its WARC record, offline.

When extraction improves, the archive catches up without a single request: each article's
latest full capture is read back from WARC and extracted again; what now reads differently
becomes a new version marked ``reprocess``, with the extractor that made it.

Only captures the crawl accepted are read back, with the crawl's own limits: the WARC also
holds what the crawl refused after receiving it (a gzip bomb, a redirect not followed; its
``fetches`` row says why), and a payload is inflated only up to ``DOWNLOAD_MAXSIZE`` and
extracted only up to ``SECNEWS_EXTRACT_MAX_BYTES``, as in a crawl.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from archive.lock import writing
from archive.records import ArticleRecord
from archive.store import Archive
from archive.store.warc import PayloadTooLarge, read_response
from crawler import settings
from crawler.extract import ExtractHints, extract_article
from crawler.pipelines.extract import WEAKER_THAN_LISTED
from crawler.provenance import extractor_version
from crawler.sites.config import SiteConfigError, load_sites

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
LISTED_SOURCES = ("feed", "sitemap", "listing")


@dataclass(frozen=True)
class Limits:
    """What a crawl reads at most: bytes a payload may inflate to, bytes a page may have to
    be extracted (the crawl's ``DOWNLOAD_MAXSIZE`` and ``SECNEWS_EXTRACT_MAX_BYTES``)."""

    inflated: int = settings.DOWNLOAD_MAXSIZE
    extracted: int = settings.SECNEWS_EXTRACT_MAX_BYTES


def captures(archive: Archive, site: str | None) -> Iterator[tuple[str, str, str, str, int]]:
    """(site, url, content type, warc file, offset) of each article's latest full capture
    that the crawl accepted: a 200 with no error on its row (none refused after it came)."""
    rows = archive.db.execute(
        "SELECT a.site, f.url, f.content_type, f.warc_file, f.warc_offset FROM articles a "
        "JOIN fetches f ON f.id = (SELECT max(f2.id) FROM fetches f2 JOIN article_urls u "
        "  ON u.url = f2.url WHERE u.article_id = a.id AND f2.status = 200 "
        "  AND f2.error IS NULL "
        "  AND f2.record_type = 'response' AND f2.warc_file IS NOT NULL) "
        "WHERE (? IS NULL OR a.site = ?) ORDER BY a.id",
        [site, site],
    )
    yield from rows


def count_captures(archive: Archive, site: str | None) -> int:
    return sum(1 for _ in captures(archive, site))


def reprocess(
    data_dir: Path,
    *,
    site: str | None = None,
    sites_dir: Path | None = None,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> Counter[str]:
    """Re-extract; return counts of updated, unchanged, no_body, too_large and unreadable
    pages."""
    counts: Counter[str] = Counter()
    with (
        writing(data_dir, "secnews reprocess"),
        Archive(data_dir, extractor=extractor_version()) as archive,
    ):
        reader = _Reader(archive, data_dir, _hints(archive, sites_dir), limits or Limits())
        for site_name, url, content_type, warc_file, offset in list(captures(archive, site)):
            counts[reader.one(site_name, url, content_type, warc_file, offset)] += 1
            if progress:
                progress(1)
    return counts


@dataclass(frozen=True)
class _Reader:
    archive: Archive
    data_dir: Path
    hints: dict[str, ExtractHints]
    limits: Limits

    def one(
        self, site: str, url: str, content_type: str | None, warc_file: str, offset: int
    ) -> str:
        """Re-extract one capture; say what came of it (a key of ``reprocess``'s counts)."""
        try:
            payload = self._payload(warc_file, offset)
        except PayloadTooLarge as exc:
            log.warning("%s: WARC record %s@%d not read: %s", url, warc_file, offset, exc)
            return "too_large"
        except (OSError, StopIteration, ValueError) as exc:
            log.warning("%s: WARC record %s@%d unreadable: %s", url, warc_file, offset, exc)
            return "unreadable"
        if len(payload) > self.limits.extracted:
            log.warning(
                "%s: %d bytes, over SECNEWS_EXTRACT_MAX_BYTES (%d): not extracted",
                url,
                len(payload),
                self.limits.extracted,
            )
            return "too_large"
        hints = self.hints.get(site, ExtractHints())
        return _refile(self.archive, site, url, payload, content_type, hints)

    def _payload(self, warc_file: str, offset: int) -> bytes:
        directory = self.data_dir / "warc"
        stored = read_response(directory, warc_file, offset, max_payload=self.limits.inflated)
        return stored.payload


def _refile(
    archive: Archive,
    site: str,
    url: str,
    payload: bytes,
    content_type: str | None,
    hints: ExtractHints,
) -> str:
    record = extract_article(payload, url, content_type=content_type, hints=hints)
    if record is None:
        return "no_body"
    if record.published_source in WEAKER_THAN_LISTED:
        # A date that came from a feed or sitemap is not in the page; the crawl preferred it.
        record = _keep_listed_date(archive, url, record)
    result = archive.save_article(site, record, url, origin="reprocess")
    return "updated" if result.outcome == "updated" else "unchanged"


def _keep_listed_date(archive: Archive, url: str, record: ArticleRecord) -> ArticleRecord:
    article_id = archive.article_for_url(url)
    if article_id is None:
        return record
    stored = archive.db.table("articles").get(article_id)
    if stored["published"] is None or stored["published_source"] in WEAKER_THAN_LISTED:
        return record
    if stored["published_source"] not in LISTED_SOURCES:
        return record
    return replace(
        record,
        published=stored["published"],
        published_source=stored["published_source"],
        published_raw=stored["published_raw"],
    )


def _hints(archive: Archive, sites_dir: Path | None) -> dict[str, ExtractHints]:
    """Each stored site's hints: its config when there is one, else what the archive knows."""
    try:
        configs = load_sites(sites_dir)
    except SiteConfigError as exc:
        log.warning("site configs not used: %s", exc)
        configs = {}
    hints = {}
    for row in archive.db.query("SELECT name, language, timezone FROM sites"):
        config = configs.get(row["name"])
        hints[row["name"]] = ExtractHints(
            timezone=row["timezone"],
            language=row["language"],
            selectors=dict(config.selectors) if config else {},
        )
    return hints
