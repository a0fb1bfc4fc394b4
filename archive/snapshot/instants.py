"""Typed dates for researchers: ``published`` as the instant it names, in UTC, and as the
calendar date the publisher gave it.

The archive keeps ``published`` as precise as the page says it — a date alone, or a time with
the site's offset — so its strings come in several forms. A snapshot's copy gains two typed
columns beside it (``published_raw`` and ``published_source`` already say where it came
from): ``published_utc``, the instant in UTC when the page gave a time with a known offset,
and ``published_date``, the publisher's calendar date whenever one is known. Parquet stores
them as a UTC timestamp and a date; JSON Lines and CSV as ISO 8601 strings.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, date, datetime

TIMESTAMP, DATE = "TIMESTAMP", "DATE"  # the declared types the exports map
TYPED_COLUMNS = {"published_utc": TIMESTAMP, "published_date": DATE}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def utc_instant(published: str | None) -> str | None:
    """``2022-01-30T19:04:10+08:00`` → ``2022-01-30T11:04:10Z``; None without time or offset."""
    if not published or "T" not in published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None  # a time whose offset the site did not give: no instant
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def calendar_date(published: str | None) -> str | None:
    """The publisher's date of ``published`` (its first ten characters, if a real date)."""
    if not published or not _DATE.match(published):
        return None
    try:
        return date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


def add_typed_dates(conn: sqlite3.Connection) -> None:
    """Give a snapshot copy's ``articles`` its typed date columns, filled from ``published``."""
    conn.create_function("utc_instant", 1, utc_instant, deterministic=True)
    conn.create_function("calendar_date", 1, calendar_date, deterministic=True)
    for name, kind in TYPED_COLUMNS.items():
        conn.execute(f"ALTER TABLE articles ADD COLUMN {name} {kind}")
    conn.execute(
        "UPDATE articles SET published_utc = utc_instant(published), "
        "published_date = calendar_date(published) WHERE published IS NOT NULL"
    )


def parse_instant(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
