"""Ekbacka kommun's content from TOML: sections and services, standing pages, news and events.

Every date is placed relative to the day the site is served; what the files do not say (when a
service page was last reviewed) is derived from the entry's place in its file, so the site is
the same on every request and true in any year.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib.resources import files
from typing import Any

from .dates import (
    days_before,
    last_occurrence,
    latest_past,
    local,
    next_occurrence,
)

_LETTERS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def slugify(text: str) -> str:
    """A SiteVision page name: "Ansök om plats i förskola" -> "ansok-om-plats-i-forskola"."""
    kept = re.sub(r"[^a-z0-9\s-]", "", text.lower().translate(_LETTERS))
    return re.sub(r"[\s-]+", "-", kept).strip("-")


@dataclass(frozen=True)
class Section:
    """A section front that lists services: "Förskola", "Bygglov och anmälan"."""

    node: str  # "barn-och-utbildning/forskola"
    title: str
    intro: str


@dataclass(frozen=True)
class Service:
    index: int
    section: str
    title: str
    summary: str
    paragraphs: tuple[str, ...]
    eservice: bool
    modified: datetime
    created: datetime

    @property
    def node(self) -> str:
        return f"{self.section}/{slugify(self.title)}"

    @property
    def article_template(self) -> bool:
        """Built on the CMS's article template: og:type=article and a "Publicerad" line."""
        return self.index % 2 == 0


@dataclass(frozen=True)
class StandingPage:
    index: int
    node: str
    kind: str
    title: str
    paragraphs: tuple[str, ...]
    modified: datetime
    created: datetime


@dataclass(frozen=True)
class NewsPost:
    index: int
    headline: str
    area: str  # the top section the post belongs to, for its "Aktuellt" box
    paragraphs: tuple[str, ...]
    dated_url: bool
    published: datetime
    modified: datetime

    @property
    def node(self) -> str:
        name = slugify(self.headline)
        return f"nyheter/{self.published:%Y-%m-%d}-{name}" if self.dated_url else f"nyheter/{name}"

    @property
    def has_schema(self) -> bool:
        """Posts made with the newer news template declare a JSON-LD NewsArticle."""
        return self.index % 2 == 0


@dataclass(frozen=True)
class Event:
    index: int
    title: str
    start: datetime
    end: datetime
    place: str
    paragraphs: tuple[str, ...]
    dated_url: bool
    created: datetime
    modified: datetime

    @property
    def node(self) -> str:
        name = slugify(self.title)
        prefix = f"{self.start:%Y-%m-%d}-" if self.dated_url else ""
        return f"uppleva-och-gora/evenemang/{prefix}{name}"


@dataclass(frozen=True)
class KommunContent:
    sections: tuple[Section, ...]
    services: tuple[Service, ...]
    pages: tuple[StandingPage, ...]
    news: tuple[NewsPost, ...]  # newest first
    events: tuple[Event, ...]  # by start


def _read(name: str) -> dict[str, Any]:
    source = files("crawler.sample_site") / "content" / name
    return tomllib.loads(source.read_text(encoding="utf-8"))


def _hhmm(index: int) -> str:
    return f"{8 + index % 8:02d}:{(index * 11) % 60:02d}"


def _service(index: int, entry: dict[str, Any], today: date) -> Service:
    days = 1 + index % 5 if index % 7 == 3 else 2 + (index * 41) % 700
    modified = days_before(today, days, _hhmm(index))
    return Service(
        index=index,
        section=entry["section"],
        title=entry["title"],
        summary=entry["summary"],
        paragraphs=tuple(entry["paragraphs"]),
        eservice=bool(entry.get("eservice", False)),
        modified=modified,
        created=modified - timedelta(days=300 + (index * 61) % 1600),
    )


def _news(index: int, entry: dict[str, Any], today: date) -> NewsPost:
    published = local(last_occurrence(today, entry["date"], int(entry["years"])), entry["time"])
    modified = published + timedelta(days=int(entry.get("edited", 0)), minutes=3 + index % 30)
    return NewsPost(
        index=index,
        headline=entry["headline"],
        area=entry["area"],
        paragraphs=tuple(entry["paragraphs"]),
        dated_url=bool(entry["dated"]),
        published=published,
        modified=max(published, min(modified, latest_past(today))),
    )


def _event(index: int, entry: dict[str, Any], today: date) -> Event:
    upcoming = entry["when"] == "next"
    day = (
        next_occurrence(today, entry["date"]) if upcoming else last_occurrence(today, entry["date"])
    )
    start = local(day, entry["time"])
    created = min(start - timedelta(days=14 + (index * 3) % 20), latest_past(today))
    # Some past events are edited afterwards ("evenemanget är avslutat").
    edited = start + timedelta(days=1) if index % 3 == 1 else created + timedelta(hours=2)
    return Event(
        index=index,
        title=entry["title"],
        start=start,
        end=start + timedelta(hours=int(entry["hours"])),
        place=entry["place"],
        paragraphs=tuple(entry["paragraphs"]),
        dated_url=bool(entry["dated"]),
        created=created,
        modified=max(created, min(edited, latest_past(today))),
    )


def _standing(index: int, entry: dict[str, Any], today: date) -> StandingPage:
    modified = days_before(today, int(entry["days_ago"]), _hhmm(index + 5))
    return StandingPage(
        index=index,
        node=entry["path"],
        kind=entry["kind"],
        title=entry["title"],
        paragraphs=tuple(entry["paragraphs"]),
        modified=modified,
        created=modified - timedelta(days=int(entry["created"])),
    )


def load_content(today: date) -> KommunContent:
    """Everything the municipality publishes, dated for ``today``."""
    services = _read("kommun-tjanster.toml")
    news = [_news(i, e, today) for i, e in enumerate(_read("kommun-nyheter.toml")["post"])]
    events = [_event(i, e, today) for i, e in enumerate(_read("kommun-evenemang.toml")["event"])]
    pages = _read("kommun-sidor.toml")["page"]
    return KommunContent(
        sections=tuple(Section(s["path"], s["title"], s["intro"]) for s in services["section"]),
        services=tuple(_service(i, entry, today) for i, entry in enumerate(services["service"])),
        pages=tuple(_standing(i, entry, today) for i, entry in enumerate(pages)),
        news=tuple(sorted(news, key=lambda post: post.published, reverse=True)),
        events=tuple(sorted(events, key=lambda event: event.start)),
    )
