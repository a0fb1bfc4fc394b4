"""The main content of Ekbacka's dated entries and their listings: news and events.

A news article shows its publication in one of three forms editors use ("Publicerad 7 maj
2024", "Publicerad: 2024-05-07", "7 maj 2024 kl. 14.30"); events show when they take place.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from .catalog import EVENTS_LISTING, NEWS_LISTING, PAST_EVENTS, Catalog, Listing, Page
from .chrome import SITE, Meta, feed_url
from .content import Event, NewsPost
from .dates import badge, clock, iso, swedish_date, weekday_date

Rendered = tuple[str, Meta]


def _time(moment: Any, text: str) -> str:
    return f'<time datetime="{moment:%Y-%m-%d}">{text}</time>'


def news_item(base: str, post: NewsPost, *, with_ingress: bool = True) -> str:
    ingress = f"<p>{escape(post.paragraphs[0])}</p>" if with_ingress else ""
    return (
        f'<li class="news-item"><a href="{base}{post.node}.html"><h3>{escape(post.headline)}</h3>'
        f'</a><p class="news-item__date">{_time(post.published, swedish_date(post.published))}'
        f"</p>{ingress}</li>"
    )


def event_item(base: str, event: Event) -> str:
    return (
        f'<li class="event-item"><span class="date-badge">{badge(event.start)}</span>'
        f'<a href="{base}{event.node}.html">{escape(event.title)}</a> '
        f"<span>kl. {clock(event.start)}, {escape(event.place)}</span></li>"
    )


def _published_line(post: NewsPost) -> str:
    if post.index % 3 == 0:
        line = f"Publicerad {swedish_date(post.published)}"
    elif post.index % 3 == 1:
        line = f"Publicerad: {post.published:%Y-%m-%d}"
    else:
        line = f"{swedish_date(post.published)} kl. {clock(post.published)}"
    if post.modified.date() > post.published.date():
        line += f" · Uppdaterad {swedish_date(post.modified)}"
    return f'<p class="news-article__date">{escape(line)}</p>'


def _news_schema(base: str, post: NewsPost) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.headline,
        "datePublished": iso(post.published),
        "dateModified": iso(post.modified),
        "mainEntityOfPage": base + post.node + ".html",
        "publisher": {"@type": "GovernmentOrganization", "name": SITE},
        "inLanguage": "sv",
    }


def news_post(catalog: Catalog, base: str, page: Page) -> Rendered:
    post: NewsPost = page.item
    url = quote(f"{base}{post.node}.html", safe=":/")
    more = "".join(news_item(base, other, with_ingress=False)
                   for other in catalog.content.news[:5] if other != post)  # fmt: skip
    body = "".join(f"<p>{escape(text)}</p>" for text in post.paragraphs[1:])
    main = (
        f'<article class="news-article"><h1 class="heading">{escape(post.headline)}</h1>'
        f'{_published_line(post)}<p class="ingress">{escape(post.paragraphs[0])}</p>'
        f'<div class="sv-text-portlet">{body}</div><div class="share">Dela: '
        f'<a href="https://facebook.example/sharer?u={url}">Facebook</a> '
        f'<a href="https://linkedin.example/share?url={url}">LinkedIn</a></div></article>'
        f'<aside class="more-news"><h2>Fler nyheter</h2><ul>{more}</ul>'
        f'<p><a href="{base}{NEWS_LISTING}">Alla nyheter</a></p></aside>'
    )
    schema = (_news_schema(base, post),) if post.has_schema else ()
    meta = Meta(og_type="article", template="nyhet", schema=schema,
                description=post.paragraphs[0][:160])  # fmt: skip
    return main, meta


def _pagination(base: str, listing: Listing) -> str:
    parts = []
    for number in range(1, listing.count + 1):
        if number == listing.number:
            parts.append(f'<span class="current">{number}</span>')
        else:
            parts.append(f'<a href="{base}{listing.page_address(number)}">{number}</a>')
    if listing.number < listing.count:
        parts.append(
            f'<a href="{base}{listing.page_address(listing.number + 1)}" rel="next">Nästa</a>'
        )
    return f'<nav class="pagination" aria-label="Sidnumrering">{" ".join(parts)}</nav>'


def listing(catalog: Catalog, base: str, page: Page) -> Rendered:
    item: Listing = page.item
    if page.address.startswith(NEWS_LISTING):
        entries = "".join(news_item(base, post) for post in item.entries)
        # The section's own menu: the pages under /nyheter/ that are not articles.
        menu = "".join(
            f'<li><a href="{base}{child.address}">{escape(child.title)}</a></li>'
            for child in catalog.children(NEWS_LISTING)
            if child.kind != "news"
        )
        body = (
            f'<nav class="local-menu" aria-label="Undermeny"><ul>{menu}</ul></nav>'
            f'<ul class="news-list">{entries}</ul>{_pagination(base, item)}'
            f'<p><a href="{escape(feed_url(base))}">Prenumerera via RSS</a></p>'
        )
    else:
        other = (PAST_EVENTS, "Tidigare evenemang") if page.address == EVENTS_LISTING else (
            EVENTS_LISTING, "Kommande evenemang")  # fmt: skip
        entries = "".join(event_item(base, event) for event in item.entries)
        body = (
            f'<ul class="event-list">{entries}</ul><p><a href="{base}{other[0]}">{other[1]}</a></p>'
        )
    main = f'<div class="listing"><h1 class="heading">{escape(item.heading)}</h1>{body}</div>'
    return main, Meta(template="lista")


def _event_schema(base: str, event: Event) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": iso(event.start),
        "endDate": iso(event.end),
        "location": {"@type": "Place", "name": event.place,
                     "address": {"@type": "PostalAddress", "addressLocality": "Ekbacka"}},
        "organizer": {"@type": "GovernmentOrganization", "name": SITE},
        "url": f"{base}{event.node}.html",
        "isAccessibleForFree": True,
    }  # fmt: skip


def event(catalog: Catalog, base: str, page: Page) -> Rendered:
    item: Event = page.item
    passed = (
        '<p class="event-passed">Evenemanget har redan ägt rum.</p>'
        if item.start < catalog.now
        else ""
    )
    main = (
        f'<article class="event"><h1 class="heading">{escape(item.title)}</h1>{passed}'
        f'<dl class="event-info"><dt>När</dt><dd>{weekday_date(item.start)} kl. '
        f"{clock(item.start)}–{clock(item.end)}</dd><dt>Var</dt><dd>{escape(item.place)}</dd>"
        "<dt>Kostnad</dt><dd>Gratis</dd></dl>"
        f"{''.join(f'<p>{escape(text)}</p>' for text in item.paragraphs)}"
        f'<p><a href="{base}{EVENTS_LISTING}">Fler evenemang</a></p></article>'
    )
    meta = Meta(
        og_type="article",
        template="evenemang",
        schema=(_event_schema(base, item),),
        description=item.paragraphs[0][:160],
        owner="Kultur- och fritidsförvaltningen",
    )
    return main, meta
