"""Discovery: where a site's articles are, and which fetched pages are articles.

- ``links``: a page's links, pagination and announced feeds (``page_selector`` parses a
  response for them).
- ``feeds``: RSS/Atom feeds, with the dates and titles they give.
- ``sitemaps``: sitemaps and indexes (``.gz`` too), read as a stream within a size limit.
- ``classify``: is a response HTML at all, and is an HTML page an article, a listing, or
  navigation?
- ``urlpatterns``: the common shape of a set of URLs, as a regular expression.
- ``evidence``: what a page says about being news: its declared type, the kind of date it
  gives (publication or modification), its shape (running text, a hub of links, a form).
- ``sections``: where a site keeps its news, learned from its listings' dated entries and
  its feeds during a crawl.
- ``verdict``: is a page news? The evidence weighed, with the reasons.
- ``dryrun``: a handful of polite requests to see a new site, for ``secnews sites add``.

Pure functions over bytes and parsed pages, but for ``dryrun``; the spider decides what to
request. May import ``archive.urls``, ``crawler.politefetch``, ``crawler.settings``,
``crawler.extract.dateparse`` (to read the day a listing's entry names) and, for the dry
run's guess of a site's language, ``crawler.extract.language``.
"""
