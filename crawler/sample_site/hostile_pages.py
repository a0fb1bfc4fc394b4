"""Bodies the hostile sample site serves: good articles, broken pages, hostile images and
sitemaps.

Everything is built from code, deterministically; large bodies (the 10 MB page, the gzip
bombs) are built once, on first use. The 1 GiB response and the long sitemaps are never
built: they are streamed.
"""

from __future__ import annotations

import functools
import gzip
import random
import struct
import zlib
from collections.abc import Iterator
from html import escape

GIB = 1 << 30
BOMB_PIXELS = (100_000, 100_000)  # ten gigapixels claimed by a PNG of a few hundred bytes
LONG_LINE_BYTES = 10 * 1024 * 1024
GOOD_ARTICLES = ("good-1", "good-2", "good-3")
CHARSET_PAGES = ("charset-wrong", "charset-absent", "charset-contradictory", "charset-unknown")
BROKEN_PAGES = ("binary", "empty", "malformed", "nul", "long-line", "deep", *CHARSET_PAGES)
FAULTS = (
    "timeout",
    "slow",
    "reset",
    "truncated",
    "server-error",
    "unavailable",
    "too-many",
    "unavailable-long",
    "loop",
    "offsite",
    "private",
    "file",
    "offsite-media-host",
    "offsite-metadata",
)
LIMITS = ("huge", "huge-declared", "gzip-bomb")

# What a metadata service hands whoever asks: a crawler that follows a redirect there leaks it.
FAKE_CREDENTIALS = (
    b'{"Code": "Success", "AccessKeyId": "ASIASECNEWSFAKEKEY", '
    b'"SecretAccessKey": "secnews-fake-secret-never-to-be-fetched", "Token": "fake"}'
)

_PARAGRAPHS = (
    "The ministers reviewed the work plan adopted last year and agreed on the priorities of "
    "the coming session, with transport corridors and water management first among them.",
    "Delegations from eleven member states took part in the meeting, which was held in the "
    "conference hall of the secretariat and chaired by the deputy secretary-general.",
    "The secretariat will publish the full report of the session, with the decisions taken "
    "and the list of participants, on its website in the coming weeks.",
    "Observers from four partner organisations were invited to present their programmes and "
    "to propose joint projects for the next two years of cooperation in the region.",
)


def article(
    title: str, day: str, paragraphs: tuple[str, ...] = _PARAGRAPHS, extra: str = ""
) -> str:
    """A plain, well-formed news article with a date and a byline; its lead names the title,
    so no two articles share a text."""
    lead = f"<p>{escape(title)}: the statement of the press office of {day}.</p>\n"
    body = lead + "".join(f"<p>{escape(text)}</p>\n" for text in paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | Hostile Ministry</title>"
        f'<meta property="article:published_time" content="{day}T10:00:00+00:00">'
        '</head><body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>\n'
        f'<article><h1>{escape(title)}</h1><p class="byline">By the Press Office, '
        f'<time datetime="{day}">{day}</time></p>\n{body}{extra}</article>\n'
        "<footer>Hostile Ministry, 1 Example Street</footer></body></html>\n"
    )


def good_article(name: str) -> bytes:
    number = int(name.rsplit("-", 1)[1])
    return article(f"Session {number} of the council closes", f"2024-03-0{number}").encode()


def home(links: list[str]) -> bytes:
    """The listing page that links to every case, so a crawl from ``/`` meets them all."""
    items = "".join(f'<li><a href="{escape(link)}">{escape(link)}</a></li>\n' for link in links)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>News | Hostile Ministry</title></head><body><h1>News</h1>\n"
        f'<ul class="news-list">\n{items}</ul>\n<a href="/?page=2">Next page</a></body></html>\n'
    ).encode()


def robots_garbage() -> bytes:
    """What a broken CMS serves as robots.txt: binary noise and lines that mean nothing."""
    noise = random.Random(9309).randbytes(2048)
    return noise + b"\nUser-agent *\nDisallow\n\x00\x00Allow: :::\n" + noise[:512]


def broken_page(name: str) -> tuple[bytes, str]:
    """(body, Content-Type) of one of ``BROKEN_PAGES``."""
    return _BROKEN[name]()


