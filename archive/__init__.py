"""The secnews archive: a versioned, deduplicated SQLite corpus of official news pages.

Nothing here imports Scrapy or ``crawler``: notebooks and archivists' tools use it alone.

A package a capability, each importing only those below it:

- ``records``, ``urls``, ``columns``, ``diskfull``, ``lock``: the shared vocabulary — the
  records extraction hands over, what makes two URLs one article, what every column means,
  what a full disk looks like, and who may write to a data directory.
- ``search``: the full-text index — search forms of text, the query language, the index,
  ranking and snippets. Imports the vocabulary only.
- ``operations``: how each site's crawls are going — site runs, health rules, extraction
  drift, per-site status. Imports the vocabulary only.
- ``languages``: the language versions of a release — what pages declare, the content
  evidence for the rest, the links and the releases, search across versions. Imports the
  vocabulary and ``search``.
- ``store``: the SQLite file and everything written into it — connection, schema and
  migrations, filing, dedupe, the frontier, WARC capture, media, runs, versions. Imports
  ``search`` (it keeps the index), ``operations`` and ``languages`` (its migrations make
  their tables; filing links the versions a page declares).
- ``capture``: article pages as published — which stylesheets, images and fonts a page
  needs, where their records lie in the WARC files, WACZ packages of them, and a page's
  links rewritten into a replay. Imports ``store`` and below.
- ``snapshot``: dated, verifiable copies for researchers — selection, exports, documents,
  manifest, bundle, verify. Imports ``capture``, ``store`` and below.
- ``datasette``: the archive in Datasette — app, metadata, plugins, pages. Imports any of
  the above.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
