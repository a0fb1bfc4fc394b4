"""Find the article body: trafilatura, checked against the densest text block of the page."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass, field

import trafilatura
from bs4 import BeautifulSoup
from bs4.element import (
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    PageElement,
    ProcessingInstruction,
    Tag,
)
from trafilatura.settings import DEFAULT_CONFIG

from .boilerplate import filter_lines, strip_furniture
from .bylines import BylineFacts
from .markup import BLOCK_TAGS, attached, clean_text, node_text
from .titles import comparable

logger = logging.getLogger(__name__)

# Short releases (two sentences) are articles too: let trafilatura accept them as they are
# instead of swapping in its whole-page fallbacks, which bring the navigation along.
_CONFIG = deepcopy(DEFAULT_CONFIG)
_CONFIG["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "20"
_CONFIG["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"

_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
_BEFORE_HEADLINE_WEIGHT = 0.3  # the article follows its headline
_MIN_LETTERS = 6  # fewer letters: a label, a button, a date
_PROSE = re.compile(r"[，。；！？、,.;!?]")
_NON_PROSE_WEIGHT = 0.3  # titles and dates in lists have no sentence punctuation
_CANDIDATES = 10  # how many top scorers get the (costlier) link-density check
_BULLET = re.compile(r"^\s*(?:[-*•]|#{1,6})\s+")
_ROW_EDGES = re.compile(r"^\s*\|\s*|\s*\|\s*$")
_RULER = re.compile(r"^[\s|:\-]*$")
_TRUST_SHARE = 0.6  # trafilatura must find this share of the dense block to be believed


@dataclass
class Body:
    """The body's paragraphs, the element holding it, and bylines found among its lines."""

    paragraphs: list[str]
    container: Tag | None
    facts: BylineFacts = field(default_factory=BylineFacts)


def _row_text(row: Tag) -> str:
    cells = [node_text(cell) for cell in row.find_all(["td", "th"], recursive=False)]
    return " | ".join(cell for cell in cells if cell)


def block_paragraphs(root: Tag) -> list[str]:
    """One line per block element (table rows as ``cell | cell``), in page order."""
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = clean_text("".join(buffer))
        if text:
            blocks.append(text)
        buffer.clear()

    # An explicit stack, not recursion: broken pages nest unclosed tags thousands deep.
    stack: list[PageElement | None] = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if node is None or (isinstance(node, Tag) and node.name in BLOCK_TAGS):
            flush()  # a block starts (Tag) or ends (None)
        if isinstance(node, Tag) and node.name == "tr":
            blocks.append(_row_text(node))
        elif isinstance(node, Tag):
            if node.name in BLOCK_TAGS:
                stack.append(None)
            stack.extend(reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, _NOT_TEXT):
            buffer.append(str(node))
    flush()
    return [block for block in blocks if block]


def _string_weights(soup: BeautifulSoup, headline_seen: bool) -> dict[int, float]:
    # Position matters only when the headline was found (and removed, leaving a marker).
    weights: dict[int, float] = {}
    weight = _BEFORE_HEADLINE_WEIGHT if headline_seen else 1.0
    for node in soup.descendants:
        if isinstance(node, Tag) and node.get("data-secnews-headline") is not None:
            weight = 1.0
        elif isinstance(node, NavigableString) and not isinstance(node, _NOT_TEXT):
            weights[id(node)] = weight
    return weights


def _string_value(string: NavigableString, weights: dict[int, float]) -> float:
    text = clean_text(str(string))
    # Letters, not characters: a list of dates ("2023-04-01") is no article.
    letters = sum(1 for char in text if char.isalpha())
    if letters < _MIN_LETTERS or any(parent.name == "a" for parent in string.parents):
        return 0.0  # labels, buttons and link text say nothing about where the article is
    prose = 1.0 if _PROSE.search(text) else _NON_PROSE_WEIGHT
    return letters * prose * weights.get(id(string), 1.0)


