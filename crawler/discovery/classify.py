"""Page classification: is a fetched HTML page an article, or a listing or navigation page?

Structured data decides when a page declares a news type (JSON-LD ``NewsArticle``…) or a
listing type. Otherwise the page's main region — what is left once navigation, headers,
footers and sidebars are taken out — is measured: listings are mostly link text, or repeat
one dated entry many times; articles hold paragraphs of running text. ``og:type=article``
keeps a page from being taken for a listing, no more: many CMSs give it to every page.

``read_page`` also reads the page's evidence of being news (``evidence``) and a listing's
dated entries (``sections``); a page that is not a listing is only a *candidate* until the
verdict (``verdict``) and extraction (a body, a date) have taken it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import html as lxml_html

from archive.urls import site_key
from crawler.discovery.evidence import (
    NEWS_TYPES,
    PageEvidence,
    byline_published,
    form_fields,
    head_evidence,
)
from crawler.discovery.links import PAGINATION_URL
from crawler.discovery.sections import DatedEntry, dated_entries

if TYPE_CHECKING:
    from scrapy.http import TextResponse

LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "website", "profilepage"}
# Containers that are never the article: by tag, and by class/id words CMSs use for them.
BOILERPLATE_TAGS = ("nav", "header", "footer", "aside", "script", "style", "noscript", "form")
BOILERPLATE_WORDS = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|sidebar|side|sidenav|footer|foot|header|head|breadcrumbs?|"
    r"crumbs?|copyright|related|share|sharing|social|widget|banner|topbar|toolbar|cookie|"
    r"pager|pagination|location|position|weizhi|dqwz|links|friendlinks?)($|[\s_-])",
    re.IGNORECASE,
)
# Numeric dates, and day-month-year / month-day-year with a month word of any script.
DATE_IN_TEXT = re.compile(
    r"\b(19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\b\d{1,2}[./]\d{1,2}[./](19|20)\d{2}\b"
    r"|\b\d{1,2}[ -][^\W\d_]{3,12}\.?,? (19|20)\d{2}\b|\b[^\W\d_]{3,12}\.? \d{1,2}, (19|20)\d{2}\b"
)
LISTING_URL = re.compile(
    r"/(list|lists|category|categories|tag|tags|archive|archives|column|col)(/|[_-]|\.|$)"
    r"|/(news|press|media|novosti|новости)/?$",
    re.IGNORECASE,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# Characters XML forbids: lxml refuses to put them back into a tree it has parsed.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_binary(body: bytes) -> bool:
    """Bytes that are not text whatever their Content-Type says (an image served as HTML).

    Text has no control characters but tab, newlines and ESC (ISO-2022); a stray NUL in a
    page is damage, not a sign of binary, so it takes one byte in twenty to decide.
    """
    head = body[:4096]
    if not head or head.startswith(_UNICODE_BOMS):
        return False
    return sum(head.count(byte) for byte in _CONTROL_BYTES) * 20 > len(head)


class PageKind(Enum):
    ARTICLE = "article"  # structured data or a site rule says so
    CANDIDATE = "candidate"  # reads like an article; the verdict and extraction decide
    LISTING = "listing"  # links to articles: follow, don't archive


@dataclass(frozen=True)
class MainRegion:
    """Measurements of a page's main region."""

    text_chars: int
    link_chars: int
    links: int
    dates: int
    paragraphs: int  # blocks of running text long enough to be prose
    entries: int = 0  # repeated <article> elements, as HTML5 listings mark their items

    @property
    def link_density(self) -> float:
        total = self.text_chars + self.link_chars
        return self.link_chars / total if total else 1.0


@dataclass(frozen=True)
class PageReading:
    """What a page is (its kind), the evidence it gives about being news, and, for a
    listing, its dated entries."""

    kind: PageKind
    evidence: PageEvidence = field(default_factory=PageEvidence)
    entries: tuple[DatedEntry, ...] = ()


def classify_page(html: str, url: str) -> PageKind:
    """Classify one decoded HTML page fetched from ``url``."""
    return read_page(html, url).kind


