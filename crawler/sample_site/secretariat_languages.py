"""The secretariat's English and Russian columns, and how its pages link the versions.

Served when ``SiteState.languages`` is on: part of the Chinese releases have an English or
Russian version (content/secretariat-languages.toml), linked by ``hreflang``, by a language
bar that keeps the article's id, or not at all; a few releases exist in one language only,
on the day of a Chinese release about something else. ``release_groups`` is the site's own
list of which pages are one release, to check a crawl's linking against.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from html import escape
from typing import Any

from .secretariat_content import (
    CmsArticle,
    Paragraph,
    Picture,
    load_content,
    parse_cms_text,
    read_toml,
)
from .secretariat_pages import CHINESE, Chrome
from .state import SiteState

LANGUAGES = ("cn", "en", "ru")  # the CMS's codes, in the order of its language bar
HREFLANG = {"cn": "zh-CN", "en": "en", "ru": "ru"}
_BAR_LABELS = {"cn": "中文", "en": "English", "ru": "Русский"}
LINK_KINDS = ("hreflang", "switch", "none")

ENGLISH = Chrome(
    lang="en",
    site_title="Secretariat of the SCO Good-Neighbourliness and Friendship Committee",
    home="Home",
    news="News",
    column="Official",
    position="You are here: ",
    latest="Latest news",
    hot="",
    more="More>>",
    newer="Previous",
    older="Next",
    none="None",
    empty="No items found",
    previous_page="Previous page",
    next_page="Next page",
    count="{total} items, page {page}/{pages}",
)
RUSSIAN = Chrome(
    lang="ru",
    site_title="Секретариат Комитета добрососедства и дружбы ШОС",
    home="Главная",
    news="Новости",
    column="Официально",
    position="Вы здесь: ",
    latest="Последние новости",
    hot="",
    more="Далее>>",
    newer="Предыдущая",
    older="Следующая",
    none="Нет",
    empty="Ничего не найдено",
    previous_page="Назад",
    next_page="Вперёд",
    count="Всего {total}, страница {page}/{pages}",
)
CHROMES = {"cn": CHINESE, "en": ENGLISH, "ru": RUSSIAN}


@dataclass(frozen=True)
class Release:
    """The versions of one release the site serves, by language, and how its pages link them."""

    linked: str  # one of LINK_KINDS
    members: tuple[CmsArticle, ...]

    def hrefs(self) -> dict[str, str]:
        return {article.lang: article.href for article in self.members}


@dataclass(frozen=True)
class Languages:
    """Everything the other columns add in one state."""

    columns: dict[str, tuple[CmsArticle, ...]]  # lang -> its articles, newest first
    releases: tuple[Release, ...]
    copies: dict[str, str]  # image path -> the original image's path it is a copy of

    def article(self, lang: str, article_id: int) -> CmsArticle | None:
        return next((a for a in self.columns.get(lang, ()) if a.id == article_id), None)

    def release_of(self, article: CmsArticle) -> Release | None:
        return next((r for r in self.releases if article in r.members), None)


def _version(
    entry: dict[str, Any], originals: dict[int, CmsArticle], copies: dict[str, str]
) -> CmsArticle:
    """One version as the CMS holds it; its images the original's files, or copies of them
    (noted in ``copies``: copy path -> original path)."""
    article = parse_cms_text(entry["text"], article_id=entry["id"])
    article = replace(article, lang=entry["lang"])
    original = originals.get(entry.get("of", -1))
    how = entry.get("same_pictures", True)
    if original is None or how is False:
        return article
    sources = iter(original.pictures)
    blocks: list[Paragraph | Picture] = []
    for block in article.blocks:
        if isinstance(block, Picture):
            src = next(sources)
            if how == "copies":
                folder, name = src.rsplit("/", 1)
                copy = f"{folder}/{entry['lang']}/{name.rsplit('.', 1)[0]}.png"
                copies[copy] = src
                src = copy
            block = Picture(src)
        blocks.append(block)
    return replace(article, blocks=tuple(blocks))


@cache
def load_languages(state: SiteState) -> Languages:
    """The English and Russian columns and the releases (none when languages are off)."""
    if not state.languages:
        return Languages({}, (), {})
    originals = {article.id: article for article in load_content(state).articles}
    entries = read_toml("secretariat-languages.toml")["version"]
    copies: dict[str, str] = {}
    versions = [(entry, _version(entry, originals, copies)) for entry in entries]
    columns = {
        lang: tuple(
            sorted(
                (v for e, v in versions if e["lang"] == lang),
                key=lambda a: (a.published, a.id),
                reverse=True,
            )
        )
        for lang in LANGUAGES[1:]
    }
    releases = []
    for original_id in sorted({e["of"] for e, _ in versions if "of" in e}):
        of_it = [(e, v) for e, v in versions if e.get("of") == original_id]
        members = (originals[original_id], *(v for _, v in of_it))
        releases.append(Release(of_it[0][0]["linked"], members))
    return Languages(columns, tuple(releases), copies)


def page_chrome(base_url: str, state: SiteState, lang: str, article: CmsArticle | None) -> Chrome:
    """The chrome of a page in ``lang`` (of ``article``, for an article page): its language
    bar, and the hreflang links of the article's release if its pages give them."""
    chrome = CHROMES[lang]
    if not state.languages:
        return chrome
    release = load_languages(state).release_of(article) if article is not None else None
    hrefs = release.hrefs() if release is not None else {}
    bar = []
    for code in LANGUAGES:
        if release is not None and release.linked == "switch" and code in hrefs:
            bar.append(("/" + hrefs[code], _BAR_LABELS[code]))
        else:
            bar.append((f"/index.php?lang={code}", _BAR_LABELS[code]))
    head = ""
    if release is not None and release.linked == "hreflang":
        head = "".join(
            f'<link rel="alternate" hreflang="{HREFLANG[code]}" '
            f'href="{escape(base_url + href)}" />\n'
            for code, href in hrefs.items()
        )
    return replace(chrome, language_bar=tuple(bar), head_links=head)


def release_groups(base_url: str, state: SiteState) -> list[tuple[str, frozenset[str]]]:
    """The site's own list: (how its pages link them, the canonical URLs of the versions)."""
    return [
        (release.linked, frozenset(base_url + href for href in release.hrefs().values()))
        for release in load_languages(state).releases
    ]


def single_language_releases(base_url: str, state: SiteState) -> set[str]:
    """URLs of the English and Russian releases that are versions of nothing."""
    languages = load_languages(state)
    in_releases = {a for release in languages.releases for a in release.members}
    return {
        base_url + article.href
        for column in languages.columns.values()
        for article in column
        if article not in in_releases
    }
