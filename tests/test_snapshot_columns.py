"""Every column of the archive is explained in archive/columns.py, for snapshots and Datasette."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from archive.columns import datasette_tables, undocumented
from archive.snapshot.introspect import columns, tables
from archive.store import Archive


def test_every_column_of_a_new_archive_has_a_description(tmp_path: Path) -> None:
    Archive(tmp_path).close()  # every migration applied
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        schema = {table: [name for name, _ in columns(conn, table)] for table in tables(conn)}
    assert "articles" in schema and "article_versions" in schema
    missing = undocumented(schema)
    assert not missing, f"describe these in archive/columns.py: {', '.join(missing)}"
    described = datasette_tables()
    assert set(schema) <= set(described)
    assert described["articles"]["columns"]["published"].startswith("Publication date")
