"""Content of the sample digest: its own news, and secretariat articles it syndicates."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from .secretariat_content import CmsArticle, Paragraph, Picture
from .secretariat_content import load_content as load_secretariat
from .state import FIRST_EDITION, SiteState

COLUMN_PATH = "/xwzx/"  # 新闻资讯


@dataclass(frozen=True)
class DigestArticle:
    """One document of the news column, as the TRS publishing system holds it."""

    doc_id: int
    headline: str
    published: str  # YYYY-MM-DD HH:MM, Asia/Shanghai, as the 发布时间 line shows it
    source: str  # the 来源 line
    blocks: tuple[Paragraph | Picture, ...]
    copy_of: int | None = None  # id of the secretariat article this syndicates

    @property
    def date(self) -> str:
        return self.published[:10]

    @property
    def month(self) -> str:
        return self.published[:7].replace("-", "")

    @property
    def href(self) -> str:
        """The link as the column's listing pages write it, relative to the column."""
        return f"./{self.month}/t{self.date.replace('-', '')}_{self.doc_id}.html"

    @property
    def path(self) -> str:
        return COLUMN_PATH + self.href[2:]

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if isinstance(block, Paragraph)]

    @property
    def pictures(self) -> list[str]:
        return [block.src for block in self.blocks if isinstance(block, Picture)]


@dataclass(frozen=True)
class DigestPage:
    slug: str  # the column's folder
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class DigestContent:
    """Everything the digest serves; articles newest first."""

    articles: tuple[DigestArticle, ...]
    pages: dict[str, DigestPage]

    def by_path(self, path: str) -> DigestArticle | None:
        return next((a for a in self.articles if a.path == path), None)


def _picture(doc_id: int, published: str, number: int) -> Picture:
    # TRS names uploads W0 + the date + a serial number, next to the document.
    day = published[:10].replace("-", "")
    return Picture(f"{COLUMN_PATH}{day[:6]}/W0{day}{doc_id:06d}{number:06d}.jpg")


def _own_blocks(entry: dict[str, Any]) -> tuple[Paragraph | Picture, ...]:
    blocks: list[Paragraph | Picture] = []
    for count, text in enumerate(entry["paragraphs"], start=1):
        blocks.append(Paragraph(text))
        if count in entry.get("pictures_after", []):
            blocks.append(_picture(entry["doc"], entry["published"], len(blocks)))
    return tuple(blocks)


def _copied_blocks(entry: dict[str, Any], original: CmsArticle) -> tuple[Paragraph | Picture, ...]:
    """The original's body as the digest's editor left it: a sentence reworded, a paragraph cut."""
    replacements = {change["old"]: change["new"] for change in entry.get("replace", [])}
    drop = set(entry.get("drop", []))
    body = "\n".join(original.paragraphs)
    if any(old not in body for old in replacements) or not drop <= set(
        range(len(original.paragraphs))
    ):
        raise ValueError(f"digest document {entry['doc']}: its edits do not fit {original.id}")
    blocks: list[Paragraph | Picture] = []
    paragraph_number = -1
    for block in original.blocks:
        if isinstance(block, Picture):
            blocks.append(_picture(entry["doc"], entry["published"], len(blocks)))
            continue
        paragraph_number += 1
        if paragraph_number in drop:
            continue
        text = block.text
        for old, new in replacements.items():
            text = text.replace(old, new)
        blocks.append(Paragraph(text))
    return tuple(blocks)


def _article(entry: dict[str, Any]) -> DigestArticle:
    copy_of = entry.get("copy_of")
    if copy_of is None:
        blocks = _own_blocks(entry)
    else:
        original = load_secretariat(FIRST_EDITION).article(copy_of)
        if original is None:
            raise ValueError(f"digest document {entry['doc']}: no secretariat article {copy_of}")
        blocks = _copied_blocks(entry, original)
    return DigestArticle(
        doc_id=entry["doc"],
        headline=entry["headline"],
        published=entry["published"],
        source=entry["source"],
        blocks=blocks,
        copy_of=copy_of,
    )


@cache
def load_content(state: SiteState = FIRST_EDITION) -> DigestContent:
    """The digest's articles and column pages; the same in every edition."""
    data = tomllib.loads(
        (files(__package__) / "content" / "digest-news.toml").read_text(encoding="utf-8")
    )
    articles = sorted(
        (_article(entry) for entry in data["article"]),
        key=lambda article: (article.published, article.doc_id),
        reverse=True,
    )
    pages = {
        slug: DigestPage(slug, page["title"], tuple(page["paragraphs"]))
        for slug, page in data["pages"].items()
    }
    return DigestContent(tuple(articles), pages)
