"""The main content of Riverbend's dated entries and their listings: news posts, events, meetings.

A news post shows when it was posted in one of three bylines the site's history left behind
("Posted on May 7, 2024", a bare date beside its category, "Published: 05/07/2024"); events
and meetings show when they take place, and some events when they were posted.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

from .catalog import NEWS_CATEGORIES, Catalog, Listing, Page
from .chrome import SITE, Meta
from .content import Event, NewsPost
from .dates import clock, iso, numeric_date, short_date, us_date
from .meetings import Meeting

Rendered = tuple[str, Meta]
_SHARE = (("Facebook", "https://facebook.example/sharer?u="), ("X", "https://x.example/share?url="))


def excerpt(text: str, words: int = 28) -> str:
    parts = text.split()
    return escape(" ".join(parts[:words]) + (" …" if len(parts) > words else ""))


def _time(moment: Any, css: str = "entry-date published") -> str:
    return f'<time class="{css}" datetime="{iso(moment)}">{us_date(moment)}</time>'


def _category_link(base: str, post: NewsPost) -> str:
    name = NEWS_CATEGORIES[post.category]
    return f'<a href="{base}news/category/{post.category}/" rel="category tag">{escape(name)}</a>'


def post_card(base: str, post: NewsPost, *, with_excerpt: bool = True) -> str:
    summary = (
        f'<p class="entry-summary">{excerpt(post.paragraphs[0])} <a class="more-link" '
        f'href="{base}{post.path}">Read more</a></p>'
        if with_excerpt
        else ""
    )
    return (
        f'<article class="post-entry"><h3 class="entry-title"><a href="{base}{post.path}">'
        f'{escape(post.headline)}</a></h3><div class="entry-meta">{_time(post.published)} · '
        f"{_category_link(base, post)}</div>{summary}</article>"
    )


def event_card(base: str, event: Event) -> str:
    return (
        f'<div class="event-card"><span class="date-badge">{short_date(event.start)}</span>'
        f'<h3><a href="{base}{event.path}">{escape(event.title)}</a></h3>'
        f"<p>{clock(event.start)} · {escape(event.venue)}</p></div>"
    )


def _byline(base: str, post: NewsPost, author: str) -> str:
    if post.index % 6 == 3:
        published = numeric_date(post.published)
        return (
            f'<div class="entry-meta"><span class="posted-on">Published: {published}</span></div>'
        )
    if post.index % 6 == 1:
        return (
            f'<div class="entry-meta">{_time(post.published)} · {_category_link(base, post)}</div>'
        )
    return (
        f'<div class="entry-meta"><span class="posted-on">Posted on <a href="{base}{post.path}" '
        f'rel="bookmark">{_time(post.published)}{_time(post.modified, "updated")}</a></span> '
        f'<span class="byline">by <span class="author vcard">{escape(author)}</span></span></div>'
    )


def _article_node(base: str, post: NewsPost, author: str) -> dict[str, Any]:
    url = base + post.path
    return {
        "@type": post.schema,
        "@id": f"{url}#article",
        "isPartOf": {"@id": url},
        "headline": post.headline,
        "datePublished": iso(post.published),
        "dateModified": iso(post.modified),
        "author": {"@type": "Organization", "name": author},
        "publisher": {"@id": f"{base}#organization"},
        "mainEntityOfPage": {"@id": url},
        "articleSection": [NEWS_CATEGORIES[post.category]],
        "wordCount": sum(len(p.split()) for p in post.paragraphs),
        "inLanguage": "en-US",
    }


def _sidebar(catalog: Catalog, base: str, post: NewsPost) -> str:
    recent = "".join(
        f'<li><a href="{base}{other.path}">{escape(other.headline)}</a> '
        f'<span class="post-date">{us_date(other.published)}</span></li>'
        for other in catalog.content.news[:6]
        if other != post
    )
    categories = "".join(
        f'<li><a href="{base}news/category/{slug}/">{escape(name)}</a> '
        f"({len(catalog.news_of(category=slug))})</li>"
        for slug, name in NEWS_CATEGORIES.items()
    )
    return (
        '<aside class="widget-area"><section class="widget widget_recent_entries"><h2>Recent News'
        f'</h2><ul>{recent}</ul></section><section class="widget widget_categories">'
        f"<h2>Categories</h2><ul>{categories}</ul></section></aside>"
    )


def _neighbours(base: str, catalog: Catalog, post: NewsPost) -> str:
    news = catalog.content.news
    at = news.index(post)
    links = []
    if at + 1 < len(news):
        links.append(
            f'<a href="{base}{news[at + 1].path}" rel="prev">← {escape(news[at + 1].headline)}</a>'
        )
    if at > 0:
        links.append(
            f'<a href="{base}{news[at - 1].path}" rel="next">{escape(news[at - 1].headline)} →</a>'
        )
    return f'<nav class="post-navigation">{" ".join(links)}</nav>'


def news_post(catalog: Catalog, base: str, page: Page) -> Rendered:
    post: NewsPost = page.item
    author = catalog.content.department(post.department).name
    note = ""
    if post.correction:
        updated = f"Updated {us_date(post.modified)}: {escape(post.correction)}"
        note = f'<p class="update-note"><em>{updated}</em></p>'
    share = " ".join(
        f'<a href="{prefix}{quote(base + post.path)}">{name}</a>' for name, prefix in _SHARE
    )
    main = (
        f'<div class="content-area"><article id="post-{post.post_id}" class="post type-post '
        f'hentry category-{post.category}"><header class="entry-header"><h1 class="entry-title">'
        f"{escape(post.headline)}</h1>{_byline(base, post, author)}</header>"
        f'<div class="entry-content">{"".join(f"<p>{escape(p)}</p>" for p in post.paragraphs)}'
        f'{note}</div><footer class="entry-footer"><span class="cat-links">Posted in '
        f'{_category_link(base, post)}</span><div class="share">Share: {share} '
        f'<a href="mailto:?subject={quote(post.headline)}">Email</a></div></footer></article>'
        f"{_neighbours(base, catalog, post)}</div>{_sidebar(catalog, base, post)}"
    )
    meta = Meta(
        published=post.published if post.schema else None,
        nodes=(_article_node(base, post, author),) if post.schema else (),
        graph=post.schema is not None,
        links=(("shortlink", f"{base}?p={post.post_id}"),),
        body_class=f"post-template-default single single-post postid-{post.post_id}",
        description=post.paragraphs[0][:150],
    )
    return main, meta


def _page_link(base: str, listing: Listing, number: int, css: str, text: str) -> str:
    return f'<a class="{css}page-numbers" href="{base}{listing.page_path(number)}">{text}</a>'


def _pager(base: str, listing: Listing) -> str:
    if listing.count == 1:
        return ""
    parts = []
    if listing.number > 1:
        parts.append(_page_link(base, listing, listing.number - 1, "prev ", "« Previous"))
    for number in range(1, listing.count + 1):
        if number == listing.number:
            parts.append(f'<span aria-current="page" class="page-numbers current">{number}</span>')
        else:
            parts.append(_page_link(base, listing, number, "", str(number)))
    if listing.number < listing.count:
        parts.append(_page_link(base, listing, listing.number + 1, "next ", "Next »"))
    return f'<nav class="navigation pagination" aria-label="Posts">{" ".join(parts)}</nav>'


def _pager_links(base: str, listing: Listing) -> tuple[tuple[str, str], ...]:
    links = []
    if listing.number > 1:
        links.append(("prev", base + listing.page_path(listing.number - 1)))
    if listing.number < listing.count:
        links.append(("next", base + listing.page_path(listing.number + 1)))
    return tuple(links)


def meeting_row(base: str, meeting: Meeting) -> str:
    status = "Minutes available" if meeting.minutes_approved else (
        "Agenda posted" if meeting.agenda_posted else "Agenda not yet posted")  # fmt: skip
    return (
        f'<tr><td><time datetime="{iso(meeting.start)}">{us_date(meeting.start)}</time></td>'
        f'<td><a href="{base}{meeting.path}">{escape(meeting.body.name)}</a></td>'
        f"<td>{status}</td></tr>"
    )


def listing(catalog: Catalog, base: str, page: Page) -> Rendered:
    item: Listing = page.item
    if item.base == "government/meetings/":
        rows = "".join(meeting_row(base, m) for m in reversed(item.entries))
        head = "<tr><th>Date</th><th>Meeting</th><th>Documents</th></tr>"
        body = f'<table class="meetings">{head}{rows}</table>'
    elif item.base.startswith("events/"):
        other = (
            ("events/past/", "Past events")
            if item.base == "events/"
            else ("events/", "Upcoming events")
        )
        body = "".join(event_card(base, e) for e in item.entries) + (
            f'<p><a href="{base}{other[0]}">{other[1]}</a></p>')  # fmt: skip
    else:
        body = "".join(post_card(base, post) for post in item.entries) + _pager(base, item)
    main = f'<div class="archive"><h1 class="page-title">{escape(item.heading)}</h1>{body}</div>'
    meta = Meta(og_type="website", graph_type="CollectionPage", links=_pager_links(base, item),
                body_class="archive blog")  # fmt: skip
    return main, meta


def event_schema(base: str, event: Event) -> list[dict[str, Any]]:
    """The events plugin's own JSON-LD: a list holding one Event."""
    place = {"@type": "Place", "name": event.venue,
             "address": {"@type": "PostalAddress", "streetAddress": event.address,
                         "addressLocality": "Riverbend"}}  # fmt: skip
    return [{
        "@context": "http://schema.org", "@type": "Event", "name": event.title,
        "description": event.paragraphs[0], "url": base + event.path,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "startDate": iso(event.start), "endDate": iso(event.end), "location": place,
        "organizer": {"@type": "Organization", "name": SITE, "url": base},
        "offers": {"@type": "Offer", "price": event.cost, "url": base + event.path},
    }]  # fmt: skip


