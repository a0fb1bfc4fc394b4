"""secnews crawler: the Scrapy project that discovers, fetches and extracts official news.

One article's way, from a start URL to the archive:

- ``sites``: the site configs (bundled TOML files here, or ``--sites DIR``), parsed and
  checked before any request; a bare start URL is a config too.
- ``spiders``: the ``news`` spider crawls one site through the SQLite frontier, using
  ``discovery`` (links, pagination, sitemaps, feeds; is a page an article or a listing?).
- ``middlewares``: robots.txt, scope and address policy, the request budget, retries;
  ``capture`` writes every exchange to WARC and ``fetches``.
- ``pipelines``: ``extract`` (in worker processes, with ``extract``: bytes and URL in, an
  ``ArticleRecord`` out), ``store`` (files it in the archive), ``media`` (its images).
- ``extensions``: the crawl run's counts, the frontier's bookkeeping, a full disk.
- ``runs``: crawls of several sites in one process, the health check after them, alerts,
  and re-extraction of stored pages without the network.
- ``cli``: the ``secnews`` command, one module a command.

Beside them: ``evaluation`` (the gold set and ``make eval``) and ``sample_site`` (the
bundled test bed). At the top: ``settings`` (Scrapy's), ``items``, ``signals``, ``session``
(one crawler's link to the archive), ``netpolicy`` (which addresses may be contacted),
``politefetch`` (fetches outside Scrapy), ``provenance``, ``dupefilter``.

Imports ``archive``; ``archive`` never imports this package.
"""

from __future__ import annotations

from archive import __version__

__all__ = ["__version__"]
