"""``secnews reprocess --reclassify``: the stored articles weighed again as news, offline.

An earlier secnews took every dated page of prose as an article; on portals where every page
is dated that stored service pages, events and section fronts beside the news. Here each
stored article's latest capture is read back from WARC and judged as a crawl now judges a
page (``discovery.verdict``), with the site's news sections learned again from the listing
pages and feeds the archive holds captures of. What no longer qualifies is counted, and
dropped only when asked (``apply``); the WARC records stay.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from archive.operations.notnews import drop_not_news, note_verdicts
from archive.store import Archive
from archive.store.warc import read_response
from crawler.discovery.classify import PageKind, read_page
from crawler.discovery.feeds import parse_feed
from crawler.discovery.sections import DatedEntry, NewsSections, day_of
from crawler.discovery.verdict import Verdict, decide, forced
from crawler.extract import decode_html
from crawler.runs.reprocess import captures
from crawler.sites.config import SiteConfig, SiteConfigError, load_sites

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


@dataclass
class Reclassified:
    """What reclassifying found: articles still news, those that are not (article URL ->
    verdict), captures that could not be read, and how many were dropped."""

    kept: int = 0
    not_news: dict[str, str] = field(default_factory=dict)
    unreadable: int = 0
    dropped: int = 0


def reclassify(
    data_dir: Path,
    *,
    site: str | None = None,
    sites_dir: Path | None = None,
    apply: bool = False,
    progress: Progress | None = None,
) -> Reclassified:
    found = Reclassified()
    ids: dict[int, str] = {}
    kept: dict[int, str] = {}
    with Archive(data_dir) as archive:
        configs = _configs(sites_dir)
        sections: dict[str, NewsSections] = {}
        for site_name, url, content_type, warc_file, offset in list(captures(archive, site)):
            if site_name not in sections:
                sections[site_name] = learned_sections(archive, data_dir, site_name)
            try:
                body = read_response(data_dir / "warc", warc_file, offset).payload
            except (OSError, StopIteration, ValueError) as exc:
                log.warning("%s: WARC record %s@%d unreadable: %s", url, warc_file, offset, exc)
                found.unreadable += 1
                continue
            verdict = judged(decode_html(body, content_type), url, sections[site_name],
                             configs.get(site_name))  # fmt: skip
            article_id = archive.article_for_url(url)
            if verdict.taken or article_id is None:
                found.kept += 1
                if article_id is not None:
                    kept[article_id] = verdict.text
            else:
                article_url = archive.db.table("articles").get(article_id)["url"]
                found.not_news[str(article_url)] = verdict.text
                ids[article_id] = verdict.text
            if progress:
                progress(1)
        if apply:
            note_verdicts(archive.db, kept)
            found.dropped = drop_not_news(archive.db, ids)
            archive.commit()
    return found


def judged(html: str, url: str, sections: NewsSections, config: SiteConfig | None) -> Verdict:
    """The verdict a crawl would give the page now, every listing read."""
    rules = config.discovery if config is not None else None
    if rules is not None:
        for rule in rules.article:
            if rule.search(url):
                return forced(rule.pattern)
        if any(rule.search(url) for rule in rules.follow):
            return Verdict("left", ("the site config's discovery.follow: a listing",))
    reading = read_page(html, url)
    if reading.kind is PageKind.LISTING:
        return Verdict("left", ("a listing of other pages",))
    location = sections.locate(url)
    return decide(reading.evidence, location, sections_known=sections.known, final=True)


def learned_sections(archive: Archive, data_dir: Path, site: str) -> NewsSections:
    """A site's news sections as the feeds and listing pages it archived show them."""
    sections = NewsSections(datetime.now(UTC).date())
    for url, kind, content_type, body in _sources(archive, data_dir, site):
        if kind == "feed":
            entries = [DatedEntry(e.url, day_of(e.published)) for e in parse_feed(body, url)]
            sections.learn(url, "feed", entries)
            continue
        reading = read_page(decode_html(body, content_type), url)
        if len(reading.entries) >= 3:
            sections.learn(url, "listing", reading.entries)
    return sections


def _sources(
    archive: Archive, data_dir: Path, site: str
) -> Iterator[tuple[str, str, str | None, bytes]]:
    """(url, kind, content type, body) of the latest capture of each feed and listing page."""
    rows = archive.db.execute(
        "SELECT fr.url, fr.kind, f.content_type, f.warc_file, f.warc_offset FROM frontier fr "
        "JOIN fetches f ON f.id = (SELECT max(f2.id) FROM fetches f2 WHERE f2.url = fr.url "
        "  AND f2.status = 200 AND f2.record_type = 'response' AND f2.warc_file IS NOT NULL) "
        "WHERE fr.site = ? AND fr.kind IN ('feed', 'listing') ORDER BY fr.rowid",
        [site],
    )
    for url, kind, content_type, warc_file, offset in rows.fetchall():
        try:
            body = read_response(data_dir / "warc", warc_file, offset).payload
        except (OSError, StopIteration, ValueError):
            log.warning("%s: WARC record %s@%d unreadable", url, warc_file, offset)
            continue
        yield url, kind, content_type, body


def _configs(sites_dir: Path | None) -> dict[str, SiteConfig]:
    try:
        return load_sites(sites_dir)
    except SiteConfigError as exc:
        log.warning("site configs not used: %s", exc)
        return {}