def event(catalog: Catalog, base: str, page: Page) -> Rendered:
    item: Event = page.item
    passed = item.start < catalog.now
    notice = (
        '<div class="tribe-events-notices"><ul><li>This event has passed.</li></ul></div>'
        if passed
        else ""
    )
    posted = (
        f'<p class="event-posted">Posted on {_time(item.created)}</p>' if item.shows_posted else ""
    )
    gcal = f"https://calendar.example/render?action=TEMPLATE&amp;text={quote(item.title)}"
    main = (
        f'<div id="tribe-events-content" class="tribe-events-single"><p class="tribe-events-back">'
        f'<a href="{base}events/">« All Events</a></p>{notice}'
        f'<h1 class="tribe-events-single-event-title">{escape(item.title)}</h1>'
        f'<div class="tribe-events-schedule"><h2><span class="tribe-event-date-start">'
        f'{us_date(item.start)} @ {clock(item.start)}</span> - <span class="tribe-event-time">'
        f'{clock(item.end)}</span></h2><span class="tribe-events-cost">{escape(item.cost)}</span>'
        f'</div>{posted}<div class="tribe-events-single-event-description">'
        f"{''.join(f'<p>{escape(p)}</p>' for p in item.paragraphs)}</div>"
        f'<div class="tribe-events-cal-links"><a class="tribe-events-gcal" href="{gcal}">'
        f'+ Google Calendar</a> <a class="tribe-events-ical" href="{base}{item.path}?ical=1">'
        f'+ iCal Export</a></div><div class="tribe-events-meta-group"><h2>Venue</h2>'
        f"<p>{escape(item.venue)}<br>{escape(item.address)}, Riverbend</p></div></div>"
    )
    meta = Meta(scripts=(event_schema(base, item),), description=item.paragraphs[0][:150],
                body_class="tribe_events-template-default single single-tribe_events")  # fmt: skip
    return main, meta


