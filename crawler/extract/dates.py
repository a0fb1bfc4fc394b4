"""Choose the published date: JSON-LD, meta, <time>, byline, URL, then htmldate."""

from __future__ import annotations

import email.utils
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from .bylines import BylineFacts
from .chrome import class_and_id, in_chrome
from .dateparse import FoundDate, find_dates, parse_date
from .markup import Element
from .metadata import PageMetadata, jsonld_first
from .nodes import attr, node_text, select_one

logger = logging.getLogger(__name__)

_META_NAMES = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "datepublished", "pubdate", "publishdate", "publish_date", "publish-date",
    "publication_date", "published_time", "published-date", "publishedtime",
    "firstpublishedtime", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "dc.date.created", "dcterms.created", "citation_publication_date", "parsely-pub-date",
    "sailthru.date", "releasedate", "date",
)  # fmt: skip
_UPDATED_CLASS = re.compile(r"updated|modified|edited", re.I)
_PUBLISHED_CLASS = re.compile(r"publish|posted|entry-date|pubdate|date-published", re.I)
# WordPress marks a never-edited post's one <time> "entry-date published updated".
_FIRST_PUBLISHED_CLASS = re.compile(r"publish|pubdate", re.I)
_URL_DATES = (
    re.compile(
        r"/(?P<year>(?:19|20)\d{2})[/_-](?P<month>\d{1,2})[/_-](?P<day>\d{1,2})(?=[/_.-]|$)"
    ),
    re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>[01]\d)(?P<day>[0-3]\d)(?=/)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d)"),
)
_DECLARED = lxml.etree.XPath("descendant-or-self::*[@itemprop or @property]")


@dataclass(frozen=True)
class Published:
    """The published date as ISO 8601, where it was read, and the string it was read from."""

    value: str
    source: str
    raw: str


def _from_jsonld(metadata: PageMetadata) -> FoundDate | None:
    return parse_date(jsonld_first(metadata, "datePublished")) or parse_date(
        jsonld_first(metadata, "dateCreated")
    )


def _from_meta(metadata: PageMetadata) -> FoundDate | None:
    for name in _META_NAMES:
        found = parse_date(metadata.first(name))
        if found is not None:
            return found
    return None


def _time_value(node: Element) -> FoundDate | None:
    for name in ("datetime", "content"):
        found = parse_date(attr(node, name))
        if found is not None:
            return found
    return parse_date(node_text(node))


def _is_updated(node: Element) -> bool:
    names = class_and_id(node)
    return bool(_UPDATED_CLASS.search(names)) and not _FIRST_PUBLISHED_CLASS.search(names)


def _declares_published(node: Element) -> bool:
    # schema.org's datePublished, in microdata (itemprop) or RDFa (property, maybe prefixed:
    # "schema:datePublished", as Drupal writes it).
    if attr(node, "itemprop").lower() == "datepublished":
        return True
    terms = attr(node, "property").lower().split()
    return any(term.rsplit(":", 1)[-1].rsplit("/", 1)[-1] == "datepublished" for term in terms)


def _from_time(root: Element) -> FoundDate | None:
    marked = [node for node in _DECLARED(root) if _declares_published(node)]
    marked += [node for node in root.iter("time") if node.get("pubdate") is not None]
    times = [node for node in root.iter("time") if not _is_updated(node) and not in_chrome(node)]
    # A <time> classed "published" beats the first one in the page, which may be a sidebar's.
    preferred = [node for node in times if _PUBLISHED_CLASS.search(class_and_id(node))]
    for node in [*marked, *preferred, *times]:
        if node.tag != "meta":
            found = _time_value(node)
            if found is not None:
                return found
    return None


def _from_url(url: str) -> FoundDate | None:
    path = urlsplit(url).path
    for pattern in _URL_DATES:
        for match in pattern.finditer(path):
            found = parse_date("{}-{}-{}".format(*match.group("year", "month", "day")))
            if found is not None:
                return FoundDate(found.year, found.month, found.day, raw=match.group(0))
    return None


def _from_selector(root: Element, selector: str) -> tuple[str, FoundDate] | None:
    node = select_one(root, selector)
    if node is None:
        logger.debug("published selector %r matched nothing", selector)
        return None
    found = _time_value(node)
    if found is None:
        return None
    kind = "meta" if node.tag == "meta" else "time" if node.tag == "time" else "byline"
    return kind, found


def listed_published(raw: str | None, timezone: str | None = None) -> str | None:
    """A feed's or sitemap's date (RFC 822 or ISO 8601) as ISO 8601, as precise as it is."""
    if not raw or not raw.strip():
        return None
    try:
        stamp = email.utils.parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError):
        found = parse_date(raw)
        return found.iso(timezone) if found is not None else None
    delta = stamp.utcoffset()
    found = FoundDate(
        stamp.year,
        stamp.month,
        stamp.day,
        stamp.hour,
        stamp.minute,
        stamp.second,
        offset_minutes=None if delta is None else int(delta.total_seconds() // 60),
        raw=raw,
    )
    return found.iso(timezone)


def fallback_published(
    facts: BylineFacts, article_html: Callable[[], str], timezone: str | None = None
) -> Published | None:
    """When the page gave no date: a byline line inside the text, an updated date, htmldate.

    ``article_html`` is called only if htmldate is needed, as serialising a page costs time.
    """
    if facts.published or facts.updated:
        date = (facts.published or facts.updated)[0]
        return Published(date.iso(timezone), "byline", date.raw)
    found = _from_htmldate(article_html())
    return Published(found.iso(timezone), "htmldate", found.raw) if found else None


def _from_htmldate(html: str) -> FoundDate | None:
    # Last resort only: htmldate turns "2024年3月5日" into 2024-01-01. It is given a parsed
    # tree, never a URL, so it cannot fetch anything; and only the head and the article
    # body, so a sidebar's list of dated links cannot lend it a date.
    if not html:
        return None
    from htmldate import find_date

    try:
        tree = lxml.html.document_fromstring(html)
        value = find_date(tree, extensive_search=True, original_date=True)
    except (ValueError, TypeError, lxml.etree.LxmlError):
        logger.debug("htmldate could not read the page", exc_info=True)
        return None
    found = parse_date(value)
    if found is None:
        return None
    # A bare 1 January is htmldate guessing from a year alone (a copyright line, say).
    seen = any(found.same_day(date) for date in find_dates(html))
    return found if seen or (found.month, found.day) != (1, 1) else None


def find_published(
    root: Element,
    metadata: PageMetadata,
    url: str,
    facts: BylineFacts,
    *,
    timezone: str | None = None,
    selector: str | None = None,
) -> Published | None:
    """The published date, from the most trustworthy source, made as precise as the page is."""
    candidates: list[tuple[str, FoundDate | None]] = [
        ("jsonld", _from_jsonld(metadata)),
        ("meta", _from_meta(metadata)),
        ("time", _from_time(root)),
        ("byline", facts.published[0] if facts.published else None),
        ("url", _from_url(url)),
    ]
    chosen_by_selector = _from_selector(root, selector) if selector else None
    if chosen_by_selector is not None:
        candidates.insert(0, chosen_by_selector)
    found = [(source, date) for source, date in candidates if date is not None]
    if not found:
        return None
    source, date = found[0]
    if not date.has_time:
        # "2021-10-16" in a meta tag, "2021-10-16 10:30" in the byline: the page knows the time.
        source, date = next(
            ((s, d) for s, d in found if d.has_time and d.same_day(date)), (source, date)
        )
    return Published(date.iso(timezone), source, date.raw)
