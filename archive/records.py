"""Records passed between extraction and the archive: plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class ImageRecord:
    """One image that belongs to an article's body."""

    url: str
    alt: str = ""
    caption: str = ""


@dataclass(frozen=True)
class Alternate:
    """A version of the article in another language, as the page itself links it.

    ``how`` is ``hreflang`` (a ``<link rel="alternate" hreflang>`` or an ``<a hreflang>``) or
    ``switch`` (a language switcher link that keeps the article's id or slug); ``language``
    is the code the page gives (ISO 639-1 where it can be told).
    """

    url: str
    language: str | None
    how: str


@dataclass(frozen=True)
class ArticleRecord:
    """What extraction made of one article page.

    ``published`` is ISO 8601 as precise as the page says: ``2022-01-30`` for a date alone,
    ``2022-01-30T19:04:10+08:00`` for a time in a known timezone, without an offset otherwise.
    ``published_source`` says where the date came from (jsonld, meta, time, byline, url,
    feed, sitemap, listing) and ``published_raw`` holds the string it was read from.
    ``alternates`` are the versions in other languages the page links to.
    """

    url: str
    title: str
    text: str
    published: str | None = None
    published_source: str | None = None
    published_raw: str | None = None
    author: str | None = None
    language: str | None = None
    images: tuple[ImageRecord, ...] = field(default_factory=tuple)
    alternates: tuple[Alternate, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["images"] = [asdict(image) for image in self.images]
        data["alternates"] = [asdict(alternate) for alternate in self.alternates]
        return data


@dataclass(frozen=True)
class FetchRecord:
    """One HTTP exchange (or a failed attempt at one) made during a crawl."""

    url: str
    fetched_at: str
    status: int | None
    content_type: str | None = None
    bytes: int | None = None
    sha256: str | None = None
    error: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    record_type: str | None = None  # response | revisit
    warc_record_id: str | None = None
    warc_date: str | None = None
    payload_digest: str | None = None  # the WARC record's, for revisit records
    etag: str | None = None
    last_modified: str | None = None
