"""Downloader middlewares, in the order a request meets them (``DOWNLOADER_MIDDLEWARES``).

- ``budget``: ``--max-pages``, a hard bound on the requests a crawler sends.
- ``scope``: keeps the crawl on its site, and off private addresses.
- ``robots``: robots.txt obeyed; nothing passes before it has been read.
- ``retry``: Scrapy's retries, honouring ``Retry-After``.
- ``health``: facts for the health rules that only a crawl sees.
- ``capture``: every exchange, as served, into WARC and ``fetches``.

May import ``archive``, ``crawler.session``, ``crawler.netpolicy`` and ``crawler.signals``.
"""
