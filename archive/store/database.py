"""The archive's SQLite connection: sqlite-utils' ``Database`` with writes committed in groups.

Writes go through plain SQL that stays inside the caller's transaction (``insert_row``,
``update_row``): sqlite-utils' ``insert()`` and ``update()`` commit on their own, which would
split a filing that must be all or nothing (a reader could see an article without its first
version). Every write runs in an ``atomic()`` or ``one_statement()`` block, which is where a
group that SQLite rolled back on its own is noticed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import sqlite_utils

from archive.diskfull import TransactionLost
from archive.search.index import Forms, index_article, insert_index_rows, unindex_article


class ArchiveDatabase(sqlite_utils.Database):
    """sqlite-utils' ``Database`` whose writes can be committed in groups.

    With ``grouped`` set, an ``atomic()`` block outside any transaction opens one and leaves
    it open, so the blocks that follow are savepoints of the same transaction (each still all
    or nothing) until ``Archive.commit()``. A crawl commits this way a few times a second
    instead of several times a page: a COMMIT rewrites every page the transaction touched,
    and the frontier's index, the search index and the band index are touched by every page.
    """

    grouped = False

    def __init__(self, path: Path):
        super().__init__(path)
        # While grouped, the search index rows of the open transaction, written just before
        # it commits. A row written at once would be flushed by FTS5 as a segment of its own
        # at the next savepoint (every page opens one), and merging those costs more.
        self.pending_index: dict[int, Forms] = {}
        self._group_open = False  # a group's transaction was begun and not yet ended by us
        self._lost: BaseException | None = None  # why the group was lost, once it was
        self._when_committed: list[Callable[[], None]] = []

    @contextlib.contextmanager
    def atomic(self) -> Iterator[sqlite_utils.Database]:
        """All or nothing: a transaction of its own, or a savepoint in the open one (the
        group's, while grouped)."""
        self._join_group()
        outermost = not self.conn.in_transaction
        before = dict(self.pending_index) if self.grouped else None
        try:
            with super().atomic():
                yield self
        except BaseException as exc:
            if before is not None:  # the block's index rows go with the rest of its writes
                self.pending_index = before
            self._notice_loss(exc)
            raise
        if outermost:
            self.committed()

    @contextlib.contextmanager
    def one_statement(self) -> Iterator[sqlite_utils.Database]:
        """``atomic()`` for a block that writes with one statement. Inside an open
        transaction it takes no savepoint: SQLite undoes a failed statement by itself, and a
        savepoint is two more statements, which a crawl would run for every fetch row and
        frontier update."""
        self._join_group()
        if self.conn.in_transaction:
            try:
                yield self
            except BaseException as exc:
                self._notice_loss(exc)
                raise
        else:
            with self.atomic():
                yield self

    def when_committed(self, action: Callable[[], None]) -> None:
        """Run ``action`` once what has been written so far is committed: now if it is, at
        the group's commit otherwise, never if SQLite rolls the group back. A crawl counts
        what it kept this way, not what it tried to write."""
        if self.conn.in_transaction:
            self._when_committed.append(action)
        else:
            action()

    def committed(self) -> None:
        """The open group (or the last transaction) is committed: run what waited for it."""
        self._group_open = False
        actions, self._when_committed = self._when_committed, []
        for action in actions:
            action()

    def commit_group(self) -> None:
        """Commit the open group, then run what waited for it; ``TransactionLost`` if SQLite
        rolled it back (before or while committing)."""
        self.check_group()
        if self.conn.in_transaction:
            try:
                self.write_pending_index()
                self.conn.execute("COMMIT")
            except BaseException as exc:
                self._notice_loss(exc)
                raise
        self.committed()

    @property
    def lost(self) -> bool:
        """Whether a group was found rolled back: this connection writes nothing more."""
        return self._lost is not None

    def check_group(self) -> None:
        """Raise ``TransactionLost`` if the group was rolled back by SQLite, not by us."""
        if self._lost is None and self._group_open and not self.conn.in_transaction:
            self._lose(None)
        if self._lost is not None:
            raise TransactionLost(
                f"{self._lost}: SQLite rolled back the writes since the last commit, so "
                "nothing more is written through this connection"
            ) from self._lost

    def _join_group(self) -> None:
        """While grouped, open the group's transaction if none is open. Once a group is
        lost, refuse: a write made after it may rest on what it held (an article on its
        fetch row, a page marked done on the links it led to), and committing it alone
        would keep a half."""
        self.check_group()
        if self.grouped and not self.conn.in_transaction:
            self.conn.execute("BEGIN")
            self._group_open = True

    def _notice_loss(self, error: BaseException) -> None:
        # SQLite rolls back the whole transaction on some errors (a full disk, an I/O error)
        # where it would otherwise undo only the failed statement.
        if self._group_open and not self.conn.in_transaction and self._lost is None:
            self._lose(error)

    def _lose(self, error: BaseException | None) -> None:
        self._lost = error or sqlite3.OperationalError("the open transaction was rolled back")
        self._group_open = False
        self.pending_index = {}
        self._when_committed = []

    def index_later(self, article_id: int, forms: Forms, *, replacing: bool) -> None:
        """Index an article (replacing its row if ``replacing``) now, or at the commit of the
        open group."""
        if not self.grouped:
            index_article(self, article_id, None, None, forms=forms)
            return
        if replacing:
            unindex_article(self, article_id)
        self.pending_index[article_id] = forms

    def write_pending_index(self) -> None:
        if self.pending_index:
            with super().atomic():
                insert_index_rows(
                    self, [(key, *forms) for key, forms in self.pending_index.items()]
                )
            self.pending_index = {}


def insert_row(db: sqlite_utils.Database, table: str, row: Mapping[str, Any]) -> int:
    """Insert ``row``; return its rowid. No commit."""
    columns = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" for _ in row)
    cursor = db.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))
    return int(cursor.lastrowid or 0)


def update_row(
    db: sqlite_utils.Database,
    table: str,
    pk: int | str,
    fields: Mapping[str, Any],
    *,
    pk_column: str = "id",
) -> None:
    """Set ``fields`` on one row. No commit."""
    assignments = ", ".join(f'"{name}" = ?' for name in fields)
    db.execute(
        f'UPDATE "{table}" SET {assignments} WHERE "{pk_column}" = ?', [*fields.values(), pk]
    )
