"""Where bylines sit: the short lines under the headline, else labelled or classed lines."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup
from bs4.element import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from .bylines import BylineFacts, parse_byline
from .markup import (
    BLOCK_TAGS,
    chrome_ancestor,
    class_and_id,
    clean_text,
    contains,
    in_chrome,
    short_text,
)
from .vocabulary import LABEL

logger = logging.getLogger(__name__)

_REGION_CHARS = 500  # how much text under the headline may hold the byline
_LONG_LINE = 150  # a line this long is the article starting
_MAX_BLOCK = 220  # a byline block (line plus its short wrappers) stays under this
_SKIP = frozenset({"script", "style", "noscript", "template", "button", "select", "option"})
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)
_HINT = re.compile(
    r"(?:^|[-_\s])(?:info|infos|meta|byline|date|time|pubdate|publish|published|source|author|"
    r"attr|attrs|property|article-info|post-meta|entry-meta|extra)(?:$|[-_\s\d])",
    re.I,
)


@dataclass(frozen=True)
class BylineBlock:
    """An element of the page that is a byline, and what it says."""

    element: Tag
    facts: BylineFacts


def _strings(node: Tag, skip: Tag | None = None) -> Iterator[NavigableString]:
    for string in node.find_all(string=True):
        if isinstance(string, _NOT_TEXT) or string.parent is None:
            continue
        if string.parent.name in _SKIP or (skip is not None and contains(skip, string.parent)):
            continue
        yield string


def text_without(node: Tag, skip: Tag | None = None) -> str:
    """An element's text leaving out one descendant (the headline inside a title block)."""
    return clean_text(" ".join(str(s) for s in _strings(node, skip)))


def _line_of(node: Tag) -> Tag:
    current = node
    while current.name not in BLOCK_TAGS or current.name in ("br", "hr"):
        if current.parent is None or current.parent.name in ("body", "html", "[document]"):
            break
        current = current.parent
    return current


def _lines_after(headline: Tag) -> Iterator[Tag]:
    seen: list[Tag] = []
    total = 0
    for node in headline.next_elements:
        if not isinstance(node, NavigableString) or isinstance(node, _NOT_TEXT):
            continue
        parent = node.parent
        if parent is None or contains(headline, parent):
            continue
        if parent.name in _SKIP or not clean_text(str(node)):
            continue
        chrome = chrome_ancestor(parent)
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


def _widen(line: Tag, facts: BylineFacts, headline: Tag | None) -> BylineBlock:
    # Spans of one byline may sit in separate <div>s; read their short common wrapper.
    element = line
    while element.parent is not None and element.parent.name not in ("body", "html"):
        parent = element.parent
        if headline is not None and (contains(parent, headline) or contains(headline, parent)):
            break
        text = short_text(parent, _MAX_BLOCK)
        wider = parse_byline(text) if text else None
        if wider is None:
            break
        element, facts = parent, wider
    return BylineBlock(element, facts)


def _near_headline(headline: Tag) -> list[BylineBlock]:
    blocks: list[BylineBlock] = []
    for line in _lines_after(headline):
        if any(contains(block.element, line) for block in blocks):
            continue
        facts = parse_byline(text_without(line, headline))
        if facts is not None:
            blocks.append(_widen(line, facts, headline))
    return blocks


def _labelled_anywhere(soup: BeautifulSoup) -> list[BylineBlock]:
    blocks: list[BylineBlock] = []
    for string in soup.find_all(string=LABEL):
        parent = string.parent
        if parent is None or parent.name in _SKIP or in_chrome(parent):
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


def _hinted(soup: BeautifulSoup) -> list[BylineBlock]:
    for node in soup.find_all(True):
        if not _HINT.search(class_and_id(node)) or in_chrome(node):
            continue
        text = text_without(node)
        facts = parse_byline(text) if len(text) <= _MAX_BLOCK else None
        if facts is not None and (facts.published or facts.authors or facts.sources):
            return [BylineBlock(node, facts)]
    return []


def find_bylines(soup: BeautifulSoup, headline: Tag | None) -> list[BylineBlock]:
    """Byline blocks: under the headline first, else labelled lines, else classed ones."""
    blocks = _near_headline(headline) if headline is not None else []
    if not blocks:
        blocks = _labelled_anywhere(soup)
    if not blocks:
        blocks = _hinted(soup)
    logger.debug("byline blocks: %s", [clean_text(b.element.get_text(" "))[:80] for b in blocks])
    return blocks


def merged_facts(blocks: list[BylineBlock]) -> BylineFacts:
    """Everything the byline blocks say, in page order."""
    facts = BylineFacts()
    for block in blocks:
        facts.merge(block.facts)
    return facts
