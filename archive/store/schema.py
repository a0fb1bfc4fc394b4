"""The archive's schema, created and upgraded by numbered migrations.

``PRAGMA user_version`` holds the number of the last migration applied. A migration is a
function of the database; migrations only ever add, so an old archive opens in a new secnews
and keeps every row it had.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import sqlite_utils

log = logging.getLogger(__name__)

Migration = Callable[[sqlite_utils.Database], None]


def _v1_core(db: sqlite_utils.Database) -> None:
    db.table("sites").create(
        {"name": str, "title": str, "base_url": str, "language": str, "timezone": str},
        pk="name",
    )
    db.table("crawl_runs").create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "status": str,
            "sites": str,
            "requests": int,
            "articles_new": int,
            "articles_updated": int,
            "articles_unchanged": int,
            "errors": int,
            "stats": str,
        },
        pk="id",
    )
    db.table("articles").create(
        {
            "id": int,
            "site": str,
            "url": str,
            "url_key": str,
            "title": str,
            "published": str,
            "published_source": str,
            "published_raw": str,
            "author": str,
            "language": str,
            "text": str,
            "word_count": int,
            "content_hash": str,
            "duplicate_of": int,
            "similarity": float,
            "version": int,
            "status": str,
            "first_seen": str,
            "last_seen": str,
            "last_changed": str,
        },
        pk="id",
        foreign_keys=[("site", "sites", "name"), ("duplicate_of", "articles", "id")],
        not_null={"site", "url", "url_key", "version", "status"},
        defaults={"version": 1, "status": "live"},
    )
    db.table("articles").create_index(["url"], unique=True)
    db.table("articles").create_index(["url_key"], unique=True)
    db.table("articles").create_index(["content_hash"])
    db.table("articles").create_index(["site", "published"])
    db.table("article_urls").create(
        {"url": str, "article_id": int, "first_seen": str},
        pk="url",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("article_urls").create_index(["article_id"])
    db.table("article_versions").create(
        {
            "article_id": int,
            "version": int,
            "fetched_at": str,
            "title": str,
            "published": str,
            "author": str,
            "text": str,
            "content_hash": str,
            "extractor": str,
        },
        pk=("article_id", "version"),
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("images").create(
        {
            "id": int,
            "article_id": int,
            "position": int,
            "url": str,
            "alt": str,
            "caption": str,
            "sha256": str,
            "path": str,
            "content_type": str,
            "bytes": int,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.table("images").create_index(["article_id", "url"], unique=True)
    db.table("fetches").create(
        {
            "id": int,
            "run_id": int,
            "url": str,
            "fetched_at": str,
            "status": int,
            "content_type": str,
            "bytes": int,
            "sha256": str,
            "warc_file": str,
            "warc_offset": int,
            "error": str,
        },
        pk="id",
        foreign_keys=[("run_id", "crawl_runs", "id")],
    )
    db.table("fetches").create_index(["url"])
    db.table("fetches").create_index(["run_id"])


def _v1_search(db: sqlite_utils.Database) -> None:
    # The v1 index as it was (search forms only); _v4_search replaces and refills it.
    db.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
        "title, text, tokenize = 'unicode61 remove_diacritics 2')"
    )


def _v1(db: sqlite_utils.Database) -> None:
    """Schema v1 of DESIGN.md: the corpus, its versions, images, fetches, runs, search."""
    _v1_core(db)
    _v1_search(db)


def _v2_archival(db: sqlite_utils.Database) -> None:
    """WARC references and validators on fetches, the frontier, version provenance."""
    from archive.store.dedupe import create_band_index
    from archive.store.frontier import create_frontier

    fetches = db.table("fetches")
    for column, kind in (
        ("record_type", str),
        ("warc_record_id", str),
        ("warc_date", str),
        ("payload_digest", str),
        ("etag", str),
        ("last_modified", str),
    ):
        if column not in fetches.columns_dict:
            fetches.add_column(column, kind)
    versions = db.table("article_versions")
    if "origin" not in versions.columns_dict:
        versions.add_column("origin", str)  # crawl | reprocess
    create_frontier(db)
    create_band_index(db)


def _v3_operations(db: sqlite_utils.Database) -> None:
    """Per-site run rows, health findings and the ``site_status`` view (rerunnable)."""
    from archive.operations.status import create_operations_schema

    create_operations_schema(db)


# The year an article was published, for facets; kept by triggers so any writer keeps it.
_YEAR = (
    "CASE WHEN new.published GLOB '[0-9][0-9][0-9][0-9]*' "
    "THEN CAST(substr(new.published, 1, 4) AS INTEGER) END"
)


def _v4_search(db: sqlite_utils.Database) -> None:
    """Search index with stem and CJK-bigram columns (rebuilt), ``articles.year`` for facets."""
    from archive.search.index import rebuild_index

    if "year" not in db.table("articles").columns_dict:
        db.table("articles").add_column("year", int)
    for event in ("INSERT", "UPDATE OF published"):
        name = "articles_year_" + event.split()[0].lower()
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON articles "
            f"BEGIN UPDATE articles SET year = {_YEAR} WHERE id = new.id; END"
        )
    db.execute(f"UPDATE articles SET year = {_YEAR.replace('new.', '')}")
    db.table("articles").create_index(["year"], if_not_exists=True)
    rebuild_index(db)


def _v5_frontier_variants(db: sqlite_utils.Database) -> None:
    """``frontier.referred_as``: the link as found, so its alias survives a killed crawl."""
    if "referred_as" not in db.table("frontier").columns_dict:
        db.table("frontier").add_column("referred_as", str)


def _v6_facet_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for the facets Datasette counts on every articles page: language, status."""
    for column in ("language", "status"):
        db.table("articles").create_index([column], if_not_exists=True)


