"""Content of the sample forum: news posts, static pages and events, read from the data files."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from importlib.resources import files
from typing import Any
from zoneinfo import ZoneInfo

from .state import FIRST_EDITION, SiteState

CATEGORIES = {"statements": "Statements", "meetings": "Meetings", "programmes": "Programmes"}
BRUSSELS = ZoneInfo("Europe/Brussels")


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
    since: SiteState = FIRST_EDITION  # the state that first shows the post; its page is
    # cached as then rendered

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
    moved: tuple[ForumArticle, ...] = ()  # taken down: their permalinks redirect to /news/
    unlisted: tuple[ForumArticle, ...] = ()  # served, but listed nowhere

    def by_path(self, path: str) -> ForumArticle | None:
        return next((a for a in self.articles + self.unlisted if a.path == path), None)

    def is_removed(self, path: str) -> bool:
        return any(a.path == path for a in self.removed)

    def is_moved(self, path: str) -> bool:
        return any(a.path == path for a in self.moved)

    def in_category(self, category: str) -> tuple[ForumArticle, ...]:
        return tuple(a for a in self.articles if a.category == category)


def _article(
    entry: dict[str, Any], since: SiteState = FIRST_EDITION, published: datetime | None = None
) -> ForumArticle:
    figure = entry.get("figure")
    modified = entry.get("modified")
    return ForumArticle(
        post_id=entry["post_id"],
        slug=entry["slug"],
        published=published or datetime.fromisoformat(entry["published"]),
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


def two_years_before(today: date) -> date:
    """The same day two years before (28 February for a 29th)."""
    try:
        return today.replace(year=today.year - 2)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 2, day=28)


def _back_catalogue(level: int) -> tuple[list[ForumArticle], dict[str, set[int]]]:
    """The back catalogue's posts at ``level`` (1: as published, 2: revised), and the ids
    each revision took out of the listings (removed, moved_to_section, unlisted)."""
    if level == 0:
        return [], {}
    since = SiteState(back_catalogue=1)
    anniversary = two_years_before(datetime.now(UTC).date())
    posts = []
    for entry in _read_toml("forum-back-catalogue.toml")["article"]:
        day = anniversary - timedelta(days=entry["days_earlier"])
        moment = datetime.combine(day, time.fromisoformat(entry["time"]), BRUSSELS)
        posts.append(_article(entry, since=since, published=moment))
    if level == 1:
        return posts, {}
    revision = _read_toml("forum-back-catalogue-2.toml")
    # An edit the CMS records is dated when this state is first loaded: after any crawl of
    # the back catalogue as published.
    touched = datetime.now(BRUSSELS).replace(microsecond=0)
    edits = {edit.pop("post_id"): edit for edit in revision.get("edit", [])}
    for index, post in enumerate(posts):
        edit = dict(edits.get(post.post_id, {}))
        if edit.pop("touched", False):
            edit["modified"] = touched
        if "paragraphs" in edit:
            edit["paragraphs"] = tuple(edit["paragraphs"])
        posts[index] = replace(post, **edit)
    taken = ("removed", "moved_to_section", "unlisted")
    return posts, {key: set(revision.get(key, [])) for key in taken}


@cache
def load_content(state: SiteState) -> ForumContent:
    """The forum's posts, pages and events in the given state: edition 1, then each change,
    then the back catalogue if the state has it."""
    posts = [_article(entry) for entry in _read_toml("forum-news.toml")["article"]]
    removed_ids: set[int] = set()
    for edition in range(2, state.edition + 1):
        changes = _read_toml(f"forum-news-{edition}.toml")
        posts += [_article(e, since=SiteState(edition)) for e in changes.get("article", [])]
        removed_ids |= set(changes.get("removed", []))
    back, taken = _back_catalogue(state.back_catalogue)
    posts += back
    removed_ids |= taken.get("removed", set())
    out = removed_ids | taken.get("moved_to_section", set()) | taken.get("unlisted", set())

    def chosen(ids: set[int]) -> tuple[ForumArticle, ...]:
        return tuple(a for a in posts if a.post_id in ids)

    listed = (a for a in posts if a.post_id not in out)
    articles = sorted(listed, key=lambda a: a.published, reverse=True)
    other = _read_toml("forum-pages.toml")
    pages = {
        slug: ForumPage(slug, page["title"], tuple(page["paragraphs"]), page.get("robots", ""))
        for slug, page in other["pages"].items()
    }
    events = tuple(ForumEvent(**event) for event in other["event"])
    return ForumContent(
        tuple(articles),
        pages,
        events,
        chosen(removed_ids),
        chosen(taken.get("moved_to_section", set())),
        chosen(taken.get("unlisted", set())),
    )