def _link_density(node: Tag) -> float:
    total = len(node_text(node)) or 1
    return sum(len(node_text(link)) for link in node.find_all("a")) / total


def densest_block(soup: BeautifulSoup, headline_seen: bool = False) -> Tag | None:
    """The element whose paragraphs hold the most prose outside links (readability-style)."""
    weights = _string_weights(soup, headline_seen)
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for string in soup.find_all(string=True):
        if isinstance(string, _NOT_TEXT) or string.parent is None:
            continue
        value = _string_value(string, weights)
        block = string.parent
        while block.name not in BLOCK_TAGS and block.parent is not None:
            block = block.parent
        for share, holder in ((1.0, block.parent), (0.5, block.parent and block.parent.parent)):
            if value and isinstance(holder, Tag) and holder.name not in ("html", "[document]"):
                scores[id(holder)] = scores.get(id(holder), 0.0) + value * share
                tags[id(holder)] = holder
    leaders = sorted(scores, key=lambda key: scores[key], reverse=True)[:_CANDIDATES]
    ranked = {key: scores[key] * (1 - _link_density(tags[key])) for key in leaders}
    best = max(ranked, key=lambda key: ranked[key], default=None)
    return tags[best] if best is not None and ranked[best] > 0 else None


def trafilatura_lines(html: str, url: str) -> list[str]:
    """trafilatura's reading of the (already cleaned) page, one line per block."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        include_tables=True,
        include_images=False,
        include_comments=False,
        with_metadata=False,
        config=_CONFIG,
    )
    text = getattr(document, "text", None) if document is not None else None
    # trafilatura writes Markdown: "- " before list items, "| a | b |" rows and "|---|"
    # rulers in tables. The archive keeps plain paragraphs and "a | b" rows.
    lines = (_ROW_EDGES.sub("", _BULLET.sub("", line)) for line in (text or "").split("\n"))
    return [line.replace("\\|", "|") for line in lines if line.strip() and not _RULER.match(line)]


def _key(text: str) -> str:
    # Table cells are "a | b" in extracted lines and separate cells in the page.
    return comparable(text).replace("|", "")


def _within(lines: list[str], container: Tag) -> list[str]:
    # Lines come in page order: search on from the last hit, and only then everywhere.
    haystack = _key(node_text(container))
    kept, position = [], 0
    for line in lines:
        key = _key(line)
        found = haystack.find(key, position)
        if found < 0:
            found = haystack.find(key)
        if found >= 0:
            kept.append(line)
            position = found + len(key)
    return kept


def _covers(lines: list[str], reference: list[str]) -> bool:
    found = sum(len(line) for line in lines)
    return found >= _TRUST_SHARE * sum(len(line) for line in reference)


def extract_body(
    soup: BeautifulSoup,
    url: str,
    titles: list[str],
    *,
    remove: Sequence[Tag | None],
    headline: Tag | None = None,
    selector: str | None = None,
) -> Body:
    """Clean the page in place and read its body; an empty body means no article."""
    if headline is not None and attached(headline):
        # Leave a marker where the headline was, so text after it can be preferred.
        headline.insert_before(soup.new_tag("span", attrs={"data-secnews-headline": ""}))
    strip_furniture(soup, remove)
    if selector:
        chosen = soup.select_one(selector)
        if chosen is not None:
            paragraphs, facts = filter_lines(block_paragraphs(chosen), titles)
            return Body(paragraphs, chosen, facts)
        logger.debug("body selector %r matched nothing on %s", selector, url)
    container = densest_block(soup, headline is not None)
    dense = filter_lines(block_paragraphs(container), titles)[0] if container else []
    extracted, facts = filter_lines(trafilatura_lines(str(soup), url), titles)
    if container is None:
        return Body(extracted, None, facts)
    inside = _within(extracted, container)
    if inside and _covers(inside, dense):
        return Body(inside, container, facts)
    logger.debug("trafilatura missed the dense block on %s; using it", url)
    paragraphs, facts = filter_lines(block_paragraphs(container), titles)
    return Body(paragraphs, container, facts)
