"""The store: the archive's SQLite file and everything written into it.

- ``filing``: ``Archive`` — opens ``DIR/archive.db`` and files each extracted page as a new
  article, a new version, an alias URL or a linked copy.
- ``database``: the connection, with writes committed in groups, and plain SQL writes that
  stay inside the caller's transaction.
- ``schema``: tables and numbered migrations (``PRAGMA user_version``).
- ``prepared``: what filing computes from a record alone, in any process.
- ``dedupe``: exact content identity and near-duplicates (MinHash with LSH bands).
- ``versions``: an article's versions and the diffs between them.
- ``runs``: crawl runs and fetches, the operational record.
- ``frontier``: the crawl frontier, so a killed crawl resumes where it stopped, and what
  sitemaps, feeds and listing pages last listed: the cheap signals of a change.
- ``warc``: every HTTP exchange as WARC records; ``media``: images, content-addressed.

May import the shared vocabulary (``archive.records``, ``archive.urls``, …),
``archive.search``, ``archive.operations`` and ``archive.languages``; never ``archive.snapshot`` or
``archive.datasette``. Modules here import each other by module, never through this
package, which only names its front door.
"""

from __future__ import annotations

from archive.store.filing import DB_NAME, Archive, SaveResult

__all__ = ["DB_NAME", "Archive", "SaveResult"]
