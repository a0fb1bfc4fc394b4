"""Runs of the crawler as a whole, outside any one spider.

- ``runner``: resolves every target first (a bad config stops before any request), then
  crawls them in one process and records the run.
- ``checkup``: after a crawl, each site judged against its history; findings kept.
- ``alerts``: a JSON POST to the operator's webhook when a health rule fails.
- ``logformat``: a dropped page as one short line, at DEBUG unless it lost something.
- ``reprocess``: every stored page extracted again from its WARC record, offline.

May import ``archive`` and any other crawler package but ``cli``.
"""
