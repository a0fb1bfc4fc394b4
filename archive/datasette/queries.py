"""Canned queries for Datasette: search, latest per site, monthly counts, versions, copies."""

from __future__ import annotations

from typing import Any

from archive.search.ranking import DEFAULT_LIMIT, SEARCH_SQL

SEARCH_HELP = (
    'Words are ANDed; OR between two terms; -word excludes; "quoted words" must appear '
    "together as written. A word finds its inflections (саммит finds саммита); a Chinese "
    "word of any length is found inside longer text. site, language, since and until "
    f"(YYYY-MM-DD) are optional; limit defaults to {DEFAULT_LIMIT}. Best first."
)

LATEST_PER_SITE = """SELECT s.name AS site, a.id, a.title, a.published, a.url
FROM sites s JOIN articles a ON a.id IN (
  SELECT id FROM articles WHERE site = s.name ORDER BY published DESC, id DESC LIMIT 10)
ORDER BY s.name, a.published DESC, a.id DESC"""

ARTICLES_PER_MONTH = """SELECT month, site, articles
FROM article_months
WHERE month != 'undated'
ORDER BY month DESC, site"""

VERSIONS_OF_ARTICLE = """SELECT article_id, version, fetched_at, title, published, author,
  content_hash, text
FROM article_versions
WHERE article_id = :id
ORDER BY version DESC"""

DUPLICATES_OF_ARTICLE = """WITH original AS (
  SELECT coalesce(duplicate_of, id) AS id FROM articles WHERE id = :id
)
SELECT CASE WHEN a.id = original.id THEN 'original' ELSE 'copy' END AS role,
  a.id, a.site, a.title, a.published, a.similarity, a.url
FROM articles a JOIN original ON a.id = original.id OR a.duplicate_of = original.id
ORDER BY role DESC, a.published, a.id"""


def canned_queries() -> dict[str, dict[str, Any]]:
    """The ``queries`` section of the archive database's metadata."""
    return {
        "search": {
            "title": "Search articles",
            "description": SEARCH_HELP,
            "sql": SEARCH_SQL,
            "params": ["q", "site", "language", "since", "until", "limit"],
            "hide_sql": True,
        },
        "latest_per_site": {
            "title": "Latest articles per site",
            "description": "The ten newest articles of every site.",
            "sql": LATEST_PER_SITE,
        },
        "articles_per_month": {
            "title": "Articles per month per site",
            "description": "How many articles each site published each month (see /-/chart).",
            "sql": ARTICLES_PER_MONTH,
        },
        "versions_of_article": {
            "title": "Versions of an article",
            "description": "Every version of article :id, newest first.",
            "sql": VERSIONS_OF_ARTICLE,
        },
        "duplicates_of_article": {
            "title": "Duplicates of an article",
            "description": "Article :id's original and every copy of it on other sites.",
            "sql": DUPLICATES_OF_ARTICLE,
        },
    }
