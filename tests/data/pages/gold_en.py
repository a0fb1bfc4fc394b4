"""English gold pages: Drupal with og:/JSON-LD, WordPress, a UN-style press release."""

from __future__ import annotations

import json

from gold_model import Img, Page, Raw, Table
from gold_templates import drupal, wordpress, zh_portal


def jsonld(graph: list[dict]) -> str:
    data = json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False)
    return f'<script type="application/ld+json">{data}</script>'


DRUPAL_URL = "https://www.foreign.example.org/news/minister-receives-osce-delegation"
EN_DRUPAL_JSONLD = Page(
    name="en-drupal-jsonld",
    template=drupal,
    url=DRUPAL_URL,
    site="Ministry of Foreign Affairs",
    title="Minister receives OSCE delegation on regional water security",
    lang="en",
    timezone="Asia/Tashkent",
    head="\n".join(
        [
            '<meta property="og:site_name" content="Ministry of Foreign Affairs" />',
            '<meta property="og:type" content="article" />',
            f'<meta property="og:url" content="{DRUPAL_URL}" />',
            '<meta property="og:title" content="Minister receives OSCE delegation on regional water security" />',
            '<meta property="og:image" content="https://www.foreign.example.org/sites/default/files/2023-11/minister-osce.jpg" />',
            '<meta property="article:published_time" content="2023-11-02T14:00:00+05:00" />',
            '<meta property="article:modified_time" content="2023-11-04T20:12:00+05:00" />',
            jsonld(
                [
                    {
                        "@type": "NewsArticle",
                        "headline": "Minister receives OSCE delegation on regional water security",
                        "datePublished": "2023-11-02T09:00:00+00:00",
                        "dateModified": "2023-11-04T15:12:00+00:00",
                        "author": {"@type": "Organization", "name": "Press and Information Department"},
                        "publisher": {"@type": "Organization", "@id": "https://www.foreign.example.org/#org", "name": "Ministry of Foreign Affairs"},
                        "mainEntityOfPage": DRUPAL_URL,
                    },
                    {"@type": "Organization", "@id": "https://www.foreign.example.org/#org", "name": "Ministry of Foreign Affairs", "logo": {"@type": "ImageObject", "url": "https://www.foreign.example.org/themes/custom/gov/logo.svg"}},
                ]
            ),
        ]
    ),
    byline='<div class="field field--name-field-date"><time datetime="2023-11-02T09:00:00Z">2 November 2023</time></div>',
    blocks=[
        "The Minister of Foreign Affairs today received a delegation of the Organization for Security and Co-operation in Europe led by the Co-ordinator of OSCE Economic and Environmental Activities.",
        Img("/sites/default/files/2023-11/minister-osce.jpg", "The Minister and the OSCE Co-ordinator at the Ministry", "The Minister with the OSCE delegation at the Ministry of Foreign Affairs.", "figure", size=(1200, 800)),
        "The sides discussed cooperation on water security in Central Asia, including the modernisation of irrigation systems, early warning of floods and mudflows, and the exchange of hydrological data between upstream and downstream countries.",
        "The Minister noted that the rational use of transboundary water resources is a priority of the country's foreign policy and called for more regional projects that combine technical assistance with training for national specialists.",
        Img("/sites/default/files/2023-11/talks-table.jpg", "Talks between the delegations", "", "plain", size=(1200, 800)),
        "The OSCE Co-ordinator welcomed the country's initiatives and confirmed the organization's readiness to support a regional dialogue on water and climate next year.",
    ],
    expect={"title": "Minister receives OSCE delegation on regional water security", "published": "2023-11-02T09:00:00+00:00", "published_source": "jsonld", "author": "Press and Information Department", "language": "en"},
    options={"related": [("/news/minister-meets-eu-special-representative", "Minister meets EU Special Representative", "31 October 2023"), ("/news/consultations-with-japan", "Political consultations with Japan", "27 October 2023")]},
    not_contains=["EU Special Representative", "Political consultations"],
)

EN_WP_SHORT = Page(
    name="en-wordpress-short",
    template=wordpress,
    url="https://www.cacf.example/2024/03/05/board-meets-in-almaty/",
    site="Central Asia Cooperation Foundation",
    title="Board of Trustees meets in Almaty",
    lang="en-US",
    byline='<span class="posted-on">Posted on <a href="https://www.cacf.example/2024/03/05/board-meets-in-almaty/" rel="bookmark"><time class="entry-date published updated" datetime="2024-03-05T14:00:00+00:00">March 5, 2024</time></a></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="https://www.cacf.example/author/press/">Press Office</a></span></span>',
    blocks=[
        "The Board of Trustees of the Foundation met in Almaty on 4 March and approved the programme of grants for 2024. Applications will open on 1 April.",
    ],
    expect={"title": "Board of Trustees meets in Almaty", "published": "2024-03-05T14:00:00+00:00", "published_source": "time", "author": "Press Office", "language": "en"},
    options={"ui": "en", "home": "https://www.cacf.example/", "id": 812, "prev": "Annual report 2023 published", "next": "Grant programme opens", "recent": [("https://www.cacf.example/2024/02/20/annual-report/", "Annual report 2023 published")]},
    not_contains=["Posted on", "Annual report"],
)

