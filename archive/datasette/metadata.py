"""Datasette metadata generated from the archive's schema: titles, descriptions, facets, queries.

Every table and column the database holds gets an entry; the ones DESIGN.md defines get their
description from ``TABLES`` below, any other (a newer migration's) a generic one naming its
type and foreign key. The result is plain JSON: ``datasette archive.db -m metadata.json``
opens the archive with it, no plugin needed (only the *search* query needs the plugin).
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from archive.datasette.queries import canned_queries

DATABASE = "archive"
LICENSE = "Texts and images remain the property of their publishers; archived for research."
SOURCE = "News pages of official bodies, crawled by secnews"

# A facet counts every row of its table on every view of the table page: on a larger table
# the page would take longer than a reader waits (250 ms a facet at a million articles), so
# it opens without them; `?_facet=site` still asks for one.
FACET_ROWS = 100_000

# table: (title, description, options); options are Datasette table metadata keys.
TABLES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "sites": (
        "Sites",
        "The sites crawled: one row a site config.",
        {"label_column": "title", "sort": "name"},
    ),
    "articles": (
        "Articles",
        "One row an article, as it reads now; earlier versions are in article_versions. "
        "Search finds words in any language (a two-character Chinese word too).",
        {
            "label_column": "title",
            "sort_desc": "published",
            "facets": ["site", "language", "year", "status"],
            "fts_table": "articles_fts",
            "fts_pk": "id",
        },
    ),
    "article_urls": ("Article URLs", "Every URL that led to an article.", {"sort": "url"}),
    "article_versions": (
        "Article versions",
        "Every version of every article, the first included: nothing an article said is lost.",
        {"sort_desc": "fetched_at", "facets": ["extractor"]},
    ),
    "images": (
        "Images",
        "Images of article bodies; path is the downloaded copy under media/ (empty until then).",
        {"label_column": "url", "sort_desc": "id", "facets": ["content_type"]},
    ),
    "fetches": (
        "Fetches",
        "Every HTTP exchange of every crawl, with where its raw record is in the WARC files.",
        # Newest first by id, the order fetches are written in: no sort of millions of rows.
        {"label_column": "url", "sort_desc": "id", "facets": ["status"]},
    ),
    "crawl_runs": (
        "Crawl runs",
        "One row a run of secnews crawl.",
        {"label_column": "started_at", "sort_desc": "started_at", "facets": ["status"]},
    ),
    "articles_fts": (
        "Search index",
        "FTS5 index over search forms of title and text (see README, Search and browsing).",
        {"hidden": True},
    ),
}
# The crawler's and the dedupe's bookkeeping: reachable by URL and under "hidden tables" on
# the database page, out of the way of an archivist's list.
INTERNAL = (
    "article_bands",
    "article_minhash",
    "article_months",
    "frontier",
    "frontier_variants",
    "listings",
)

COLUMNS: dict[str, dict[str, str]] = {
    "sites": {
        "name": "Short name: the site config's file name",
        "title": "Name of the publishing body",
        "base_url": "Where crawling starts",
        "language": "Main language of the site (a hint)",
        "timezone": "IANA timezone of bylines without an offset",
    },
    "articles": {
        "id": "Article number",
        "site": "The site it was found on",
        "url": "Canonical URL",
        "url_key": "URL identity (variants of one URL share it)",
        "title": "Headline, without site name or category prefix",
        "published": "Publication date/time, ISO 8601, as precise as the page says",
        "published_source": "Where the date came from (jsonld, meta, byline, url, ...)",
        "published_raw": "The string the date was read from",
        "author": "Byline: named author, else the issuing body",
        "language": "Language detected from the text",
        "text": "Body text, cleaned of navigation and widgets",
        "word_count": "Words (CJK characters count one each)",
        "content_hash": "sha256 of the normalised text",
        "duplicate_of": "The original this is a copy of (another site's article)",
        "similarity": "Similarity to the original (1.0: same text)",
        "version": "Current version number",
        "status": "live, or gone when the page disappeared (text kept)",
        "first_seen": "When first archived (UTC)",
        "last_seen": "When last seen on the site (UTC)",
        "last_changed": "When its text last changed (UTC)",
        "year": "Year of publication (from published)",
    },
    "article_versions": {
        "article_id": "The article",
        "version": "Version number, 1 is the first",
        "fetched_at": "When this version was fetched (UTC)",
        "extractor": "secnews version that extracted it",
    },
    "images": {
        "article_id": "The article the image belongs to",
        "position": "Order in the article body",
        "url": "Original image URL",
        "alt": "Alternative text (placeholders removed)",
        "caption": "Caption",
        "sha256": "sha256 of the downloaded bytes",
        "path": "Downloaded copy, relative to the data directory",
    },
    "fetches": {
        "run_id": "The crawl run",
        "status": "HTTP status (empty when the request failed)",
        "warc_file": "WARC file holding the raw exchange",
        "warc_offset": "Byte offset of the record in the WARC file",
        "error": "Why the fetch failed, if it did",
    },
}


def build_metadata(db: sqlite_utils.Database, *, database: str = DATABASE) -> dict[str, Any]:
    """Datasette metadata for the archive ``db`` as its schema is now."""
    sites = [row["title"] or row["name"] for row in db.query("SELECT name, title FROM sites")]
    source = f"{SOURCE}: {', '.join(sites)}" if sites else SOURCE
    tables = {
        name: _table(db, name, source)
        for name in [*db.table_names(), *db.view_names()]
        if not name.startswith("articles_fts_")
    }
    return {
        "title": "secnews archive",
        "description": "Articles from the news pages of official bodies, every version kept.",
        "source": source,
        "license": LICENSE,
        "databases": {
            database: {"tables": tables, "queries": canned_queries()},
        },
    }


def _table(db: sqlite_utils.Database, name: str, source: str) -> dict[str, Any]:
    title, description, options = TABLES.get(name, (name.replace("_", " ").capitalize(), "", {}))
    if name in INTERNAL:
        options = {**options, "hidden": True}
    known = COLUMNS.get(name, {})
    table = db.table(name) if name in db.table_names() else db.view(name)
    foreign = {fk.column: fk for fk in getattr(table, "foreign_keys", [])}
    columns = {}
    for column in table.columns:
        if column.name in known:
            columns[column.name] = known[column.name]
        elif column.name in foreign:
            fk = foreign[column.name]
            columns[column.name] = f"→ {fk.other_table}.{fk.other_column}"
        else:
            columns[column.name] = (column.type or "value").lower()
    entry: dict[str, Any] = {"title": title, "source": source, "license": LICENSE, **options}
    if "facets" in entry:  # only the facets whose columns this archive has, if cheap
        facets = [facet for facet in entry["facets"] if facet in columns]
        entry["facets"] = facets if _rows_up_to(db, name, FACET_ROWS) < FACET_ROWS else []
    if description:
        entry["description"] = description
    entry["columns"] = columns
    return entry


def _rows_up_to(db: sqlite_utils.Database, table: str, limit: int) -> int:
    """How many rows ``table`` holds, counted no further than ``limit``."""
    sql = f"SELECT count(*) FROM (SELECT 1 FROM [{table}] LIMIT {int(limit)})"
    return int(db.execute(sql).fetchone()[0])
