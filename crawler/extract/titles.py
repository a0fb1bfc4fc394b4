"""Find the headline: compare what the page says in <h1>, og:title, JSON-LD and <title>."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .chrome import in_chrome
from .markup import Element
from .metadata import PageMetadata, jsonld_first, jsonld_names
from .nodes import (
    attr,
    clean_text,
    comes_after,
    elements,
    first,
    node_text,
    select_one,
    short_text,
    strings,
)

logger = logging.getLogger(__name__)

# Separators CMSs put between a headline and a site name or category label. A bare hyphen
# is not one: "中国-中亚" is a headline; spaced dashes and pipes, "_" and "｜" are.
_SEPARATOR = re.compile(r"\s+[-–—|:·•»/]{1,2}\s+|\s*[_｜丨|]\s*|\s*::\s*")
# Looser separators for cutting a known site name off the end ("标题-秘书处"); a name in
# front needs a real separator, or "中国-中亚…" would lose "中国".
_LOOSE = r"(?:[\s\-–—_|｜丨:·•/]+|\s+»\s+)"  # "» " closes a «quote» unless spaced
# Any dash or bar, spaced or not: only for finding a segment the page also shows on its own.
_ANY_SEPARATOR = re.compile(r"\s*[-–—_|｜丨]\s*")
_STRONG = r"(?:\s+[-–—|:·•»/]{1,2}\s+|\s*[_｜丨|]\s*|\s*::\s*)"
_CATEGORY = re.compile(
    r"^(?:【(?P<bracket>[^】]{1,12})】|\[(?P<square>[^\]]{1,20})\]"
    r"|(?P<label>[^\s\-–—|｜丨:：]{1,12}(?: [^\s\-–—|｜丨:：]{1,12})?)"
    r"(?:\s+[-–—]\s+|\s*[|｜丨]\s*))\s*(?P<rest>.+)$"
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_MAX_TITLE = 300


@dataclass(frozen=True)
class Headline:
    """The cleaned headline and the element that shows it on the page, if any."""

    title: str
    element: Element | None


def comparable(text: str) -> str:
    """A form of a title for containment tests: no spaces, one kind of dash, lower case."""
    return "".join(text.split()).replace("—", "-").replace("–", "-").lower()


def site_names(root: Element, metadata: PageMetadata) -> list[str]:
    """Names the site calls itself: meta site names, JSON-LD publisher, logo text."""
    names = [
        metadata.first(key)
        for key in ("og:site_name", "application-name", "sitename", "apple-mobile-web-app-title")
    ]
    for node in metadata.nodes:
        names.extend(jsonld_names(metadata, node.get("publisher")))
    for img in root.iter("img"):
        hint = " ".join([attr(img, "src"), attr(img, "class"), attr(img, "id")]).lower()
        parent = img.getparent()
        if parent is not None:
            hint += " " + attr(parent, "class").lower()
        if "logo" in hint:
            names.extend([attr(img, "alt"), attr(img, "title")])
    cleaned = [clean_text(name) for name in names if name]
    return [name for name in dict.fromkeys(cleaned) if len(name) >= 2]


def _title_sources(root: Element, metadata: PageMetadata) -> list[str]:
    tag = first(root, "title")
    sources = [
        jsonld_first(metadata, "headline"),
        metadata.first("og:title", "twitter:title"),
        metadata.first("articletitle", "title", "dc.title"),
        clean_text("".join(strings(tag))) if tag is not None else None,
    ]
    return [source for source in sources if source and len(source) <= _MAX_TITLE]


def _best_heading(root: Element, names: list[str], sources: list[str]) -> Element | None:
    headings = _headings(root, names, sources)
    ranked = sorted(headings, key=lambda h: -_support(best_core(node_text(h), sources), sources))
    if not ranked:
        return None
    best = ranked[0]
    shown = _shown_core(root, sources[0], names) if sources else None
    if shown and len(shown) > len(node_text(best)):
        # The <h1> may be a section banner ("新闻中心") above the real headline, which
        # <title> names and an h2 or "title" div after the banner shows: prefer that.
        element = _element_showing(root, shown)
        if element is not None and comes_after(element, best):
            return None
    return best


def _headings(root: Element, names: list[str], sources: list[str]) -> list[Element]:
    found = []
    site = {comparable(name) for name in names}
    for heading in root.iter("h1"):
        text = node_text(heading)
        if not 2 <= len(text) <= _MAX_TITLE or comparable(text) in site:
            continue
        # An <h1> in a header or menu is usually the site's logo; one that says what the
        # page's own title says is the headline, whatever the template wraps it in.
        if not in_chrome(heading) or _declared(text, sources):
            found.append(heading)
    return found


def _declared(text: str, sources: list[str]) -> bool:
    """Whether ``text`` is what one of the page's titles (og:title, <title>…) says."""
    key = comparable(text)
    return bool(key) and any(key == comparable(best_core(source, [text])) for source in sources)


