"""Remove page furniture: from the DOM before body extraction, and from text lines after."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

from bs4 import BeautifulSoup, Tag

from .bylines import BylineFacts, is_counter, parse_byline
from .markup import BLOCK_TAGS, attached, attr, clean_text, looks_like_chrome, node_text, short_text
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
_MAX_CLIMB = 8  # furniture wrappers are shallow; deeper climbs only cost time
_EDGE_LINES = 4  # how many lines at each end of the text may be bylines
# A wrapper holding most of the page is the page, whatever its class says ("has-sidebar").
_MAX_CHROME_SHARE = 0.5
_REGION_BLOCKS = ("p", "div", "table", "ul", "ol", "section", "article", "h1", "h2", "h3", "h4")
_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")


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
    _strip_chrome(soup)
    _strip_furniture_text(soup)
    unwrap_layout_tables(soup)


def _own(table: Tag, name: str) -> list[Tag]:
    # The table's own rows or cells, not those of tables nested in it.
    return [node for node in table.find_all(name) if node.find_parent("table") is table]


def _is_layout_table(table: Tag) -> bool:
    # A cell holding several paragraphs is a region of the page, not a datum; a Word table
    # pasted into a CMS has one <p> a cell and stays a table.
    cells = _own(table, "td") + _own(table, "th")
    return any(len(cell.find_all(_REGION_BLOCKS, limit=2)) >= 2 for cell in cells)


def unwrap_layout_tables(soup: BeautifulSoup) -> None:
    """Turn tables used for page layout into plain blocks, so their paragraphs stay apart."""
    for table in soup.find_all("table"):
        if not isinstance(table, Tag) or not _is_layout_table(table):
            continue
        for part in [table, *(node for name in _TABLE_PARTS[1:] for node in _own(table, name))]:
            part.name = "div"


def _strip_chrome(soup: BeautifulSoup) -> None:
    body = soup.body or soup
    total = max(len(node_text(body)), 1)
    gone: set[int] = set()  # document order: a parent is judged before its children
    for node in soup.find_all(True):
        if node.parent is None or id(node.parent) in gone:
            gone.add(id(node))
        elif node.name not in ("html", "body", "main", "article") and (
            _is_hidden(node)
            or (looks_like_chrome(node) and len(node_text(node)) <= total * _MAX_CHROME_SHARE)
        ):
            node.extract()
            gone.add(id(node))


def _is_furniture(text: str) -> bool:
    return bool(text) and (bool(FURNITURE_LINE.match(fold(text))) or is_counter(text))


def _furniture_top(start: Tag | None, visited: set[int]) -> Tag | None:
    # Climb from a piece of text while the text stays short; the highest element whose whole
    # text is furniture goes ("【打印本页】" with its wrapper), the paragraph around it stays.
    top, node = None, start
    for _ in range(_MAX_CLIMB):
        if not isinstance(node, Tag) or node.name in _NEVER_UP or id(node) in visited:
            break
        visited.add(id(node))
        text = short_text(node, _MAX_FURNITURE)
        if text is None:
            break
        if _is_furniture(text) and _blocks_are_furniture(node):
            top = node
        elif top is not None:
            break
        node = node.parent
    return top


def _blocks_are_furniture(node: Tag) -> bool:
    # "当前位置：…" runs on to the end of its line, not over the headline and text in the
    # blocks after it: every block inside a furniture element must be furniture itself.
    for child in node.children:
        if isinstance(child, Tag) and child.name in BLOCK_TAGS:
            text = short_text(child, _MAX_FURNITURE)
            if text and not _is_furniture(text):
                return False
    return True


def _strip_furniture_text(soup: BeautifulSoup) -> None:
    visited: set[int] = set()  # each element is judged once, so long pages cost one pass
    for string in list(soup.find_all(string=True)):
        top = _furniture_top(string.parent, visited)
        if top is not None:
            _remove(top)


def _is_title(line: str, titles: list[str]) -> bool:
    key = comparable(line)
    return any(key == comparable(title) for title in titles if title)


def _is_furniture_line(line: str) -> bool:
    if not line or fold(line).lower() in PLACEHOLDER_ALTS:
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
