"""Parsing and the small DOM questions every extraction stage asks.

A page is parsed once, with lxml's HTML parser, and every stage reads that one tree. Text is
read as the DOM holds it: the text at the start of an element and the text after each child
(lxml's ``text`` and ``tail``) are separate strings. Removing an element leaves a marker (a
processing instruction) where it was, so the text before and after it stays two strings, as
it would in a browser's DOM; readers skip markers and serialisation drops them.
"""

from __future__ import annotations

import contextlib
import html
import re
from typing import TypeAlias

from lxml import etree

Element: TypeAlias = etree._Element  # a node of a parsed page

BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th",
        "tbody", "thead", "figure", "figcaption", "center", "address", "br", "hr", "form",
    }
)  # fmt: skip

# Characters lxml refuses to set from Python, though its parser keeps them from a page.
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MARKER = "secnews-removed"  # target of the processing instruction left by remove()
_DETACHING = "Secnews-Detaching"
_MARKER_SOURCE = etree.tostring(etree.ProcessingInstruction(_MARKER), method="html").decode()
PAGE_ROOTS = ("body", "html")
# The element parse_html() puts a page's top-level nodes in, and where it keeps the doctype.
PAGE_TAG = "secnews-page"
_DOCTYPE = "data-doctype"
# For writing source: elements without an end tag, and those whose text is not escaped.
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
_RAW_TEXT_TAGS = frozenset({"script", "style"})
_KEEPS_SPACES = ("pre", "textarea")
_ASCII_SPACES = " \t\n\r\f"


def parse_html(page: str) -> Element:
    """Parse a decoded page into a PAGE_TAG element holding its top-level nodes.

    That element stands for the document: it holds ``<html>`` and the comments around it,
    and the second ``<html>`` that lxml makes of what a page has after ``</html>``.
    """
    source: str | bytes = page
    encoding = None
    parser = _parser()
    try:
        root = etree.fromstring(source, parser)
    except ValueError:
        # lxml refuses a str that declares an XML encoding: the text is decoded already.
        source, encoding = page.encode("utf-8", "replace"), "utf-8"
        parser = _parser(encoding)
        root = etree.fromstring(source, parser)
    if any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log):
        # lxml's tree stops 2048 elements deep and the rest of the page is lost; badly broken
        # pages nest unclosed tags thousands deep. Build the tree from parse events instead.
        builder = _DeepTreeBuilder(parser.makeelement(PAGE_TAG))
        etree.fromstring(source, etree.HTMLParser(encoding=encoding, target=builder))
        return builder.page
    # Made by the page's (HTML) parser: names are checked by HTML's lenient rules ("o:p").
    document = parser.makeelement(PAGE_TAG)
    if root is not None:
        if root.getroottree().docinfo.doctype:
            document.set(_DOCTYPE, root.getroottree().docinfo.doctype)
        preceding = list(root.itersiblings(preceding=True))[::-1]
        for node in [*preceding, root, *root.itersiblings()]:
            document.append(node)
    return document


def _parser(encoding: str | None = None) -> etree.HTMLParser:
    # A fresh parser per page: lxml parsers must not be shared between threads. No invented
    # doctype and no id index: nothing here asks for either.
    return etree.HTMLParser(
        encoding=encoding, default_doctype=False, collect_ids=False, huge_tree=True
    )


class _DeepTreeBuilder:
    """A parser target building the tree however deep the page goes, for the rare page
    lxml's own tree building gives up on. Slower, and approximate where lxml refuses from
    Python what its parser accepts: control characters are dropped, a tag name it will not
    set becomes <span>, and comments lose their double dashes.
    """

    def __init__(self, page: Element) -> None:
        self.page = page
        self._open: list[Element] = [page]
        self._last: Element | None = None  # the node the next text follows
        self._inside = False  # whether that text goes inside it (else after it)

    def doctype(self, name: str, public_id: str | None, system_url: str | None) -> None:
        ids = f' PUBLIC "{public_id}"' if public_id else ""
        ids += f' "{system_url}"' if system_url else ""
        self.page.set(_DOCTYPE, f"<!DOCTYPE {name}{ids}>")

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        try:
            element = etree.SubElement(self._open[-1], tag)
        except ValueError:
            element = etree.SubElement(self._open[-1], "span")
        for name, value in attrib.items():
            with contextlib.suppress(ValueError):
                element.set(name, _REFUSED.sub("", value))
        self._open.append(element)
        self._last, self._inside = element, True

    def end(self, tag: str) -> None:
        self._last, self._inside = self._open.pop(), False

    def data(self, text: str) -> None:
        if self._last is None or len(self._open) == 1:
            return  # text outside <html> is not kept (nor does lxml keep it)
        text = _REFUSED.sub("", text)
        if self._inside:
            self._last.text = (self._last.text or "") + text
        else:
            self._last.tail = (self._last.tail or "") + text

    def comment(self, text: str) -> None:
        text = _REFUSED.sub("", text).replace("--", "- -").rstrip("-")
        self._open[-1].append(etree.Comment(text))
        self._last, self._inside = self._open[-1][-1], False

    def close(self) -> None:
        return None


