"""Every page of Ekbacka kommun, by its address: kind, title, dates and what it shows.

Addresses are SiteVision's: a page is ``<node>.html`` (``barn-och-utbildning/forskola.html``),
the start page is ``/`` and the news listing's later pages are ``nyheter.html?page=2``. The
catalog is the site's ground truth: the app serves exactly its pages, the sitemap lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .content import Event, KommunContent, NewsPost, load_content
from .dates import days_before, local

HOME, HUB, LISTING, SERVICE = "home", "hub", "listing", "service"
ABOUT, CONTACT, POLICY, EVENT, NEWS = "about", "contact", "policy", "event", "news"
KINDS = (HOME, HUB, LISTING, SERVICE, ABOUT, CONTACT, POLICY, EVENT, NEWS)
NEWS_LISTING = "nyheter.html"
EVENTS_LISTING = "uppleva-och-gora/evenemang.html"
PAST_EVENTS = "uppleva-och-gora/evenemang/tidigare-evenemang.html"
PAGE_SIZE = 10


def address(node: str) -> str:
    """A page's address relative to the site root: ``""`` for the start page."""
    return f"{node}.html" if node else ""


def parent_address(node: str) -> str:
    return address(node.rsplit("/", 1)[0]) if "/" in node else ""


@dataclass(frozen=True)
class Listing:
    """One page of a listing of dated entries (news or events)."""

    heading: str
    entries: tuple[Any, ...]
    number: int
    count: int

    def page_address(self, number: int) -> str:
        return NEWS_LISTING if number == 1 else f"{NEWS_LISTING}?page={number}"


@dataclass(frozen=True)
class Page:
    address: str
    kind: str
    title: str
    modified: datetime
    created: datetime
    item: Any = None
    parent: str | None = None  # the address its breadcrumb goes up to


class Catalog:
    """The whole site for one day."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.content: KommunContent = load_content(today)
        self.pages: dict[str, Page] = {}
        self._build()

    @property
    def now(self) -> datetime:
        return local(self.today, "00:00")

    def page(self, address: str) -> Page | None:
        return self.pages.get(address)

    def of_kind(self, kind: str) -> list[Page]:
        return [page for page in self.pages.values() if page.kind == kind]

    def children(self, address_: str) -> list[Page]:
        return [page for page in self.pages.values() if page.parent == address_]

    def crumbs(self, page: Page) -> list[Page]:
        chain: list[Page] = []
        parent = page.parent
        while parent is not None:
            chain.insert(0, self.pages[parent])
            parent = self.pages[parent].parent
        return chain

    def upcoming_events(self) -> list[Event]:
        return [event for event in self.content.events if event.start >= self.now]

    def past_events(self) -> list[Event]:
        return [event for event in reversed(self.content.events) if event.start < self.now]

    def news_in(self, area: str) -> list[NewsPost]:
        return [post for post in self.content.news if post.area == area]

    def _add(self, page: Page) -> None:
        if page.address in self.pages:
            raise ValueError(f"two pages at {page.address!r}")
        self.pages[page.address] = page

    def _build(self) -> None:
        start = days_before(self.today, 21, "08:40")
        self._add(Page("", HOME, "Startsida", start, start - timedelta(days=2400)))
        standing = sorted(self.content.pages, key=lambda page: page.node.count("/"))
        for page in (p for p in standing if p.kind == HUB):
            self._standing(page)
        self._sections()
        self._news()
        self._events()
        for page in (p for p in standing if p.kind != HUB):
            self._standing(page)

    def _standing(self, page: Any) -> None:
        self._add(Page(address(page.node), page.kind, page.title, page.modified, page.created,
                       page, parent_address(page.node)))  # fmt: skip

    def _sections(self) -> None:
        for number, section in enumerate(self.content.sections):
            modified = days_before(self.today, 15 + number * 17, "10:10")
            self._add(Page(address(section.node), HUB, section.title, modified,
                           modified - timedelta(days=1800), section,
                           parent_address(section.node)))  # fmt: skip
        for service in self.content.services:
            self._add(Page(address(service.node), SERVICE, service.title, service.modified,
                           service.created, service, address(service.section)))  # fmt: skip

    def _news(self) -> None:
        news = self.content.news
        count = -(-len(news) // PAGE_SIZE)
        for number in range(1, count + 1):
            shown = news[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
            listing = Listing("Nyheter", tuple(shown), number, count)
            title = "Nyheter" if number == 1 else f"Nyheter – sida {number}"
            newest = max(post.modified for post in shown)
            self._add(Page(listing.page_address(number), LISTING, title, newest,
                           newest - timedelta(days=2000), listing, ""))  # fmt: skip
        for post in news:
            self._add(Page(address(post.node), NEWS, post.headline, post.modified, post.published,
                           post, NEWS_LISTING))  # fmt: skip

    def _events(self) -> None:
        parent = address("uppleva-och-gora")
        for where, heading, events in (
            (EVENTS_LISTING, "Evenemang", self.upcoming_events()),
            (PAST_EVENTS, "Tidigare evenemang", self.past_events()),
        ):
            newest = max(event.modified for event in events)
            listing = Listing(heading, tuple(events), 1, 1)
            self._add(Page(where, LISTING, heading, newest, newest - timedelta(days=1500),
                           listing, parent))  # fmt: skip
            parent = EVENTS_LISTING
        for event in self.content.events:
            self._add(Page(address(event.node), EVENT, event.title, event.modified, event.created,
                           event, EVENTS_LISTING))  # fmt: skip
