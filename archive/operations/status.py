"""Per-site operations status: the run, health and change tables, and the ``site_status`` view.

``site_runs`` holds what each run did on each site, ``health`` what the rules found,
``article_changes`` the archived articles each run found updated, gone or back. The view is
the one definition of a site's status: ``secnews status`` reads it, and Datasette shows it as
it is, with no code of its own.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

STATUS_VIEW = "site_status"

_TABLES = """
CREATE TABLE IF NOT EXISTS site_runs (
    run_id INTEGER NOT NULL REFERENCES crawl_runs(id),
    site TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    finish_reason TEXT,
    requests INTEGER NOT NULL DEFAULT 0,
    fetch_errors INTEGER NOT NULL DEFAULT 0,
    articles_new INTEGER NOT NULL DEFAULT 0,
    articles_updated INTEGER NOT NULL DEFAULT 0,
    articles_unchanged INTEGER NOT NULL DEFAULT 0,
    articles_gone INTEGER NOT NULL DEFAULT 0,
    extracted INTEGER NOT NULL DEFAULT 0,
    not_articles INTEGER NOT NULL DEFAULT 0,
    result TEXT,
    PRIMARY KEY (run_id, site)
);
CREATE INDEX IF NOT EXISTS site_runs_site ON site_runs (site, run_id);
CREATE TABLE IF NOT EXISTS health (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES crawl_runs(id),
    site TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL DEFAULT 'fail',
    message TEXT NOT NULL,
    value REAL,
    threshold REAL,
    found_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS health_run_site ON health (run_id, site);
CREATE INDEX IF NOT EXISTS articles_site_first_seen ON articles (site, first_seen);
CREATE TABLE IF NOT EXISTS article_changes (
    run_id INTEGER NOT NULL REFERENCES crawl_runs(id),
    article_id INTEGER NOT NULL REFERENCES articles(id),
    site TEXT NOT NULL,
    url TEXT NOT NULL,
    change TEXT NOT NULL,
    seen_at TEXT,
    PRIMARY KEY (run_id, article_id, change)
);
CREATE INDEX IF NOT EXISTS article_changes_article ON article_changes (article_id);
"""
# Columns added to the tables above since they were first made, for archives made before.
_ADDED = (("site_runs", "articles_gone", "INTEGER NOT NULL DEFAULT 0"),)
CHANGES = ("updated", "gone", "back")  # what a run can do to an archived article


def _urls(change: str) -> str:
    """A JSON list of the URLs of articles the site's last run changed so, by URL."""
    return (
        "(SELECT json_group_array(url) FROM (SELECT c.url FROM article_changes c "
        f"WHERE c.run_id = r.run_id AND c.site = s.name AND c.change = '{change}' ORDER BY c.url))"
    )


# One row a site: its last assessed run and what that run found. `result` is `ok`, `failing`
# (a health rule failed), the crawl's finish reason when it did not finish, or `never`.
_VIEW = f"""
CREATE VIEW {STATUS_VIEW} AS
SELECT
    s.name AS site,
    s.title AS title,
    r.run_id AS last_run,
    r.finished_at AS last_run_at,
    coalesce(r.result, 'never') AS result,
    r.articles_new AS new,
    r.articles_updated AS updated,
    r.articles_gone AS gone,
    r.fetch_errors AS errors,
    r.requests AS requests,
    coalesce((SELECT sum(m.articles) FROM article_months m WHERE m.site = s.name), 0)
      AS articles,
    (SELECT max(a.first_seen) FROM articles a WHERE a.site = s.name) AS last_new_article,
    (SELECT max(a.published) FROM articles a WHERE a.site = s.name) AS newest_published,
    (SELECT group_concat(DISTINCT h.rule)
       FROM health h WHERE h.run_id = r.run_id AND h.site = s.name) AS rules,
    (SELECT group_concat(h.rule || ': ' || h.message, ' | ')
       FROM health h WHERE h.run_id = r.run_id AND h.site = s.name) AS findings,
    {_urls("updated")} AS updated_urls,
    {_urls("gone")} AS gone_urls
FROM sites s
LEFT JOIN site_runs r
  ON r.site = s.name
 AND r.run_id = (SELECT max(x.run_id) FROM site_runs x WHERE x.site = s.name)
ORDER BY s.name
"""


def create_operations_schema(db: sqlite_utils.Database) -> None:
    """Tables and view for health and status; safe to run again on an archive that has them."""
    for statement in _TABLES.split(";"):
        if statement.strip():
            db.execute(statement)
    for table, column, declaration in _ADDED:
        if column not in {row[1] for row in db.execute(f"PRAGMA table_info({table})")}:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
    db.execute(f"DROP VIEW IF EXISTS {STATUS_VIEW}")  # a view holds no data: always the latest
    db.execute(_VIEW)


def site_status(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every site's row of the ``site_status`` view, by name; its lists of URLs as lists, and
    ``not_news``: how many of its pages the news verdict left (``frontier.verdict``)."""
    rows = [dict(row) for row in db.query(f"SELECT * FROM {STATUS_VIEW}")]
    left = dict(
        db.execute(
            "SELECT site, count(*) FROM frontier WHERE verdict LIKE 'left:%' GROUP BY site"
        ).fetchall()
    )
    for row in rows:
        for key in ("updated_urls", "gone_urls"):
            row[key] = json.loads(row[key] or "[]")
        row["not_news"] = int(left.get(row["site"], 0))  # pages left by the news verdict
    return rows
