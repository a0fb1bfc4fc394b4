"""Parsing and the small DOM questions every extraction stage asks.

A page is parsed once, with lxml's HTML parser, and every stage reads that one tree. Text is
read as the DOM holds it: the text at the start of an element and the text after each child
(lxml's ``text`` and ``tail``) are separate strings. Removing an element leaves a marker (a
processing instruction) where it was, so the text before and after it stays two strings, as
it would in a browser's DOM; readers skip markers and serialisation drops them.
"""

from __future__ import annotations

import contextlib
import functools
import html
import re
from collections.abc import Iterator
from typing import Any, TypeAlias
from urllib.parse import urljoin

from cssselect import HTMLTranslator
from lxml import etree

Element: TypeAlias = etree._Element  # a node of a parsed page

# Full-width spaces and no-break spaces pad Chinese and Russian CMS output. str.split() knows
# them and every other Unicode space, but not these two invisible characters.
_INVISIBLE = ("\u200b", "\ufeff")  # zero-width space, byte order mark

# Page furniture: the regions around an article that are never part of it. Class and id
# tokens are split on - and _ and their parts compared, so "news-share" and "met_nav" count
# but "research" and "navy" do not.
CHROME_TAGS = frozenset({"header", "footer", "nav", "aside"})
_CHROME_PARTS = frozenset(
    [
        "nav",
        "navbar",
        "navigation",
        "menu",
        "submenu",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "sidebar",
        "sidebox",
        "side",
        "sidenav",
        "leftside",
        "rightside",
        "copyright",
        "share",
        "sharing",
        "social",
        "bdshare",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "related",
        "recommend",
        "recommended",
        "pager",
        "pagination",
        "prevnext",
        "comment",
        "comments",
        "toolbar",
        "qrcode",
        "ewm",
        "gotop",
        "backtop",
        "totop",
        "search",
        "login",
        "ads",
        "advert",
        "advertisement",
        "popup",
        "skip",
        "widget",
        "widgets",
    ]
)
# Words that mean furniture only at the start of a token ("header", "met-head", "site-footer"),
# not at its end ("entry-header" heads the article itself).
_LEADING_PARTS = frozenset({"header", "head", "footer", "foot", "topbar", "bottom"})
_ARTICLE_PARTS = frozenset(
    {"entry", "article", "post", "news", "content", "detail", "details", "text", "title", "body"}
)
_NAMESPACES = frozenset({"met", "site", "page", "main", "global", "wp", "g", "x", "c"})
_TOKEN_SPLIT = re.compile(r"[-_]+")

BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th",
        "tbody", "thead", "figure", "figcaption", "center", "address", "br", "hr", "form",
    }
)  # fmt: skip

# Text in these elements is code or a reading aid (ruby annotations), not what the page
# shows: an element's visible text leaves it out, unless the element is one of these itself.
_CODE_TAGS = ("script", "style", "template", "rt", "rp")

# Characters lxml refuses to set from Python, though its parser keeps them from a page.
_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MARKER = "secnews-removed"  # target of the processing instruction left by remove()
_DETACHING = "Secnews-Detaching"
_MARKER_SOURCE = etree.tostring(etree.ProcessingInstruction(_MARKER), method="html").decode()
_PAGE_ROOTS = ("body", "html")
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


def clean_text(text: str | None) -> str:
    """Collapse every kind of whitespace to one space and trim."""
    if not text:
        return ""
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, " ")
    return " ".join(text.split())  # much faster than a regex on long texts


def _code_kind(node: Element) -> str | None:
    # The code element (see _CODE_TAGS) whose text this element's text is, or None.
    if node.tag in _CODE_TAGS:
        return str(node.tag)
    holder = next(node.iterancestors(*_CODE_TAGS), None)
    return None if holder is None else str(holder.tag)


def strings(node: Element) -> Iterator[str]:
    """The visible text strings inside an element, in page order (its own tail excluded)."""
    kind = _code_kind(node)
    if kind is None and next(node.iterdescendants(*_CODE_TAGS), None) is None:
        texts: Iterator[str] = node.itertext()  # the common case, walked by lxml itself
        return texts
    wanted = kind if node.tag in _CODE_TAGS else None
    return _strings_of_kind(node, kind, wanted)


def _strings_of_kind(node: Element, kind: str | None, wanted: str | None) -> Iterator[str]:
    # Track which code element each string sits in; keep the strings of the wanted kind.
    kinds: list[str | None] = []
    for event, element in etree.iterwalk(node, events=("start", "end", "comment", "pi")):
        if event == "start":
            own = element.tag if element.tag in _CODE_TAGS else kinds[-1] if kinds else kind
            kinds.append(own)
            if element.text and own == wanted:
                yield element.text
        elif event == "end":
            kinds.pop()
            if kinds and element.tail and kinds[-1] == wanted:
                yield element.tail
        elif element.tail and kinds[-1] == wanted:
            yield element.tail  # after a comment or a marker


def node_text(node: Element) -> str:
    """The visible text of an element, whitespace collapsed."""
    return clean_text(" ".join(strings(node)))


def short_text(node: Element, limit: int) -> str | None:
    """An element's text if it is at most ``limit`` characters, else None (read no further)."""
    pieces: list[str] = []
    size = 0
    for string in strings(node):
        pieces.append(string)
        size += len(string.strip())
        if size > limit:
            return None
    text = clean_text(" ".join(pieces))
    return text if len(text) <= limit else None


def text_nodes(node: Element, *, comments: bool = False) -> Iterator[tuple[str, Element]]:
    """Every string inside an element with the element holding it, in page order.

    Unlike ``strings``, text in code elements is included; comments only if asked for.
    The element's own tail is not inside it and is left out.
    """
    for event, element in etree.iterwalk(node, events=("start", "end", "comment", "pi")):
        if event == "start":
            if element.text:
                yield element.text, element
            continue
        parent = element.getparent()
        if event != "end" and comments and element.text and not is_marker(element):
            yield element.text, parent
        if element.tail and element is not node:
            yield element.tail, parent


