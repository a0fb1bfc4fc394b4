"""The main content of Riverbend's pages that are not dated entries: services, departments,
standing pages, section fronts and the home page."""

from __future__ import annotations

from html import escape

from .catalog import Catalog, Page
from .chrome import Meta
from .content import Department, Service, StandingPage
from .dates import clock, iso, us_date
from .meetings import Meeting
from .posts import event_card, excerpt, post_card

_CHANNELS = {
    "online": "Apply online through the Riverbend Services Portal. You can save a draft and "
    "come back to it; a confirmation is sent by email when you submit.",
    "in person": "Visit {office} at {address}. Office hours: {hours}.",
    "by mail": "Mail the completed form and copies of your documents to {office}, {address}.",
    "by phone": "Call {office} at {phone}.",
    "with the app": "Use the Riverbend 311 app, which adds your location and a photo for you.",
    "curbside": "Set your materials at the curb by 6:00 am on your collection day.",
    "by text message": "Text RIVERBEND to 55501 and follow the replies to choose your alerts.",
}
_POPULAR = (
    "services/taxes-and-payments/pay-your-property-tax-bill/",
    "services/water-and-utilities/pay-your-water-bill/",
    "services/trash-and-recycling/find-your-trash-and-recycling-day/",
    "services/streets-and-transportation/report-a-pothole/",
    "services/permits-and-licenses/apply-for-a-building-permit/",
    "services/parks-and-recreation/register-for-recreation-programs/",
    "services/records-and-certificates/request-a-birth-certificate/",
    "services/public-safety/sign-up-for-emergency-alerts/",
)
Rendered = tuple[str, Meta]


def _paragraphs(texts: tuple[str, ...] | list[str]) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def _list(base: str, items: list[tuple[str, str]]) -> str:
    links = "".join(f'<li><a href="{base}{path}">{escape(name)}</a></li>' for path, name in items)
    return f"<ul>{links}</ul>"


def contact_card(base: str, department: Department) -> str:
    return (
        f'<section class="contact-card"><h2>Contact</h2><p><a href="{base}{department.path}">'
        f"{escape(department.name)}</a><br>{escape(department.address)}<br>"
        f"Phone: {escape(department.phone)}<br>"
        f'Email: <a href="mailto:{department.email}">{department.email}</a><br>'
        f"Hours: {escape(department.hours)}</p></section>"
    )


def _channels(service: Service, department: Department) -> str:
    items = "".join(
        f"<li><strong>{how.capitalize()}:</strong> "
        + escape(_CHANNELS[how].format(office=department.name, address=department.address,
                                       hours=department.hours, phone=department.phone))
        + "</li>"
        for how in service.how
    )  # fmt: skip
    return f'<h2>How to apply</h2><ul class="channels">{items}</ul>'


def _faq(service: Service) -> str:
    online = "online" in service.how
    answers = (
        ("How much does it cost?", f"{service.fee}."),
        ("How long does it take?", f"Allow {service.time}."),
        ("Can I do this online?", "Yes, through the Riverbend Services Portal." if online else
         "Not yet. See the ways to apply above."),
    )  # fmt: skip
    items = "".join(f"<dt>{q}</dt><dd>{escape(a)}</dd>" for q, a in answers)
    return f'<h2>Frequently asked questions</h2><dl class="faq">{items}</dl>'


def service(catalog: Catalog, base: str, page: Page) -> Rendered:
    item: Service = page.item
    department = catalog.content.department(item.department)
    byline = ""
    if item.is_guide:
        stamp = (
            f'<time class="published" datetime="{iso(item.created)}">{us_date(item.created)}</time>'
        )
        byline = f'<div class="entry-meta">Published {stamp}</div>'
    about = f"<h2>About this service</h2>{_paragraphs(item.details)}" if item.is_guide else ""
    bring = "".join(f"<li>{escape(thing)}</li>" for thing in item.bring)
    siblings = [s for s in catalog.content.services if s.category == item.category and s != item]
    main = (
        f'<article class="page type-page service" id="post-{2000 + item.index}">'
        f'<h1 class="page-title">{escape(item.title)}</h1>{byline}'
        f'<p class="lead">{escape(item.summary)}</p>'
        f'<dl class="service-facts"><dt>Cost</dt><dd>{escape(item.fee)}</dd><dt>Time</dt>'
        f"<dd>{escape(item.time)}</dd></dl>{about}"
        f"<h2>What you need</h2><ul>{bring}</ul>{_channels(item, department)}"
        f"{_faq(item) if item.is_guide else ''}"
        + (f'<p><a class="button" href="https://portal.riverbend-city.example/apply/{item.slug}">'
           "Start online</a></p>" if "online" in item.how else "")
        + f"{contact_card(base, department)}<section class='related'><h2>Related services</h2>"
        f"{_list(base, [(s.path, s.title) for s in siblings[:4]])}</section></article>"
    )  # fmt: skip
    meta = Meta(
        og_type=item.og_type,
        published=item.created if item.is_guide else None,
        body_class=f"page-template-service page page-id-{2000 + item.index}",
        footer_label="Page reviewed on",
        description=item.summary,
    )
    return main, meta


def department(catalog: Catalog, base: str, page: Page) -> Rendered:
    item: Department = page.item
    services = [(s.path, s.title) for s in catalog.content.services if s.department == item.slug]
    posts = catalog.news_of(department=item.slug)[:3]
    news = "".join(post_card(base, post, with_excerpt=False) for post in posts)
    main = (
        f'<article class="page department"><h1 class="page-title">{escape(item.name)}</h1>'
        f'<p class="lead">{escape(item.summary)}</p>{contact_card(base, item)}'
        + (f"<section><h2>Services</h2>{_list(base, services)}</section>" if services else "")
        + (f'<section class="department-news"><h2>News from {escape(item.name)}</h2>{news}'
           f'<p><a href="{base}news/">All news</a></p></section>' if posts else "")
        + "</article>"
    )  # fmt: skip
    meta = Meta(og_type="website", body_class="page-template-department page",
                footer_label="Page reviewed on", description=item.summary)  # fmt: skip
    return main, meta


