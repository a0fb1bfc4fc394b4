"""HTML of the sample forum: WordPress-style pages with metadata, share buttons, a cookie banner."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from html import escape
from urllib.parse import quote

from .forum_content import ForumArticle, ForumEvent, ForumPage

SITE_NAME = "Eurasian Regional Cooperation Forum"
LOGO = "/wp-content/uploads/2022/01/ercf-logo.png"
SHARE_IMAGE = "/wp-content/uploads/2022/01/ercf-share.png"
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NAV = (
    ("/", "Home"),
    ("/news/", "News"),
    ("/events/", "Events"),
    ("/about/", "About"),
    ("/contact/", "Contact"),
    ("/internal/", "Staff portal"),
)

SERVER_ERROR = (
    '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="UTF-8"><title>WordPress &rsaquo; '
    'Error</title></head>\n<body id="error-page"><p>There has been a critical error on this '
    "website.</p></body></html>\n"
)


def long_date(value: date | datetime) -> str:
    """12 May 2023, whatever the process locale."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _a(href: str, text: str, extra: str = "") -> str:
    return f'<a href="{escape(href)}"{extra}>{escape(text)}</a>'


def layout(title: str, main: str, *, head: str = "", body_class: str = "page") -> str:
    """A whole page: head with feed autodiscovery, cookie banner, header, main, footer."""
    nav = "".join(f'<li class="menu-item">{_a(href, text)}</li>' for href, text in _NAV)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="alternate" type="application/rss+xml" title="{SITE_NAME} &raquo; Feed" '
        'href="/feed/">\n<meta name="generator" content="WordPress 6.4.2">\n'
        f'{head}</head>\n<body class="{body_class}">\n'
        '<div id="cookie-notice" role="dialog"><p>We use cookies to understand how our website '
        'is used and to improve it. <a href="/about/">Privacy policy</a></p>'
        '<button type="button">Accept</button> <button type="button">Reject</button></div>\n'
        '<header id="masthead" class="site-header"><div class="site-branding">'
        f'<a href="/" rel="home"><img class="custom-logo" src="{LOGO}" alt="{SITE_NAME}" '
        f'width="120" height="40"></a><p class="site-title"><a href="/" rel="home">{SITE_NAME}'
        '</a></p></div>\n<nav id="site-navigation" class="main-navigation">'
        f'<ul id="primary-menu" class="menu">{nav}</ul></nav></header>\n'
        f'<main id="primary" class="site-main">\n{main}</main>\n'
        '<footer id="colophon" class="site-footer"><section class="widget"><h2>Follow us</h2>'
        '<ul><li><a href="/feed/">RSS</a></li><li><a href="https://social.example/@ercf">'
        "Mastodon</a></li></ul></section>\n"
        f'<div class="site-info">&copy; 2023 {SITE_NAME} &middot; Rue de l’Exemple 12, '
        '1000 Brussels &middot; <a href="/contact/">Contact</a></div></footer>\n'
        "</body>\n</html>\n"
    )


def _entry(article: ForumArticle) -> str:
    link = _a(article.path, article.headline, ' rel="bookmark"')
    return (
        f'<article class="post category-{article.category}"><header class="entry-header">'
        f'<h2 class="entry-title">{link}</h2>'
        f'<div class="entry-meta"><time datetime="{article.published.isoformat()}">'
        f"{long_date(article.published)}</time></div></header>\n"
        f'<div class="entry-summary"><p>{escape(article.summary)}</p></div>'
        f'<a class="more-link" href="{article.path}">Continue reading</a></article>\n'
    )


def _listing_href(page: int) -> str:
    return "/news/" if page == 1 else f"/news/page/{page}/"


def _pagination(page: int, pages: int) -> str:
    parts = []
    if page > 1:
        parts.append(_a(_listing_href(page - 1), "« Newer posts", ' class="prev page-numbers"'))
    for number in range(1, pages + 1):
        if number == page:
            parts.append(f'<span aria-current="page" class="page-numbers current">{number}</span>')
        else:
            parts.append(_a(_listing_href(number), str(number), ' class="page-numbers"'))
    if page < pages:
        parts.append(_a(_listing_href(page + 1), "Older posts »", ' class="next page-numbers"'))
    return (
        f'<nav class="navigation pagination"><div class="nav-links">{" ".join(parts)}</div></nav>\n'
    )


def listing_main(heading: str, entries: Sequence[ForumArticle], page: int, pages: int) -> str:
    items = "".join(_entry(article) for article in entries)
    pager = _pagination(page, pages) if pages > 1 else ""
    header = f'<header class="page-header"><h1 class="page-title">{escape(heading)}</h1></header>'
    return f"{header}\n{items}{pager}"


def _json_ld(article: ForumArticle, base_url: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "datePublished": article.published.isoformat(),
        "dateModified": article.last_modified.isoformat(),
        "author": {"@type": article.author_type, "name": article.author},
        "publisher": {
            "@type": "Organization",
            "name": SITE_NAME,
            "logo": {"@type": "ImageObject", "url": base_url + LOGO[1:]},
        },
        "mainEntityOfPage": base_url + article.path[1:],
        "image": [base_url + _image(article)[1:]],
        "articleSection": article.category_name,
        "inLanguage": "en-GB",
    }
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def _image(article: ForumArticle) -> str:
    return article.figure.src if article.figure else SHARE_IMAGE