def text_after(node: Element) -> Iterator[tuple[str, Element]]:
    """Every string after an element (not inside it) to the end of the page, in page order."""
    current: Element | None = node
    while current is not None:
        parent = current.getparent()
        if current.tail and parent is not None:
            yield current.tail, parent
        for sibling in current.itersiblings():
            if is_element(sibling):
                yield from text_nodes(sibling)
            if sibling.tail:
                yield sibling.tail, parent
        current = parent


def elements(root: Element, *names: str) -> Iterator[Element]:
    """Every element of the tree (or those of the given names), the root first, in page order.

    Unlike ``root.iter()``, this stays cheap on pages nested thousands deep: to free an
    element's Python object lxml searches up its ancestors for one that has one too, and
    iterwalk keeps the ancestors' objects alive while it is below them.
    """
    for _, element in etree.iterwalk(root, events=("start",), tag=names or None):
        yield element


def first(root: Element, name: str) -> Element | None:
    """The first element of that name in the tree, the root included."""
    return next(root.iter(name), None)


def select_one(root: Element, selector: str) -> Element | None:
    """The first element inside ``root`` (a page, or an element) matching a CSS selector.

    As in a browser, the content of a <template> is not part of the page and never matches.
    """
    for found in _compiled(selector)(root):
        if next(found.iterancestors("template"), None) is None:
            return found
    return None


@functools.lru_cache(maxsize=64)
def _compiled(selector: str) -> etree.XPath:
    return etree.XPath(_Translator().css_to_xpath(selector, prefix="descendant::"))


# Spaces other than the four XPath's normalize-space() knows, as a translate() argument.
_OTHER_SPACES = "".join(ch for ch in map(chr, range(0x80, 0x3001)) if ch.isspace())
_CLASS_VALUE = f"translate(@class, '{_OTHER_SPACES}', '{' ' * len(_OTHER_SPACES)}')"


class _Translator(HTMLTranslator):
    """CSS to XPath, class names split at any space, as ``class_and_id`` splits them.

    A CMS that writes ``class="news&nbsp;content"`` still means the class "content".
    """

    def xpath_class(self, class_selector: Any) -> Any:
        xpath = self.xpath(class_selector.selector)
        return self.xpath_attrib_includes(xpath, _CLASS_VALUE, class_selector.class_name)


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


def class_and_id(node: Element) -> str:
    """An element's class names and id as one string, for hint matching."""
    classes = (node.get("class") or "").split()
    ident = node.get("id") or ""
    return " ".join([*classes, ident]).strip()


@functools.lru_cache(maxsize=4096)
def _chrome_token(token: str) -> bool:
    # Cached: the same few hundred class names recur on every page of a site.
    parts = [part for part in _TOKEN_SPLIT.split(token.lower()) if part]
    if not parts:
        return False
    if _CHROME_PARTS.intersection(parts):
        return True
    if _ARTICLE_PARTS.intersection(parts):
        return False
    lead = parts[1] if len(parts) > 1 and parts[0] in _NAMESPACES else parts[0]
    return lead in _LEADING_PARTS


def chrome_hint(node: Element) -> bool:
    """Whether the element's class or id names page furniture."""
    names = f"{node.get('class') or ''} {node.get('id') or ''}"  # class_and_id, split
    return any(_chrome_token(token) for token in names.split())


def _sectioned(node: Element) -> bool:
    return next(node.iterancestors("article", "main", "section"), None) is not None


def looks_like_chrome(node: Element) -> bool:
    """Whether the element itself is navigation, header, footer, sidebar or similar."""
    tag = node.tag  # lxml builds a new string on each read
    if tag in ("nav", "aside"):
        return True
    # An article's own <header>/<footer> holds its headline and byline: not furniture.
    if tag in ("header", "footer") and not _sectioned(node):
        return True
    return chrome_hint(node)


def chrome_ancestor(node: Element, stop: Element | None = None) -> Element | None:
    """The furniture element the element sits in (itself included, ``stop`` excluded)."""
    current: Element | None = node
    while current is not None and current is not stop and current.tag not in _PAGE_ROOTS:
        if looks_like_chrome(current):
            return current
        current = current.getparent()
    return None


def in_chrome(node: Element, stop: Element | None = None) -> bool:
    """Whether the element sits inside page furniture (up to ``stop``, exclusive)."""
    return chrome_ancestor(node, stop) is not None


def contains(outer: Element, inner: Element) -> bool:
    """Whether ``inner`` is ``outer`` or inside it (walks up, cheap on big pages)."""
    return inner is outer or any(parent is outer for parent in inner.iterancestors())


def _position(node: Element) -> list[int]:
    # The child indexes leading from the root to the element: page order, as a sort key.
    path = []
    parent = node.getparent()
    while parent is not None:
        path.append(parent.index(node))
        node, parent = parent, parent.getparent()
    return path[::-1]


def comes_after(node: Element, reference: Element) -> bool:
    """Whether ``node`` is inside ``reference`` or after it in page order (same tree)."""
    return _position(node) > _position(reference)


def base_url(root: Element, url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` if present, else the page."""
    for base in root.iter("base"):
        href: str | None = base.get("href")
        if href is not None:
            return urljoin(url, href.strip())
    return url


def attr(node: Element, name: str) -> str:
    """An attribute as a stripped string ('' when missing); class names single-spaced."""
    value = node.get(name)
    if value is None:
        return ""
    if name == "class":
        return " ".join(value.split())
    return str(value).strip()
