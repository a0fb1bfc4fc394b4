"""HTML of the sample ministry: a 1C-Bitrix template, its print and accessible views.

Every page carries furniture that changes on every request, as such portals do: today's date
in the header, a search form with a fresh CSRF token, a rotating banner, a "most read" box
ordered by views, a view counter and a share count on articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from .content import Release, russian_date

SITE_TITLE = "Министерство транспорта Северной области"
LISTING = "press/news/"
PAGE_SIZE = 5
BANNERS = ("Госуслуги: запись на приём", "Горячая линия 122", "Опрос о качестве дорог")
_MENU = (
    ("", "Главная"),
    ("about/", "О министерстве"),
    (LISTING, "Новости"),
    ("documents/", "Документы"),
    ("contacts/", "Контакты"),
)


@dataclass(frozen=True)
class Furniture:
    """What changes on every request: the day, the box of most-read, banner, token, shares."""

    today: date
    most_read: Sequence[Release]
    banner: int
    token: str


def _head(title: str, canonical: str | None) -> str:
    link = f'<link rel="canonical" href="{escape(canonical)}">\n' if canonical else ""
    # No <meta charset>: the charset is only in the HTTP header, as on many such servers.
    return f'<!DOCTYPE html>\n<html lang="ru"><head><title>{escape(title)}</title>\n{link}</head>'


def _header(base: str, furniture: Furniture) -> str:
    menu = "".join(f'<li><a href="{base}{href}">{name}</a></li>' for href, name in _MENU)
    return (
        '<header class="header"><div class="header-top">'
        f'<span class="today">Сегодня: {russian_date(furniture.today)}</span>'
        f'<form class="search" action="{base}search/"><input type="hidden" name="sessid" '
        f'value="{furniture.token}"><input name="q"><button>Найти</button></form>'
        f'<a href="?special_version=Y">Версия для слабовидящих</a></div>'
        f'<div class="logo"><a href="{base}">{SITE_TITLE}</a></div>'
        f'<nav class="main-menu"><ul>{menu}</ul></nav></header>'
    )


def _sidebar(base: str, furniture: Furniture) -> str:
    items = "".join(
        f'<li><a href="{base}{release.href}">{escape(release.headline)}</a></li>'
        for release in furniture.most_read
    )
    banner = BANNERS[furniture.banner % len(BANNERS)]
    return (
        '<aside class="sidebar"><div class="most-read"><h3>Самое читаемое</h3>'
        f"<ul>{items}</ul></div>"
        f'<div class="banner"><a href="{base}banners/{furniture.banner}/">{banner}</a></div>'
        "</aside>"
    )


def _footer(base: str) -> str:
    return (
        '<footer class="footer"><div class="footer-links">'
        f'<a href="{base}contacts/">Контакты</a> <a href="{base}sitemap/">Карта сайта</a></div>'
        f"<p>© {SITE_TITLE}. Все права защищены. При использовании материалов ссылка на сайт "
        "обязательна.</p></footer>"
    )


def document(base: str, title: str, main: str, furniture: Furniture, canonical: str) -> str:
    return (
        f"{_head(title, canonical)}\n<body>{_header(base, furniture)}"
        f'<div class="content-wrap"><main class="content">{main}</main>'
        f"{_sidebar(base, furniture)}</div>{_footer(base)}</body></html>"
    )


def listing_main(base: str, shown: Sequence[Release], page: int, pages: int) -> str:
    entries = "".join(
        f'<div class="news-item"><span class="news-date">{release.byline_date}</span> '
        f'<a href="{base}{release.href}">{escape(release.headline)}</a></div>'
        for release in shown
    )
    numbers = range(1, pages + 1)
    pager = "".join(f'<a href="{base}{LISTING}?PAGEN_1={n}">{n}</a> ' for n in numbers)
    return f'<h1>Новости</h1><div class="news-list">{entries}</div><div class="pager">{pager}</div>'


def article_main(base: str, release: Release, views: int, shares: int) -> str:
    text = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in release.paragraphs)
    link = f"{base}{release.href}"
    return (
        f'<div class="news-detail"><h1>{escape(release.headline)}</h1>'
        f'<div class="news-date">{release.byline_date}</div>'
        f'<div class="news-views">Просмотров: {views}</div>'
        f'<div class="news-text">{text}<p>Пресс-служба министерства</p></div>'
        f'<div class="share">Поделиться: <a href="https://vk.example/share?u={link}">ВКонтакте'
        f'</a> <a href="https://t.example/share?u={link}">Telegram</a> ({shares})</div>'
        f'<div class="tools"><a href="{link}&amp;print=Y">Версия для печати</a> '
        f'<a href="{link}&amp;special_version=Y">Версия для слабовидящих</a></div>'
        f'<a href="{base}{LISTING}">Назад к списку</a></div>'
    )


def _view(release: Release, link: str, body_open: str, panel: str) -> str:
    """Another view of an article: its canonical link, the article, and where it came from."""
    text = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in release.paragraphs)
    return (
        f"{_head(release.headline, link)}\n{body_open}{panel}"
        f'<div class="news-detail"><h1>{escape(release.headline)}</h1>'
        f"<div>{release.byline_date}</div>{text}<p>Пресс-служба министерства</p></div>"
        f"<p>Источник: {link}</p></body></html>"
    )


def print_view(base: str, release: Release) -> str:
    """The print view: the article alone, printed as the page opens."""
    return _view(release, base + release.href, '<body onload="window.print()">', "")


def accessible_view(base: str, release: Release, today: date) -> str:
    """The version for the visually impaired: large type, today's date, the same article."""
    link = base + release.href
    panel = (
        f'<div class="special-panel">Сегодня: {russian_date(today)} · '
        f'<a href="{link}">Обычная версия сайта</a></div>'
    )
    return _view(release, link, '<body class="special-version">', panel)
