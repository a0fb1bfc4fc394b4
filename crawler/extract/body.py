"""Find the article body: trafilatura, checked against the densest text block of the page."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass, field

import trafilatura
from lxml import etree
from trafilatura.settings import DEFAULT_CONFIG

from .boilerplate import NEVER_TEXT, filter_lines, strip_furniture
from .bylines import BylineFacts
from .markup import (
    BLOCK_TAGS,
    PAGE_TAG,
    Element,
    attached,
    page_html,
    parse_html,
    shorten_blank_text,
)
from .markup import remove as remove_node
from .nodes import clean_text, node_text, select_one
from .titles import comparable

logger = logging.getLogger(__name__)

# Short releases (two sentences) are articles too: let trafilatura accept them as they are
# instead of swapping in its whole-page fallbacks, which bring the navigation along.
_CONFIG = deepcopy(DEFAULT_CONFIG)
_CONFIG["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "20"
_CONFIG["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"

_BEFORE_HEADLINE_WEIGHT = 0.3  # the article follows its headline
_MIN_LETTERS = 6  # fewer letters: a label, a button, a date
_PROSE = re.compile(r"[，。；！？、,.;!?]")
_NON_PROSE_WEIGHT = 0.3  # titles and dates in lists have no sentence punctuation
_CANDIDATES = 10  # how many top scorers get the (costlier) link-density check
_BULLET = re.compile(r"^\s*(?:[-*•]|#{1,6})\s+")
_ROW_EDGES = re.compile(r"^\s*\|\s*|\s*\|\s*$")
_RULER = re.compile(r"^[\s|:\-]*$")
_MIN_PROSE_LETTERS = 40  # with sentence punctuation at its end: a paragraph, not a label
_TRUST_SHARE = 0.6  # trafilatura must find this share of the dense block to be believed
# When chrome held this share of the page's prose, it may have been the article's region...
_FLOOR_TRIGGER = 0.5
# ...and the body must then keep this share of what trafilatura reads in the page as served.
_FLOOR_SHARE = 0.5


@dataclass
class Body:
    """The body's paragraphs, the element holding it, and bylines found among its lines."""

    paragraphs: list[str]
    container: Element | None
    facts: BylineFacts = field(default_factory=BylineFacts)


def _row_text(row: Element) -> str:
    cells = [node_text(cell) for cell in row if cell.tag in ("td", "th")]
    return " | ".join(cell for cell in cells if cell)


def block_paragraphs(root: Element) -> list[str]:
    """One line per block element (table rows as ``cell | cell``), in page order."""
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = clean_text("".join(buffer))
        if text:
            blocks.append(text)
        buffer.clear()

    # lxml walks the tree without recursion: broken pages nest unclosed tags thousands deep.
    walk = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, node in walk:
        if node is root:
            if event == "start" and node.text:
                buffer.append(node.text)
            continue
        if event == "start":
            if node.tag in BLOCK_TAGS:
                flush()  # a block starts
            if node.tag == "tr":
                blocks.append(_row_text(node))
                walk.skip_subtree()
            elif node.text:
                buffer.append(node.text)
            continue
        if event == "end" and node.tag in BLOCK_TAGS:
            flush()  # a block ends
        if node.tail:
            buffer.append(node.tail)  # after an element, a comment or a removal marker
    flush()
    return [block for block in blocks if block]


def _string_value(text: str, in_link: bool) -> float:
    # Labels, buttons and link text say nothing about where the article is. Checked before
    # the letters are counted: menus are all links, and there are few letters in a short
    # string.
    if in_link or len(text) < _MIN_LETTERS:
        return 0.0
    # Letters, not characters: a list of dates ("2023-04-01") is no article.
    letters = sum(map(str.isalpha, text))
    if letters < _MIN_LETTERS:
        return 0.0
    return letters * (1.0 if _PROSE.search(text) else _NON_PROSE_WEIGHT)


