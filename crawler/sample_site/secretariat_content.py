"""Content of the sample secretariat: articles in the copied-page text form, and static pages."""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any

from .state import SiteState

IMAGE_PLACEHOLDER = "图片关键词"  # the alt text the CMS editor puts on every image
FOOTER_WIDGET = ("电话咨询", "邮件咨询", "在线地图", "QQ客服")  # on every page, not the body
_BYLINE = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})\s+(\S+)(?:\s+\d+)?$")
_SHANGHAI_OFFSET = 8 * 3600


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Picture:
    src: str  # root-relative, under /upload/


@dataclass(frozen=True)
class CmsArticle:
    """One article of the news column, as the CMS holds it."""

    id: int
    headline: str  # with its column prefix, as the page shows it (官方 - …)
    published: str  # YYYY-MM-DD HH:MM:SS, Asia/Shanghai, as the byline shows it
    author: str
    blocks: tuple[Paragraph | Picture, ...]
    link: tuple[str, str] | None = None  # (text, href) of a 相关链接 line
    withdrawn: bool = False  # still listed in the column, but the page answers 404
    lang: str = "cn"  # the column: cn, or en and ru (secretariat_languages)

    @property
    def date(self) -> str:
        return self.published[:10]

    @property
    def href(self) -> str:
        """The canonical link, relative to the site root."""
        return f"shownews.php?lang={self.lang}&id={self.id}"

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if isinstance(block, Paragraph)]

    @property
    def pictures(self) -> list[str]:
        return [block.src for block in self.blocks if isinstance(block, Picture)]


@dataclass(frozen=True)
class StaticPage:
    id: int
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class SecretariatContent:
    """Everything the secretariat serves in one state; articles newest first."""

    articles: tuple[CmsArticle, ...]
    pages: tuple[StaticPage, ...]

    @property
    def live(self) -> tuple[CmsArticle, ...]:
        return tuple(article for article in self.articles if not article.withdrawn)

    def article(self, article_id: int) -> CmsArticle | None:
        return next((a for a in self.articles if a.id == article_id), None)

    def page(self, page_id: int) -> StaticPage | None:
        return next((p for p in self.pages if p.id == page_id), None)


def parse_cms_text(
    text: str, *, article_id: int, upload: str | None = None, image_type: str = "jpg"
) -> CmsArticle:
    """Read an article in the form a reader copies it: headline, byline, then the body lines."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    headline, byline, body = lines[0], lines[1], lines[2:]
    match = _BYLINE.match(byline)
    if match is None:
        raise ValueError(f"article {article_id}: not a byline: {byline!r}")
    published, author = match.groups()
    while body and body[-1] in FOOTER_WIDGET:
        body.pop()
    folder = upload or published[:7].replace("-", "")
    stamp = calendar.timegm(datetime.fromisoformat(published).timetuple()) - _SHANGHAI_OFFSET
    blocks: list[Paragraph | Picture] = []
    for line in body:
        if line == IMAGE_PLACEHOLDER:
            number = stamp + 37 * (len(blocks) + 1)  # upload names are Unix times
            blocks.append(Picture(f"/upload/{folder}/{number}.{image_type}"))
        else:
            blocks.append(Paragraph(line))
    return CmsArticle(article_id, headline, published, author, tuple(blocks))


def _article_from_entry(entry: dict[str, Any]) -> CmsArticle:
    content = files(__package__) / "content"
    text = entry.get("text") or (content / entry["source"]).read_text(encoding="utf-8")
    article = parse_cms_text(
        text,
        article_id=entry["id"],
        upload=entry.get("upload"),
        image_type=entry.get("image_type", "jpg"),
    )
    link = (entry["link_text"], entry["link_href"]) if "link_text" in entry else None
    return replace(article, link=link, withdrawn=entry.get("withdrawn", False))


def _corrected(article: CmsArticle, edit: dict[str, Any]) -> CmsArticle:
    """The article after an editor's correction: a new headline, sentences replaced."""
    blocks = article.blocks
    for change in edit.get("replace", []):
        old, new = change["old"], change["new"]
        if sum(old in text for text in article.paragraphs) != 1:
            raise ValueError(f"edit of article {article.id}: {old!r} is not in one paragraph")
        blocks = tuple(
            Paragraph(block.text.replace(old, new)) if isinstance(block, Paragraph) else block
            for block in blocks
        )
    return replace(article, headline=edit.get("headline", article.headline), blocks=blocks)


def read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads((files(__package__) / "content" / name).read_text(encoding="utf-8"))


@cache
def load_content(state: SiteState) -> SecretariatContent:
    """The secretariat's articles and pages in the given state: edition 1, then each change."""
    entries = list(read_toml("secretariat-news.toml")["article"])
    edits: dict[int, dict[str, Any]] = {}
    for edition in range(2, state.edition + 1):
        changes = read_toml(f"secretariat-news-{edition}.toml")
        entries += changes.get("article", [])
        edits |= {edit["id"]: edit for edit in changes.get("edit", [])}
    articles = sorted(
        (_article_from_entry(entry) for entry in entries),
        key=lambda article: (article.published, article.id),
        reverse=True,
    )
    articles = [_corrected(a, edits[a.id]) if a.id in edits else a for a in articles]
    pages = read_toml("secretariat-pages.toml")
    return SecretariatContent(
        articles=tuple(articles),
        pages=tuple(
            StaticPage(page["id"], page["title"], tuple(page["paragraphs"]))
            for page in pages["page"]
        ),
    )
