"""Remove page furniture: from the DOM before body extraction, and from text lines after."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from itertools import islice

from lxml import etree

from .bylines import BylineFacts, is_counter, parse_byline
from .chrome import looks_like_chrome
from .markup import BLOCK_TAGS, PAGE_TAG, Element, remove
from .nodes import clean_text, first, node_text, short_text, strings, text_nodes
from .titles import comparable
from .vocabulary import FURNITURE_LINE, PLACEHOLDER_ALTS, fold

logger = logging.getLogger(__name__)

NEVER_TEXT = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "button", "input", "select", "textarea", "map", "audio", "video",
)  # fmt: skip
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NEVER_UP = frozenset({"html", "body", PAGE_TAG})
_MAX_FURNITURE = 300  # furniture is short; never test long text against its patterns
_MAX_CLIMB = 8  # furniture wrappers are shallow; deeper climbs only cost time
_EDGE_LINES = 4  # how many lines at each end of the text may be bylines
# A wrapper holding most of the page is the page, whatever its class says ("has-sidebar").
_MAX_CHROME_SHARE = 0.5
_REGION_BLOCKS = ("p", "div", "table", "ul", "ol", "section", "article", "h1", "h2", "h3", "h4")
_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")
_LONGEST_ALT = max(len(alt) for alt in PLACEHOLDER_ALTS)


def _is_hidden(node: Element) -> bool:
    style = node.get("style")
    return node.get("hidden") is not None or (style is not None and bool(_HIDDEN.search(style)))


def strip_furniture(root: Element, extra: Iterable[Element | None] = ()) -> list[Element]:
    """Delete scripts, hidden and furniture elements and the given ones (byline, headline);
    return the elements taken out as chrome, detached but whole, so the caller can tell
    whether they held the article after all."""
    for node in extra:
        if node is not None:
            remove(node)
    for node in list(root.iter(*NEVER_TEXT)):
        remove(node)
    chrome = _strip_chrome(root)
    _strip_furniture_text(root)
    unwrap_layout_tables(root)
    return chrome


def _own(table: Element, name: str) -> list[Element]:
    # The table's own rows or cells, not those of tables nested in it.
    return [
        node
        for node in table.iterdescendants(name)
        if next(node.iterancestors("table"), None) is table
    ]


def _is_layout_table(table: Element) -> bool:
    # A cell holding several paragraphs is a region of the page, not a datum; a Word table
    # pasted into a CMS has one <p> a cell and stays a table.
    cells = _own(table, "td") + _own(table, "th")
    return any(len(list(islice(cell.iterdescendants(*_REGION_BLOCKS), 2))) >= 2 for cell in cells)


def unwrap_layout_tables(root: Element) -> None:
    """Turn tables used for page layout into plain blocks, so their paragraphs stay apart."""
    for table in list(root.iter("table")):
        if not _is_layout_table(table):
            continue
        for part in [table, *(node for name in _TABLE_PARTS[1:] for node in _own(table, name))]:
            part.tag = "div"


def _strip_chrome(root: Element) -> list[Element]:
    body = first(root, "body")
    total = max(len(node_text(body if body is not None else root)), 1)
    # Judged in page order, a parent before its children (whose text it holds); removed
    # once the walk is done, so the walk does not lose its place.
    chrome: list[Element] = []
    walk = etree.iterwalk(root, events=("start",))
    for _, node in walk:
        if node.tag not in ("html", "body", "main", "article") and (
            _is_hidden(node)
            or (looks_like_chrome(node) and _text_within(node, total * _MAX_CHROME_SHARE))
        ):
            chrome.append(node)
            walk.skip_subtree()  # its children go with it
    for node in chrome:
        remove(node)
    return chrome


def _text_within(node: Element, limit: float) -> bool:
    """Whether ``node_text(node)`` is at most ``limit`` characters long. Collapsing spaces
    only shortens the strings joined, so their plain length settles most cases unread."""
    pieces = list(strings(node))
    if sum(map(len, pieces)) + len(pieces) - 1 <= limit:
        return True
    return len(clean_text(" ".join(pieces))) <= limit


def _is_furniture(text: str) -> bool:
    return bool(text) and (bool(FURNITURE_LINE.match(fold(text))) or is_counter(text))


def _furniture_top(start: Element | None, visited: set[Element]) -> Element | None:
    # Climb from a piece of text while the text stays short; the highest element whose whole
    # text is furniture goes ("【打印本页】" with its wrapper), the paragraph around it stays.
    top, node = None, start
    for _ in range(_MAX_CLIMB):
        if node is None or node.tag in _NEVER_UP or node in visited:
            break
        visited.add(node)
        text = short_text(node, _MAX_FURNITURE)
        if text is None:
            break
        if _is_furniture(text) and _blocks_are_furniture(node):
            top = node
        elif top is not None:
            break
        node = node.getparent()
    return top


def _blocks_are_furniture(node: Element) -> bool:
    # "当前位置：…" runs on to the end of its line, not over the headline and text in the
    # blocks after it: every block inside a furniture element must be furniture itself.
    for child in node:
        if child.tag in BLOCK_TAGS:
            text = short_text(child, _MAX_FURNITURE)
            if text and not _is_furniture(text):
                return False
    return True


def _strip_furniture_text(root: Element) -> None:
    visited: set[Element] = set()  # each element is judged once, so long pages cost one pass
    for _, parent in list(text_nodes(root, comments=True)):
        top = _furniture_top(parent, visited)
        if top is not None:
            remove(top)


def _is_title(line: str, titles: list[str]) -> bool:
    key = comparable(line)
    return any(key == comparable(title) for title in titles if title)


def _is_furniture_line(line: str) -> bool:
    # Folding and lower-casing never shorten a line: a long one is no placeholder.
    if not line or (len(line) <= _LONGEST_ALT and fold(line).lower() in PLACEHOLDER_ALTS):
        return True
    return len(line) <= _MAX_FURNITURE and _is_furniture(line)


def filter_lines(lines: Sequence[str], titles: list[str]) -> tuple[list[str], BylineFacts]:
    """Drop furniture, counters, byline and title lines; return what bylines among them said."""
    kept: list[str] = []
    facts = BylineFacts()
    for index, raw in enumerate(lines):
        line = clean_text(raw)
        if _is_furniture_line(line) or (not kept and _is_title(line, titles)):
            continue
        # Bylines open or close an article; mid-text "记者：…" is an interview, not a byline.
        edge = index < _EDGE_LINES or index >= len(lines) - _EDGE_LINES
        byline = parse_byline(line) if edge else None
        # A labelled line ("来源：新华社", "责任编辑：李四") or a date line before any text is
        # a byline; an unlabelled date line later on is the article's own (a signed letter).
        if byline is not None and (byline.labelled or byline.counted or not kept):
            facts.merge(byline)
            continue
        if kept and kept[-1] == line:
            continue
        kept.append(line)
    return kept, facts
