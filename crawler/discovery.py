"""Discovery: where a site's articles are listed — sitemaps, feeds, links (robots.txt is
read by ``crawler.middlewares.robots``).

Pure functions over bytes and parsed pages; the spider decides what to request.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
# Files that are never HTML pages; documents (PDF, DOC) are left for a later stage.
ASSET_EXTENSIONS = re.compile(
    r"\.(jpe?g|png|gif|bmp|webp|svg|ico|css|js|json|pdf|docx?|xlsx?|pptx?|zip|rar|7z|gz|"
    r"tar|mp3|mp4|avi|mov|wmv|flv|swf|apk|exe|dmg|iso|wps|ofd|txt|xml)$",
    re.IGNORECASE,
)
# Links that change state or leave the web.
_NON_PAGE_SCHEMES = ("mailto:", "javascript:", "tel:", "sms:", "data:", "ftp:", "#")
# Pagination: page-number parameters and path shapes of the CMS families in FIELD-NOTES.
PAGINATION_URL = re.compile(
    r"([?&](page|pagenum|pageno|pageindex|p|pn|pg|start|offset|paged|PAGEN_\d+)=\d+)"
    r"|(/page/\d+/?$)|(/(index|list|default)[_-]\d+\.s?html?$)|(/list[_-]\d+[_-]\d+\.s?html?$)",
    re.IGNORECASE,
)
NEXT_PAGE_TEXT = re.compile(
    r"^\s*(下一?页|后页|下页|next|next page|older( posts| entries)?|следующая|далее|"
    r"вперед|›|»|>|>>|keyingi|келесі)\s*$",
    re.IGNORECASE,
)


class Link(NamedTuple):
    """A link of a page (a tuple: a page has hundreds, and a frozen dataclass costs more)."""

    url: str
    text: str
    href: str


@dataclass(frozen=True)
class Entry:
    """An article URL listed by a feed or a sitemap, with the date the listing gives."""

    url: str
    published: str | None = None


def feed_links(page: Selector, base_url: str) -> list[str]:
    """Feeds a page announces with ``<link rel="alternate" type="…rss+xml">``."""
    hrefs = []
    for link in page.root.iter("link"):  # lxml's own walk: an XPath query costs several times more
        if link.get("rel") != "alternate" or not link.get("href"):
            continue
        if (link.get("type") or "").lower().strip() in FEED_TYPES:
            hrefs.append(urljoin(base_url, link.get("href", "").strip()))
    return hrefs


def page_links(page: Selector, base_url: str, skip: Container[str] = frozenset()) -> list[Link]:
    """Every ``<a href>`` of a page that could lead to another page, resolved; links to
    URLs in ``skip`` (those a crawl has settled already: most of a menu) are left out
    before their text is read."""
    base = page.xpath("//base/@href").get()
    resolved_base = urljoin(base_url, base.strip()) if base else base_url
    origin = _origin(resolved_base)
    links = []
    # lxml directly, not an XPath selector per anchor: a CMS page carries hundreds of links
    # (mega-menus, footers), and this runs on every page of a crawl.
    for anchor in page.root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.lower().startswith(_NON_PAGE_SCHEMES):
            continue
        url = _resolve(_relative_to(resolved_base, origin, href), href)
        if url is None or url in skip:
            continue
        text = " ".join("".join(anchor.itertext()).split())  # XPath's normalize-space(.)
        links.append(Link(url=url, text=text, href=href))
    return links


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def _relative_to(base: str, origin: str, href: str) -> str:
    """What ``href`` depends on: nothing when absolute, the origin when root-relative, else
    the base. Menus repeat the same hrefs on every page; resolving them is then a lookup."""
    if href.startswith(("http://", "https://")):
        return ""
    if href.startswith("/") and not href.startswith("//"):
        return origin
    return base


@lru_cache(maxsize=1 << 16)
def _resolve(base: str, href: str) -> str | None:
    """The page URL a link leads to, without its fragment; None for other schemes and for
    files that are never pages."""
    url = urljoin(base, href).split("#", 1)[0]
    if urlsplit(url).scheme not in ("http", "https") or is_asset(url):
        return None
    return url


def is_asset(url: str) -> bool:
    return bool(ASSET_EXTENSIONS.search(urlsplit(url).path))


def is_pagination(link: Link) -> bool:
    return bool(PAGINATION_URL.search(link.url) or NEXT_PAGE_TEXT.match(link.text)) or (
        link.text.isdigit() and len(link.text) <= 4
    )


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


def parse_sitemap(body: bytes) -> tuple[list[str], list[Entry]]:
    """(child sitemaps, page entries) of a sitemap or sitemap index."""
    root = xml_root(body)
    if root is None:
        return [], []
    sitemaps, entries = [], []
    for node in root:
        loc = _child_text(node, "loc")
        if not loc:
            continue
        if _local(node.tag) == "sitemap":
            sitemaps.append(loc)
        elif _local(node.tag) == "url":
            entries.append(Entry(loc, _child_text(node, "lastmod")))
    return sitemaps, entries


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
            entries.append(Entry(urljoin(base_url, link), date))
    return entries


def _atom_link(entry: etree._Element) -> str | None:
    for child in entry:
        if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
            return child.get("href")
    return None


def is_feed(root: etree._Element) -> bool:
    return _local(root.tag) in ("rss", "feed", "rdf")


def is_sitemap(root: etree._Element) -> bool:
    return _local(root.tag) in ("urlset", "sitemapindex")
