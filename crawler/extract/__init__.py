"""Extraction: page bytes and URL in, an ``ArticleRecord`` out; pure functions, no Scrapy.

Imports ``archive.records`` only, so a notebook or the evaluation can use it alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from archive.records import Alternate, ArticleRecord

from .alternates import page_alternates
from .body import Body, extract_body
from .byline_dom import BylineBlock, find_bylines, merged_facts
from .bylines import BylineFacts, choose_author, parse_byline
from .dates import Published, fallback_published, find_published, listed_published
from .encoding import decode_html
from .images import body_images
from .language import detect_language
from .markup import Element, parse_html, source_html
from .metadata import PageMetadata, jsonld_names, read_metadata
from .nodes import attr, base_url, first, node_text, select_one
from .titles import Headline, find_headline, site_names

__all__ = [
    "ExtractHints",
    "declared_address",
    "decode_html",
    "extract_article",
    "listed_published",
]

logger = logging.getLogger(__name__)

_MIN_LETTERS = 10  # a two-sentence release has several times this
_MIN_LETTERS_UNTITLED = 100
_SNIFF_CHARS = 4096
_MAX_JUNK_SHARE = 0.02
# Replacement characters and control characters other than tab, line feed, form feed, CR.
_JUNK = re.compile(r"[\ufffd\x00-\x08\x0b\x0e-\x1f]")
_MARKUP = re.compile(
    r"<(?:!doctype|html|head|body|meta|title|div|p|table|article|section|main|h[1-6]|span|br)\b",
    re.I,
)


@dataclass(frozen=True)
class ExtractHints:
    """What a site config may tell extraction; every field is optional."""

    timezone: str | None = None  # IANA name, e.g. "Asia/Shanghai"
    language: str | None = None  # the site's declared language: a tie-break hint only
    # CSS overrides for "title", "body", "published", "author"; left out of the hash so
    # hints stay usable as dictionary keys
    selectors: Mapping[str, str] = field(default_factory=dict, hash=False)


def declared_address(body: bytes, content_type: str | None = None) -> str | None:
    """The web address a saved page says it was published at: its ``<base href>``, ``og:url``
    or canonical link, if absolute; what its relative links and images resolve against."""
    root = parse_html(decode_html(body, content_type))
    links = [link.get("href") for link in root.iter("link") if "canonical" in attr(link, "rel")]
    bases = [base.get("href") for base in root.iter("base")]
    for candidate in [*bases, read_metadata(root).first("og:url"), *links]:
        if candidate and candidate.strip().lower().startswith(("http://", "https://")):
            return str(candidate).strip()
    return None


def extract_article(
    body: bytes | str,
    url: str,
    *,
    content_type: str | None = None,
    hints: ExtractHints | None = None,
) -> ArticleRecord | None:
    """Read one article page; None (logged at debug) when it holds no article body."""
    try:
        return _extract(body, url, content_type, hints or ExtractHints())
    except Exception:  # one malformed page must never stop a crawl
        logger.warning("extraction failed for %s", url, exc_info=True)
        return None


def _declared_authors(metadata: PageMetadata) -> list[str]:
    for node in metadata.articles():
        names = jsonld_names(metadata, node.get("author"))
        if names:
            return list(dict.fromkeys(names))
    return []


def _selected_author(root: Element, selector: str | None) -> str | None:
    node = select_one(root, selector) if selector else None
    if node is None:
        return None
    text = attr(node, "content") or node_text(node)
    facts = parse_byline(text)
    if facts is None:
        return text or None
    return choose_author(facts, declared=[], meta_author=None, meta_source=None, site_names=[])


def _author(page: _IntactPage) -> str | None:
    metadata = page.metadata
    return page.selected_author or choose_author(
        page.facts,
        declared=_declared_authors(metadata),
        meta_author=metadata.first("author", "article:author", "dc.creator", "byl"),
        meta_source=metadata.first("contentsource", "source", "dc.publisher", "publisher"),
        site_names=page.site_names,
    )


def _article_only(root: Element, container: Element | None) -> str:
    # What htmldate may read: the page's <head> and the article body, nothing around it.
    if container is None:
        return ""
    head = first(root, "head")
    head_source = source_html(head) if head is not None else ""
    return f"<html>{head_source}<body>{source_html(container)}</body></html>"


def _is_article(title: str, paragraphs: list[str]) -> bool:
    # Without a headline, a scrap of text (a JSON reply, a PDF read as text) is no article.
    needed = _MIN_LETTERS if title else _MIN_LETTERS_UNTITLED
    letters = 0
    for paragraph in paragraphs:  # counted until there are enough
        letters += sum(map(str.isalpha, paragraph))
        if letters >= needed:
            return True
    return False


@dataclass
class _IntactPage:
    """What is read from the page before body extraction edits its tree."""

    root: Element
    metadata: PageMetadata
    headline: Headline
    blocks: list[BylineBlock]
    facts: BylineFacts
    published: Published | None
    selected_author: str | None
    declared_language: str | None
    base_url: str
    site_names: list[str]
    alternates: tuple[Alternate, ...]  # read before the body's extraction cuts the chrome


def _read_intact(html: str, url: str, hints: ExtractHints) -> _IntactPage:
    root = parse_html(html)
    html_element = first(root, "html")
    metadata = read_metadata(root)
    page_base = base_url(root, url)
    headline = find_headline(root, metadata, hints.selectors.get("title"))
    blocks = find_bylines(root, headline.element)
    facts = merged_facts(blocks)
    published = find_published(
        root,
        metadata,
        url,
        facts,
        timezone=hints.timezone,
        selector=hints.selectors.get("published"),
    )
    return _IntactPage(
        root=root,
        metadata=metadata,
        headline=headline,
        blocks=blocks,
        facts=facts,
        published=published,
        selected_author=_selected_author(root, hints.selectors.get("author")),
        declared_language=hints.language
        or (attr(html_element, "lang") if html_element is not None else None),
        base_url=page_base,
        site_names=site_names(root, metadata),
        alternates=page_alternates(root, url, page_base),
    )


def _read_body(page: _IntactPage, html: str, url: str, hints: ExtractHints) -> Body:
    headline = page.headline.element
    raw_title = node_text(headline) if headline is not None else ""
    return extract_body(
        page.root,
        url,
        [page.headline.title, raw_title],
        remove=[block.element for block in page.blocks] + [headline],
        headline=headline,
        selector=hints.selectors.get("body"),
        source=html,
    )


def _looks_like_html(html: str) -> bool:
    # Images, PDFs and other binaries sent as text/html must not become "articles".
    head = html[:_SNIFF_CHARS]
    junk = len(_JUNK.findall(head))
    return bool(_MARKUP.search(head)) and junk <= len(head) * _MAX_JUNK_SHARE


def _extract(
    body: bytes | str, url: str, content_type: str | None, hints: ExtractHints
) -> ArticleRecord | None:
    html = body if isinstance(body, str) else decode_html(body, content_type)
    if not _looks_like_html(html):
        logger.debug("not an HTML page: %s", url)
        return None
    page = _read_intact(html, url, hints)
    found = _read_body(page, html, url, hints)
    if not _is_article(page.headline.title, found.paragraphs):
        logger.debug("no article body: %s", url)
        return None
    page.facts.merge(found.facts)
    published = page.published or fallback_published(
        page.facts, lambda: _article_only(page.root, found.container), hints.timezone
    )
    images = body_images(found.container, page.base_url)
    # A caption is kept with its image, not repeated as a paragraph of the text.
    captions = {image.caption for image in images if image.caption}
    text = "\n\n".join(line for line in found.paragraphs if line not in captions)
    return ArticleRecord(
        url=url,
        title=page.headline.title,
        text=text,
        published=published.value if published else None,
        published_source=published.source if published else None,
        published_raw=published.raw if published else None,
        author=_author(page),
        language=detect_language(f"{page.headline.title}\n{text}", page.declared_language),
        images=images,
        alternates=page.alternates,
    )
