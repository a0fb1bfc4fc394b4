"""Links of an HTML page: the pages it leads to, which of them are pagination, and the
feeds it announces.

Pure functions over parsed pages (``page_selector`` parses a response for them); the spider
decides what to request.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Container
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import etree
from parsel import Selector
from scrapy.http import TextResponse

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


def feed_links(page: Selector, base_url: str) -> list[str]:
    """Feeds a page announces with ``<link rel="alternate" type="…rss+xml">``."""
    hrefs = []
    for link in page.root.iter("link"):  # lxml's own walk: an XPath query costs several times more
        if link.get("rel") != "alternate" or not link.get("href"):
            continue
        if (link.get("type") or "").lower().strip() in FEED_TYPES:
            hrefs.append(urljoin(base_url, link.get("href", "").strip()))
    return hrefs


def declared_canonical(page: Selector, base_url: str) -> str | None:
    """The URL a page names as its canonical one (``<link rel="canonical">``), resolved."""
    for link in page.root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and (link.get("href") or "").strip():
            return urljoin(base_url, link.get("href", "").strip())
    return None


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


# What libxml2 reports for bytes that are not UTF-8 (parsel checks the same two).
_ENCODING_ERRORS = frozenset(
    {etree.ErrorTypes.ERR_INVALID_CHAR, etree.ErrorTypes.ERR_INVALID_ENCODING}
)


def page_selector(response: TextResponse) -> scrapy.Selector:
    """The page parsed, for this callback alone. Not ``response.selector``: the response keeps
    that one and it keeps the response, a cycle, so every page (body, text and tree, about a
    megabyte) would wait for Python's cycle collector instead of going once it is filed.

    A UTF-8 page is parsed from its bytes by lxml's own parser. Scrapy's selector decodes the
    body, strips it, drops NULs and encodes it again before parsing it, and makes each
    element lxml.html's class through a lookup in Python: a third of the parse and a tenth of
    reading the links, on every page. Any other page, or one whose bytes are not all UTF-8,
    is parsed as Scrapy does."""
    body = response.body
    if codecs.lookup(response.encoding).name == "utf-8" and b"\x00" not in body:
        parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
        try:
            root = etree.fromstring(body.removeprefix(codecs.BOM_UTF8), parser=parser)
        except etree.XMLSyntaxError:
            root = None
        if root is not None and not parser.error_log.filter_types(_ENCODING_ERRORS):
            return scrapy.Selector(root=root, type="html")
    return scrapy.Selector(response)
