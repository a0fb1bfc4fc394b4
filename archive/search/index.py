"""The full-text index: FTS5 over search forms of title and text that any SQLite can read.

unicode61, the tokenizer every SQLite has, makes one token of a whole Chinese clause, and
trigram finds nothing shorter than three characters. So the index holds forms computed in
Python (``archive.search.textforms``): ``title``/``text`` hold the *search form* (folded words, each
CJK character a token, a break token where punctuation touched CJK) for exact words, phrases
and one-character CJK queries; ``title_stem``/``text_stem`` hold the *stem form* (word stems
and CJK bigrams) so an inflected word, or a CJK word of two characters or more, is one token
or a phrase of bigrams. The store keeps the index in step on insert and new versions; a
trigger removes a deleted article's row; ``rebuild_index`` (``secnews reindex``) redoes all.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing import get_context
from multiprocessing.pool import AsyncResult
from typing import Any

import sqlite_utils

from archive.search.textforms import BREAK, search_form, stem_form

__all__ = ["BREAK", "search_form"]

log = logging.getLogger(__name__)

INDEX_TABLE = "articles_fts"
INDEX_COLUMNS = ("title", "text", "title_stem", "text_stem")
_BATCH = 500

Forms = tuple[str, str, str, str]  # search and stem forms of title and text
Row = tuple[int, str, str, str, str]


def create_index(db: sqlite_utils.Database) -> None:
    """Create the index table and the trigger that drops a deleted article from it."""
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_TABLE} USING fts5("
        f"{', '.join(INDEX_COLUMNS)}, tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute(
        f"CREATE TRIGGER IF NOT EXISTS {INDEX_TABLE}_delete AFTER DELETE ON articles "
        f"BEGIN DELETE FROM {INDEX_TABLE} WHERE rowid = old.id; END"
    )


def index_forms(title: str | None, text: str | None, language: str | None = None) -> Forms:
    """The four forms of an article's index row, in ``INDEX_COLUMNS`` order."""
    title_form, text_form = search_form(title or ""), search_form(text or "")
    return title_form, text_form, stem_form(title_form, language), stem_form(text_form, language)


def index_row(
    article_id: int, title: str | None, text: str | None, language: str | None = None
) -> Row:
    """One article's row of the index: its rowid and the four forms."""
    return (article_id, *index_forms(title, text, language))


def index_article(
    db: sqlite_utils.Database,
    article_id: int,
    title: str | None,
    text: str | None,
    language: str | None = None,
    *,
    forms: Forms | None = None,
) -> None:
    """Add or replace one article's row in the index (its rowid is the article id);
    ``forms`` are its ``index_forms`` when already computed."""
    if forms is None:
        if language is None:
            row = db.execute("SELECT language FROM articles WHERE id = ?", [article_id]).fetchone()
            language = row[0] if row else None
        forms = index_forms(title, text, language)
    db.execute(f"DELETE FROM {INDEX_TABLE} WHERE rowid = ?", [article_id])
    insert_index_rows(db, [(article_id, *forms)])


def unindex_article(db: sqlite_utils.Database, article_id: int) -> None:
    db.execute(f"DELETE FROM {INDEX_TABLE} WHERE rowid = ?", [article_id])


def insert_index_rows(db: sqlite_utils.Database, rows: Iterable[Row]) -> None:
    db.conn.executemany(
        f"INSERT INTO {INDEX_TABLE} (rowid, {', '.join(INDEX_COLUMNS)}) VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def rebuild_index(
    db: sqlite_utils.Database,
    *,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Drop the index and index every article again; return the number of articles.

    One transaction (begun here unless the caller has one open; the caller commits), so a
    rebuild that stops half-way leaves the old index. With ``workers`` > 1 the forms are
    computed in that many processes (the text of a large archive is minutes of Python).
    """
    if not db.conn.in_transaction:
        db.execute("BEGIN IMMEDIATE")
    db.execute(f"DROP TABLE IF EXISTS {INDEX_TABLE}")
    create_index(db)
    # No merging while loading: one 'optimize' at the end merges everything once.
    _configure(db, "automerge", 0)
    count = 0
    for rows in _indexed_batches(db, workers):
        insert_index_rows(db, rows)
        count += len(rows)
        if progress is not None:
            progress(len(rows))
    db.execute(f"INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}) VALUES ('optimize')")
    _configure(db, "automerge", 4)  # FTS5's default, for the store's one-by-one inserts
    log.info("indexed %d articles", count)
    return count


def _configure(db: sqlite_utils.Database, option: str, value: int) -> None:
    db.execute(f"INSERT INTO {INDEX_TABLE} ({INDEX_TABLE}, rank) VALUES (?, ?)", [option, value])


def _indexed_batches(db: sqlite_utils.Database, workers: int) -> Iterator[list[Row]]:
    if workers <= 1:
        yield from map(_index_batch, _article_batches(db))
        return
    # Batches are read here (the connection belongs to this thread) and formed in the pool.
    with get_context("spawn").Pool(workers) as pool:
        pending: deque[AsyncResult[list[Row]]] = deque()
        for batch in _article_batches(db):
            pending.append(pool.apply_async(_index_batch, (batch,)))
            if len(pending) > 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def _article_batches(db: sqlite_utils.Database) -> Iterator[list[tuple[Any, ...]]]:
    last = -1
    while True:
        batch = db.execute(
            "SELECT id, title, text, language FROM articles WHERE id > ? ORDER BY id LIMIT ?",
            [last, _BATCH],
        ).fetchall()
        if not batch:
            return
        last = batch[-1][0]
        yield batch


def _index_batch(batch: list[tuple[Any, ...]]) -> list[Row]:
    return [index_row(*article) for article in batch]
