"""Operations: how each site's crawls are going, judged against its own history.

- ``siteruns``: one row a site and run, from the Scrapy stats each crawler left.
- ``findings``: what health rules report (``Finding``) and the thresholds they judge by.
- ``health``: the rules — failed runs, no new articles, a moved start page, …
- ``drift``: extraction drift — a site's pages suddenly extract shorter, emptier or not at all.
- ``status``: the ``site_runs``, ``health`` and ``article_changes`` tables and the
  ``site_status`` view.
- ``revisits``: the revisit cycle — which archived articles a crawl looks at again, and how
  many (its budget, from the site's own rhythm of crawls).
- ``listings``: what sitemaps, feeds and listing pages said about each URL, and the cheap
  signals of a change read from it (retitled, redated, lastmod, listed again, unlisted).
- ``notnews``: articles an earlier secnews stored that are not news, dropped (their WARC
  records kept) with the verdict that left them.

Takes a ``sqlite_utils.Database``; imports the shared vocabulary only, never the store.
"""
