"""Remove page furniture: from the DOM before body extraction, and from text lines after."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from bs4 import BeautifulSoup, Tag

from .bylines import BylineFacts, is_counter, parse_byline
from .markup import attached, attr, clean_text, looks_like_chrome, node_text, short_text
from .titles import comparable
from .vocabulary import FURNITURE_LINE, PLACEHOLDER_ALTS, fold

logger = logging.getLogger(__name__)

_NEVER_TEXT = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "button", "input", "select", "textarea", "map", "audio", "video",
)  # fmt: skip
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NEVER_UP = frozenset({"html", "body", "[document]"})
_MAX_FURNITURE = 300  # furniture is short; never test long text against its patterns
# A wrapper holding most of the page is the page, whatever its class says ("has-sidebar").
_MAX_CHROME_SHARE = 0.5


def _remove(node: Tag) -> None:
    # extract(), not decompose(): bs4 answers ``.decomposed`` on a live tag by searching its
    # whole subtree, so detached-but-intact subtrees are much cheaper to test for.
    if attached(node):
        node.extract()


def _is_hidden(node: Tag) -> bool:
    return node.has_attr("hidden") or bool(_HIDDEN.search(attr(node, "style")))


def strip_furniture(soup: BeautifulSoup, extra: Iterable[Tag | None] = ()) -> None:
    """Delete scripts, hidden and furniture elements and the given ones (byline, headline)."""
    for node in extra:
        if node is not None:
            _remove(node)
    for node in soup.find_all(_NEVER_TEXT):
        _remove(node)
    body = soup.body or soup
    total = max(len(node_text(body)), 1)
    for node in soup.find_all(True):
        if node.name in ("html", "body", "main", "article") or not attached(node):
            continue
        if _is_hidden(node) or (
            looks_like_chrome(node) and len(node_text(node)) <= total * _MAX_CHROME_SHARE
        ):
            _remove(node)
    _strip_furniture_text(soup)


def _is_furniture(text: str) -> bool:
    return bool(text) and (bool(FURNITURE_LINE.match(fold(text))) or is_counter(text))


def _furniture_top(start: Tag | None, visited: set[int]) -> Tag | None:
    # Climb from a piece of text while the text stays short; the highest element whose whole
    # text is furniture goes ("【打印本页】" with its wrapper), the paragraph around it stays.
    top, node = None, start
    while isinstance(node, Tag) and node.name not in _NEVER_UP and id(node) not in visited:
        visited.add(id(node))
        text = short_text(node, _MAX_FURNITURE)
        if text is None:
            break
        if _is_furniture(text):
            top = node
        elif top is not None:
            break
        node = node.parent
    return top


def _strip_furniture_text(soup: BeautifulSoup) -> None:
    visited: set[int] = set()  # each element is judged once, so long pages cost one pass
    for string in list(soup.find_all(string=True)):
        top = _furniture_top(string.parent, visited)
        if top is not None:
            _remove(top)


def _is_title(line: str, titles: list[str]) -> bool:
    key = comparable(line)
    return any(key == comparable(title) for title in titles if title)


def filter_lines(lines: Iterable[str], titles: list[str]) -> tuple[list[str], BylineFacts]:
    """Drop furniture, counters, byline and title lines; return what bylines among them said."""
    kept: list[str] = []
    facts = BylineFacts()
    for raw in lines:
        line = clean_text(raw)
        if not line or fold(line).lower() in PLACEHOLDER_ALTS:
            continue
        if len(line) <= _MAX_FURNITURE and (FURNITURE_LINE.match(fold(line)) or is_counter(line)):
            continue
        if not kept and _is_title(line, titles):
            continue
        byline = parse_byline(line)
        # A labelled line ("来源：新华社", "责任编辑：李四") or a date line before any text is
        # a byline; an unlabelled date line later on is the article's own (a signed letter).
        if byline is not None and (byline.labelled or byline.counted or not kept):
            facts.merge(byline)
            continue
        if kept and kept[-1] == line:
            continue
        kept.append(line)
    return kept, facts
