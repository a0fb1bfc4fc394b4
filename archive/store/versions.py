"""An article's versions and what changed between them, as a reader wants to see it."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True)
class Version:
    version: int
    fetched_at: str
    origin: str
    title: str
    published: str | None
    author: str | None
    text: str
    extractor: str


def versions(db: sqlite_utils.Database, article_id: int) -> list[Version]:
    rows = db.execute(
        "SELECT version, fetched_at, coalesce(origin, 'crawl'), title, published, author, text, "
        "coalesce(extractor, '') FROM article_versions WHERE article_id = ? ORDER BY version",
        [article_id],
    ).fetchall()
    return [Version(*row) for row in rows]


def render_history(versions: list[Version]) -> Iterator[str]:
    """Each version's header, then a unified diff of fields and text against the one before."""
    previous: Version | None = None
    for current in versions:
        yield (
            f"version {current.version}  {current.fetched_at}  ({current.origin}; "
            f"{current.extractor})"
        )
        if previous is None:
            yield f"  title: {current.title}"
            yield f"  published: {current.published or ''}  author: {current.author or ''}"
        else:
            for name in ("title", "published", "author"):
                old, new = getattr(previous, name), getattr(current, name)
                if old != new:
                    yield f"  {name}: {old!r} -> {new!r}"
            yield from _text_diff(previous, current)
        previous = current


def _text_diff(old: Version, new: Version) -> Iterator[str]:
    diff = difflib.unified_diff(
        old.text.split("\n"),
        new.text.split("\n"),
        fromfile=f"version {old.version}",
        tofile=f"version {new.version}",
        lineterm="",
    )
    for line in diff:
        yield f"  {line}"