def meeting(catalog: Catalog, base: str, page: Page) -> Rendered:
    item: Meeting = page.item
    status = []
    if item.agenda_posted:
        status.append(f"Agenda posted {us_date(item.agenda_posted)}")
    if item.minutes_approved:
        status.append(f"Minutes approved {us_date(item.minutes_approved)}")
    agenda = (
        "<ol>" + "".join(f"<li>{escape(line)}</li>" for line in item.agenda) + "</ol>"
        if item.agenda_posted
        else "<p>The agenda will be posted at least 72 hours before the meeting.</p>"
    )
    main = (
        f'<article class="meeting"><h1 class="page-title">{escape(item.title)}</h1>'
        f'<p class="meeting-when"><time datetime="{iso(item.start)}">{item.start:%A}, '
        f"{us_date(item.start)} at {clock(item.start)}</time> · {escape(item.body.room)}</p>"
        f'<p class="meeting-status">{" · ".join(status) or "Scheduled"}</p>'
        f"<h2>Agenda</h2>{agenda}<h2>Participate</h2><p>Residents may speak during public "
        "comment, in person or by calling in. Meetings are streamed live on "
        '<a href="https://video.example/@RiverbendCityTV/live">RiverbendCityTV</a>.</p>'
        f'<p><a href="{base}government/meetings/">All meetings</a></p></article>'
    )
    schema = [{"@context": "https://schema.org", "@type": "Event", "name": item.title,
               "startDate": iso(item.start), "location": {"@type": "Place", "name": item.body.room},
               "organizer": {"@type": "GovernmentOrganization", "name": SITE}}]  # fmt: skip
    return main, Meta(og_type="website", scripts=(schema,), body_class="single single-meeting")
