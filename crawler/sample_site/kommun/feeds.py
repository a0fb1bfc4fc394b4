"""Ekbacka's machine-readable doors: robots.txt, one flat sitemap of every page, and the news
feed that SiteVision serves from a portlet address."""

from __future__ import annotations

from collections.abc import Iterable
from email.utils import format_datetime
from xml.sax.saxutils import escape

from .catalog import Page
from .content import NewsPost
from .dates import iso

FEED_SIZE = 15  # the news portlet's "number of items" setting


def robots_txt(base: str) -> str:
    return (
        "User-agent: *\n"
        "Disallow: /sok.html\n"
        "Disallow: /edit/\n"
        "Disallow: /sitevision/proxy/\n"
        "\n"
        f"Sitemap: {base}sitemap.xml\n"
    )


def sitemap_xml(base: str, pages: Iterable[Page]) -> str:
    urls = "".join(
        f"<url><loc>{escape(base + page.address)}</loc>"
        f"<lastmod>{iso(page.modified)}</lastmod></url>\n"
        for page in pages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )


def _item(base: str, post: NewsPost) -> str:
    link = escape(f"{base}{post.node}.html")
    return (
        "<item>\n"
        f"<title>{escape(post.headline)}</title>\n"
        f"<link>{link}</link>\n"
        f"<description>{escape(post.paragraphs[0])}</description>\n"
        f"<pubDate>{format_datetime(post.published)}</pubDate>\n"
        f"<guid>{link}</guid>\n"
        "</item>\n"
    )


def rss_feed(base: str, news: Iterable[NewsPost], site: str) -> str:
    newest = list(news)[:FEED_SIZE]
    items = "".join(_item(base, post) for post in newest)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n'
        f"<title>Nyheter - {escape(site)}</title>\n"
        f"<link>{escape(base)}nyheter.html</link>\n"
        f"<description>Nyheter från {escape(site)}</description>\n"
        "<language>sv</language>\n"
        f"{items}</channel>\n</rss>\n"
    )
