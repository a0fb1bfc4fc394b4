"""Snapshots: dated, complete, checksummed copies of (part of) the archive for researchers.

- ``take``: ``take_snapshot`` — copy, cut, export, describe; the same archive state gives
  the same bytes.
- ``selection``: which sites and dates, and the consistent copy cut to them, with typed
  forms of ``published`` (a UTC timestamp, a calendar date).
- ``introspect``: the shape of a database read at run time (tables, keys, indexes).
- ``incremental``: row digests, and the snapshot an incremental one extends.
- ``exports``: Parquet, JSON Lines, CSV and text, written side by side in worker processes.
- ``documents``: README, CITATION.cff, table schemas and Datasette metadata.
- ``manifest``: the files as written, SHA256SUMS and datapackage.json.
- ``attachments``: the WARC files and media a selection came from.
- ``bundle``: one ``.tar.gz`` or ``.zip`` with fixed order and times, and reading one back.
- ``verify``: checks a snapshot against its own sums and package.

May import ``archive.store`` and below; never ``archive.datasette``.
"""
