"""Where bylines sit: the short lines under the headline, else labelled or classed lines."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .bylines import BylineFacts, parse_byline
from .chrome import chrome_ancestor, class_and_id, in_chrome
from .markup import BLOCK_TAGS, PAGE_TAG, Element
from .nodes import clean_text, contains, elements, node_text, short_text, text_after, text_nodes
from .vocabulary import BARE_LABEL, LABEL

logger = logging.getLogger(__name__)

_REGION_CHARS = 500  # how much text under the headline may hold the byline
_LONG_LINE = 150  # a line this long is the article starting
_MAX_BLOCK = 220  # a byline block (line plus its short wrappers) stays under this
_SKIP = frozenset({"script", "style", "noscript", "template", "button", "select", "option"})
_HINT = re.compile(
    r"(?:^|[-_\s])(?:info|infos|meta|byline|date|time|pubdate|publish|published|source|author|"
    r"attr|attrs|property|article-info|post-meta|entry-meta|extra)(?:$|[-_\s\d])",
    re.I,
)


@dataclass(frozen=True)
class BylineBlock:
    """An element of the page that is a byline, and what it says."""

    element: Element
    facts: BylineFacts


def _strings(node: Element, skip: Element | None = None) -> Iterator[str]:
    for string, parent in text_nodes(node):
        if parent.tag in _SKIP or (skip is not None and contains(skip, parent)):
            continue
        yield string


def text_without(node: Element, skip: Element | None = None) -> str:
    """An element's text leaving out one descendant (the headline inside a title block)."""
    return clean_text(" ".join(_strings(node, skip)))


def _line_of(node: Element) -> Element:
    current = node
    while current.tag not in BLOCK_TAGS or current.tag in ("br", "hr"):
        parent = current.getparent()
        if parent is None or parent.tag in ("body", "html", PAGE_TAG):
            break
        current = parent
    return current


def _lines_after(headline: Element) -> Iterator[Element]:
    seen: list[Element] = []
    total = 0
    # What holds the headline is the article's region, whatever its class says: only
    # furniture inside it stands between the headline and the byline.
    region = chrome_ancestor(headline)
    for string, parent in text_after(headline):
        if parent.tag in _SKIP or not clean_text(string):
            continue
        chrome = chrome_ancestor(parent, region)
        if chrome is not None:
            # A share bar between headline and byline is stepped over; a sidebar ends it.
            if short_text(chrome, _MAX_BLOCK) is None:
                return
            continue
        line = _line_of(parent)
        if any(contains(old, line) for old in seen):
            continue
        seen.append(line)
        text = text_without(line, headline)
        if len(text) > _LONG_LINE:
            return
        total += len(text)
        yield line
        if total > _REGION_CHARS:
            return


def _widen(line: Element, facts: BylineFacts, headline: Element | None) -> BylineBlock:
    # Spans of one byline may sit in separate <div>s; read their short common wrapper.
    element = line
    while (parent := element.getparent()) is not None and parent.tag not in ("body", "html"):
        if headline is not None and (contains(parent, headline) or contains(headline, parent)):
            break
        text = short_text(parent, _MAX_BLOCK)
        wider = parse_byline(text) if text else None
        if wider is None:
            break
        element, facts = parent, wider
    return BylineBlock(element, facts)


def _near_headline(headline: Element) -> list[BylineBlock]:
    blocks: list[BylineBlock] = []
    for line in _lines_after(headline):
        if any(contains(block.element, line) for block in blocks):
            continue
        facts = parse_byline(text_without(line, headline))
        if facts is not None:
            blocks.append(_widen(line, facts, headline))
    return blocks


def _may_be_labelled(string: str) -> bool:
    """Whether ``LABEL`` can match at all: it needs a colon, or one of the bare labels."""
    return ":" in string or "：" in string or BARE_LABEL.search(string) is not None


def _labelled_anywhere(root: Element) -> list[BylineBlock]:
    blocks: list[BylineBlock] = []
    for string, parent in text_nodes(root, comments=True):
        # The cheap tests first: a script's or a style's text can be long, and the labels'
        # pattern is a long alternation, of labels each followed by a colon, or bare.
        if parent.tag in _SKIP or not _may_be_labelled(string):
            continue
        if not LABEL.search(string) or in_chrome(parent):
            continue
        line = _line_of(parent)
        if any(block.element is line for block in blocks):
            continue
        facts = parse_byline(text_without(line))
        if facts is not None and (facts.published or facts.sources or facts.authors):
            blocks.append(BylineBlock(line, facts))
        if len(blocks) >= 3:
            break
    return blocks


def _hinted(root: Element) -> list[BylineBlock]:
    for node in elements(root):
        if not _HINT.search(class_and_id(node)) or in_chrome(node):
            continue
        text = text_without(node)
        facts = parse_byline(text) if len(text) <= _MAX_BLOCK else None
        if facts is not None and (facts.published or facts.authors or facts.sources):
            return [BylineBlock(node, facts)]
    return []


def find_bylines(root: Element, headline: Element | None) -> list[BylineBlock]:
    """Byline blocks: under the headline first, else labelled lines, else classed ones."""
    blocks = _near_headline(headline) if headline is not None else []
    if not blocks:
        blocks = _labelled_anywhere(root)
    if not blocks:
        blocks = _hinted(root)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("byline blocks: %s", [node_text(block.element)[:80] for block in blocks])
    return blocks


def merged_facts(blocks: list[BylineBlock]) -> BylineFacts:
    """Everything the byline blocks say, in page order."""
    facts = BylineFacts()
    for block in blocks:
        facts.merge(block.facts)
    return facts