def _binary() -> tuple[bytes, str]:
    return random.Random(1).randbytes(200_000), "text/html"


def _malformed() -> tuple[bytes, str]:
    html = article("Unclosed tags everywhere", "2024-03-10").replace("</p>", "")
    html = html.replace("</article>", "<div><span><table><tr><td>stray<</b></i>>>")
    return ("<<<>>>" + html + "<p <p <p").encode(), "text/html; charset=utf-8"


def _nul() -> tuple[bytes, str]:
    html = article("A page with a NUL byte", "2024-03-11")
    return html.replace("The ministers", "The\x00ministers").encode(), "text/html; charset=utf-8"


def _charset_wrong() -> tuple[bytes, str]:
    # Declared UTF-8 in the header and the page, served in GBK.
    html = article("字符集错误的页面", "2024-03-12", ("秘书处发布了本届会议的全部报告。" * 8,))
    return html.encode("gbk"), "text/html; charset=utf-8"


def _charset_absent() -> tuple[bytes, str]:
    html = article("Страница без кодировки", "2024-03-13", ("Министры обсудили план работы. " * 8,))
    return html.replace('<meta charset="utf-8">', "").encode("cp1251"), "text/html"


def _charset_contradictory() -> tuple[bytes, str]:
    # The header says windows-1251, the page says utf-8; the bytes are utf-8.
    html = article("Противоречивые кодировки", "2024-03-14", ("Заседание совета закрылось. " * 8,))
    return html.encode(), "text/html; charset=windows-1251"


def _charset_unknown() -> tuple[bytes, str]:
    html = article("An unknown charset", "2024-03-15").replace("utf-8", "x-no-such-charset")
    return html.encode(), "text/html; charset=x-no-such-charset"


def _deep() -> tuple[bytes, str]:
    # Page builders wrap content in a <div> for every block of every column: 300 levels.
    html = article("Nested three hundred deep", "2024-03-17")
    html = html.replace("<article>", "<div>" * 300 + "<article>")
    return html.replace("</article>", "</article>" + "</div>" * 300).encode(), "text/html"


