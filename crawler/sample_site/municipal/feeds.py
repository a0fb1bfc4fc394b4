"""Riverbend's machine-readable doors: robots.txt, one flat sitemap of every page, the news RSS
feed and each event's iCalendar export."""

from __future__ import annotations

from collections.abc import Iterable
from email.utils import format_datetime
from xml.sax.saxutils import escape

from .catalog import NEWS_CATEGORIES, Page
from .content import Event, NewsPost
from .dates import iso

FEED_SIZE = 20  # WordPress's "syndication feeds show the most recent" setting, raised from 10
FEED_PATH = "news/feed/"


def robots_txt(base: str) -> str:
    return (
        "User-agent: *\n"
        "Disallow: /wp-admin/\n"
        "Allow: /wp-admin/admin-ajax.php\n"
        "Disallow: /?s=\n"
        "Disallow: /search/\n"
        "\n"
        f"Sitemap: {base}sitemap.xml\n"
    )


def sitemap_xml(base: str, pages: Iterable[Page]) -> str:
    """One flat sitemap: every page, services and policies beside the news, with its lastmod."""
    urls = "".join(
        f"<url><loc>{escape(base + page.path)}</loc><lastmod>{iso(page.modified)}</lastmod></url>\n"
        for page in pages
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )


def _item(base: str, post: NewsPost) -> str:
    return (
        "<item>\n"
        f"<title>{escape(post.headline)}</title>\n"
        f"<link>{escape(base + post.path)}</link>\n"
        f"<pubDate>{format_datetime(post.published)}</pubDate>\n"
        f"<category><![CDATA[{NEWS_CATEGORIES[post.category]}]]></category>\n"
        f'<guid isPermaLink="false">{escape(base)}?p={post.post_id}</guid>\n'
        f"<description><![CDATA[{post.paragraphs[0]}]]></description>\n"
        "</item>\n"
    )


def rss_feed(base: str, news: Iterable[NewsPost], site: str) -> str:
    """The newest posts, as WordPress serves them at /news/feed/."""
    newest = list(news)[:FEED_SIZE]
    built = max(post.modified for post in newest)
    items = "".join(_item(base, post) for post in newest)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>{escape(site)} » News</title>\n"
        f'<atom:link href="{escape(base)}{FEED_PATH}" rel="self" type="application/rss+xml" />\n'
        f"<link>{escape(base)}news/</link>\n"
        "<description>News from the City of Riverbend</description>\n"
        f"<lastBuildDate>{format_datetime(built)}</lastBuildDate>\n"
        "<language>en-US</language>\n"
        f"{items}</channel>\n</rss>\n"
    )


def ical(base: str, event: Event) -> str:
    """The "+ iCal Export" of one event."""
    stamp = "%Y%m%dT%H%M%S"
    return "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//City of Riverbend//Events//EN",
            "BEGIN:VEVENT",
            f"UID:{event.slug}@riverbend-city.example",
            f"DTSTART;TZID=America/Chicago:{event.start.strftime(stamp)}",
            f"DTEND;TZID=America/Chicago:{event.end.strftime(stamp)}",
            f"SUMMARY:{event.title}",
            f"LOCATION:{event.venue}, {event.address}",
            f"URL:{base}{event.path}",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    )
