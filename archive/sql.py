"""Plain SQL writes that stay inside the caller's transaction.

sqlite-utils' ``insert()`` and ``update()`` commit on their own, which would split a filing
that must be all or nothing (a reader could see an article without its first version).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlite_utils


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
