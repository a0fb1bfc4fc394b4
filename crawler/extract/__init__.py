"""Extraction: page bytes and URL in, an ``ArticleRecord`` out; pure functions, no Scrapy."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from bs4 import BeautifulSoup

from archive.records import ArticleRecord

from .body import extract_body
from .byline_dom import find_bylines, merged_facts
from .bylines import BylineFacts, choose_author, parse_byline
from .dates import find_published
from .encoding import decode_html
from .images import body_images
from .language import detect_language
from .markup import attr, base_url, node_text, parse_html
from .metadata import PageMetadata, jsonld_names, read_metadata
from .titles import find_headline, site_names

__all__ = ["ExtractHints", "decode_html", "extract_article"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractHints:
    """What a site config may tell extraction; every field is optional."""

    timezone: str | None = None  # IANA name, e.g. "Asia/Shanghai"
    language: str | None = None  # the site's declared language: a tie-break hint only
    # CSS overrides for "title", "body", "published", "author"
    selectors: Mapping[str, str] = field(default_factory=dict)


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


def _selected_author(soup: BeautifulSoup, selector: str | None) -> str | None:
    node = soup.select_one(selector) if selector else None
    if node is None:
        return None
    text = attr(node, "content") or node_text(node)
    facts = parse_byline(text)
    if facts is None:
        return text or None
    return choose_author(facts, declared=[], meta_author=None, meta_source=None, site_names=[])


def _author(soup: BeautifulSoup, metadata: PageMetadata, facts: BylineFacts) -> str | None:
    return choose_author(
        facts,
        declared=_declared_authors(metadata),
        meta_author=metadata.first("author", "article:author", "dc.creator", "byl"),
        meta_source=metadata.first("contentsource", "source", "dc.publisher", "publisher"),
        site_names=site_names(soup, metadata),
    )


def _extract(
    body: bytes | str, url: str, content_type: str | None, hints: ExtractHints
) -> ArticleRecord | None:
    html = body if isinstance(body, str) else decode_html(body, content_type)
    soup = parse_html(html)
    metadata = read_metadata(soup)
    selectors = hints.selectors
    headline = find_headline(soup, metadata, selectors.get("title"))
    blocks = find_bylines(soup, headline.element)
    facts = merged_facts(blocks)
    # Everything read from the intact page comes first: body extraction edits the tree.
    published = find_published(
        soup, metadata, url, facts, timezone=hints.timezone, selector=selectors.get("published")
    )
    author = _selected_author(soup, selectors.get("author"))
    declared_language = hints.language or (attr(soup.html, "lang") if soup.html else None)
    page_base = base_url(soup, url)
    raw_title = node_text(headline.element) if headline.element is not None else ""
    found = extract_body(
        soup,
        url,
        [headline.title, raw_title],
        remove=[block.element for block in blocks] + [headline.element],
        headline=headline.element,
        selector=selectors.get("body"),
    )
    if not found.paragraphs:
        logger.debug("no article body: %s", url)
        return None
    facts.merge(found.facts)
    if published is None:
        # htmldate goes last and reads the cleaned page, so sidebars cannot lend it a date.
        published = find_published(
            soup, metadata, url, facts, html=str(soup), timezone=hints.timezone
        )
    images = body_images(found.container, page_base)
    # A caption is kept with its image, not repeated as a paragraph of the text.
    captions = {image.caption for image in images if image.caption}
    text = "\n\n".join(line for line in found.paragraphs if line not in captions)
    return ArticleRecord(
        url=url,
        title=headline.title,
        text=text,
        published=published.value if published else None,
        published_source=published.source if published else None,
        published_raw=published.raw if published else None,
        author=author or _author(soup, metadata, facts),
        language=detect_language(f"{headline.title}\n{text}", declared_language),
        images=images,
    )
