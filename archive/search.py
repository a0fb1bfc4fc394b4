"""The full-text index: FTS5 over a search form of title and text that any SQLite can read.

unicode61, the tokenizer every SQLite has, makes one token of a whole Chinese clause, so a
two-character word inside it is never found. The index therefore stores a *search form* of
each field: CJK characters stand alone as one-character tokens, and a query for a CJK word
becomes a phrase of its characters, which matches exactly where the word is a substring.
A private-use marker token stands where punctuation or space separated two characters, so a
phrase never matches across a comma. The index is kept in step by the store.
"""

from __future__ import annotations

import re
import unicodedata

import sqlite_utils

INDEX_TABLE = "articles_fts"
# Private-use characters count as token characters for unicode61, so the marker is a token
# that breaks phrase adjacency and that no real query contains.
BREAK = "\ue000"
_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SEPARATOR_RUN = re.compile(r"[\W_]+")


def search_form(text: str) -> str:
    """``text`` as the index stores it: folded, with CJK characters as separate tokens."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    # A separator run beside a CJK character becomes the break marker; elsewhere a space.
    marked = _SEPARATOR_RUN.sub(_separator, folded)
    return " ".join(_CJK_CHAR.sub(r" \g<0> ", marked).split())


def _separator(match: re.Match[str]) -> str:
    string, start, end = match.string, match.start(), match.end()
    before = string[start - 1] if start else ""
    after = string[end] if end < len(string) else ""
    if _CJK_CHAR.match(before) or _CJK_CHAR.match(after):
        return f" {BREAK} "
    return " "


def create_index(db: sqlite_utils.Database) -> None:
    db.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX_TABLE} USING fts5("
        "title, text, tokenize = 'unicode61 remove_diacritics 2')"
    )


def index_article(db: sqlite_utils.Database, article_id: int, title: str, text: str) -> None:
    """Add or replace one article's row in the index (its rowid is the article id)."""
    db.execute(f"DELETE FROM {INDEX_TABLE} WHERE rowid = ?", [article_id])
    db.execute(
        f"INSERT INTO {INDEX_TABLE} (rowid, title, text) VALUES (?, ?, ?)",
        [article_id, search_form(title or ""), search_form(text or "")],
    )


def unindex_article(db: sqlite_utils.Database, article_id: int) -> None:
    db.execute(f"DELETE FROM {INDEX_TABLE} WHERE rowid = ?", [article_id])