def _cores(text: str, separator: re.Pattern[str] = _SEPARATOR) -> list[str]:
    parts = separator.split(text)
    seps = separator.findall(text)
    cores = []
    for start in range(len(parts)):
        for end in range(start + 1, len(parts) + 1):
            pieces = [parts[start]]
            for index in range(start + 1, end):
                pieces += [seps[index - 1], parts[index]]
            cores.append("".join(pieces).strip())
    return [core for core in cores if core]


def _shown_core(root: Element, text: str, names: list[str]) -> str | None:
    # No usable <h1>: the part of <title> the page shows on its own in a heading is the headline.
    shown = set()
    for node in elements(root, "h2", "h3", "h4", "strong", "b", "td", "div", "span", "p"):
        if node.tag in ("div", "span", "p", "td") and "title" not in attr(node, "class").lower():
            continue
        if not in_chrome(node):
            shown.add(comparable(short_text(node, _MAX_TITLE) or ""))
    site = {comparable(name) for name in names}
    # "标题-站点名": Chinese CMSs join the two with a bare hyphen, which headlines use too.
    cores = {*_cores(text), *_cores(text, _ANY_SEPARATOR)}
    for core in sorted(cores, key=lambda core: (-len(core), core)):
        if comparable(core) in shown and comparable(core) not in site:
            return core
    return None


def _support(core: str, sources: list[str]) -> int:
    key = comparable(core)
    return sum(1 for source in sources if key and key in comparable(source))


def best_core(text: str, sources: list[str]) -> str:
    """The run of ``text``'s segments that the other sources confirm best (longest on ties)."""
    best, best_key = text, (_support(text, sources), len(text))
    for core in _cores(text):
        key = (_support(core, sources), len(core))
        if key > best_key:
            best, best_key = core, key
    return best


def strip_site_names(title: str, names: list[str]) -> str:
    """Cut site names off either end of a title ("标题_外交部", "SCO | Title")."""
    for name in sorted(names, key=len, reverse=True):
        escaped = re.escape(name)
        for pattern in (rf"^{escaped}{_STRONG}(?=\S)", rf"(?<=\S){_LOOSE}{escaped}$"):
            shorter = re.sub(pattern, "", title, flags=re.I).strip()
            if shorter and shorter != title:
                title = shorter
    return title


def _drop_short_end(title: str) -> str:
    # Only a <title> to go on and no site name known: the shorter end segment is the site.
    parts = [part for part in _SEPARATOR.split(title) if part.strip()]
    if len(parts) < 2:
        return title
    if len(parts[-1]) < len(title) - len(parts[-1]) - 3:
        return title[: title.rfind(parts[-1])].rstrip(" -–—_|｜丨:·•»/")
    return title


def strip_category(title: str, sources: list[str]) -> str:
    """Drop a leading CMS label (``官方 - …``, ``【视频】…``) that is not part of the headline."""
    match = _CATEGORY.match(title)
    if not match:
        return title
    label = match.group("bracket") or match.group("square") or match.group("label") or ""
    rest = match.group("rest").strip()
    if len(rest) < 2 * len(label) or len(rest) < 4:
        return title
    bracketed = bool(match.group("bracket") or match.group("square"))
    confirmed = any(
        comparable(rest) in comparable(source) and comparable(title) not in comparable(source)
        for source in sources
    )
    short_cjk_label = bool(_CJK.search(label)) and len(label) <= 4
    return rest if bracketed or confirmed or short_cjk_label else title


def find_headline(root: Element, metadata: PageMetadata, selector: str | None = None) -> Headline:
    """The article's headline, cleaned of site names and category labels, and its element."""
    names = site_names(root, metadata)
    sources = _title_sources(root, metadata)
    if selector:
        chosen = select_one(root, selector)
        if chosen is not None and node_text(chosen):
            return Headline(node_text(chosen), chosen)
        logger.debug("title selector %r matched nothing", selector)
    element = _best_heading(root, names, sources)
    if element is not None:
        raw = node_text(element)
        title = best_core(raw, sources)
    elif sources:
        raw = sources[0]
        title = _shown_core(root, raw, names) or best_core(raw, sources[1:])
    else:
        return Headline("", None)
    title = strip_site_names(title, names)
    if element is None and title == raw and not names:
        title = _drop_short_end(title)
    title = strip_category(title, [s for s in sources if s != raw])
    if element is None:
        element = _element_showing(root, title)
    return Headline(title, element)


def _element_showing(root: Element, title: str) -> Element | None:
    # Templates without an <h1> show the headline in an h2, a strong or a "title" div.
    key = comparable(title)
    if not key:
        return None
    for node in elements(root, "h2", "h3", "div", "td", "p", "strong", "span"):
        text = short_text(node, len(title) + 40)
        if text and key in comparable(text) and not in_chrome(node):
            return node
    return None
