"""An article's versions and what changed between them, as a reader wants to see it: line by
line for a terminal, and inline (word by word, character by character in CJK text) for a
page."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import sqlite_utils

# A diff's pieces: CJK characters one by one (no spaces between words to cut at), words,
# runs of spaces, and each other character.
_PIECE = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[^\W_]+|\s+|.",
    re.DOTALL,
)
Change = Literal["same", "removed", "added"]


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


def inline_diff(old: str, new: str) -> list[tuple[Change, str]]:
    """What changed from ``old`` to ``new``, as runs of text kept, removed and added: word
    by word, character by character in Chinese, Japanese and Korean text."""
    before, after = _PIECE.findall(old), _PIECE.findall(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    runs: list[tuple[Change, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _add(runs, "same", "".join(before[i1:i2]))
            continue
        _add(runs, "removed", "".join(before[i1:i2]))
        _add(runs, "added", "".join(after[j1:j2]))
    return runs


def _add(runs: list[tuple[Change, str]], change: Change, text: str) -> None:
    if not text:
        return
    if runs and runs[-1][0] == change:
        runs[-1] = (change, runs[-1][1] + text)
    else:
        runs.append((change, text))
