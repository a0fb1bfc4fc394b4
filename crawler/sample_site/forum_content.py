"""Content of the sample forum: news posts, static pages and events, read from the data files."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any

from .state import SiteState

CATEGORIES = {"statements": "Statements", "meetings": "Meetings", "programmes": "Programmes"}


@dataclass(frozen=True)
class Figure:
    image: str  # path under /wp-content/uploads/
    alt: str
    caption: str

    @property
    def src(self) -> str:
        return f"/wp-content/uploads/{self.image}"


@dataclass(frozen=True)
class ForumArticle:
    """One news post."""

    post_id: int
    slug: str
    published: datetime  # with the Brussels offset of its day
    modified: datetime | None
    category: str
    headline: str
    author: str
    author_type: str  # schema.org type: Organization or Person
    summary: str
    paragraphs: tuple[str, ...]  # HTML fragments
    figure: Figure | None = None
    extra_related: tuple[tuple[str, str], ...] = ()  # (href, title)
    fail_first: int = 0  # answers 500 this many times on each server before it works
    since: int = 1  # the edition that first shows the post; its page is cached as then rendered

    @property
    def path(self) -> str:
        return f"/news/{self.published:%Y/%m/%d}/{self.slug}/"

    @property
    def last_modified(self) -> datetime:
        return self.modified or self.published

    @property
    def category_name(self) -> str:
        return CATEGORIES[self.category]


@dataclass(frozen=True)
class ForumPage:
    slug: str
    title: str
    paragraphs: tuple[str, ...]  # HTML fragments
    robots: str = ""


@dataclass(frozen=True)
class ForumEvent:
    date: str
    title: str
    place: str
    description: str


@dataclass(frozen=True)
class ForumContent:
    """Everything the forum serves in one state; articles newest first."""

    articles: tuple[ForumArticle, ...]
    pages: dict[str, ForumPage]
    events: tuple[ForumEvent, ...]
    removed: tuple[ForumArticle, ...] = ()  # taken down: their permalinks answer 410 Gone

    def by_path(self, path: str) -> ForumArticle | None:
        return next((a for a in self.articles if a.path == path), None)

    def is_removed(self, path: str) -> bool:
        return any(a.path == path for a in self.removed)

    def in_category(self, category: str) -> tuple[ForumArticle, ...]:
        return tuple(a for a in self.articles if a.category == category)


def _article(entry: dict[str, Any], since: int = 1) -> ForumArticle:
    figure = entry.get("figure")
    modified = entry.get("modified")
    return ForumArticle(
        post_id=entry["post_id"],
        slug=entry["slug"],
        published=datetime.fromisoformat(entry["published"]),
        modified=datetime.fromisoformat(modified) if modified else None,
        category=entry["category"],
        headline=entry["headline"],
        author=entry["author"],
        author_type=entry["author_type"],
        summary=entry["summary"],
        paragraphs=tuple(entry["paragraphs"]),
        figure=Figure(**figure) if figure else None,
        extra_related=tuple((r["href"], r["title"]) for r in entry.get("extra_related", [])),
        fail_first=entry.get("fail_first", 0),
        since=since,
    )


def _read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads((files(__package__) / "content" / name).read_text(encoding="utf-8"))


@cache
def load_content(state: SiteState) -> ForumContent:
    """The forum's posts, pages and events in the given state: edition 1, then each change."""
    posts = [_article(entry) for entry in _read_toml("forum-news.toml")["article"]]
    removed_ids: set[int] = set()
    for edition in range(2, state.edition + 1):
        changes = _read_toml(f"forum-news-{edition}.toml")
        posts += [_article(entry, since=edition) for entry in changes.get("article", [])]
        removed_ids |= set(changes.get("removed", []))
    articles = sorted(
        (a for a in posts if a.post_id not in removed_ids), key=lambda a: a.published, reverse=True
    )
    removed = tuple(a for a in posts if a.post_id in removed_ids)
    other = _read_toml("forum-pages.toml")
    pages = {
        slug: ForumPage(slug, page["title"], tuple(page["paragraphs"]), page.get("robots", ""))
        for slug, page in other["pages"].items()
    }
    events = tuple(ForumEvent(**event) for event in other["event"])
    return ForumContent(tuple(articles), pages, events, removed)