@functools.cache
def long_line() -> tuple[bytes, str]:
    """A 10 MB page on one line: a real article whose text is one very long paragraph."""
    head = article("One very long line", "2024-03-16").replace("\n", "")
    filler = "word " * ((LONG_LINE_BYTES - len(head)) // 5)
    return head.replace("</article>", f"<p>{filler}</p></article>").encode(), "text/html"


_BROKEN = {
    "binary": _binary,
    "empty": lambda: (b"", "text/html; charset=utf-8"),
    "malformed": _malformed,
    "nul": _nul,
    "long-line": long_line,
    "deep": _deep,
    "charset-wrong": _charset_wrong,
    "charset-absent": _charset_absent,
    "charset-contradictory": _charset_contradictory,
    "charset-unknown": _charset_unknown,
}


@functools.cache
def gzip_bomb() -> bytes:
    """About 1 MB of gzip that inflates to 1 GiB of zeros (one deflate block, repeated)."""
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(GIB // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, GIB & 0xFFFFFFFF)
    return header + block * (GIB // len(chunk)) + compressor.flush() + trailer


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, rows: int | None = None) -> bytes:
    """A greyscale PNG of ``width``×``height``; a bomb gives only its first ``rows`` rows."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    raw = (b"\x00" + bytes(width)) * (height if rows is None else rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(raw, 9))
        + _png_chunk(b"IEND", b"")
    )


def png_bomb() -> bytes:
    """A valid PNG header claiming ten gigapixels; a few hundred bytes on the wire."""
    return png(*BOMB_PIXELS, rows=1)


SCRIPTED_SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300">'
    b'<script>fetch("/steal?c=" + document.cookie)</script>'
    b'<rect width="400" height="300" fill="red" onload="alert(1)"/></svg>\n'
)


def images_article(private_media: str, media_host: str) -> bytes:
    """An article whose body holds good, hostile and badly addressed images, and images on
    another host (``media_host``), one of them in a folder its robots.txt disallows; the
    article links to a page there too."""
    sources = (
        "/media/photo.png",
        "/media/bomb.png",
        "/media/drawing.svg",
        "../../../../../../escape.png",
        "/media/..%2F..%2F..%2Fescape-encoded.png",
        "/media/redirect-private.png",
        private_media,
        f"{media_host}img/cdn.png",
        f"{media_host}private/hidden.png",
    )
    figures = "".join(
        f'<figure><img src="{escape(src)}" alt="Picture {n}" width="400" height="300">'
        f"<figcaption>Picture {n} of the session</figcaption></figure>\n"
        for n, src in enumerate(sources, 1)
    )
    more = f'<p>More pictures <a href="{escape(media_host)}news/gallery.html">here</a>.</p>\n'
    return article("The session in pictures", "2024-03-20", extra=figures + more).encode()


# Sitemaps: an endless chain of indexes, an index of many sitemaps, long and gzipped ones -----

SITEMAP_PARTS = 200  # sitemaps the wide index lists
SITEMAP_PADDING = 48 * 1024 * 1024  # blank bytes that push the gzipped bomb past 32 MiB
_SITEMAP_OPEN = b'<?xml version="1.0" encoding="UTF-8"?>\n<%s xmlns="%s">\n'
_SITEMAP_NS = b"http://www.sitemaps.org/schemas/sitemap/0.9"


def _sitemap(root: bytes, entries: list[bytes]) -> bytes:
    return (_SITEMAP_OPEN % (root, _SITEMAP_NS)) + b"".join(entries) + b"</%s>\n" % root


def _index(locs: list[str]) -> bytes:
    return _sitemap(
        b"sitemapindex", [b"<sitemap><loc>%s</loc></sitemap>\n" % loc.encode() for loc in locs]
    )


def _urlset(locs: list[str]) -> bytes:
    return _sitemap(b"urlset", [_url(loc) for loc in locs])


def _url(loc: str) -> bytes:
    return b"<url><loc>%s</loc><lastmod>2024-03-01</lastmod></url>\n" % loc.encode()


def sitemap_case(base: str, name: str) -> bytes | None:
    """The body of ``/sitemaps/NAME`` on the server at ``base``, or None: ``chain-N.xml``, an
    index listing only ``chain-N+1.xml``; ``wide.xml``, an index of ``SITEMAP_PARTS``
    sitemaps (``part-N.xml``, each listing one good article); ``articles.xml.gz``, the good
    articles, gzipped; ``bomb.xml.gz``, one article, ``SITEMAP_PADDING`` blank bytes, then
    another article, gzipped to a few tens of kilobytes."""
    articles = [f"{base}news/{article}.html" for article in GOOD_ARTICLES]
    stem, _, number = name.split(".", 1)[0].partition("-")
    if stem == "chain" and number.isdigit():
        return _index([f"{base}sitemaps/chain-{int(number) + 1}.xml"])
    if name == "wide.xml":
        return _index([f"{base}sitemaps/part-{n}.xml" for n in range(SITEMAP_PARTS)])
    if stem == "part" and number.isdigit():
        return _urlset(articles[:1])
    if name == "articles.xml.gz":
        return gzip.compress(_urlset(articles), mtime=0)
    if name == "bomb.xml.gz":
        return _padded_sitemap(articles[0], articles[-1])
    return None


@functools.cache
def _padded_sitemap(first: str, last: str) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip
    parts = [_SITEMAP_OPEN % (b"urlset", _SITEMAP_NS) + _url(first)]
    parts += [b" " * (1 << 20)] * (SITEMAP_PADDING >> 20)
    parts += [_url(last) + b"</urlset>\n"]
    return b"".join(compressor.compress(part) for part in parts) + compressor.flush()


def long_sitemap(base: str, count: int) -> Iterator[bytes]:
    """A sitemap of ``count`` page URLs (``/news/0``, ``/news/1``…), streamed 64 kB at a
    time, never built whole: 370,000 of them weigh 32 MB."""
    yield _SITEMAP_OPEN % (b"urlset", _SITEMAP_NS)
    step = 700
    for start in range(0, count, step):
        stop = min(start + step, count)
        yield b"".join(_url(f"{base}news/{n}") for n in range(start, stop))
    yield b"</urlset>\n"
