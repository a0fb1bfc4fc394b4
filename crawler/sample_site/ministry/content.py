"""The sample ministry's releases: our own text, dated relative to the day they are served."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from importlib.resources import files

MOSCOW = timezone(timedelta(hours=3))  # no daylight saving since 2014
_GENITIVE_MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip


@dataclass(frozen=True)
class Release:
    """One news release as the CMS holds it."""

    id: int
    published: datetime  # Moscow time
    headline: str
    paragraphs: tuple[str, ...]
    canonical: str | None = None  # what its canonical link says, when not its own URL

    @property
    def href(self) -> str:
        """The article's canonical link, relative to the site root."""
        return f"press/news/detail.php?ID={self.id}"

    @property
    def canonical_href(self) -> str:
        return self.canonical or self.href

    @property
    def byline_date(self) -> str:
        """The date as the site prints it: "12 мая 2023, 14:30"."""
        day = self.published
        return f"{day.day} {_GENITIVE_MONTHS[day.month - 1]} {day.year}, {day:%H:%M}"


def russian_date(day: date) -> str:
    return f"{day.day} {_GENITIVE_MONTHS[day.month - 1]} {day.year}"


def load_releases(today: date) -> list[Release]:
    """Every release, newest first, dated ``days_ago`` before ``today``."""
    source = files("crawler.sample_site") / "content" / "ministry-news.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    releases = []
    for entry in data["article"]:
        hour, minute = (int(part) for part in entry["time"].split(":"))
        day = today - timedelta(days=int(entry["days_ago"]))
        published = datetime(day.year, day.month, day.day, hour, minute, tzinfo=MOSCOW)
        paragraphs = tuple(entry["paragraphs"])
        release = Release(int(entry["id"]), published, entry["headline"], paragraphs)
        releases.append(replace(release, canonical=entry.get("canonical")))
    return sorted(releases, key=lambda release: release.published, reverse=True)
