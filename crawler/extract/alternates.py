"""The versions of an article in other languages that its page links to.

Two kinds of link say so. ``hreflang``: ``<link rel="alternate" hreflang>`` in the head (or
an ``<a hreflang>``). ``switch``: a language switcher whose link is the page's own address
with only its language changed — a ``lang``-like parameter (``?lang=cn&id=708`` →
``?lang=en&id=708``), one path segment (``/ru/news/…`` → ``/en/news/…``), a language
prefix before a default-language path (``/news/…`` → ``/en/news/…``) or the first label of
the host (``ru.example.org`` → ``en.example.org``). A switcher that drops the article's id or
slug (to the other language's home page) says nothing about this article and is not kept.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, parse_qsl, urljoin, urlsplit

from archive.records import Alternate

from .markup import Element
from .nodes import attr, elements

# ISO 639-1, and the country codes and three-letter codes sites use for a language instead.
_ISO_639_1_CODES = """
aa ab af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho
hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku
kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn
no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm
sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi
vo wa wo xh yi yo za zh zu
"""
_ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
_ALIASES = {
    "cn": "zh",
    "zho": "zh",
    "chi": "zh",
    "chn": "zh",
    "eng": "en",
    "rus": "ru",
    "kz": "kk",
    "kaz": "kk",
    "kg": "ky",
    "kgz": "ky",
    "kir": "ky",
    "uzb": "uz",
    "tj": "tg",
    "tjk": "tg",
    "ua": "uk",
    "ukr": "uk",
    "jp": "ja",
    "cz": "cs",
    "gr": "el",
    "dk": "da",
    "mon": "mn",
}
_REGION = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$")
# Parameter names that carry a page's language.
_LANGUAGE_PARAMS = frozenset({"lang", "language", "lng", "lan", "l", "hl", "locale", "ln"})


def language_code(value: str) -> str | None:
    """The ISO 639-1 code a URL part or hreflang value names (``zh-CN``, ``cn``, ``ru_RU``,
    ``eng``), or None when it names no language."""
    match = _REGION.match(value.strip().lower())
    if match is None:
        return None
    code = match.group(1)
    code = _ALIASES.get(code, code)
    return code if code in _ISO_639_1 else None


def page_alternates(root: Element, url: str, base: str) -> tuple[Alternate, ...]:
    """The other-language versions the page links to, each address once, hreflang first."""
    found: dict[tuple[str, str, str], Alternate] = {}
    own = _identity(urlsplit(url))
    for element in elements(root, "link", "a"):
        href = attr(element, "href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urljoin(base, href).split("#", 1)[0]
        key = _identity(urlsplit(target))
        if key == own or key in found:
            continue
        hreflang = attr(element, "hreflang")
        is_link = element.tag == "link"
        if hreflang and (not is_link or "alternate" in attr(element, "rel").lower().split()):
            code = language_code(hreflang)
            if code is not None:
                found[key] = Alternate(target, code, "hreflang")
                continue
        if not is_link and _may_switch(own, key):
            code = switched_language(url, target)
            if code is not None:
                found[key] = Alternate(target, code, "switch")
    return tuple(found.values())


def _port(parts: SplitResult) -> str:
    """The address's port as text; a port that is not a number (``href="http://a.org:
    Fiction Books"`` is on real pages) stays what it says, so it matches no real one."""
    try:
        return str(parts.port or "")
    except ValueError:
        return f"not a port: {parts.netloc}"


def _identity(parts: SplitResult) -> tuple[str, str, str]:
    """Host and port, path, and sorted query: what two addresses of one page share."""
    host = (parts.hostname or "").removeprefix("www.")
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    return f"{host}:{_port(parts)}", parts.path.rstrip("/"), query


def _may_switch(own: tuple[str, str, str], other: tuple[str, str, str]) -> bool:
    # A switch changes one of host, path and query: the other two stay (a cheap first look,
    # as most links of a page change at least two).
    return sum(mine == theirs for mine, theirs in zip(own, other, strict=True)) >= 2


def switched_language(page: str, link: str) -> str | None:
    """The language ``link`` switches ``page`` to when it is the page's address with only
    its language changed (or a language prefix added); None otherwise."""
    one, other = urlsplit(page), urlsplit(link)
    same_host = (one.hostname or "").removeprefix("www.") == (other.hostname or "").removeprefix(
        "www."
    ) and _port(one) == _port(other)
    same_path = one.path.rstrip("/") == other.path.rstrip("/")
    same_query = sorted(parse_qsl(one.query)) == sorted(parse_qsl(other.query))
    if same_host and same_path:
        return _switched_param(one.query, other.query)
    if same_host and same_query:
        return _switched_segment(one.path, other.path)
    if same_path and same_query and _port(one) == _port(other):
        return _switched_label(one.hostname or "", other.hostname or "")
    return None


def _switched_param(page_query: str, link_query: str) -> str | None:
    mine, theirs = dict(parse_qsl(page_query)), dict(parse_qsl(link_query))
    if mine.keys() != theirs.keys() or len(mine) < 2:  # the id or slug must be kept too
        return None
    changed = [name for name in mine if mine[name] != theirs[name]]
    if len(changed) != 1 or changed[0].lower() not in _LANGUAGE_PARAMS:
        return None
    before, after = language_code(mine[changed[0]]), language_code(theirs[changed[0]])
    return after if before is not None and after is not None and before != after else None


def _switched_segment(page_path: str, link_path: str) -> str | None:
    mine = [s for s in page_path.split("/") if s]
    theirs = [s for s in link_path.split("/") if s]
    if len(theirs) == len(mine) + 1 and theirs[1:] == mine and len(mine) >= 2:
        return language_code(theirs[0])  # a prefix before the default language's path
    if len(mine) != len(theirs) or len(mine) < 2:
        return None
    changed = [i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b]
    if len(changed) != 1:
        return None
    before, after = language_code(mine[changed[0]]), language_code(theirs[changed[0]])
    return after if before is not None and after is not None and before != after else None


def _switched_label(page_host: str, link_host: str) -> str | None:
    mine, theirs = page_host.split("."), link_host.split(".")
    if len(mine) != len(theirs) or len(mine) < 3 or mine[1:] != theirs[1:]:
        return None
    before, after = language_code(mine[0]), language_code(theirs[0])
    return after if before is not None and after is not None and before != after else None
