"""The body's own images: absolute URLs, real alt text, captions; no logos or pixels."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from archive.records import ImageRecord

from .chrome import class_and_id, in_chrome
from .markup import Element, is_element
from .nodes import attr, clean_text, node_text
from .vocabulary import FILE_NAME_ALT, PLACEHOLDER_ALTS, fold

logger = logging.getLogger(__name__)

# Lazy-loading scripts keep the real address in a data attribute and a spinner in src.
_SOURCE_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-echo", "data-url", "src")
_DECORATIVE = re.compile(
    r"(?:^|[/_\-.\s])(?:logo|icons?|ico|spacer|blank|pixel|clear|tracking|tracker|counter|"
    r"emoji|smiley|avatar|qrcode|qr|ewm|erweima|share|button|btn|arrow|bullet|loading|"
    r"lazy|placeholder|transparent|1x1|dot)(?:[/_\-.\d\s]|$)",
    re.I,
)
_TRACKERS = re.compile(
    r"google-analytics|googletagmanager|doubleclick|facebook\.com/tr|mc\.yandex|"
    r"counter\.yadro|top-fwz1\.mail\.ru|hm\.baidu|cnzz\.com|51\.la|statcounter|"
    r"liveinternet|/stat(?:s|istics)?\.(?:php|gif)|/count(?:er)?\.(?:php|gif)",
    re.I,
)
_MIN_SIDE = 40  # pixels; below this an image is an icon, a bullet or a tracker
_MAX_CAPTION = 150
_CENTRED = re.compile(r"text-align\s*:\s*center", re.I)
_CAPTION_CLASS = re.compile(r"caption|desc|note|pic-?text|img-?text|photo-?text|center", re.I)


def _source(img: Element) -> str:
    for name in _SOURCE_ATTRS:
        value = attr(img, name)
        if value and not value.startswith("data:") and not _DECORATIVE.search(value):
            return value
    srcset = attr(img, "srcset") or attr(img, "data-srcset")
    return srcset.split(",")[0].split()[0] if srcset.strip() else ""


def _side(value: str) -> int | None:
    match = re.match(r"\s*(\d+)", value)
    return int(match.group(1)) if match else None


def _is_decorative(img: Element, url: str) -> bool:
    sides = [_side(attr(img, "width")), _side(attr(img, "height"))]
    style = attr(img, "style")
    sides += [_side(m) for m in re.findall(r"(?:^|;)\s*(?:width|height)\s*:\s*(\d+)px", style)]
    if any(side is not None and side < _MIN_SIDE for side in sides):
        return True
    path = urlsplit(url).path.rsplit("/", 2)
    hints = " ".join([*path[-2:], class_and_id(img)])
    parent = img.getparent()
    if parent is not None and parent.tag == "a":
        hints += " " + class_and_id(parent)
    # Alt text is prose ("Share of exports"); only a logo says so there.
    logo_alt = "logo" in attr(img, "alt").lower()
    return bool(_DECORATIVE.search(hints) or _TRACKERS.search(url) or logo_alt)


def real_alt(alt: str, url: str) -> str:
    """The alt text, or '' when it is a CMS placeholder or a file name."""
    alt = clean_text(alt)
    stem = urlsplit(url).path.rsplit("/", 1)[-1]
    if fold(alt).lower() in PLACEHOLDER_ALTS or FILE_NAME_ALT.match(alt) or alt == stem:
        return ""
    if stem and alt.lower() == stem.rsplit(".", 1)[0].lower():
        return ""
    return alt


def _is_centred(node: Element) -> bool:
    return (
        node.tag == "center"
        or attr(node, "align").lower() == "center"
        or bool(_CENTRED.search(attr(node, "style")))
        or bool(_CAPTION_CLASS.search(class_and_id(node)))
    )


def _holder(img: Element) -> Element | None:
    # The block that holds the image and nothing else but, possibly, its caption.
    node = img.getparent()
    while node is not None and node.tag in ("a", "span", "strong", "b", "em", "font"):
        node = node.getparent()
    return node


def _next_block(node: Element) -> Element | None:
    # The element right after this one, unless text (or a comment) comes first.
    if clean_text(node.tail):
        return None
    for sibling in node.itersiblings():
        if is_element(sibling):
            return sibling
        if clean_text(sibling.text) or clean_text(sibling.tail):
            return None
    return None


def caption_of(img: Element) -> str:
    """A <figcaption>, a short centred line right under the image, or the image's title."""
    figure = next(img.iterancestors("figure"), None)
    if figure is not None:
        caption = next(figure.iterdescendants("figcaption"), None)
        if caption is not None and node_text(caption):
            return node_text(caption)
    holder = _holder(img)
    if holder is not None:
        own = node_text(holder)
        if own and len(own) <= _MAX_CAPTION and _count(holder.iterdescendants("img")) == 1:
            return own  # <p align="center"><img><br>caption</p>
        following = None if own else _next_block(holder)
        if following is not None and next(following.iterdescendants("img"), None) is None:
            text = node_text(following)
            if text and len(text) <= _MAX_CAPTION and _is_centred(following):
                return text
    title = clean_text(attr(img, "title"))
    return title if real_alt(title, "") else ""


def _count(found: Iterator[Element]) -> int:
    return sum(1 for _ in found)


def body_images(container: Element | None, page_url: str) -> tuple[ImageRecord, ...]:
    """The images inside the body element, in page order, each once."""
    if container is None:
        return ()
    found: dict[str, ImageRecord] = {}
    for img in container.iterdescendants("img"):
        src = _source(img)
        if not src:
            continue
        url = urljoin(page_url, src)
        if url in found or not url.startswith(("http://", "https://")):
            continue
        if _is_decorative(img, url) or in_chrome(img, stop=container):
            logger.debug("skipping decorative image %s", url)
            continue
        found[url] = ImageRecord(
            url=url, alt=real_alt(attr(img, "alt"), url), caption=caption_of(img)
        )
    return tuple(found.values())