def _v7_minhash_scheme(db: sqlite_utils.Database) -> None:
    """MinHash signatures over a shingle hash numpy computes for a whole text at once, not a
    SHA-1 a shingle (a third of the cost): every stored signature and band computed again."""
    from archive.store.dedupe import recompute_signatures

    count = recompute_signatures(db)
    log.info("recomputed %d near-duplicate signatures", count)


def _v8_revisit_cycle(db: sqlite_utils.Database) -> None:
    """Revisits over the whole archive: ``listings`` (what sitemaps, feeds and listing pages
    last said about each URL, read for cheap signals of a change), ``articles.gone_at``, and
    what each run changed: ``article_changes``, ``articles_gone`` on runs and site runs."""
    from archive.operations.listings import create_listings
    from archive.operations.status import create_operations_schema

    articles = db.table("articles")
    if "gone_at" not in articles.columns_dict:
        articles.add_column("gone_at", str)
        # An article found gone until now had that time written as its last_seen.
        db.execute("UPDATE articles SET gone_at = last_seen WHERE status = 'gone'")
    if "articles_gone" not in db.table("crawl_runs").columns_dict:
        db.table("crawl_runs").add_column("articles_gone", int)
    create_listings(db)
    create_operations_schema(db)


def _v9_every_variant(db: sqlite_utils.Database) -> None:
    """``frontier_variants``: every URL found to lead to a frontier URL (print, accessible
    and tracking-tagged views), not only the first, so each becomes an alias."""
    from archive.store.frontier import create_frontier_variants

    create_frontier_variants(db)


# The month an article was published in, as the snapshot folders and the chart name it.
def _month(row: str) -> str:
    return (
        f"CASE WHEN {row}.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
        f"THEN substr({row}.published, 1, 7) ELSE 'undated' END"
    )


_COUNT_MONTH = (
    "INSERT INTO article_months (site, month, articles) VALUES ({row}.site, {month}, {step}) "
    "ON CONFLICT (site, month) DO UPDATE SET articles = articles + excluded.articles;"
)


def _v10_article_months(db: sqlite_utils.Database) -> None:
    """``article_months``: articles a site and month of publication, kept by triggers, so the
    home page, the chart and the per-site counts read a few hundred rows, not every article;
    indexes on ``articles.duplicate_of``, which an article's page counts its copies by, and
    on ``published``, the order the articles table opens in."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS article_months (site TEXT NOT NULL, month TEXT NOT NULL, "
        "articles INTEGER NOT NULL, PRIMARY KEY (site, month)) WITHOUT ROWID"
    )
    add = _COUNT_MONTH.format(row="new", month=_month("new"), step=1)
    remove = _COUNT_MONTH.format(row="old", month=_month("old"), step=-1) + (
        f" DELETE FROM article_months WHERE site = old.site AND month = {_month('old')} "
        "AND articles <= 0;"
    )
    for name, event, body in (
        ("insert", "INSERT", add),
        ("delete", "DELETE", remove),
        ("update", "UPDATE OF site, published", remove + " " + add),
    ):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS articles_month_{name} AFTER {event} ON articles "
            f"BEGIN {body} END"
        )
    db.execute("DELETE FROM article_months")
    db.execute(
        f"INSERT INTO article_months (site, month, articles) SELECT site, {_month('articles')}, "
        "count(*) FROM articles GROUP BY 1, 2"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles (duplicate_of) "
        "WHERE duplicate_of IS NOT NULL"
    )
    # The articles table opens newest first: without it, every view sorts every article.
    db.execute("CREATE INDEX IF NOT EXISTS articles_published ON articles (published)")
    from archive.operations.status import create_operations_schema

    create_operations_schema(db)  # site_status counts a site's articles from article_months


def _v11_news_verdicts(db: sqlite_utils.Database) -> None:
    """``frontier.verdict``: why a page was taken as news or left (its evidence), so
    ``status`` and a query can show it."""
    if "verdict" not in db.table("frontier").columns_dict:
        db.table("frontier").add_column("verdict", str)


def _v12_language_versions(db: sqlite_utils.Database) -> None:
    """The language versions of a release: what pages declare (``article_alternates``), the
    links with their evidence (``language_links``) and the releases (``release_versions``)."""
    from archive.languages.tables import create_language_tables

    create_language_tables(db)


# One entry a schema version: MIGRATIONS[n - 1] turns version n - 1 into version n.
MIGRATIONS: tuple[Migration, ...] = (
    _v1,
    _v2_archival,
    _v3_operations,
    _v4_search,
    _v5_frontier_variants,
    _v6_facet_indexes,
    _v7_minhash_scheme,
    _v8_revisit_cycle,
    _v9_every_variant,
    _v10_article_months,
    _v11_news_verdicts,
    _v12_language_versions,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database) -> int:
    """Apply every migration the database has not had yet; return the schema version."""
    current = int(db.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise RuntimeError(
            f"archive schema version {current} is newer than this secnews ({SCHEMA_VERSION})"
        )
    for number in range(current, SCHEMA_VERSION):
        log.info("applying archive migration %d (%s)", number + 1, MIGRATIONS[number].__name__)
        with db.atomic():
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
    return SCHEMA_VERSION
