"""``secnews reprocess``: re-extract every stored page from its WARC record, offline.

When extraction improves, the archive catches up without a single request: each article's
latest full capture is read back from WARC and extracted again; what now reads differently
becomes a new version marked ``reprocess``, with the extractor that made it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from archive.records import ArticleRecord
from archive.store import Archive
from archive.store.warc import read_response
from crawler.extract import ExtractHints, extract_article
from crawler.pipelines.extract import WEAKER_THAN_LISTED
from crawler.provenance import extractor_version
from crawler.sites.config import SiteConfigError, load_sites

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
LISTED_SOURCES = ("feed", "sitemap", "listing")


def captures(archive: Archive, site: str | None) -> Iterator[tuple[str, str, str, str, int]]:
    """(site, url, content type, warc file, offset) of each article's latest full capture."""
    rows = archive.db.execute(
        "SELECT a.site, f.url, f.content_type, f.warc_file, f.warc_offset FROM articles a "
        "JOIN fetches f ON f.id = (SELECT max(f2.id) FROM fetches f2 JOIN article_urls u "
        "  ON u.url = f2.url WHERE u.article_id = a.id AND f2.status = 200 "
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
) -> Counter[str]:
    """Re-extract; return counts of updated, unchanged, no_body and unreadable pages."""
    counts: Counter[str] = Counter()
    with Archive(data_dir, extractor=extractor_version()) as archive:
        hints = _hints(archive, sites_dir)
        for site_name, url, content_type, warc_file, offset in list(captures(archive, site)):
            counts[
                _one(archive, data_dir, site_name, url, content_type, warc_file, offset, hints)
            ] += 1
            if progress:
                progress(1)
    return counts


def _one(
    archive: Archive,
    data_dir: Path,
    site: str,
    url: str,
    content_type: str | None,
    warc_file: str,
    offset: int,
    hints: dict[str, ExtractHints],
) -> str:
    try:
        stored = read_response(data_dir / "warc", warc_file, offset)
    except (OSError, StopIteration, ValueError) as exc:
        log.warning("%s: WARC record %s@%d unreadable: %s", url, warc_file, offset, exc)
        return "unreadable"
    record = extract_article(
        stored.payload, url, content_type=content_type, hints=hints.get(site, ExtractHints())
    )
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
