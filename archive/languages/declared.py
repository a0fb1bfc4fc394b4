"""The cheap evidence, linked while filing: what a page itself says its other languages are.

A page names its versions in other languages with ``<link rel="alternate" hreflang>`` or a
language switcher whose links keep the article's id or slug (extraction finds both:
``ArticleRecord.alternates``). Filing keeps what each page declares in
``article_alternates``, so the link is made whichever version is archived first: when the
other one is already archived, or when a page archived later declares this one.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from archive.languages.tables import regroup, save_link
from archive.records import Alternate
from archive.urls import url_key

DECLARED_SCORE = 1.0


def link_declared(
    db: sqlite_utils.Database,
    article_id: int,
    alternates: Iterable[Alternate],
    urls: Iterable[str],
) -> int:
    """Keep the article's declared alternates and link it to every version archived so far,
    either way round; ``urls`` are the addresses the article was filed under. Returns the
    number of links made or confirmed."""
    alternates = list(alternates)
    for alternate in alternates:
        db.execute(
            "INSERT INTO article_alternates (article_id, url, url_key, language, how) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, url_key) DO UPDATE SET "
            "language = excluded.language, how = excluded.how",
            [article_id, alternate.url, url_key(alternate.url), alternate.language, alternate.how],
        )
    pairs = _declared_pairs(db, article_id, {url_key(url) for url in urls}, bool(alternates))
    linked = 0
    for other_id, how, url, declared_by in pairs:
        if other_id != article_id and _languages_differ(db, article_id, other_id):
            evidence = {"declared_by": declared_by, "url": url}
            save_link(db, article_id, other_id, how, DECLARED_SCORE, evidence)
            linked += 1
    if linked:
        regroup(db, [article_id])
    return linked


def _declared_pairs(
    db: sqlite_utils.Database, article_id: int, keys: set[str], declares: bool
) -> list[tuple[int, str, str, int]]:
    """(other article, how, the declared URL, the article that declared it) for the links
    this article declares to archived pages (when it ``declares`` any now), and those
    archived pages declare to it."""
    outward = (
        []
        if not declares
        else db.execute(
            "SELECT coalesce(u.article_id, a.id), d.how, d.url, d.article_id "
            "FROM article_alternates d LEFT JOIN article_urls u ON u.url = d.url "
            "LEFT JOIN articles a ON a.url_key = d.url_key "
            "WHERE d.article_id = ? AND coalesce(u.article_id, a.id) IS NOT NULL",
            [article_id],
        ).fetchall()
    )
    marks = ", ".join("?" * len(keys))
    inward = db.execute(
        f"SELECT article_id, how, url, article_id FROM article_alternates "
        f"WHERE url_key IN ({marks}) AND article_id <> ?",
        [*keys, article_id],
    ).fetchall()
    return [(int(o), str(h), str(u), int(d)) for o, h, u, d in [*outward, *inward]]


def _languages_differ(db: sqlite_utils.Database, one: int, other: int) -> bool:
    # Two pages in one language that name each other are one text twice (a mirror, a
    # switcher gone wrong), not versions of a release.
    rows = db.execute("SELECT language FROM articles WHERE id IN (?, ?)", [one, other]).fetchall()
    languages = {row[0] for row in rows}
    return len(rows) == 2 and len(languages) == 2 and None not in languages
