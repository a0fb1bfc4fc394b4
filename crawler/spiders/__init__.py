"""The spiders: ``news`` crawls one site, from its config or a bare start URL.

``revisits`` is the half of ``news`` that looks again at archived articles: the cycle, the
cheap signals, removals.

Scrapy finds them here (``SPIDER_MODULES``). A site that truly needs code of its own gets a
small subclass of ``NewsSpider`` in a module here, named as its site and config file.
"""
