"""Items passed from the spider through the pipelines: plain dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.records import ArticleRecord
from archive.store.prepared import Prepared


@dataclass
class PageItem:
    """A fetched page that may be an article; extraction decides."""

    site: str
    url: str  # where the page was served from, after redirects
    requested_url: str
    body: bytes = field(repr=False)  # logs of dropped items stay short
    content_type: str | None
    fetched_at: str
    discovered_via: str  # seed | link | pagination | feed | sitemap
    listed_date: str | None = None  # a date a feed or sitemap gave for it
    structured: bool = False  # structured data says it is an article
    referred_as: str | None = None  # the link as found, when it was cleaned before fetching
    verdict: str | None = None  # why it is taken as news (discovery.verdict), or left


@dataclass
class ArticleItem:
    """An extracted article on its way into the archive."""

    site: str
    record: ArticleRecord
    fetched_url: str
    fetched_at: str
    referred_as: str | None = None
    article_id: int | None = None  # set once stored
    prepared: Prepared | None = field(default=None, repr=False)  # computed while extracting
    verdict: str | None = None  # why its page was taken as news
