"""secnews's own Scrapy signals."""

from __future__ import annotations

# Sent once a host's robots.txt has been read: url (of robots.txt), status (int or None when
# it could not be fetched) and sitemaps (list of URLs it names).
robots_fetched = object()
