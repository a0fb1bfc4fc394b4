"""What a page needs to look as published: its stylesheets, the images it shows, its fonts.

Pure functions over a page's or a stylesheet's bytes: the crawl fetches what they name, a
snapshot packs it, a replay serves it. Scripts are left out: the pages are read, not run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree

# Elements and attributes that name something shown (not followed, not run).
_SHOWN = {("img", "src"), ("input", "src"), ("video", "poster"), ("body", "background")}
_LAZY = ("data-src", "data-original", "data-lazy-src")  # lazy loaders' real image address
_STYLESHEET_RELS = {"stylesheet"}
_PRELOAD_KINDS = {"style", "font", "image"}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if it names one."""
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    return match.group(1) if match else None


def parse_page(body: bytes, content_type: str | None = None) -> Any:
    """An lxml tree of an HTML page: the header's charset first, else the page's own."""
    charset = charset_of(content_type)
    try:
        parser = lxml.html.HTMLParser(encoding=charset) if charset else None
    except LookupError:
        parser = None
    try:
        return lxml.html.document_fromstring(body or b"<html></html>", parser=parser)
    except (etree.ParserError, ValueError, LookupError):
        return lxml.html.document_fromstring(body.decode("utf-8", "replace") or "<html></html>")


def is_stylesheet_link(element: Any) -> bool:
    rel = {word.lower() for word in (element.get("rel") or "").split()}
    if element.tag != "link":
        return False
    if rel & _STYLESHEET_RELS:
        return True
    return "preload" in rel and (element.get("as") or "").lower() in _PRELOAD_KINDS


def page_requisites(body: bytes, page_url: str, content_type: str | None = None) -> list[str]:
    """Absolute http(s) URLs of what the page at ``page_url`` shows, in document order:
    stylesheets (and preloaded styles, fonts, images), images, and what its inline styles
    name. No script, no link to another page."""
    tree = parse_page(body, content_type)
    base = _base_url(tree, page_url)
    return _unique(_absolute(base, link) for link in _page_links(tree))


def _base_url(tree: Any, page_url: str) -> str:
    found = tree.find(".//base[@href]")
    return urljoin(page_url, found.get("href").strip()) if found is not None else page_url


def _page_links(tree: Any) -> Iterator[str]:
    for element in tree.iter(etree.Element):
        tag = element.tag if isinstance(element.tag, str) else ""
        if is_stylesheet_link(element) and element.get("href"):
            yield element.get("href")
        for name, attribute in _SHOWN:
            if tag == name and element.get(attribute):
                yield element.get(attribute)
        if tag == "img":
            yield from (element.get(lazy) for lazy in _LAZY if element.get(lazy))
        if element.get("style"):
            yield from css_links(element.get("style"))
        if tag == "style" and element.text:
            yield from css_links(element.text)


def css_links(css: str) -> Iterator[str]:
    """The addresses a stylesheet names: ``@import``s and every ``url(...)`` (fonts,
    backgrounds), as written."""
    for match in CSS_IMPORT.finditer(css):
        yield match.group(1) or match.group(2)
    for match in CSS_URL.finditer(css):
        yield match.group(1) or match.group(2) or match.group(3) or ""


def stylesheet_requisites(body: bytes, css_url: str, content_type: str | None = None) -> list[str]:
    """Absolute http(s) URLs a stylesheet at ``css_url`` needs (imports, fonts, images)."""
    css = decode_css(body, content_type)
    return _unique(_absolute(css_url, link) for link in css_links(css))


def decode_css(body: bytes, content_type: str | None = None) -> str:
    """A stylesheet's text: the header's charset, its ``@charset``, else UTF-8."""
    charset = charset_of(content_type)
    declared = re.match(rb'@charset\s+"([\w.:-]+)";', body)
    for name in (charset, declared.group(1).decode("ascii") if declared else None, "utf-8"):
        if name:
            try:
                return body.decode(name)
            except (LookupError, UnicodeDecodeError):
                continue
    return body.decode("utf-8", "replace")


def is_stylesheet(url: str, content_type: str | None) -> bool:
    kind = (content_type or "").split(";", 1)[0].strip().lower()
    return kind == "text/css" or (not kind and urlsplit(url).path.lower().endswith(".css"))


def _absolute(base: str, link: str) -> str | None:
    link = link.strip()
    if not link or link.lower().startswith(("data:", "javascript:", "about:", "#")):
        return None
    try:
        url = urldefrag(urljoin(base, link)).url
    except ValueError:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def _unique(urls: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(url for url in urls if url))
