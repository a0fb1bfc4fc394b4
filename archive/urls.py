"""Canonical URLs and URL keys: how the archive tells that two URLs name one article."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit, urlunsplit

# Query parameters that never change what a page says: campaign tags, click ids, and the
# session ids PHP and Java CMSs append when cookies are off. Kept short on purpose: dropping a
# parameter that does matter (`sid`, `from` are section ids and offsets on some CMSs) would
# merge distinct pages, which is worse than storing one alias too many.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "spm",
        "isappinstalled",
        "share_from",
        "ref_src",
        "_ga",
        "_gl",
        "phpsessid",
        "jsessionid",
        "aspsessionid",
        "cfid",
        "cftoken",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmsr", "hmpl", "hmcu", "hmkw", "hmci")
# Parameters that switch a page to its print view, which shows the same article.
PRINT_PARAMS = frozenset({"print", "printable", "printview", "printpage"})

_PATH_SESSION = re.compile(r";(jsessionid|phpsessid)=[^/?#]*", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_INDEX_FILE = re.compile(r"/(index|default)\.(html?|php|aspx?|shtml)$", re.IGNORECASE)
_PRINT_PATH = re.compile(r"/print(?:view)?(?=/|\.html?$|$)", re.IGNORECASE)


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


# canonical_url and site_key are pure and asked about the same links over and over (a site's
# menus are on every page): the latest URLs' answers are kept.
_URL_CACHE = 1 << 15


@lru_cache(maxsize=_URL_CACHE)
def canonical_url(url: str) -> str:
    """The spelling an article is stored under; still a URL a browser can open.

    Lower-cased scheme and host, no default port, no fragment, no tracking or session
    parameters (the others keep the site's order), percent-encoding normalised.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    path = _normalise_escapes(_PATH_SESSION.sub("", parts.path))
    # Pairs stay as the site spelled them: decoding would garble GBK-encoded values.
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not is_tracking_param(_name(pair))
    )
    return urlunsplit((scheme, _netloc(parts.hostname, parts.port, scheme), path or "/", query, ""))


def without_print_switch(url: str) -> str:
    """The article view of a print view whose switch is a query parameter (``?print=Y``,
    ``&printable=1``); any other URL as it is. Path-shaped print views (``/print/``) are
    left alone: the URL without the segment is not always a page."""
    parts = urlsplit(url)
    pairs = [pair for pair in parts.query.split("&") if pair]
    kept = [pair for pair in pairs if _name(pair).lower() not in PRINT_PARAMS]
    if len(kept) == len(pairs):
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


def is_print_view(url: str) -> bool:
    """Whether the URL asks for a print view, by parameter or by path segment."""
    parts = urlsplit(url)
    names = (_name(pair).lower() for pair in parts.query.split("&") if pair)
    return any(name in PRINT_PARAMS for name in names) or bool(_PRINT_PATH.search(parts.path))


def url_key(url: str) -> str:
    """The identity of a page across URL variants, for lookups; not a URL to open.

    On top of :func:`canonical_url`: no scheme (http and https serve the same page), no
    ``www.``, no print-view switch, no trailing slash, no ``index.html``, sorted parameters.
    """
    parts = urlsplit(canonical_url(url))
    host = parts.netloc.removeprefix("www.")
    path = _PRINT_PATH.sub("", _INDEX_FILE.sub("/", parts.path))
    path = re.sub(r"/{2,}", "/", path).rstrip("/")
    pairs = (pair for pair in parts.query.split("&") if pair)
    query = "&".join(sorted(p for p in pairs if _name(p).lower() not in PRINT_PARAMS))
    return f"{host}{path}" + (f"?{query}" if query else "")


@lru_cache(maxsize=_URL_CACHE)
def site_key(url: str) -> str:
    """Host and port of ``url`` without ``www.``: the scope of a zero-config crawl."""
    parts = urlsplit(url)
    return _netloc(parts.hostname, parts.port, parts.scheme.lower()).removeprefix("www.")


def _name(pair: str) -> str:
    return unquote(pair.partition("=")[0])


def _normalise_escapes(path: str) -> str:
    """Percent-encode what must be, upper-case existing escapes, never decode bytes."""
    quoted = quote(path, safe="/:@!$&'()*+,;=-._~%")
    return re.sub(r"%[0-9a-fA-F]{2}", lambda m: m.group(0).upper(), quoted)


def _netloc(hostname: str | None, port: int | None, scheme: str) -> str:
    host = (hostname or "").lower().rstrip(".")
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        return f"{host}:{port}"
    return host
