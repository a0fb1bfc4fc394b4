"""What a gold page is made of: the article's blocks, and how they render and read back."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Union
from urllib.parse import urljoin


@dataclass(frozen=True)
class Img:
    """An image of the article. ``mode`` says how the CMS writes its caption:
    figure (<figcaption>), centred (a centred paragraph under it), below (after a <br> in
    the image's own centred paragraph), title (the img title attribute), plain (none)."""

    src: str
    alt: str = ""
    caption: str = ""
    mode: str = "plain"
    expect_alt: str | None = None  # what the alt must read as; None: the alt as written
    size: tuple[int, int] | None = (800, 533)
    attrs: str = ""  # extra attributes
    lazy: str | None = None  # the real address, in data-src, when src is a spinner


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]
    header: bool = True


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Raw:
    """Markup written as is; ``lines`` is what it contributes to the expected text."""

    html: str
    lines: tuple[str, ...] = ()


Block = Union[str, Img, Table, Heading, Items, Raw]


@dataclass
class Page:
    """One gold page: where it lives, what it says, how it is written, what must be read."""

    name: str
    template: Callable[[Page], str]
    url: str
    site: str
    title: str  # the headline as the page shows it
    byline: str  # markup of the byline, placed where the template's CMS puts it
    blocks: list[Block]
    expect: dict[str, Any]  # title, published, published_source, author, language
    encoding: str = "utf-8"  # the codec the bytes are written in
    charset: str | None = "utf-8"  # the label in <meta>; None for no <meta> charset
    content_type: str | None = None  # the HTTP header the page was served with
    timezone: str | None = None
    language_hint: str | None = None
    lang: str | None = None  # <html lang>
    head: str = ""  # more <head> markup: meta tags, JSON-LD
    title_tag: str | None = None  # the <title> text; the template's default when None
    after: str = ""  # markup after the body inside the article (signatures, editor lines)
    not_contains: list[str] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def img_tag(image: Img) -> str:
    size = f' width="{image.size[0]}" height="{image.size[1]}"' if image.size else ""
    title = f' title="{esc(image.caption)}"' if image.mode == "title" else ""
    extra = f" {image.attrs}" if image.attrs else ""
    if image.lazy:
        extra += f' data-src="{esc(image.lazy)}" class="lazyload"'
    return f'<img src="{esc(image.src)}" alt="{esc(image.alt)}"{title}{size}{extra} />'


def render_image(image: Img, centre: str) -> str:
    tag = img_tag(image)
    if image.mode == "figure":
        return f'<figure class="image">{tag}<figcaption>{esc(image.caption)}</figcaption></figure>'
    if image.mode == "centred":
        return f"<p {centre}>{tag}</p>\n<p {centre}>{esc(image.caption)}</p>"
    if image.mode == "below":
        return f"<p {centre}>{tag}<br />{esc(image.caption)}</p>"
    return f"<p {centre}>{tag}</p>"


def render_blocks(blocks: list[Block], paragraph: str = "<p>{}</p>", centre: str = 'style="text-align: center;"') -> str:
    """The article body's markup, one block a line."""
    out = []
    for block in blocks:
        if isinstance(block, str):
            out.append(paragraph.format(esc(block)))
        elif isinstance(block, Img):
            out.append(render_image(block, centre))
        elif isinstance(block, Heading):
            out.append(f"<h3>{esc(block.text)}</h3>")
        elif isinstance(block, Items):
            out.append("<ul>" + "".join(f"<li>{esc(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Table):
            out.append(render_table(block))
        else:
            out.append(block.html)
    return "\n".join(out)


def render_table(table: Table) -> str:
    rows = []
    for index, row in enumerate(table.rows):
        cell = "th" if table.header and index == 0 else "td"
        rows.append("<tr>" + "".join(f"<{cell}>{esc(text)}</{cell}>" for text in row) + "</tr>")
    return '<table border="1" cellspacing="0" cellpadding="4">\n' + "\n".join(rows) + "\n</table>"


def expected_text(blocks: list[Block]) -> str:
    """The article text: paragraphs, headings, list items, table rows as ``a | b``; captions
    belong to their images, not to the text."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
        elif isinstance(block, Heading):
            lines.append(block.text)
        elif isinstance(block, Items):
            lines.extend(block.items)
        elif isinstance(block, Table):
            lines.extend(" | ".join(row) for row in block.rows)
        elif isinstance(block, Raw):
            lines.extend(block.lines)
    return "\n\n".join(lines)


def expected_images(page: Page) -> tuple[list[str], list[str], list[str]]:
    images = [block for block in page.blocks if isinstance(block, Img)]
    urls = [urljoin(page.url, image.lazy or image.src) for image in images]
    alts = [image.alt if image.expect_alt is None else image.expect_alt for image in images]
    captions = [image.caption for image in images]
    return urls, alts, captions


def expected_file(page: Page, furniture: list[str], markup: str) -> dict[str, Any]:
    text = expected_text(page.blocks)
    # Only furniture the page really shows is worth checking for; none of it may be text.
    unwanted = [item for item in dict.fromkeys([*furniture, *page.not_contains]) if item in markup]
    clash = [item for item in unwanted if item in text]
    if clash:
        raise ValueError(f"{page.name}: the article itself says {clash}")
    paragraphs = text.split("\n\n")
    urls, alts, captions = expected_images(page)
    data: dict[str, Any] = {"url": page.url}
    if page.content_type:
        data["content_type"] = page.content_type
    if page.timezone:
        data["timezone"] = page.timezone
    if page.language_hint:
        data["language_hint"] = page.language_hint
    for key in ("title", "published", "published_source", "author", "language"):
        data[key] = page.expect[key]
    data["text"] = text
    data["contains"] = list(dict.fromkeys([paragraphs[0], paragraphs[-1]]))
    data["not_contains"] = unwanted
    data["images"] = urls
    if urls:
        data["image_alts"] = alts
        data["image_captions"] = captions
    return data
