"""The City of Riverbend's content from TOML: services, departments, pages, news and events.

Every date is placed relative to the day the site is served; what the files do not say (when a
service page was last edited) is derived from the entry's place in its file, so the site is the
same on every request and true in any year.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib.resources import files
from typing import Any

from .dates import days_before, last_occurrence, latest_past, local, next_occurrence, not_after

_MISSING_SCHEMA = 3  # every fifth post predates the SEO plugin: no JSON-LD, no published_time


def slugify(text: str) -> str:
    """A WordPress slug: punctuation dropped, spaces to hyphens ("1,000 homes" -> "1000-homes")."""
    kept = re.sub(r"[^a-z0-9\s-]", "", text.lower())
    return re.sub(r"[\s-]+", "-", kept).strip("-")


@dataclass(frozen=True)
class Department:
    slug: str
    name: str
    summary: str
    phone: str
    email: str
    address: str
    hours: str
    modified: datetime

    @property
    def path(self) -> str:
        return f"departments/{self.slug}/"


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    department: str
    intro: str

    @property
    def path(self) -> str:
        return f"services/{self.slug}/"


@dataclass(frozen=True)
class Service:
    """A service page: how to get something done, dated by its last edit."""

    index: int
    title: str
    category: str
    department: str
    summary: str
    bring: tuple[str, ...]
    how: tuple[str, ...]
    fee: str
    time: str
    details: tuple[str, ...]  # a long guide's running text; empty for a short service page
    modified: datetime
    created: datetime

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def path(self) -> str:
        return f"services/{self.category}/{self.slug}/"

    @property
    def is_guide(self) -> bool:
        return bool(self.details)

    @property
    def og_type(self) -> str:
        # The theme gives pages og:type=article, except those built on its landing template.
        return "website" if self.index % 4 == 2 and not self.is_guide else "article"


@dataclass(frozen=True)
class StandingPage:
    """About, contact and policy pages: prose, dated by their last edit."""

    index: int
    path: str
    kind: str
    title: str
    paragraphs: tuple[str, ...]
    modified: datetime
    created: datetime


@dataclass(frozen=True)
class NewsPost:
    """A news post: published once, perhaps edited later."""

    index: int
    headline: str
    category: str
    department: str
    paragraphs: tuple[str, ...]
    published: datetime
    modified: datetime
    correction: str | None

    @property
    def slug(self) -> str:
        return slugify(self.headline)

    @property
    def path(self) -> str:
        return f"news/{self.published:%Y/%m/%d}/{self.slug}/"

    @property
    def post_id(self) -> int:
        return 5000 + 7 * (60 - self.index)

    @property
    def schema(self) -> str | None:
        """The JSON-LD type the SEO plugin declares, or None for posts that predate it."""
        if self.index % 5 == _MISSING_SCHEMA:
            return None
        return "BlogPosting" if self.index % 4 == 1 else "NewsArticle"


@dataclass(frozen=True)
class Event:
    """An event of the calendar: a start in the future or the past, announced before it."""

    index: int
    title: str
    start: datetime
    end: datetime
    venue: str
    address: str
    cost: str
    paragraphs: tuple[str, ...]
    shows_posted: bool
    created: datetime
    modified: datetime

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def path(self) -> str:
        return f"events/{self.slug}/"


@dataclass(frozen=True)
class CityContent:
    categories: tuple[Category, ...]
    departments: tuple[Department, ...]
    services: tuple[Service, ...]
    pages: tuple[StandingPage, ...]
    news: tuple[NewsPost, ...]  # newest first
    events: tuple[Event, ...]  # by start

    def department(self, slug: str) -> Department:
        return next(d for d in self.departments if d.slug == slug)

    def category(self, slug: str) -> Category:
        return next(c for c in self.categories if c.slug == slug)


def _read(name: str) -> dict[str, Any]:
    source = files("crawler.sample_site") / "content" / name
    return tomllib.loads(source.read_text(encoding="utf-8"))


def _hhmm(index: int) -> str:
    return f"{8 + index % 9:02d}:{(index * 7) % 60:02d}"


def _service(index: int, entry: dict[str, Any], department: str, today: date) -> Service:
    # A few pages were touched this week (a phone number, a fee), most months or years ago.
    days = 1 + index % 6 if index % 9 == 4 else 2 + (index * 37) % 640
    modified = days_before(today, days, _hhmm(index))
    created = modified - timedelta(days=200 + (index * 53) % 1500)
    return Service(
        index=index,
        title=entry["title"],
        category=entry["category"],
        department=entry.get("department", department),
        summary=entry["summary"],
        bring=tuple(entry["bring"]),
        how=tuple(entry["how"]),
        fee=entry["fee"],
        time=entry["time"],
        details=tuple(entry.get("details", ())),
        modified=modified,
        created=created,
    )


def _news(index: int, entry: dict[str, Any], today: date) -> NewsPost:
    day = last_occurrence(today, entry["date"], int(entry["years"]))
    published = local(day, entry["time"])
    # A post edited "after today" (a young post with a planned correction) stops at yesterday.
    modified = published + timedelta(days=int(entry.get("edited", 0)), minutes=4 + index % 40)
    return NewsPost(
        index=index,
        headline=entry["headline"],
        category=entry["category"],
        department=entry["department"],
        paragraphs=tuple(entry["paragraphs"]),
        published=published,
        modified=max(published, not_after(modified, latest_past(today))),
        correction=entry.get("correction"),
    )


def _event(index: int, entry: dict[str, Any], today: date) -> Event:
    if entry["when"] == "next":
        day = next_occurrence(today, entry["date"])
    else:
        day = last_occurrence(today, entry["date"])
    start = local(day, entry["time"])
    created = not_after(start - timedelta(days=18 + (index * 5) % 30), latest_past(today))
    # Past events are often edited after the day: "this event has passed", photos, a recap.
    edited = start + timedelta(days=2) if index % 3 == 0 else created + timedelta(days=1)
    return Event(
        index=index,
        title=entry["title"],
        start=start,
        end=start + timedelta(hours=int(entry["hours"])),
        venue=entry["venue"],
        address=entry["address"],
        cost=entry["cost"],
        paragraphs=tuple(entry["paragraphs"]),
        shows_posted=bool(entry["posted"]),
        created=created,
        modified=not_after(max(edited, created), latest_past(today)),
    )


def _standing(index: int, entry: dict[str, Any], today: date) -> StandingPage:
    modified = days_before(today, int(entry["days_ago"]), _hhmm(index + 3))
    return StandingPage(
        index=index,
        path=entry["path"],
        kind=entry["kind"],
        title=entry["title"],
        paragraphs=tuple(entry["paragraphs"]),
        modified=modified,
        created=modified - timedelta(days=int(entry["created"])),
    )


def load_content(today: date) -> CityContent:
    """Everything the city publishes, dated for ``today``."""
    pages = _read("municipal-pages.toml")
    categories = tuple(
        Category(c["slug"], c["name"], c["department"], c["intro"]) for c in pages["category"]
    )
    owner = {category.slug: category.department for category in categories}
    departments = tuple(
        Department(
            **{k: v for k, v in d.items() if k != "days_ago"},
            modified=days_before(today, int(d["days_ago"]), _hhmm(i)),
        )
        for i, d in enumerate(pages["department"])
    )
    services = tuple(
        _service(i, entry, owner[entry["category"]], today)
        for i, entry in enumerate(_read("municipal-services.toml")["service"])
    )
    news = [_news(i, entry, today) for i, entry in enumerate(_read("municipal-news.toml")["post"])]
    events = [_event(i, e, today) for i, e in enumerate(_read("municipal-events.toml")["event"])]
    return CityContent(
        categories=categories,
        departments=departments,
        services=services,
        pages=tuple(_standing(i, entry, today) for i, entry in enumerate(pages["page"])),
        news=tuple(sorted(news, key=lambda post: post.published, reverse=True)),
        events=tuple(sorted(events, key=lambda event: event.start)),
    )
