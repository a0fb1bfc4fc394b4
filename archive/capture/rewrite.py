"""A captured page or stylesheet with every address in it pointing into a replay.

A replay serves each capture at an address of its own (``replay_url``); a page's links,
images, stylesheets and the ``url(...)``s of its styles are rewritten to such addresses, so
the browser asks the replay for all of them and never the site. ``srcset`` is dropped (one
``src`` is enough to show the image, and a missed candidate would go to the site).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import lxml.html

from archive.capture.requisites import CSS_IMPORT, CSS_URL, decode_css, parse_page

Rewriter = Callable[[str], str]  # absolute URL → the replay's address of it
_DROPPED = ("srcset", "sizes", "integrity")


def rewrite_page(body: bytes, content_type: str | None, page_url: str, to_replay: Rewriter) -> str:
    """The page as HTML text, every http(s) address in it made a replay address."""
    tree = parse_page(body, content_type)

    def replace(link: str) -> str:
        absolute = urljoin(page_url, link.strip())
        if urlsplit(absolute).scheme in ("http", "https"):
            return to_replay(absolute)
        return link if absolute.startswith(("data:", "#")) else "#"

    tree.rewrite_links(replace, resolve_base_href=True, base_href=page_url)
    for element in tree.iter():
        for name in _DROPPED:
            if isinstance(element.tag, str) and name in element.attrib:
                del element.attrib[name]
    for charset in tree.xpath("//meta[@charset or @http-equiv]"):
        if charset.get("charset") or (charset.get("http-equiv") or "").lower() == "content-type":
            charset.getparent().remove(charset)
    doctype = tree.getroottree().docinfo.doctype or "<!DOCTYPE html>"
    html: str = lxml.html.tostring(tree, encoding="unicode", doctype=doctype)
    return html


def rewrite_stylesheet(
    body: bytes, content_type: str | None, css_url: str, to_replay: Rewriter
) -> str:
    """The stylesheet's text, its imports and ``url(...)``s made replay addresses."""
    css = decode_css(body, content_type)
    css = re.sub(r'^@charset\s+"[^"]*";\s*', "", css)  # served as UTF-8 from here on

    def absolute(link: str) -> str:
        target = urljoin(css_url, link.strip())
        if urlsplit(target).scheme in ("http", "https"):
            return to_replay(target)
        return link

    def url(match: re.Match[str]) -> str:
        link = match.group(1) or match.group(2) or match.group(3) or ""
        return f'url("{absolute(link)}")'

    def imported(match: re.Match[str]) -> str:
        return f'@import "{absolute(match.group(1) or match.group(2))}"'

    return CSS_URL.sub(url, CSS_IMPORT.sub(imported, css))