def article_head(article: ForumArticle, base_url: str) -> str:
    url = base_url + article.path[1:]
    meta = [
        ("og:locale", "en_GB"),
        ("og:type", "article"),
        ("og:title", article.headline),
        ("og:description", article.summary),
        ("og:url", url),
        ("og:site_name", SITE_NAME),
        ("og:image", base_url + _image(article)[1:]),
        ("article:published_time", article.published.isoformat()),
        ("article:modified_time", article.last_modified.isoformat()),
    ]
    tags = "".join(f'<meta property="{p}" content="{escape(v)}">\n' for p, v in meta)
    return (
        f'<link rel="canonical" href="{url}">\n'
        f'<meta name="description" content="{escape(article.summary)}">\n{tags}'
        '<meta name="twitter:card" content="summary_large_image">\n'
        f"{_json_ld(article, base_url)}"
    )


def _figure(article: ForumArticle) -> str:
    figure = article.figure
    if figure is None:
        return ""
    return (
        '<figure class="wp-block-image size-large">'
        f'<img src="{figure.src}" alt="{escape(figure.alt)}" width="96" height="64" loading="lazy">'
        '<figcaption class="wp-element-caption">'
        f"{escape(figure.caption)}</figcaption></figure>\n"
    )


def _share(article: ForumArticle, base_url: str) -> str:
    url = quote(base_url + article.path[1:], safe="")
    text = quote(article.headline, safe="")
    links = (
        ("share-x", f"https://x.example/intent/tweet?url={url}&text={text}", "X"),
        (
            "share-linkedin",
            f"https://www.linkedin.example/sharing/share-offsite/?url={url}",
            "LinkedIn",
        ),
        ("share-email", f"mailto:?subject={text}&body={url}", "Email"),
    )
    items = "".join(
        "<li>" + _a(href, name, f' class="{cls}"') + "</li>" for cls, href, name in links
    )
    return (
        '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>'
        f"<ul>{items}</ul></div>\n"
    )


def article_main(
    article: ForumArticle,
    base_url: str,
    related: Sequence[tuple[str, str]],
    newer: ForumArticle | None,
    older: ForumArticle | None,
) -> str:
    paragraphs = [f"<p>{text}</p>\n" for text in article.paragraphs]
    body = paragraphs[0] + _figure(article) + "".join(paragraphs[1:])
    nav = ""
    if older is not None:
        link = _a(older.path, "← " + older.headline, ' rel="prev"')
        nav += f'<div class="nav-previous">{link}</div>'
    if newer is not None:
        link = _a(newer.path, newer.headline + " →", ' rel="next"')
        nav += f'<div class="nav-next">{link}</div>'
    items = "".join(f"<li>{_a(href, title)}</li>" for href, title in related)
    return (
        f'<article id="post-{article.post_id}" class="post type-post status-publish '
        f'category-{article.category}">\n<header class="entry-header">'
        f'<h1 class="entry-title">{escape(article.headline)}</h1>\n<div class="entry-meta">'
        f'<span class="posted-on">Posted on <time class="entry-date published" '
        f'datetime="{article.published.isoformat()}">{long_date(article.published)}</time></span>'
        ' <span class="byline">by '
        f'<span class="author vcard">{escape(article.author)}</span></span>'
        f'</div></header>\n<div class="entry-content">\n{body}</div>\n'
        f'<footer class="entry-footer"><span class="cat-links">Posted in '
        f"{_a(f'/news/category/{article.category}/', article.category_name)}</span></footer>\n"
        f"{_share(article, base_url)}</article>\n"
        f'<nav class="navigation post-navigation" aria-label="Posts">{nav}</nav>\n'
        f'<section class="related-news"><h2>Related news</h2><ul>{items}</ul></section>\n'
    )


def home_main(latest: Sequence[ForumArticle], events: Sequence[ForumEvent]) -> str:
    news = "".join(_entry(article) for article in latest)
    upcoming = "".join(
        f"<li>{long_date(date.fromisoformat(e.date))}: {escape(e.title)}, {escape(e.place)}</li>"
        for e in events
    )
    return (
        '<section class="hero"><h1>Cooperation across the region</h1><p>Eleven member states '
        "working together on transport, water, trade and contacts between people.</p></section>\n"
        f'<section class="latest-news"><h2>Latest news</h2>\n{news}'
        '<p><a href="/news/">All news</a></p></section>\n'
        f'<section class="upcoming"><h2>Upcoming events</h2><ul>{upcoming}</ul>'
        '<p><a href="/events/">All events</a></p></section>\n'
    )


def events_main(events: Sequence[ForumEvent]) -> str:
    items = "".join(
        f'<div class="event"><time datetime="{e.date}">'
        f"{long_date(date.fromisoformat(e.date))}</time>"
        f'<h2>{escape(e.title)}</h2><p class="place">{escape(e.place)}</p>'
        f"<p>{escape(e.description)}</p></div>\n"
        for e in events
    )
    return f'<header class="page-header"><h1 class="page-title">Events</h1></header>\n{items}'


def page_main(page: ForumPage) -> str:
    paragraphs = "".join(f"<p>{text}</p>\n" for text in page.paragraphs)
    title = f'<h1 class="entry-title">{escape(page.title)}</h1>'
    return f'<article class="page">{title}\n{paragraphs}</article>\n'


def not_found_main() -> str:
    return (
        '<section class="error-404 not-found"><h1 class="page-title">Page not found</h1>'
        "<p>It looks like nothing was found at this location. Try the news archive or a search.</p>"
        '<form role="search" action="/" method="get"><input type="search" name="s"></form>'
        "</section>\n"
    )


def gone_main() -> str:
    return (
        '<section class="error-410 not-found"><h1 class="page-title">Content removed</h1>'
        "<p>This post has been removed and will not come back. See the news archive.</p>"
        "</section>\n"
    )
