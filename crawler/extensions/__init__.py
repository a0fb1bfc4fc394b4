"""Scrapy extensions (``EXTENSIONS``): the bookkeeping around a crawl.

- ``runlog``: adds each crawler's counts to its ``crawl_runs`` row and closes runs it opened.
- ``frontier``: closes an article page's frontier entry once its item is stored or dropped.
- ``storage``: stops the crawl, with one clear message, when the disk can take no more.

May import ``archive``, ``crawler.items`` and ``crawler.session``.
"""
