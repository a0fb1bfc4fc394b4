"""Every page of the City of Riverbend, by path: its kind, title, dates and what it shows.

The catalog is the site's ground truth: the app serves exactly its pages, the sitemap lists
them all, and the kinds say which of them are news.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from .content import CityContent, Event, NewsPost, load_content
from .dates import days_before, local
from .meetings import Meeting, load_meetings

HOME, HUB, LISTING = "home", "hub", "listing"
SERVICE, DEPARTMENT, ABOUT, CONTACT, POLICY = "service", "department", "about", "contact", "policy"
EVENT, MEETING, NEWS = "event", "meeting", "news"
KINDS = (HOME, HUB, LISTING, SERVICE, DEPARTMENT, ABOUT, CONTACT, POLICY, EVENT, MEETING, NEWS)
PAGE_SIZE = 10
NEWS_CATEGORIES = {
    "city-hall": "City Hall",
    "public-works": "Public Works",
    "public-safety": "Public Safety",
    "parks-and-recreation": "Parks & Recreation",
    "community": "Community",
}


@dataclass(frozen=True)
class Listing:
    """One page of a paginated listing of dated entries (news posts, events or meetings)."""

    base: str  # the path of its first page
    heading: str
    entries: tuple[Any, ...]
    number: int
    count: int

    def page_path(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site root: "" for the home page, else ending in "/"
    kind: str
    title: str
    modified: datetime
    created: datetime
    item: Any = None  # what the page shows: a Service, a NewsPost, a Listing…
    parent: str | None = None  # the path its breadcrumb goes up to


def _latest(entries: Iterable[Any]) -> datetime:
    moments: list[datetime] = [entry.modified for entry in entries]
    return max(moments)


class Catalog:
    """The whole site for one day: content, meetings and every page built from them."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.content: CityContent = load_content(today)
        self.meetings: tuple[Meeting, ...] = load_meetings(today)
        self.pages: dict[str, Page] = {}
        self._build()

    def page(self, path: str) -> Page | None:
        return self.pages.get(path)

    def of_kind(self, kind: str) -> list[Page]:
        return [page for page in self.pages.values() if page.kind == kind]

    def crumbs(self, page: Page) -> list[Page]:
        """The pages above ``page``, from the home page down."""
        chain: list[Page] = []
        parent = page.parent
        while parent is not None:
            chain.insert(0, self.pages[parent])
            parent = self.pages[parent].parent
        return chain

    @property
    def now(self) -> datetime:
        return local(self.today, "00:00")

    def upcoming_events(self) -> list[Event]:
        return [event for event in self.content.events if event.start >= self.now]

    def past_events(self) -> list[Event]:
        return [event for event in reversed(self.content.events) if event.start < self.now]

    def upcoming_meetings(self) -> list[Meeting]:
        # From the day after tomorrow on: the site's today is Central time, and a meeting of
        # today's or tomorrow's date is already past, by its day, in UTC for part of the day.
        # The home page's upcoming meetings must never read as a dated list of the past
        # (they are a calendar, not news), whenever a test runs.
        first = self.today + timedelta(days=2)
        return [meeting for meeting in self.meetings if meeting.start.date() >= first]

    def news_of(
        self, *, category: str | None = None, department: str | None = None
    ) -> list[NewsPost]:
        return [
            post
            for post in self.content.news
            if category in (None, post.category) and department in (None, post.department)
        ]

    def _add(self, page: Page) -> None:
        if page.path in self.pages:
            raise ValueError(f"two pages at {page.path!r}")
        self.pages[page.path] = page

    def _hub(self, path: str, title: str, days: int, parent: str | None = "") -> None:
        modified = days_before(self.today, days, "10:05")
        self._add(Page(path, HUB, title, modified, modified - timedelta(days=900), None, parent))

    def _build(self) -> None:
        first = days_before(self.today, 40, "09:12")
        self._add(Page("", HOME, "Home", first, first - timedelta(days=2000), None, None))
        self._services()
        self._departments()
        self._standing()
        self._government()
        self._news()
        self._events()
        self._hub("sitemap/", "Site Map", 300)

    def _services(self) -> None:
        self._hub("services/", "Services", 75)
        for number, category in enumerate(self.content.categories):
            self._hub(category.path, category.name, 20 + number * 13, "services/")
        for service in self.content.services:
            parent = f"services/{service.category}/"
            self._add(
                Page(service.path, SERVICE, service.title, service.modified, service.created,
                     service, parent)
            )  # fmt: skip

    def _departments(self) -> None:
        self._hub("departments/", "Departments", 140)
        for department in self.content.departments:
            created = department.modified - timedelta(days=1400)
            page = Page(department.path, DEPARTMENT, department.name, department.modified,
                        created, department, "departments/")  # fmt: skip
            self._add(page)

    def _standing(self) -> None:
        for standing in sorted(self.content.pages, key=lambda page: page.path.count("/")):
            parent = standing.path.rsplit("/", 2)[0] + "/" if standing.path.count("/") > 1 else ""
            self._add(
                Page(standing.path, standing.kind, standing.title, standing.modified,
                     standing.created, standing, parent if parent in self.pages else "")
            )  # fmt: skip

    def _government(self) -> None:
        self._hub("government/", "Government", 200)
        listing = Listing("government/meetings/", "Meetings", self.meetings, 1, 1)
        self._listing(listing, "Public Meetings", "government/")
        for meeting in self.meetings:
            self._add(
                Page(meeting.path, MEETING, meeting.title, meeting.modified, meeting.created,
                     meeting, "government/meetings/")
            )  # fmt: skip

    def _listing(self, listing: Listing, title: str, parent: str) -> None:
        path = listing.page_path(listing.number)
        if listing.number > 1:
            title = f"{title} – Page {listing.number}"
        modified = _latest(listing.entries)
        created = modified - timedelta(days=1500)
        self._add(Page(path, LISTING, title, modified, created, listing, parent))

    def _paginate(self, base: str, heading: str, posts: Sequence[NewsPost], parent: str) -> None:
        count = -(-len(posts) // PAGE_SIZE)
        for number in range(1, count + 1):
            shown = tuple(posts[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
            self._listing(Listing(base, heading, shown, number, count), heading, parent)

    def _news(self) -> None:
        self._paginate("news/", "News", self.content.news, "")
        for slug, name in NEWS_CATEGORIES.items():
            posts = self.news_of(category=slug)
            self._paginate(f"news/category/{slug}/", f"{name} News", posts, "news/")
        for post in self.content.news:
            page = Page(post.path, NEWS, post.headline, post.modified, post.published, post,
                        "news/")  # fmt: skip
            self._add(page)

    def _events(self) -> None:
        upcoming = Listing("events/", "Upcoming Events", tuple(self.upcoming_events()), 1, 1)
        self._listing(upcoming, "Events", "")
        past = Listing("events/past/", "Past Events", tuple(self.past_events()), 1, 1)
        self._listing(past, "Past Events", "events/")
        for event in self.content.events:
            page = Page(event.path, EVENT, event.title, event.modified, event.created, event,
                        "events/")  # fmt: skip
            self._add(page)
