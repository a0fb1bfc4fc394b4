"""What a page says about itself that tells news apart from the rest of a portal.

On portals where every page is dated, a date alone tells nothing: the evidence is what kind
of date the page gives (a publication date — a byline, ``article:published_time``, an
article's ``datePublished`` — or only a modification date: ``moddate``, ``dateModified``,
"last updated"), what type it declares (``NewsArticle`` or ``Event``, ``ContactPage``…) and
what it looks like (running text under a headline, or a hub of links, or a form). Where the
page sits on its site is read by ``sections``; ``verdict`` weighs it all.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

# Declared types that are news, and types whose pages are something else (events are not news).
NEWS_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "pressrelease",
        "report",
        "scholarlyarticle",
    }
)
OTHER_TYPES = frozenset(
    {
        "event",
        "businessevent",
        "educationevent",
        "socialevent",
        "exhibitionevent",
        "festival",
        "contactpage",
        "aboutpage",
        "faqpage",
        "qapage",
        "service",
        "governmentservice",
        "collectionpage",
        "itemlist",
        "searchresultspage",
        "profilepage",
        "jobposting",
        "product",
        "place",
        "course",
    }
)
# Names of meta tags that hold a publication date, never a modification date.
PUBLISHED_META = frozenset(
    {
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish_date",
        "publication_date",
        "dc.date.issued",
        "dcterms.issued",
        "citation_publication_date",
        "parsely-pub-date",
    }
)
MODIFIED_META = frozenset(
    {"moddate", "article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
     "dcterms.modified", "last-modified", "revised"}
)  # fmt: skip
# A label before a date that makes it a publication date, or a modification date.
PUBLISHED_LABEL = re.compile(
    r"(posted|published|publicerad|publicerat|publiserad|publisert|veröffentlicht|"
    r"опубликовано|дата публикации|发布时间|发布日期|发表时间|发布于|жарияланған|"
    r"e[ʼ']lon qilingan|эълон қилинган)",
    re.IGNORECASE,
)
MODIFIED_LABEL = re.compile(
    r"(updated|modified|reviewed|revised|uppdaterad|ändrad|granskad|обновлено|изменено|"
    r"дата изменения|更新时间|修改时间|最后更新|жаңартылған|yangilangan)",
    re.IGNORECASE,
)
_PUBLISHED_TIME_CLASS = re.compile(r"publish|posted|entry-date|pubdate", re.IGNORECASE)
_MODIFIED_TIME_CLASS = re.compile(r"updated|modified", re.IGNORECASE)
BYLINE_WINDOW = 200  # characters after the headline where a byline's date stands
LABEL_REACH = 40  # characters between a label and the date it names


@dataclass(frozen=True)
class PageEvidence:
    """What one page declares and shows about itself."""

    types: frozenset[str] = frozenset()  # JSON-LD @types, lower case
    og_article: bool = False  # og:type=article (many CMSs give it to every page)
    published: str | None = None  # where a publication date was read: meta, declared, byline
    modified: bool = False  # the page gives a modification date
    paragraphs: int = 0  # blocks of running text in the main region
    link_density: float = 1.0  # share of the main region's text that is link text
    form_fields: int = 0  # fields of the largest form that is not a search box

    @property
    def declared_news(self) -> str | None:
        found = sorted(self.types & NEWS_TYPES)
        return found[0] if found else None

    @property
    def declared_other(self) -> str | None:
        found = sorted(self.types & OTHER_TYPES)
        return found[0] if found else None

    @property
    def article_shape(self) -> bool:
        """Text more than links, and no form: what an article of any length looks like."""
        return self.link_density < 0.5 and self.form_fields < 3

    @property
    def running_text(self) -> bool:
        return self.paragraphs >= 2 and self.article_shape

    @property
    def shape(self) -> str:
        if self.form_fields >= 3:
            return "a form"
        if self.running_text:
            return "running text"
        return "a hub of links" if self.link_density >= 0.5 else "little running text"


def jsonld_nodes(tree: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of a page, inside lists and ``@graph`` too."""
    nodes: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            stack: list[Any] = [json.loads(script)]
        except ValueError:
            continue
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                nodes.append(node)
                graph = node.get("@graph")
                stack.extend(graph if isinstance(graph, list) else [])
    return nodes


def node_types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    return {value.lower() for value in (kind if isinstance(kind, list) else [kind]) if
            isinstance(value, str)}  # fmt: skip


def head_evidence(tree: lxml_html.HtmlElement) -> tuple[frozenset[str], bool, str | None, bool]:
    """(declared types, og:type=article, publication date source, modification date) from the
    page's head and structured data, read before the page is cut down to its main region."""
    nodes = jsonld_nodes(tree)
    types: set[str] = set()
    published = None
    modified = False
    for node in nodes:
        kinds = node_types(node)
        types |= kinds
        if kinds & NEWS_TYPES and node.get("datePublished"):
            published = "declared"
        modified = modified or bool(node.get("dateModified"))
    og_article = tree.xpath("string(//meta[@property='og:type']/@content)").strip().lower()
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if not (meta.get("content") or "").strip():
            continue
        if name in PUBLISHED_META and published is None:
            published = "meta"
        modified = modified or name in MODIFIED_META
    return frozenset(types), og_article == "article", published, modified


def form_fields(tree: lxml_html.HtmlElement) -> int:
    """Fields of the largest form that asks for more than a search: a form page's mark."""
    largest = 0
    for form in tree.iter("form"):
        if form.get("role") == "search":
            continue
        fields = [
            field
            for field in form.iter("input", "select", "textarea")
            if (field.get("type") or "").lower() not in ("hidden", "submit", "button", "search")
        ]
        largest = max(largest, len(fields))
    return largest


def byline_published(region: lxml_html.HtmlElement, date_pattern: re.Pattern[str]) -> str | None:
    """``byline`` when the main region shows a publication date: a ``<time>`` marked as the
    published one, a date after a "published" label, or a date in the line under the headline
    that no "updated" label claims."""
    for time in region.iter("time"):
        marks = f"{time.get('class', '')} {time.get('itemprop', '')}"
        if time.get("pubdate") is not None or (
            _PUBLISHED_TIME_CLASS.search(marks) and not _MODIFIED_TIME_CLASS.search(marks)
        ):
            return "byline"
    if region.xpath(".//*[@itemprop='datePublished']"):
        return "byline"
    text = " ".join(" ".join(region.itertext()).split())  # blocks apart, as they read
    for label in PUBLISHED_LABEL.finditer(text):
        if date_pattern.search(text, label.end(), label.end() + LABEL_REACH):
            return "byline"
    headline = region.find(".//h1")
    start = 0
    if headline is not None:
        title = " ".join(" ".join(headline.itertext()).split())
        start = text.find(title) + len(title) if title and title in text else 0
    window = text[start : start + BYLINE_WINDOW]
    found = date_pattern.search(window)
    if found and not MODIFIED_LABEL.search(window[max(found.start() - LABEL_REACH, 0) :
                                                  found.start()]):  # fmt: skip
        return "byline"
    return None