def is_element(node: Element) -> bool:
    """Whether a tree node is an element (not a comment or a removal marker)."""
    return isinstance(node.tag, str)


def is_marker(node: Element) -> bool:
    """Whether a tree node is the marker a removed element left behind."""
    return node.tag is etree.ProcessingInstruction and node.target == _MARKER


def attached(node: Element) -> bool:
    """Whether the element is still in its document (not removed with an ancestor)."""
    top = node
    while (parent := top.getparent()) is not None:
        top = parent
    return top is node.getroottree().getroot()


def remove(node: Element) -> None:
    """Take an element out of its page, leaving a marker so the text around it stays apart."""
    if not attached(node):
        return
    parent = node.getparent()
    if parent is None:  # the page element itself: there is nothing to take it out of
        return
    marker = etree.ProcessingInstruction(_MARKER)
    try:
        marker.tail = node.tail
    except ValueError:  # a control character, which lxml will not set from Python
        _detach_leaving_tail(node, parent, marker)
        return
    node.tail = None
    parent.replace(node, marker)


def _detach_leaving_tail(node: Element, parent: Element, marker: Element) -> None:
    # lxml moves an element's tail along with it, except when strip_elements() strips the
    # element by name: for that moment, give it a name no parsed page has (names are read
    # lower-cased), then its own name back if lxml accepts it.
    node.addprevious(marker)
    name, node.tag = node.tag, _DETACHING
    etree.strip_elements(parent, _DETACHING, with_tail=False)
    with contextlib.suppress(ValueError):
        node.tag = name


def shorten_blank_text(root: Element) -> None:
    """Shorten text made only of spaces and line breaks to one line break (or one space).

    Outside <pre> and <textarea> such text is indentation. Do this before writing a page out
    for trafilatura, which weighs text by its length: its reading of our pages was tuned on
    source written this way (by BeautifulSoup, which parsed pages before lxml alone did).
    Readers here collapse whitespace anyway, so nothing else sees the change.
    """
    kept = 0  # how many <pre>/<textarea> the walk is inside
    for event, element in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        if event == "start":
            if element.tag in _KEEPS_SPACES:
                kept += 1
            if element.text and not kept and _blank(element.text):
                element.text = _shortened(element.text)
            continue
        if event == "end" and element.tag in _KEEPS_SPACES:
            kept -= 1
        if element.tail and not kept and element is not root and _blank(element.tail):
            element.tail = _shortened(element.tail)


def _blank(text: str) -> bool:
    return not text.strip(_ASCII_SPACES)


def _shortened(text: str) -> str:
    return "\n" if "\n" in text else " "


def source_html(node: Element) -> str:
    """An element as HTML source (its tail and removal markers left out), written here.

    For tools that parse the source again and look for dates in it (htmldate): lxml's own
    serialiser percent-escapes URLs in href and src, which hides dates written in them
    ("/2024年3月5日/"); this writes every attribute value as the page has it.
    """
    parts: list[str] = []
    for event, element in etree.iterwalk(node, events=("start", "end", "comment", "pi")):
        if event == "start":
            attrs = "".join(f' {name}="{html.escape(value)}"' for name, value in element.items())
            parts.append(f"<{element.tag}{attrs}>")
            if element.text:
                parts.append(_text_source(element.text, element))
            continue
        if event == "end" and element.tag not in _VOID_TAGS:
            parts.append(f"</{element.tag}>")
        elif event == "comment":
            parts.append(f"<!--{element.text or ''}-->")
        if element.tail and element is not node:
            parts.append(_text_source(element.tail, element.getparent()))
    return "".join(parts)


def _text_source(text: str, parent: Element) -> str:
    return text if parent.tag in _RAW_TEXT_TAGS else html.escape(text, quote=False)


def page_html(page: Element) -> str:
    """The whole page (from parse_html) as HTML source, removal markers left out."""
    doctype = page.get(_DOCTYPE)
    parts = [f"{doctype}\n"] if doctype else []
    parts += [etree.tostring(node, method="html", encoding="unicode") for node in page]
    return "".join(parts).replace(_MARKER_SOURCE, "")