EN_URL_DATE = Page(
    name="en-gov-urldate",
    template=wordpress,
    url="https://www.regionalcouncil.example/news/2021/10/16/water-experts-meet-in-tashkent/",
    site="Regional Water Council",
    title="Water experts meet in Tashkent",
    lang="en-GB",
    byline='<span class="byline">By <span class="author vcard"><a class="url fn n" href="https://www.regionalcouncil.example/author/jdoe/">Jane Doe</a></span></span>',
    blocks=[
        "Experts from five countries met in Tashkent this week to review the results of the joint monitoring of the Amu Darya and Syr Darya basins.",
        "The meeting agreed on a common format for sharing data on water flows and reservoir levels, which will be published on the Council's website every ten days during the growing season.",
        "Participants also discussed training for young hydrologists and the renewal of gauging stations damaged by floods last spring.",
    ],
    expect={"title": "Water experts meet in Tashkent", "published": "2021-10-16", "published_source": "url", "author": "Jane Doe", "language": "en"},
    options={"ui": "en", "home": "https://www.regionalcouncil.example/", "id": 377, "year": 2021, "prev": "Council secretariat moves to new premises", "next": "Call for papers: water and climate", "recent": [("https://www.regionalcouncil.example/news/2021/10/12/new-premises/", "Council secretariat moves to new premises")]},
    not_contains=["By Jane Doe", "new premises", "Call for papers"],
)

EN_UPDATED = Page(
    name="en-updated",
    template=drupal,
    url="https://www.trade.example.gov/newsroom/export-support-programme-extended",
    site="Ministry of Trade",
    title="Export support programme extended to Central Asian markets",
    lang="en",
    head='<meta name="author" content="Communications Unit" />\n<meta property="article:modified_time" content="2023-11-04T10:00:00+00:00" />',
    byline='<div class="field field--name-field-published">Published: 2 November 2023</div><div class="field field--name-field-updated">Last updated: 4 November 2023</div>',
    blocks=[
        "The Ministry of Trade has extended its export support programme to cover exporters entering the markets of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan.",
        "Eligible companies can receive co-financing for participation in trade fairs, market research and certification of their products for the Eurasian Economic Union.",
        "The ministry expects at least 150 small and medium-sized enterprises to benefit from the programme in its first year.",
    ],
    expect={"title": "Export support programme extended to Central Asian markets", "published": "2023-11-02", "published_source": "byline", "author": "Communications Unit", "language": "en"},
    options={"type": "press_release", "related": [("/newsroom/trade-mission-to-astana", "Trade mission to Astana", "20 October 2023")]},
    not_contains=["Published:", "Last updated", "Trade mission to Astana"],
)

EN_REPORT_TABLE = Page(
    name="en-report-table",
    template=wordpress,
    url="https://www.caeri.example/2022/07/18/regional-trade-report-2021/",
    site="Central Asia Economic Research Institute",
    title="Regional trade report 2021: intra-regional trade recovers",
    lang="en-US",
    timezone="Asia/Tashkent",
    byline='<span class="posted-on">Posted on <a href="https://www.caeri.example/2022/07/18/regional-trade-report-2021/" rel="bookmark"><time class="entry-date published" datetime="2022-07-18T08:30:00+05:00">July 18, 2022</time></a></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="https://www.caeri.example/author/akarimov/">Ahmad Karimov</a></span></span>',
    blocks=[
        "The Institute has published its annual report on trade between the countries of Central Asia. The report finds that intra-regional trade recovered strongly in 2021 after the decline caused by the pandemic.",
        "Total trade between the five countries reached 6.9 billion US dollars, an increase of 28 per cent on the previous year. Growth was driven by food products, construction materials and energy.",
        "The table below shows each country's trade with the rest of the region:",
        Table((("Country", "Trade with the region, USD million", "Change on 2020"), ("Kazakhstan", "2,890", "+24%"), ("Uzbekistan", "2,410", "+35%"), ("Kyrgyzstan", "820", "+19%"), ("Tajikistan", "510", "+31%"), ("Turkmenistan", "270", "+12%"))),
        "The authors note that non-tariff barriers remain the main obstacle to further growth. Differences in technical regulations, long waiting times at border crossings and the limited use of electronic documents raise the cost of trade for small firms in particular.",
        "The report recommends mutual recognition of certificates of conformity, the introduction of electronic queues at the busiest crossings and a regional single window for trade documents.",
        "It also suggests that governments publish monthly trade statistics in a common format, so that businesses can follow the market more easily.",
        "The full report is available in English and Russian on the Institute's website.",
    ],
    expect={"title": "Regional trade report 2021: intra-regional trade recovers", "published": "2022-07-18T08:30:00+05:00", "published_source": "time", "author": "Ahmad Karimov", "language": "en"},
    options={"ui": "en", "home": "https://www.caeri.example/", "id": 1502, "year": 2022, "prev": "Seminar on customs statistics", "next": "Call for research fellows", "recent": [("https://www.caeri.example/2022/07/01/seminar/", "Seminar on customs statistics")], "pixel": "https://www.caeri.example/wp-content/plugins/counter/pixel.gif?id=1502"},
    not_contains=["Posted on", "Seminar on customs", "research fellows"],
)

