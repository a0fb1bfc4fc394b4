"""Articles an earlier secnews took as news that are not: dropped from the archive's tables,
their WARC records kept, their frontier entries saying why.

Every table with an ``article_id`` column loses the article's rows (its URLs, versions,
images, search and near-duplicate rows, the changes runs noted), copies that named it as
their original are unlinked, and the URLs that led to it become pages of the frontier with
the verdict that left them, so a later crawl does not take them again unasked.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import sqlite_utils

log = logging.getLogger(__name__)


def drop_not_news(db: sqlite_utils.Database, verdicts: Mapping[int, str]) -> int:
    """Drop the articles ``verdicts`` names (article id -> why it is not news); return how
    many were dropped. The WARC files are not touched."""
    if not verdicts:
        return 0
    holders = [
        name
        for name in db.table_names()
        if name != "articles"
        and not db[name].virtual_table_using  # type: ignore[union-attr]
        and "article_id" in db.table(name).columns_dict
    ]
    dropped = 0
    with db.atomic():
        for article_id, verdict in verdicts.items():
            _mark(db, article_id, verdict, as_page=True)
            db.execute(
                "UPDATE articles SET duplicate_of = NULL WHERE duplicate_of = ?", [article_id]
            )
            for name in holders:
                db.execute(f"DELETE FROM [{name}] WHERE article_id = ?", [article_id])
            dropped += db.execute("DELETE FROM articles WHERE id = ?", [article_id]).rowcount
    log.info("dropped %d articles that are not news; their WARC records stay", dropped)
    return dropped


def note_verdicts(db: sqlite_utils.Database, verdicts: Mapping[int, str]) -> None:
    """Write why each of these articles (id -> verdict) is news on the URLs that led to it."""
    with db.atomic():
        for article_id, verdict in verdicts.items():
            _mark(db, article_id, verdict)


def _mark(db: sqlite_utils.Database, article_id: int, verdict: str, as_page: bool = False) -> None:
    """Write the verdict on the frontier entries of every URL that led to the article."""
    kind = ", kind = 'page'" if as_page else ""
    db.execute(
        f"UPDATE frontier SET verdict = ?{kind} WHERE url IN "
        "(SELECT url FROM article_urls WHERE article_id = ?)",
        [verdict, article_id],
    )
