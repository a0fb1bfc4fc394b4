"""Scrapy's duplicate filter, except for redirects: a redirect chain ends in a page or an error.

A redirect to a URL already requested (``/a`` → ``/b`` when ``/b`` was crawled, or a loop
``/a`` → ``/b`` → ``/a``) would otherwise be dropped without a word, leaving ``/a``'s
frontier entry pending for ever and the loop unrecorded. Followed, the first case costs one
request and closes ``/a``; a loop ends at ``REDIRECT_MAX_TIMES`` with its error in
``fetches``. The spider's own frontier, not this filter, keeps pages from being requested
twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.dupefilters import RFPDupeFilter

if TYPE_CHECKING:
    from scrapy import Request


class RedirectFollowingDupeFilter(RFPDupeFilter):
    def request_seen(self, request: Request) -> bool:
        if request.meta.get("redirect_urls"):
            return False
        return super().request_seen(request)