EN_UN_STYLE = Page(
    name="en-un-style",
    template=zh_portal,
    url="https://www.unrcca.example/news/deputy-special-representative-opens-water-dialogue",
    site="UN Regional Centre for Preventive Diplomacy",
    title="Deputy Special Representative opens regional water dialogue",
    lang="en",
    title_tag="Deputy Special Representative opens regional water dialogue | UN Regional Centre for Preventive Diplomacy",
    byline='<li class="date">12 May 2023</li>',
    blocks=[
        "The Deputy Special Representative of the Secretary-General opened the regional dialogue on water and climate in Ashgabat on 11 May, bringing together officials and experts from the five Central Asian countries and Afghanistan.",
        Img("/sites/default/files/styles/large/public/2023-05/water-dialogue.jpg", "Participants of the regional water dialogue in Ashgabat", "Participants of the regional water dialogue in Ashgabat.", "centred"),
        "In her opening remarks, she said that climate change is making water management harder every year and that only joint solutions can protect the livelihoods of millions of people in the basin.",
        "The two-day dialogue will discuss the rehabilitation of shared infrastructure, data exchange and the role of women in water management.",
    ],
    expect={"title": "Deputy Special Representative opens regional water dialogue", "published": "2023-05-12", "published_source": "byline", "author": "UN Regional Centre for Preventive Diplomacy", "language": "en"},
    options={
        "labels": {"skip": "Skip to main content", "home": "Home", "sitemap": "Site map", "news": "News", "about": "About", "service": "Documents", "latest": "Latest news", "print": "Print", "back": "Back", "share": "Share", "visits": "Visitors"},
        "latest": [("/news/srsg-visits-dushanbe", "SRSG visits Dushanbe", "8 May 2023")],
        "footer": "United Nations. All rights reserved.",
    },
    not_contains=["SRSG visits Dushanbe", "Visitors"],
)

EN_LAZY = Page(
    name="en-drupal-lazy-images",
    template=drupal,
    url="https://www.mfa.example.kg/en/news/delegation-visits-issyk-kul",
    site="Ministry of Foreign Affairs of the Kyrgyz Republic",
    title="Diplomatic corps visits Issyk-Kul region",
    lang="en",
    timezone="Asia/Bishkek",
    head='<meta property="article:published_time" content="2024-04-17T12:30:00+06:00" />',
    byline='<div class="field field--name-field-author">By Aliya Bekova</div>',
    blocks=[
        "Heads of diplomatic missions accredited in the Kyrgyz Republic visited the Issyk-Kul region on 16 April at the invitation of the Ministry of Foreign Affairs.",
        Img("/core/misc/loading.gif", "image", "", "plain", expect_alt="", lazy="/sites/default/files/2024-04/diplomats-cholpon-ata.jpg"),
        "The diplomats were briefed on the region's investment projects in tourism, renewable energy and agriculture, and visited the petroglyphs of Cholpon-Ata.",
        Raw('<p><img src="/themes/custom/gov/icons/arrow-right.svg" width="12" height="12" alt="" /> The programme also included a meeting with the governor of the region.</p>', ("The programme also included a meeting with the governor of the region.",)),
        Img("/core/misc/loading.gif", "photo", "", "plain", expect_alt="", lazy="/sites/default/files/2024-04/diplomats-governor.jpg"),
        "The ministry plans to organise similar visits to other regions of the country later this year.",
    ],
    expect={"title": "Diplomatic corps visits Issyk-Kul region", "published": "2024-04-17T12:30:00+06:00", "published_source": "meta", "author": "Aliya Bekova", "language": "en"},
    options={"related": [("/en/news/minister-meets-ambassadors", "Minister meets ambassadors of EU countries", "10 April 2024")], "year": 2024},
    not_contains=["By Aliya", "ambassadors of EU"],
)

PAGES = [EN_DRUPAL_JSONLD, EN_WP_SHORT, EN_URL_DATE, EN_UPDATED, EN_REPORT_TABLE, EN_UN_STYLE, EN_LAZY]
