"""Where a site keeps its news: the sections whose pages are dated lists of entries, learned
during a crawl from the site's own listings and feeds.

A listing page's main region is read as entries: each date on it (a ``<time>``, a date in
the text) belongs to the largest block around it that holds no other date, and that block's
first link is the entry. A feed's items are entries as they are. The URL shapes
(``urlpatterns.url_shape``) of entries dated in the past are the site's news shapes; events
and meetings, listed ahead of their day, are not. A page is *in a news section* when a feed
or a news sitemap (``<news:news>`` entries) lists it, when a listing lists it under a past
date in a news shape, or when its URL has a news shape that names the section (a literal
path segment, not a bare slug).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urljoin

from lxml import html as lxml_html

from archive.urls import canonical_url
from crawler.discovery.links import PAGINATION_URL, is_asset
from crawler.discovery.urlpatterns import SLUG, shape_pattern, url_shape
from crawler.extract.dateparse import parse_date

MIN_ENTRIES = 3  # dated entries that make a page a listing worth learning from
PAST_SHARE = 0.8  # of a shape's dated entries, the share that must be past for it to be news
MIN_SHAPE = 2  # entries of one shape before the shape counts


@dataclass(frozen=True)
class DatedEntry:
    url: str
    day: date | None


def dated_entries(region: lxml_html.HtmlElement, base_url: str, date_pattern: object) -> list[
        DatedEntry]:  # fmt: skip
    """The entries of a listing's main region: each date's block and its first link."""
    marks = _date_marks(region, date_pattern)
    within = _dates_within(marks)
    entries: list[DatedEntry] = []
    seen: set[str] = set()
    for element, day in marks.items():
        block = element
        parent = block.getparent()
        while parent is not None and within.get(parent, 0) == 1:
            block, parent = parent, parent.getparent()
        anchor = next((a for a in block.iter("a") if (a.get("href") or "").strip()), None)
        if anchor is None:
            continue
        url = canonical_url(urljoin(base_url, anchor.get("href", "").strip()).split("#")[0])
        if url in seen or PAGINATION_URL.search(url) or is_asset(url):
            continue
        seen.add(url)
        entries.append(DatedEntry(url, day))
    return entries


def _date_marks(region: lxml_html.HtmlElement, date_pattern: object) -> dict[object, date | None]:
    """Elements that carry a date of their own, with the day it names."""
    marks: dict[object, date | None] = {}
    for element in region.iter():
        if not isinstance(element.tag, str) or element.tag == "a":
            continue
        if element.tag == "time":
            marks[element] = day_of(element.get("datetime") or element.text_content())
            continue
        if next(element.iterancestors("time", "a"), None) is not None:
            continue
        own = (element.text or "") + "".join(child.tail or "" for child in element)
        found = date_pattern.search(own)  # type: ignore[attr-defined]
        if found:
            marks[element] = day_of(found.group(0))
    return marks


def _dates_within(marks: dict[object, date | None]) -> dict[object, int]:
    """How many dated elements each element holds (itself included), in one walk up from
    each date: a listing of hundreds of entries costs no more than its dates' depth."""
    counts: dict[object, int] = {}
    for element in marks:
        node = element
        while node is not None:
            counts[node] = counts.get(node, 0) + 1
            node = node.getparent()  # type: ignore[attr-defined]
    return counts


def day_of(text: str | None) -> date | None:
    """The day a date string names, or None."""
    found = parse_date(text)
    if found is None:
        return None
    try:
        return date(found.year, found.month, found.day)
    except ValueError:
        return None


@dataclass(frozen=True)
class Location:
    """Why a page is in a news section, and the date its listing gives it, if any."""

    reason: str
    listed: date | None = None


@dataclass(frozen=True)
class Section:
    """A news section as found: the pattern of its entries' URLs, how many entries, how many
    of them dated in the past, and the listings and feeds that list them."""

    pattern: str
    entries: int
    past: int
    sources: tuple[str, ...]
    examples: tuple[str, ...] = ()


@dataclass
class _Shape:
    entries: set[str] = field(default_factory=set)
    past: int = 0
    future: int = 0
    sources: set[str] = field(default_factory=set)


class NewsSections:
    """One site's news sections as its listings and feeds show them, for one crawl."""

    def __init__(self, today: date):
        self.latest = today + timedelta(days=1)  # a day's slack for time zones
        self._shapes: dict[tuple[str, ...], _Shape] = defaultdict(_Shape)
        self._listed: dict[str, tuple[str, str, date | None]] = {}  # url -> how, source, day

    def learn(self, source: str, how: str, entries: Iterable[DatedEntry]) -> None:
        """Note a source's entries; ``how`` is ``feed``, ``news sitemap`` or ``listing``."""
        for entry in entries:
            shape = self._shapes[url_shape(entry.url)]
            if entry.url not in shape.entries and entry.day is not None:
                if entry.day <= self.latest:
                    shape.past += 1
                else:
                    shape.future += 1
            shape.entries.add(entry.url)
            shape.sources.add(source)
            if how != "listing" or (entry.day is not None and entry.day <= self.latest):
                self._listed.setdefault(entry.url, (how, source, entry.day))

    @property
    def known(self) -> bool:
        return any(self._is_news(shape) for shape in self._shapes.values())

    def locate(self, url: str) -> Location | None:
        """Why ``url`` is in a news section, or None when it is not (yet) known to be."""
        url = canonical_url(url)
        key = url_shape(url)
        shape = self._shapes.get(key)
        if shape is None or not self._is_news(shape):
            return None
        listed = self._listed.get(url)
        if listed is not None:
            how, source, day = listed
            if how == "listing":
                return Location(f"listed with a date by {source}", day)
            return Location(f"in the {how} {source}", day)
        if _names_a_section(key):
            return Location(f"shaped like the news listed by {min(shape.sources)}")
        return None

    def found(self) -> list[Section]:
        """The news sections found: the largest first."""
        found = [
            Section(shape_pattern(sorted(shape.entries)), len(shape.entries), shape.past,
                    tuple(sorted(shape.sources)), tuple(sorted(shape.entries)[:5]))
            for shape in self._shapes.values()
            if self._is_news(shape)
        ]  # fmt: skip
        return sorted(found, key=lambda section: (-section.entries, section.pattern))

    def _is_news(self, shape: _Shape) -> bool:
        dated = shape.past + shape.future
        return len(shape.entries) >= MIN_SHAPE and (
            (dated == 0 and bool(shape.entries)) or (dated > 0 and shape.past >= PAST_SHARE * dated)
        )


def _names_a_section(key: tuple[str, ...]) -> bool:
    """Whether a URL shape has a path segment of its own above the page (``news``, ``art``, a
    date), so that sharing it says something: a bare ``/slug/`` is every page of some sites."""
    cut = key.index("?")
    segments = [part for part in key[:cut] if part]
    if len(key) == cut + 1:
        segments = segments[:-1]  # no query: the last segment is the page itself
    return any(part != SLUG for part in segments)