def _string_values(root: Element, headline_seen: bool) -> Iterator[tuple[float, float, Element]]:
    # Each string's prose value, the weight of its position and the element holding it, in
    # page order. Position matters only when the headline was found (and removed, leaving a
    # marker): text after it counts more.
    weight = _BEFORE_HEADLINE_WEIGHT if headline_seen else 1.0
    links = 0  # how many <a> elements the walk is inside
    for event, node in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            if node.get("data-secnews-headline") is not None:
                weight = 1.0
            if node.tag == "a":
                links += 1
            if node.text:
                yield _string_value(node.text, links > 0), weight, node
            continue
        if event == "end" and node.tag == "a":
            links -= 1
        if node.tail and node is not root:
            yield _string_value(node.tail, links > 0), weight, node.getparent()


# The strings of an element outside links (its text and every tail inside it, not its own
# tail), chosen by lxml in C: the removed chrome it is asked about is mostly menus of links.
_OWN_STRINGS_OUTSIDE_LINKS = etree.XPath("descendant-or-self::text()[not(ancestor::a)]")


def prose_value(nodes: Iterable[Element]) -> float:
    """How much prose the elements hold: letters of their text outside links, in strings
    long enough to say something, sentences counting more than labels (as the densest block
    is scored)."""
    return sum(
        _string_value(str(text), False)
        for node in nodes
        for text in _OWN_STRINGS_OUTSIDE_LINKS(node)
    )


def _link_density(node: Element) -> float:
    total = len(node_text(node)) or 1
    return sum(len(node_text(link)) for link in node.iterdescendants("a")) / total


@dataclass(frozen=True)
class DenseBlock:
    """The densest block of a page, and how much prose the whole page holds."""

    element: Element | None
    page_prose: float


def densest_block(root: Element, headline_seen: bool = False) -> Element | None:
    """The element whose paragraphs hold the most prose outside links (readability-style)."""
    return find_dense_block(root, headline_seen).element


def find_dense_block(root: Element, headline_seen: bool = False) -> DenseBlock:
    """``densest_block`` with the page's prose (``prose_value``), read in the same pass."""
    scores: dict[Element, float] = {}  # in the order first scored, which breaks ties
    page_prose = 0.0
    for prose, weight, parent in _string_values(root, headline_seen):
        if not prose:
            continue
        page_prose += prose
        value = prose * weight
        block = parent
        while block.tag not in BLOCK_TAGS and block.getparent() is not None:
            block = block.getparent()
        above = block.getparent()
        grand = above.getparent() if above is not None else None
        for share, holder in ((1.0, above), (0.5, grand)):
            if holder is not None and holder.tag not in ("html", PAGE_TAG):
                scores[holder] = scores.get(holder, 0.0) + value * share
    leaders = sorted(scores, key=lambda key: scores[key], reverse=True)[:_CANDIDATES]
    ranked = {key: scores[key] * (1 - _link_density(key)) for key in leaders}
    best = max(ranked, key=lambda key: ranked[key], default=None)
    return DenseBlock(best if best is not None and ranked[best] > 0 else None, page_prose)


