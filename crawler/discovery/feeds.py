"""Feeds: the article URLs they list, with the dates and titles they give (sitemaps are read
as a stream, by ``sitemaps``).

Pure functions over bytes; the spider decides what to request. XML is parsed without
entities or network access, so a hostile feed cannot reach anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree


@dataclass(frozen=True)
class Entry:
    """An article URL listed by a feed or a sitemap, with the date the listing gives (a
    sitemap's ``<lastmod>``) and, in a feed, the item's title; in a news sitemap, the
    entry's publication date too."""

    url: str
    published: str | None = None
    title: str | None = None
    news_published: str | None = None  # a news sitemap's <news:publication_date>


def xml_root(body: bytes) -> etree._Element | None:
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(body.strip(), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(element: etree._Element, *names: str) -> str | None:
    for child in element:
        if _local(child.tag) in names and (child.text or "").strip():
            return str(child.text).strip()
    return None


def parse_feed(body: bytes, base_url: str) -> list[Entry]:
    """Items of an RSS 2.0 / RSS 1.0 / Atom feed, with their dates."""
    root = xml_root(body)
    if root is None:
        return []
    entries = []
    for node in root.iter():
        name = _local(node.tag)
        if name == "item":
            link = _child_text(node, "link", "guid")
            date = _child_text(node, "pubdate", "date", "published")
        elif name == "entry":
            link = _atom_link(node)
            date = _child_text(node, "published", "updated")
        else:
            continue
        if link:
            title = " ".join((_child_text(node, "title") or "").split()) or None
            entries.append(Entry(urljoin(base_url, link), date, title))
    return entries


def _atom_link(entry: etree._Element) -> str | None:
    for child in entry:
        if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
            return child.get("href")
    return None
