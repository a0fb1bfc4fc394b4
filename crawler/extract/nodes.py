"""Reading a parsed page: an element's text as a reader sees it and as the DOM holds it,
its descendants by name or CSS selector, its attributes, and its place in page order.

Markers left by ``markup.remove`` are skipped, so the text on either side of a removed
element stays two strings.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from cssselect import HTMLTranslator
from lxml import etree

from .markup import Element, is_element, is_marker

# Full-width spaces and no-break spaces pad Chinese and Russian CMS output. str.split() knows
# them and every other Unicode space, but not these two invisible characters.
_INVISIBLE = ("\u200b", "\ufeff")  # zero-width space, byte order mark

# Text in these elements is code or a reading aid (ruby annotations), not what the page
# shows: an element's visible text leaves it out, unless the element is one of these itself.
_CODE_TAGS = ("script", "style", "template", "rt", "rp")


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