def trafilatura_lines(html: str, url: str, *, fast: bool = True) -> list[str]:
    """trafilatura's reading of the page, one line per block; ``fast`` without its
    readability and jusText fallbacks (a cleaned page needs none)."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        fast=fast,
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


def _within(lines: list[str], container: Element) -> list[str]:
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
    root: Element,
    url: str,
    titles: list[str],
    *,
    remove: Sequence[Element | None],
    headline: Element | None = None,
    selector: str | None = None,
    source: str | None = None,
) -> Body:
    """Clean the page in place and read its body; an empty body means no article.

    ``source``, the page as served, is read again when cleaning took out as chrome the
    region that held most of the page's prose: the body then keeps at least what
    trafilatura alone finds there.
    """
    if headline is not None and headline.getparent() is not None and attached(headline):
        # Leave a marker where the headline was, so text after it can be preferred.
        headline.addprevious(etree.Element("span", {"data-secnews-headline": ""}))
    chrome = strip_furniture(root, remove)
    shorten_blank_text(root)  # before trafilatura or htmldate reads the page's source
    if selector:
        chosen = select_one(root, selector)
        if chosen is not None:
            paragraphs, facts = filter_lines(block_paragraphs(chosen), titles)
            return Body(paragraphs, chosen, facts)
        logger.debug("body selector %r matched nothing on %s", selector, url)
    dense = find_dense_block(root, headline is not None)
    body = _cleaned_body(root, url, titles, dense.element)
    removed = prose_value(chrome)
    if source is not None and removed >= _FLOOR_TRIGGER * (removed + dense.page_prose):
        return _recall_floor(body, source, url, titles)
    return body


def _cleaned_body(root: Element, url: str, titles: list[str], container: Element | None) -> Body:
    """trafilatura's reading of the cleaned page, whole, when it agrees with the densest
    block; that block's own paragraphs when trafilatura missed it."""
    extracted, facts = filter_lines(trafilatura_lines(page_html(root), url), titles)
    if container is None:
        return Body(extracted, None, facts)
    dense, dense_facts = filter_lines(block_paragraphs(container), titles)
    inside = _within(extracted, container)
    if inside and _covers(inside, dense):
        # Not clipped to the block: an article spread over sibling blocks (split by
        # figures, pull quotes, sections with their own headings) is kept whole. And not
        # short of it: a paragraph of the block that trafilatura's own cleaning dropped
        # (it sits in a wrapper whose class says "sidebar") is still the article's.
        prose = [
            line
            for line in dense
            if _letters(line) >= _MIN_PROSE_LETTERS and _PROSE.search(line[-2:])
        ]
        return Body(_in_page_order(root, extracted, prose), container, facts)
    logger.debug("trafilatura missed the dense block on %s; adding it", url)
    return Body(_in_page_order(root, dense, extracted), container, dense_facts)


def _in_page_order(root: Element, paragraphs: list[str], others: list[str]) -> list[str]:
    """The paragraphs, and those of ``others`` they do not hold, in the page's order: the
    article whole when trafilatura and the dense block each read part of it (an article in
    chunks, the first in a block of its own)."""
    held = _key(" ".join(paragraphs))
    extra = [line for line in others if _key(line) not in held]
    if not extra:
        return paragraphs
    haystack = _key(node_text(root))
    placed: list[tuple[int, int, str]] = []
    last = -1
    for rank, line in enumerate([*paragraphs, *extra]):
        found = haystack.find(_key(line))
        # A line not found as it is (cleaned differently) stays after the one before it.
        last = found if found >= 0 else last
        placed.append((last, rank, line))
    return [line for _, _, line in sorted(placed)]


def _letters(line: str) -> int:
    return sum(map(str.isalpha, line))


def _held(lines: list[str], paragraphs: list[str]) -> float:
    """The share of the lines' letters that the paragraphs hold (a body of menu links, left
    when the article went, holds none of an article however long it is)."""
    haystack = _key(" ".join(paragraphs))
    total = sum(_letters(line) for line in lines)
    found = sum(_letters(line) for line in lines if _key(line) in haystack)
    return found / total if total else 1.0


def _recall_floor(body: Body, source: str, url: str, titles: list[str]) -> Body:
    """The body, or trafilatura's reading of the page as served when the body holds less
    than half of it (cleaning mistook the article's region for chrome: a "left-side"
    column, a page builder's "widget", content hidden until a script shows it)."""
    lines, facts = filter_lines(trafilatura_lines(source, url, fast=False), titles)
    if _held(lines, body.paragraphs) >= _FLOOR_SHARE:
        return body
    logger.debug("cleaning took the article for chrome on %s; reading the page whole", url)
    page = parse_html(source)
    for node in list(page.iter(*NEVER_TEXT)):
        remove_node(node)
    return Body(lines, densest_block(page), facts)
