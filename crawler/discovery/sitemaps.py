"""Sitemaps read as a stream: entries one at a time, never the whole document in memory.

A sitemap may list fifty thousand URLs and weigh fifty megabytes, and ``sitemap.xml.gz`` is
gzip. The body (already cut at ``DOWNLOAD_MAXSIZE`` by the downloader) is inflated a piece at
a time, up to a limit on the inflated bytes (a gzip bomb is cut there, and what came before
the cut is still read), and fed to an incremental XML parser that keeps only the entry it is
reading. Like ``feeds``, XML is parsed without entities or network access.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

log = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"
PIECE = 1 << 16  # bytes parsed (or inflated) at a time
SNIFF_LIMIT = 1 << 20  # bytes read for the root element before giving up on a document
SITEMAP_ROOTS = ("urlset", "sitemapindex")
FEED_ROOTS = ("rss", "feed", "rdf")


@dataclass(frozen=True)
class Listed:
    """One entry of a sitemap: a page (``url``) with its ``<lastmod>``, or a child sitemap
    of an index (``sitemap``)."""

    kind: str  # "url" or "sitemap"
    loc: str
    lastmod: str | None = None
    news_published: str | None = None  # a news sitemap's <news:publication_date>


class SitemapStream:
    """The entries of one sitemap body, read as a stream. After ``entries()`` is exhausted,
    ``cut`` says whether inflating stopped at ``max_inflated`` bytes."""

    def __init__(self, body: bytes, max_inflated: int):
        self.body = body
        self.max_inflated = max_inflated
        self.gzipped = body[:2] == GZIP_MAGIC
        self.cut = False
        self._truncated = False

    def root(self) -> str | None:
        """The local name of the document's root element (``urlset``, ``rss``, ``html``…),
        or None when the first megabyte holds none: not XML."""
        parser = _parser(("start",))
        try:
            for piece in self._pieces(limit=min(SNIFF_LIMIT, self.max_inflated)):
                parser.feed(piece)
                for _, element in parser.read_events():
                    return _local(element.tag)
        except etree.XMLSyntaxError:
            return None
        return None

    def entries(self) -> Iterator[Listed]:
        """Every ``<url>`` and ``<sitemap>`` entry with a ``<loc>``, in document order."""
        parser = _parser(("start", "end"))
        depth = 0
        try:
            for piece in self._pieces(limit=self.max_inflated):
                parser.feed(piece)
                for event, element in parser.read_events():
                    depth += 1 if event == "start" else -1
                    if event == "end" and depth == 1:  # a child of the root, now complete
                        entry = _entry(element)
                        _forget(element)
                        if entry is not None:
                            yield entry
        except etree.XMLSyntaxError as exc:
            log.info("sitemap parsed up to an error: %s", exc)
        self.cut = self._truncated

    def _pieces(self, limit: int) -> Iterator[bytes]:
        """The document, ``PIECE`` bytes at a time, inflated if gzipped, and no more than
        ``limit`` bytes of it (``_truncated`` says there was more)."""
        self._truncated = False
        pieces = self._inflated() if self.gzipped else self._slices()
        size = 0
        for piece in pieces:
            size += len(piece)
            if size > limit:
                self._truncated = True
                yield piece[: len(piece) - (size - limit)]
                return
            yield piece

    def _slices(self) -> Iterator[bytes]:
        view = memoryview(self.body)
        for start in range(0, len(view), PIECE):
            yield bytes(view[start : start + PIECE])

    def _inflated(self) -> Iterator[bytes]:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        pending = self.body
        try:
            while not inflater.eof:
                piece = inflater.decompress(pending, PIECE)
                pending = inflater.unconsumed_tail
                if not piece and not pending:
                    return  # the gzip stream ends early: what it held
                yield piece
        except zlib.error as exc:
            log.info("sitemap inflated up to an error: %s", exc)


def _parser(events: tuple[str, ...]) -> etree.XMLPullParser:
    return etree.XMLPullParser(
        events=events, recover=True, resolve_entities=False, no_network=True, huge_tree=False
    )


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _entry(element: etree._Element) -> Listed | None:
    kind = _local(element.tag)
    if kind not in ("url", "sitemap"):
        return None
    loc = lastmod = published = None
    for child in element:
        name, text = _local(child.tag), (child.text or "").strip()
        if name == "loc" and text:
            loc = text
        elif name == "lastmod" and text:
            lastmod = text
        elif name == "news":  # <news:news><news:publication_date>
            dated = next((c for c in child if _local(c.tag) == "publication_date"), None)
            published = (dated.text or "").strip() or None if dated is not None else None
    return Listed(kind, loc, lastmod, published) if loc else None


def _forget(element: etree._Element) -> None:
    """Free an entry once read, and any that came before it: the tree never grows."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]