def standing(catalog: Catalog, base: str, page: Page) -> Rendered:
    item: StandingPage = page.item
    children = [(p.path, p.title) for p in catalog.pages.values() if p.parent == page.path]
    extra = (
        f"<section><h2>In this section</h2>{_list(base, children)}</section>" if children else ""
    )
    if page.path == "contact/":
        rows = "".join(
            f'<tr><td><a href="{base}{d.path}">{escape(d.name)}</a></td><td>{escape(d.phone)}</td>'
            f'<td><a href="mailto:{d.email}">{d.email}</a></td></tr>'
            for d in catalog.content.departments
        )
        extra = f"<h2>Department directory</h2><table>{rows}</table>"
    graph_type = {"about": "AboutPage", "contact": "ContactPage"}.get(item.kind, "WebPage")
    main = (
        f'<article class="page"><h1 class="page-title">{escape(item.title)}</h1>'
        f"{_paragraphs(item.paragraphs)}{extra}</article>"
    )
    meta = Meta(graph_type=graph_type, description=item.paragraphs[0][:150],
                body_class=f"page-template-default page page-id-{1000 + item.index}")  # fmt: skip
    return main, meta


def _hub_main(title: str, intro: str, sections: str) -> str:
    heading = f'<h1 class="page-title">{escape(title)}</h1>'
    return f'<div class="hub">{heading}<p>{intro}</p>{sections}</div>'


def hub(catalog: Catalog, base: str, page: Page) -> Rendered:
    content = catalog.content
    sections = ""
    intro = "Find what you need from the City of Riverbend."
    if page.path == "services/":
        for category in content.categories:
            items = [(s.path, s.title) for s in content.services if s.category == category.slug]
            heading = f'<h2><a href="{base}{category.path}">{escape(category.name)}</a></h2>'
            sections += f'<section class="hub-group">{heading}{_list(base, items)}</section>'
    elif page.path.startswith("services/"):
        category = content.category(page.path.split("/")[1])
        intro = escape(category.intro)
        for s in (s for s in content.services if s.category == category.slug):
            sections += (f'<div class="card"><h2><a href="{base}{s.path}">{escape(s.title)}</a>'
                         f"</h2><p>{escape(s.summary)}</p></div>")  # fmt: skip
    elif page.path == "departments/":
        for d in content.departments:
            heading = f'<h2><a href="{base}{d.path}">{escape(d.name)}</a></h2>'
            sections += (
                f'<div class="card">{heading}<p>{escape(d.summary)}</p><p>{d.phone}</p></div>'
            )
    elif page.path == "government/":
        items = [(p.path, p.title) for p in catalog.pages.values() if p.parent == "government/"]
        meetings = "".join(meeting_line(base, m) for m in catalog.upcoming_meetings()[:3])
        sections = f"{_list(base, items)}<h2>Upcoming meetings</h2><ul>{meetings}</ul>"
    else:
        sections = _site_map(catalog, base)
    return _hub_main(page.title, intro, sections), Meta(og_type="website", graph_type="WebPage")


def meeting_line(base: str, meeting: Meeting) -> str:
    return (
        f'<li><a href="{base}{meeting.path}">{escape(meeting.body.name)}</a> – '
        f"{us_date(meeting.start)}, {clock(meeting.start)}</li>"
    )


def _site_map(catalog: Catalog, base: str) -> str:
    groups: dict[str, list[tuple[str, str]]] = {}
    for page in catalog.pages.values():
        if page.kind in ("home", "listing") or page.path == "sitemap/":
            continue
        section = page.path.split("/")[0] or "home"
        groups.setdefault(section, []).append((page.path, page.title))
    return "".join(
        f"<section><h2>{section.capitalize()}</h2>{_list(base, items)}</section>"
        for section, items in groups.items()
    )


def home(catalog: Catalog, base: str, page: Page) -> Rendered:
    tiles = "".join(
        f'<a class="tile" href="{base}{path}">{escape(catalog.pages[path].title)}</a>'
        for path in _POPULAR
    )
    news = "".join(post_card(base, post) for post in catalog.content.news[:4])
    events = "".join(event_card(base, event) for event in catalog.upcoming_events()[:4])
    meetings = "".join(meeting_line(base, m) for m in catalog.upcoming_meetings()[:2])
    about = excerpt(catalog.pages["about/"].item.paragraphs[0])
    main = (
        '<section class="hero"><h1>Welcome to the City of Riverbend</h1>'
        "<p>Services, news and events for residents, businesses and visitors.</p></section>"
        f'<section class="popular"><h2>How do I…</h2><div class="tiles">{tiles}</div></section>'
        f'<section class="latest-news"><h2>Latest News</h2>{news}'
        f'<p><a href="{base}news/">More news</a></p></section>'
        f'<section class="upcoming-events"><h2>Upcoming Events</h2>{events}'
        f'<p><a href="{base}events/">All events</a></p></section>'
        f'<section class="meetings"><h2>Upcoming Meetings</h2><ul>{meetings}</ul></section>'
        f'<section class="about-city"><h2>About Riverbend</h2><p>{about} '
        f'<a href="{base}about/">Learn more</a></p></section>'
    )
    return main, Meta(og_type="website", body_class="home page-template-front-page page")
