"""Machine-readable doors of the sample forum: robots.txt, the XML sitemap and the RSS 2.0 feed."""

from __future__ import annotations

from collections.abc import Sequence
from email.utils import format_datetime
from xml.sax.saxutils import escape

from .forum_content import ForumArticle

FEED_SIZE = 8  # the feed lists the newest posts only; older ones need the listings


def robots_txt(base_url: str) -> str:
    return (
        "User-agent: *\n"
        "Disallow: /internal/\n"
        "Disallow: /wp-admin/\n"
        "Allow: /wp-admin/admin-ajax.php\n"
        "\n"
        f"Sitemap: {base_url}sitemap.xml\n"
    )


def sitemap_xml(articles: Sequence[ForumArticle], base_url: str) -> str:
    urls = "".join(
        f"<url><loc>{escape(base_url + a.path[1:])}</loc>"
        f"<lastmod>{a.last_modified.isoformat()}</lastmod></url>\n"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
    )


def _item(article: ForumArticle, base_url: str) -> str:
    return (
        "<item>\n"
        f"<title>{escape(article.headline)}</title>\n"
        f"<link>{escape(base_url + article.path[1:])}</link>\n"
        f"<dc:creator><![CDATA[{article.author}]]></dc:creator>\n"
        f"<pubDate>{format_datetime(article.published)}</pubDate>\n"
        f"<category><![CDATA[{article.category_name}]]></category>\n"
        # WordPress guids are ?p= links, not the permalink: readers must use <link>.
        f'<guid isPermaLink="false">{escape(base_url)}?p={article.post_id}</guid>\n'
        f"<description><![CDATA[{article.summary}]]></description>\n"
        "</item>\n"
    )


def rss_feed(articles: Sequence[ForumArticle], base_url: str, site_name: str) -> str:
    newest = list(articles[:FEED_SIZE])
    items = "".join(_item(article, base_url) for article in newest)
    built = max(article.last_modified for article in newest)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>{escape(site_name)}</title>\n"
        f'<atom:link href="{escape(base_url)}feed/" rel="self" type="application/rss+xml" />\n'
        f"<link>{escape(base_url)}</link>\n"
        "<description>News from the Secretariat</description>\n"
        f"<lastBuildDate>{format_datetime(built)}</lastBuildDate>\n"
        "<language>en-GB</language>\n"
        f"{items}</channel>\n</rss>\n"
    )
