"""Ekbacka kommun's page shell, after SiteVision: Dublin Core and Open Graph metadata, a header
with the top sections, a breadcrumb, and the page-information footer with its dates.

Every page declares its last change in its head (``DC.date.modified`` and ``moddate``, beside
``DC.date.created``) and in its page information: "Sidan granskades: 2024-03-12" on the pages a
content owner reviews (services), "Senast uppdaterad: 12 mars 2024" elsewhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from .catalog import Catalog, Page
from .dates import swedish_date

SITE = "Ekbacka kommun"
FEED = (
    "4.5d1a2b3c18f0e7a6b4c1001/12.5d1a2b3c18f0e7a6b4c1a2f.portlet",
    "state=rss&sv.contenttype=text/xml;charset=UTF-8",
)
_RESOURCES = "sitevision/system-resource/c6e0f1a2b3d4e5f60718293a4b5c6d7e8f90a1b2"
_TOP = (
    ("barn-och-utbildning.html", "Barn och utbildning"),
    ("bygga-bo-och-miljo.html", "Bygga, bo och miljö"),
    ("omsorg-och-stod.html", "Omsorg och stöd"),
    ("uppleva-och-gora.html", "Uppleva och göra"),
    ("kommun-och-politik.html", "Kommun och politik"),
    ("naringsliv-och-arbete.html", "Näringsliv och arbete"),
)
_SOCIAL = (
    ("Facebook", "https://facebook.example/ekbackakommun"),
    ("Instagram", "https://instagram.example/ekbackakommun"),
    ("LinkedIn", "https://linkedin.example/company/ekbacka-kommun"),
)


def feed_url(base: str) -> str:
    return f"{base}{FEED[0]}?{FEED[1]}"


@dataclass(frozen=True)
class Meta:
    """What a page says about itself beyond its title, canonical link and dates."""

    og_type: str = "website"
    template: str = "standard"  # the CMS template, shown in the root element's class
    schema: tuple[Any, ...] = ()  # JSON-LD objects (NewsArticle, Event)
    reviewed: bool = False  # "Sidan granskades" instead of "Senast uppdaterad"
    published: datetime | None = None  # a "Publicerad" line in the page information
    description: str = ""
    owner: str = "Kommunikationsavdelningen"


def _head(base: str, page: Page, meta: Meta) -> str:
    url = escape(base + page.address)
    title = escape(f"{page.title} - {SITE}" if page.address else SITE)
    tags = [
        '<meta charset="utf-8">',
        "<script>(function(c){c.add('sv-js');c.remove('sv-no-js');})"
        "(document.documentElement.classList)</script>",
        f"<title>{title}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="description" content="{escape(meta.description)}">',
        f'<meta name="DC.title" content="{escape(page.title)}">',
        '<meta name="DC.language" content="sv">',
        f'<meta name="DC.date.created" content="{page.created:%Y-%m-%d}">',
        f'<meta name="DC.date.modified" content="{page.modified:%Y-%m-%d}">',
        f'<meta name="moddate" content="{page.modified:%Y-%m-%d %H:%M}">',
        f'<meta property="og:title" content="{escape(page.title)}">',
        f'<meta property="og:type" content="{meta.og_type}">',
        f'<meta property="og:url" content="{url}">',
        f'<meta property="og:site_name" content="{SITE}">',
        '<meta property="og:locale" content="sv_SE">',
        f'<link rel="canonical" href="{url}">',
        f'<link rel="alternate" type="application/rss+xml" title="Nyheter från {SITE}" '
        f'href="{escape(feed_url(base))}">',
        f'<link rel="stylesheet" href="{base}{_RESOURCES}/css/portlets.css">',
        f'<link rel="stylesheet" href="{base}webdav/files/system/css/ekbacka.css">',
        f'<script src="{base}{_RESOURCES}/js/jquery.js"></script>',
    ]
    for data in meta.schema:
        text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
        tags.append(f'<script type="application/ld+json">{text}</script>')
    return (
        f'<!DOCTYPE html>\n<html lang="sv" class="sv-no-js sv-template-{meta.template}">\n'
        "<head>\n" + "\n".join(tags) + "\n</head>"
    )


def _header(base: str) -> str:
    top = "".join(f'<li><a href="{base}{where}">{escape(name)}</a></li>' for where, name in _TOP)
    return (
        '<a class="env-skip-link" href="#innehall">Gå direkt till innehållet</a>'
        '<div class="cookie-banner" role="region" aria-label="Kakor">Vi använder kakor för att '
        "webbplatsen ska fungera och för anonym besöksstatistik. "
        f'<a href="{base}om-webbplatsen/kakor.html">Läs mer om kakor</a> '
        "<button>Godkänn alla</button> <button>Endast nödvändiga</button></div>"
        '<header class="sv-layout header"><div class="header__tools">'
        '<button class="tool">Lyssna</button> <button class="tool">Translate</button> '
        f'<a href="{base}kontakta-oss.html">Kontakta oss</a></div>'
        f'<a class="logo" href="{base}"><img src="{base}webdav/images/ekbacka-logo.svg" '
        f'alt="{SITE}, till startsidan"></a>'
        f'<form class="search" action="{base}sok.html" method="get"><label for="q">Sök på '
        'webbplatsen</label><input id="q" name="query" type="search"><button>Sök</button></form>'
        f'<nav class="main-menu" aria-label="Huvudmeny"><ul>{top}'
        f'<li><a href="{base}nyheter.html">Nyheter</a></li>'
        f'<li><a href="{base}uppleva-och-gora/evenemang.html">Evenemang</a></li></ul></nav>'
        "</header>"
    )


def _breadcrumbs(catalog: Catalog, base: str, page: Page) -> str:
    if not page.address:
        return ""
    trail = "".join(
        f'<li><a href="{base}{p.address}">{escape(p.title)}</a></li>' for p in catalog.crumbs(page)
    )
    return (
        f'<nav class="breadcrumbs" aria-label="Du är här"><ol>{trail}'
        f'<li aria-current="page">{escape(page.title)}</li></ol></nav>'
    )


def _page_info(page: Page, meta: Meta) -> str:
    lines = []
    if meta.published is not None:
        lines.append(f"Publicerad: {meta.published:%Y-%m-%d}")
    if meta.reviewed:
        lines.append(f"Sidan granskades: {page.modified:%Y-%m-%d}")
    else:
        lines.append(f"Senast uppdaterad: {swedish_date(page.modified)}")
    lines.append(f"Sidansvarig: {meta.owner}")
    items = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return (
        f'<footer class="sv-page-info">{items}</footer>'
        '<div class="feedback">Hittade du den information du sökte? <button>Ja</button> '
        "<button>Nej</button></div>"
    )


def _footer(base: str) -> str:
    links = (
        ("kontakta-oss.html", "Kontakta oss"),
        ("om-webbplatsen.html", "Om webbplatsen"),
        ("om-webbplatsen/tillganglighetsredogorelse.html", "Tillgänglighetsredogörelse"),
        ("om-webbplatsen/behandling-av-personuppgifter.html", "Personuppgifter"),
        ("om-webbplatsen/kakor.html", "Kakor"),
        ("naringsliv-och-arbete/lediga-jobb.html", "Lediga jobb"),
        ("nyheter/press.html", "Press"),
    )
    items = "".join(f'<li><a href="{base}{where}">{escape(name)}</a></li>' for where, name in links)
    social = "".join(f'<li><a href="{url}">{name}</a></li>' for name, url in _SOCIAL)
    return (
        f'<footer class="site-footer"><div class="footer__contact"><h2>{SITE}</h2>'
        "<p>Storgatan 1, 555 55 Ekbacka</p><p>Telefon: 0555-10 00 00</p>"
        "<p>E-post: kommunen@ekbacka.example</p></div>"
        f'<ul class="footer__links">{items}</ul><ul class="footer__social">{social}</ul></footer>'
    )


def document(catalog: Catalog, base: str, page: Page, main: str, meta: Meta) -> str:
    """A whole page of the site around ``main``."""
    return (
        f'{_head(base, page, meta)}\n<body class="sv-responsive"><div class="sv-layout">'
        f"{_header(base)}{_breadcrumbs(catalog, base, page)}"
        f'<main id="innehall" class="sv-layout main">{main}{_page_info(page, meta)}</main>'
        f"{_footer(base)}</div></body></html>"
    )
