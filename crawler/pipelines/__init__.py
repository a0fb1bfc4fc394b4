"""Item pipelines, one stage a module, in the order an item passes them (``ITEM_PIPELINES``).

- ``extract``: a fetched page becomes an ``ArticleRecord`` (in worker processes), or is
  dropped as not news.
- ``store``: files the record as a new article, a new version, an alias or a copy.
- ``media``: downloads a stored article's images into ``media/``.
- ``requisites``: for a site that asks, fetches what a stored article's page shows
  (stylesheets, images, fonts) into the WARC files.

May import ``archive``, ``crawler.extract``, ``crawler.items``, ``crawler.session`` and
``crawler.middlewares`` (the media and requisites stages scope and record their fetches as they do).
"""
