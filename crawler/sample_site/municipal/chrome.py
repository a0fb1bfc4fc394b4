"""The City of Riverbend's page shell: head metadata, a heavy header and mega-menu, a dated footer.

Every page declares its last modification three ways in its head (``moddate``,
``article:modified_time`` and the JSON-LD graph's ``dateModified``; posts older than the SEO
plugin have no graph) and once in its footer ("Last updated …", or "Page reviewed on …" on the
pages a content owner reviews).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from .catalog import LISTING, Catalog, Page
from .dates import iso, us_date

SITE = "City of Riverbend"
THEME = "wp-content/themes/municipio/assets/dist"
_SOCIAL = (
    ("Facebook", "https://facebook.example/CityOfRiverbend"),
    ("Instagram", "https://instagram.example/riverbendcity"),
    ("YouTube", "https://video.example/@RiverbendCityTV"),
    ("Nextdoor", "https://neighbors.example/agency/riverbend"),
)


@dataclass(frozen=True)
class Meta:
    """What a page declares about itself in its head, beyond its title and canonical link."""

    og_type: str = "article"
    graph_type: str = "WebPage"
    published: datetime | None = None  # article:published_time, when the theme emits it
    nodes: tuple[dict[str, Any], ...] = ()  # more nodes of the JSON-LD graph (an Article)
    scripts: tuple[Any, ...] = ()  # JSON-LD scripts of their own (the events plugin's)
    graph: bool = True  # False for posts published before the SEO plugin was installed
    links: tuple[tuple[str, str], ...] = ()  # (rel, href): prev, next, shortlink
    body_class: str = "page-template-default page"
    footer_label: str = "Last updated"
    description: str = ""


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _graph(catalog: Catalog, base: str, page: Page, meta: Meta) -> str:
    url = base + page.path
    webpage: dict[str, Any] = {"@type": meta.graph_type, "@id": url, "url": url}
    webpage["name"] = f"{page.title} – {SITE}"
    webpage["isPartOf"] = {"@id": f"{base}#website"}
    if page.kind != LISTING:
        webpage["datePublished"] = iso(page.created)
    webpage["dateModified"] = iso(page.modified)
    webpage |= {"breadcrumb": {"@id": f"{url}#breadcrumb"}, "inLanguage": "en-US"}
    trail = [*catalog.crumbs(page), page]
    crumbs = [
        {"@type": "ListItem", "position": n, "name": p.title, "item": base + p.path}
        for n, p in enumerate(trail, 1)
    ]
    nodes = [
        webpage,
        *meta.nodes,
        {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": crumbs},
        {"@type": "WebSite", "@id": f"{base}#website", "url": base, "name": SITE,
         "publisher": {"@id": f"{base}#organization"}, "inLanguage": "en-US"},
        {"@type": "GovernmentOrganization", "@id": f"{base}#organization", "name": SITE,
         "url": base, "logo": f"{base}{THEME}/images/riverbend-seal.svg"},
    ]  # fmt: skip
    graph = {"@context": "https://schema.org", "@graph": nodes}
    return f'<script type="application/ld+json" class="yoast-schema-graph">{_json(graph)}</script>'


def _head(catalog: Catalog, base: str, page: Page, meta: Meta) -> str:
    title = escape(f"{page.title} – {SITE}" if page.path else f"{SITE} – Official Website")
    url = escape(base + page.path)
    tags = [
        '<meta charset="UTF-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f'<meta name="description" content="{escape(meta.description)}">',
        f'<link rel="canonical" href="{url}">',
        *(f'<link rel="{rel}" href="{escape(href)}">' for rel, href in meta.links),
        f'<meta name="moddate" content="{page.modified:%Y-%m-%d}">',
        '<meta property="og:locale" content="en_US">',
        f'<meta property="og:type" content="{meta.og_type}">',
        f'<meta property="og:title" content="{escape(page.title)}">',
        f'<meta property="og:url" content="{url}">',
        f'<meta property="og:site_name" content="{SITE}">',
        f'<meta property="article:publisher" content="{_SOCIAL[0][1]}">',
    ]
    if meta.published is not None:
        tags.append(f'<meta property="article:published_time" content="{iso(meta.published)}">')
    tags.append(f'<meta property="article:modified_time" content="{iso(page.modified)}">')
    tags.append('<meta name="twitter:card" content="summary_large_image">')
    if meta.graph:
        tags.append(_graph(catalog, base, page, meta))
    tags += [
        f'<script type="application/ld+json">{_json(script)}</script>' for script in meta.scripts
    ]
    tags += [
        f'<link rel="alternate" type="application/rss+xml" title="{SITE} » News Feed" '
        f'href="{base}news/feed/">',
        f"<link rel='stylesheet' id='municipio-css' href='{base}{THEME}/css/app.css?ver=3.61.2' "
        "media='all'>",
        f"<script src='{base}{THEME}/js/app.js?ver=3.61.2' id='municipio-js'></script>",
        '<meta name="generator" content="WordPress 6.5.3">',
    ]
    return '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n' + "\n".join(tags) + "\n</head>"


def _links(base: str, items: list[tuple[str, str]]) -> str:
    return "".join(f'<li><a href="{base}{path}">{escape(name)}</a></li>' for path, name in items)


def _mega_menu(catalog: Catalog, base: str) -> str:
    content = catalog.content
    columns = []
    for category in content.categories:
        services = [s for s in content.services if s.category == category.slug][:3]
        items = [(s.path, s.title) for s in services] + [(category.path, f"All {category.name}")]
        columns.append(f"<div class='mega-col'><h3>{escape(category.name)}</h3>"
                       f"<ul>{_links(base, items)}</ul></div>")  # fmt: skip
    government = [(p.path, p.title) for p in catalog.of_kind("about") if "government/" in p.path]
    departments = [(d.path, d.name) for d in content.departments]
    news = [("news/", "Latest News"), ("news/media-contacts/", "Media Contacts"),
            ("news/subscribe/", "Subscribe to City News")]  # fmt: skip
    about = [(p.path, p.title) for p in catalog.of_kind("about") if p.path.startswith("about/")]
    events = [("events/", "Upcoming Events"), ("events/past/", "Past Events")]
    meetings = [("government/meetings/", "Agendas & Minutes")]
    menus = (
        ("services/", "Services", "".join(columns)),
        ("government/", "Government", f"<ul>{_links(base, government + meetings)}</ul>"),
        ("departments/", "Departments", f"<ul>{_links(base, departments)}</ul>"),
        ("news/", "News", f"<ul>{_links(base, news)}</ul>"),
        ("events/", "Events", f"<ul>{_links(base, events)}</ul>"),
        ("about/", "About", f"<ul>{_links(base, [*about, ('contact/', 'Contact Us')])}</ul>"),
    )  # fmt: skip
    entries = "".join(
        f'<li class="menu-item has-children"><a href="{base}{path}">{name}</a>'
        f'<div class="sub-menu mega">{inner}</div></li>'
        for path, name, inner in menus
    )
    return f'<nav class="primary-nav" aria-label="Main menu"><ul class="menu">{entries}</ul></nav>'


def _header(catalog: Catalog, base: str) -> str:
    alert = next(post for post in catalog.content.news if post.category == "public-works")
    utility = [("services/taxes-and-payments/", "Pay a Bill"), ("about/employment/", "Jobs"),
               ("news/subscribe/", "Subscribe"), ("contact/", "Contact")]  # fmt: skip
    return (
        '<a class="skip-link screen-reader-text" href="#main-content">Skip to content</a>'
        '<div id="cookie-consent" class="cookie-notice" role="dialog">We use cookies to remember '
        f'your settings and to count visits. <a href="{base}privacy-policy/">Privacy Policy</a> '
        "<button>Accept</button> <button>Decline</button></div>"
        '<div class="notice alert-banner"><strong>Notice:</strong> '
        f'{escape(alert.headline)} <a href="{base}{alert.path}">Read more</a></div>'
        '<header class="site-header"><div class="header-top">'
        f'<ul class="utility-nav">{_links(base, utility)}</ul>'
        '<div class="translate">Translate: <select><option>English</option><option>Español'
        "</option><option>Tiếng Việt</option><option>العربية</option></select></div></div>"
        f'<div class="header-main"><a class="site-logo" href="{base}"><img src="{base}{THEME}'
        f'/images/riverbend-logo.svg" alt="{SITE}"></a>'
        f'<form role="search" method="get" action="{base}"><label for="s">Search</label>'
        '<input id="s" name="s" type="search"><button>Search</button></form></div>'
        f"{_mega_menu(catalog, base)}</header>"
    )


def _breadcrumbs(catalog: Catalog, base: str, page: Page) -> str:
    if not page.path:
        return ""
    trail = "".join(
        f'<li><a href="{base}{p.path}">{escape(p.title)}</a></li>' for p in catalog.crumbs(page)
    )
    return (
        f'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>{trail}'
        f'<li aria-current="page">{escape(page.title)}</li></ol></nav>'
    )


def _footer(catalog: Catalog, base: str, page: Page, label: str) -> str:
    quick = [
        ("services/", "All Services"),
        ("government/meetings/", "Agendas & Minutes"),
        ("services/records-and-certificates/submit-a-public-records-request/", "Public Records"),
        ("about/employment/", "Jobs"),
        ("sitemap/", "Site Map"),
    ]
    policies = [("privacy-policy/", "Privacy Policy"), ("accessibility/", "Accessibility"),
                ("terms-of-use/", "Terms of Use")]  # fmt: skip
    social = "".join(f'<li><a href="{url}" rel="noopener">{name}</a></li>' for name, url in _SOCIAL)
    return (
        '<aside class="page-feedback">Was this page helpful? <button>Yes</button> '
        "<button>No</button></aside>"
        f'<footer class="site-footer"><div class="page-meta"><p class="page-updated">{label} '
        f'<time datetime="{iso(page.modified)}">{us_date(page.modified)}</time></p></div>'
        '<div class="footer-columns"><div class="footer-col"><h2>City Hall</h2>'
        "<p>200 Main Street<br>Riverbend<br>Monday–Friday, 8:00 am – 4:30 pm</p>"
        "<p>Phone: (555) 014-2000<br>Emergencies: 911</p></div>"
        f'<div class="footer-col"><h2>Quick Links</h2><ul>{_links(base, quick)}</ul></div>'
        f'<div class="footer-col"><h2>Connect</h2><ul>{social}</ul></div>'
        f'<div class="footer-col"><h2>Policies</h2><ul>{_links(base, policies)}</ul></div></div>'
        f'<p class="copyright">© {catalog.today.year} {SITE}. All rights reserved.</p></footer>'
    )


def document(catalog: Catalog, base: str, page: Page, main: str, meta: Meta) -> str:
    """A whole page of the site around ``main``."""
    return (
        f'{_head(catalog, base, page, meta)}\n<body class="{meta.body_class}">'
        f"{_header(catalog, base)}{_breadcrumbs(catalog, base, page)}"
        f'<main id="main-content" class="site-main">{main}</main>'
        f"{_footer(catalog, base, page, meta.footer_label)}</body></html>"
    )