def read_page(html: str, url: str) -> PageReading:
    """Read one decoded HTML page fetched from ``url``: its kind, evidence and entries."""
    try:
        # huge_tree: without it libxml2 stops building the tree 256 elements deep, and a page
        # nested deeper (some CMS templates are) would look empty, as a listing does.
        parser = lxml_html.HTMLParser(huge_tree=True)
        tree = lxml_html.fromstring(_CONTROL_CHARS.sub("", html), parser=parser)
    except (ValueError, lxml_html.etree.ParserError):
        return PageReading(PageKind.LISTING)
    types, og_article, published, modified = head_evidence(tree)
    fields = form_fields(tree)
    region = measure_main_region(tree)  # cuts the tree down to its main region
    body = tree.find("body")
    root = body if body is not None else tree
    kind = _kind(types, og_article, region, url)
    evidence = PageEvidence(
        types=types,
        og_article=og_article,
        published=published or byline_published(root, DATE_IN_TEXT),
        modified=modified,
        paragraphs=region.paragraphs,
        link_density=region.link_density,
        form_fields=fields,
    )
    entries = dated_entries(root, url, DATE_IN_TEXT) if kind is PageKind.LISTING else []
    return PageReading(kind, evidence, tuple(entries))


def _kind(types: frozenset[str], og_article: bool, region: MainRegion, url: str) -> PageKind:
    if types & NEWS_TYPES:
        return PageKind.ARTICLE
    if types & LISTING_TYPES - {"website"} or PAGINATION_URL.search(url):
        return PageKind.LISTING
    if og_article:
        return PageKind.CANDIDATE  # it says it is an article; the verdict weighs that
    if region.entries >= 3 or (region.dates >= 3 and region.paragraphs < 3):
        return PageKind.LISTING  # several dated entries: a news list, a calendar
    if region.link_density > 0.5 and region.paragraphs < 3:
        return PageKind.LISTING
    if LISTING_URL.search(url) and region.paragraphs < 2:
        return PageKind.LISTING
    return PageKind.CANDIDATE


def measure_main_region(tree: lxml_html.HtmlElement) -> MainRegion:
    body = tree.find("body")
    root = body if body is not None else tree
    for element in list(root.iter()):
        if element.getparent() is not None and _is_boilerplate(element):
            element.drop_tree()
    datetimes = {value.strip() for value in root.xpath(".//time/@datetime")}
    link_chars = links = 0
    for anchor in root.iter("a"):
        links += 1
        link_chars += _weight(anchor.text_content())
    all_chars = _weight(root.text_content())
    paragraphs = sum(
        1
        for block in root.iter("p", "div", "td", "li", "section", "article")
        if _is_prose(_own_text(block))
    )
    return MainRegion(
        text_chars=max(all_chars - link_chars, 0),
        link_chars=link_chars,
        links=links,
        dates=len(datetimes or {m.group(0) for m in DATE_IN_TEXT.finditer(root.text_content())}),
        paragraphs=paragraphs,
        entries=len(root.xpath(".//article[.//a]")),
    )


def _is_boilerplate(element: lxml_html.HtmlElement) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions
    if element.tag in ("script", "style", "noscript", "form", "nav", "aside"):
        return True
    # Inside an <article>, a header or footer holds the entry's own title, date and byline.
    if next(element.iterancestors("article"), None) is not None:
        return False
    if element.tag in BOILERPLATE_TAGS:
        return True
    marker = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    return bool(marker.strip()) and bool(BOILERPLATE_WORDS.search(marker))


def _own_text(element: lxml_html.HtmlElement) -> str:
    """Text of an element outside its links and nested blocks."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in ("a", "div", "p", "li", "td", "ul", "ol", "table", "section"):
            parts.append(child.tail or "")
        elif isinstance(child.tag, str):
            parts.append(child.text_content() + (child.tail or ""))
    return "".join(parts)


def _weight(text: str) -> int:
    """Characters of text, counting a CJK character as three (about one word's worth)."""
    stripped = "".join(text.split())
    return len(stripped) + 2 * len(_CJK.findall(stripped))


def _is_prose(text: str) -> bool:
    return _weight(text) >= 150


def is_html(response: TextResponse) -> bool:
    """Whether a text response is an HTML page: not binary, and said or seen to be HTML."""
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    if looks_binary(response.body):
        return False  # served as text/html, but bytes all the same
    if "html" in content_type:
        return True
    return not content_type and b"<html" in response.body[:2048].lower()


_FRONT_PAGE = re.compile(r"/(index|default)\.[a-z]+$", re.IGNORECASE)


def is_section_front(article_url: str, landed_url: str) -> bool:
    """Whether a redirect of an article landed on its site's home page or on a section front
    above it (``/news/2023/05/12/slug/`` → ``/news/``): a takedown, not a move."""
    if site_key(article_url) != site_key(landed_url):
        return False
    landed = _FRONT_PAGE.sub("/", urlsplit(landed_url).path).rstrip("/")
    own = urlsplit(article_url).path.rstrip("/")
    return landed == "" or (own != landed and own.startswith(landed + "/"))
