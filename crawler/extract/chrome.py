"""Page furniture: the regions around an article that are never part of it.

Navigation, headers and footers, sidebars, share and cookie widgets, "related" boxes: told by
the element's tag (``nav``, ``aside``; ``header`` and ``footer`` outside an article) and by
its class and id tokens. Tokens are split on - and _ and their parts compared, so
"news-share" and "met_nav" count but "research" and "navy" do not.
"""

from __future__ import annotations

import functools
import re

from .markup import PAGE_ROOTS, Element

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
# Words of a layout's state flags ("has-sidebar", "no-sidebar", "sidebar-enabled--false",
# "is-sticky-header"): they say what the page around the element looks like, and sit on the
# wrappers that hold the article itself.
_STATE_PARTS = frozenset(
    {"has", "no", "with", "without", "is", "enabled", "disabled", "true", "false"}
)
_TOKEN_SPLIT = re.compile(r"[-_]+")


def class_and_id(node: Element) -> str:
    """An element's class names and id as one string, for hint matching."""
    classes = (node.get("class") or "").split()
    ident = node.get("id") or ""
    return " ".join([*classes, ident]).strip()


@functools.lru_cache(maxsize=4096)
def _chrome_token(token: str) -> bool:
    # Cached: the same few hundred class names recur on every page of a site.
    parts = [part for part in _TOKEN_SPLIT.split(token.lower()) if part]
    if not parts or _STATE_PARTS.intersection(parts):
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
    while current is not None and current is not stop and current.tag not in PAGE_ROOTS:
        if looks_like_chrome(current):
            return current
        current = current.getparent()
    return None


def in_chrome(node: Element, stop: Element | None = None) -> bool:
    """Whether the element sits inside page furniture (up to ``stop``, exclusive)."""
    return chrome_ancestor(node, stop) is not None
