"""Site configs: one TOML file a site (the bundled ones live in this folder), and the code
that reads and checks them.

- ``config``: a file parsed into a frozen ``SiteConfig`` that rejects unknown keys and names
  the file and field of every problem; a bare start URL is a config too.
- ``regexcheck``: a config's regular expressions, checked for catastrophic backtracking
  before any request.
- ``timezones``: a new site's timezone from the evidence of its domain and language.
- ``tools``: what ``secnews sites`` does — list, check every file, write one from a dry run.

May import ``archive.urls``, ``crawler.netpolicy`` and ``crawler.discovery`` (the dry run).
"""
