"""The main content of Ekbacka's pages that are not dated entries: the start page, section
fronts, services and standing pages."""

from __future__ import annotations

from html import escape

from .catalog import EVENTS_LISTING, NEWS_LISTING, Catalog, Page
from .chrome import Meta
from .content import Section, Service, StandingPage
from .posts import event_item, news_item

Rendered = tuple[str, Meta]
_OWNERS = {
    "barn-och-utbildning": "Barn- och utbildningsförvaltningen",
    "bygga-bo-och-miljo": "Samhällsbyggnadsförvaltningen",
    "omsorg-och-stod": "Socialförvaltningen",
    "uppleva-och-gora": "Kultur- och fritidsförvaltningen",
    "naringsliv-och-arbete": "Näringslivsenheten",
    "kommun-och-politik": "Kommunledningsförvaltningen",
}
_SHORTCUTS = (
    "barn-och-utbildning/forskola/ansok-om-plats-i-forskola.html",
    "bygga-bo-och-miljo/bygglov-och-anmalan/ansok-om-bygglov.html",
    "bygga-bo-och-miljo/avfall-och-atervinning/sophamtning-och-tomningsschema.html",
    "omsorg-och-stod/aldreomsorg/ansok-om-hemtjanst.html",
    "uppleva-och-gora/idrott-och-motion/simhallen-ekbackabadet.html",
    "naringsliv-och-arbete/lediga-jobb.html",
)


def owner(address: str) -> str:
    return _OWNERS.get(address.split("/")[0].removesuffix(".html"), "Kommunikationsavdelningen")


def _links(base: str, pages: list[Page]) -> str:
    items = "".join(f'<li><a href="{base}{p.address}">{escape(p.title)}</a></li>' for p in pages)
    return f'<ul class="link-list">{items}</ul>'


def service(catalog: Catalog, base: str, page: Page) -> Rendered:
    item: Service = page.item
    button = (
        f'<p><a class="button" href="https://e-tjanster.ekbacka.example/{page.address[:-5]}">'
        "Till e-tjänsten</a></p>"
        if item.eservice
        else ""
    )
    main = (
        f'<article class="service"><h1 class="heading">{escape(item.title)}</h1>'
        f'<p class="ingress">{escape(item.summary)}</p>{button}'
        f'<div class="sv-text-portlet">{"".join(f"<p>{escape(p)}</p>" for p in item.paragraphs)}'
        '</div><div class="contact-box"><h2>Kontakt</h2><p>Kontaktcenter<br>Telefon: '
        "0555-10 00 00<br>E-post: kommunen@ekbacka.example</p></div></article>"
    )
    meta = Meta(
        og_type="article" if item.article_template else "website",
        template="artikel" if item.article_template else "standard",
        reviewed=True,
        published=item.created if item.article_template else None,
        description=item.summary,
        owner=owner(page.address),
    )
    return main, meta


def standing(catalog: Catalog, base: str, page: Page) -> Rendered:
    item: StandingPage = page.item
    children = catalog.children(page.address)
    extra = (
        f"<h2>Mer om {escape(item.title.lower())}</h2>{_links(base, children)}" if children else ""
    )
    main = (
        f'<article class="page"><h1 class="heading">{escape(item.title)}</h1>'
        f'<p class="ingress">{escape(item.paragraphs[0])}</p>'
        f"{''.join(f'<p>{escape(p)}</p>' for p in item.paragraphs[1:])}{extra}</article>"
    )
    meta = Meta(og_type="article", template="artikel", description=item.paragraphs[0][:160],
                owner=owner(page.address), reviewed=item.kind == "service")  # fmt: skip
    return main, meta


def hub(catalog: Catalog, base: str, page: Page) -> Rendered:
    """A section front: its pages as cards, and for a top section the latest of its news."""
    intro = page.item.intro if isinstance(page.item, Section) else page.item.paragraphs[0]
    cards = "".join(
        f'<li class="card"><a href="{base}{child.address}"><h2>{escape(child.title)}</h2></a>'
        + (f"<p>{escape(child.item.summary)}</p>" if isinstance(child.item, Service) else "")
        + "</li>"
        for child in catalog.children(page.address)
    )
    news = catalog.news_in(page.address.removesuffix(".html"))[:3]
    current = (
        f'<section class="current"><h2>Aktuellt</h2><ul>'
        f"{''.join(news_item(base, post, with_ingress=False) for post in news)}</ul>"
        f'<p><a href="{base}{NEWS_LISTING}">Fler nyheter</a></p></section>'
        if news
        else ""
    )
    main = (
        f'<div class="hub"><h1 class="heading">{escape(page.title)}</h1>'
        f'<p class="ingress">{escape(intro)}</p><ul class="cards">{cards}</ul>{current}</div>'
    )
    return main, Meta(template="ingang", description=intro[:160], owner=owner(page.address))


def home(catalog: Catalog, base: str, page: Page) -> Rendered:
    shortcuts = _links(base, [catalog.pages[where] for where in _SHORTCUTS])
    news = "".join(news_item(base, post) for post in catalog.content.news[:5])
    events = "".join(event_item(base, event) for event in catalog.upcoming_events()[:4])
    main = (
        '<div class="start"><h1 class="visually-hidden">Ekbacka kommun</h1>'
        f'<section class="shortcuts"><h2>Snabbval</h2>{shortcuts}</section>'
        f'<section class="news"><h2>Nyheter</h2><ul>{news}</ul>'
        f'<p><a href="{base}{NEWS_LISTING}">Alla nyheter</a></p></section>'
        f'<section class="events"><h2>Evenemang</h2><ul>{events}</ul>'
        f'<p><a href="{base}{EVENTS_LISTING}">Alla evenemang</a></p></section></div>'
    )
    return main, Meta(template="startsida", description="Välkommen till Ekbacka kommun.")
