"""Parsing and the small DOM questions every extraction stage asks."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

# Full-width spaces and no-break spaces pad Chinese and Russian CMS output.
_SPACES = re.compile(r"[\s\u00a0\u3000\u2002-\u200b\ufeff]+")

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


def parse_html(html: str) -> BeautifulSoup:
    """Parse a decoded page with lxml through BeautifulSoup."""
    return BeautifulSoup(html, "lxml")


def clean_text(text: str | None) -> str:
    """Collapse every kind of whitespace to one space and trim."""
    if not text:
        return ""
    return _SPACES.sub(" ", text).strip()


def node_text(node: Tag) -> str:
    """The visible text of an element, whitespace collapsed."""
    return clean_text(node.get_text(" "))


def attached(node: Tag) -> bool:
    """Whether the element is still in its document (not removed with an ancestor)."""
    current: Tag | None = node
    while current is not None:
        if isinstance(current, BeautifulSoup):
            return True
        current = current.parent
    return False


def short_text(node: Tag, limit: int) -> str | None:
    """An element's text if it is at most ``limit`` characters, else None (read no further)."""
    pieces: list[str] = []
    size = 0
    for string in node.strings:
        pieces.append(string)
        size += len(string.strip())
        if size > limit:
            return None
    text = clean_text(" ".join(pieces))
    return text if len(text) <= limit else None


def class_and_id(node: Tag) -> str:
    """An element's class names and id as one string, for hint matching."""
    value: str | list[str] = node.get("class") or []
    classes = [value] if isinstance(value, str) else list(value)
    ident = node.get("id") or ""
    return " ".join([*classes, str(ident)]).strip()


def _chrome_token(token: str) -> bool:
    parts = [part for part in _TOKEN_SPLIT.split(token.lower()) if part]
    if not parts:
        return False
    if _CHROME_PARTS.intersection(parts):
        return True
    if _ARTICLE_PARTS.intersection(parts):
        return False
    lead = parts[1] if len(parts) > 1 and parts[0] in _NAMESPACES else parts[0]
    return lead in _LEADING_PARTS


def chrome_hint(node: Tag) -> bool:
    """Whether the element's class or id names page furniture."""
    return any(_chrome_token(token) for token in class_and_id(node).split())


def _sectioned(node: Tag) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.name in ("article", "main", "section"):
            return True
        parent = parent.parent
    return False


def looks_like_chrome(node: Tag) -> bool:
    """Whether the element itself is navigation, header, footer, sidebar or similar."""
    if node.name in ("nav", "aside"):
        return True
    # An article's own <header>/<footer> holds its headline and byline: not furniture.
    if node.name in ("header", "footer") and not _sectioned(node):
        return True
    return chrome_hint(node)


def chrome_ancestor(node: Tag, stop: Tag | None = None) -> Tag | None:
    """The furniture element the element sits in (itself included, ``stop`` excluded)."""
    current: Tag | None = node
    while current is not None and current is not stop and current.name not in ("body", "html"):
        if looks_like_chrome(current):
            return current
        current = current.parent
    return None


def in_chrome(node: Tag, stop: Tag | None = None) -> bool:
    """Whether the element sits inside page furniture (up to ``stop``, exclusive)."""
    return chrome_ancestor(node, stop) is not None


def contains(outer: Tag, inner: Tag) -> bool:
    """Whether ``inner`` is ``outer`` or inside it (walks up, cheap on big pages)."""
    return inner is outer or any(parent is outer for parent in inner.parents)


def base_url(soup: BeautifulSoup, url: str) -> str:
    """The URL relative links resolve against: ``<base href>`` if present, else the page."""
    base = soup.find("base", href=True)
    if isinstance(base, Tag):
        return urljoin(url, str(base["href"]).strip())
    return url


def attr(node: Tag, name: str) -> str:
    """An attribute as a stripped string ('' when missing or multi-valued oddly)."""
    value = node.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(value).strip()
    return str(value).strip()
