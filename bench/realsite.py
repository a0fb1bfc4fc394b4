"""The crawl benchmark's site of real pages: extraction-dev's pages, replicated, served by nginx.

``python bench/realsite.py build DIR --pages N`` copies the real pages of
``../shared/extraction-dev`` (their own templates, encodings and sizes) to N article pages.
Each copy differs from every other by one sentence of its own, placed at the start of a
paragraph that trafilatura keeps, and every copy is checked at build time: trafilatura's text of
it must hold its sentence, or the build fails. So a crawl that files fewer than N articles has
lost pages or merged pages that differ by a sentence, which is what the benchmark is there to
catch. Every URL in a page is turned into one on the site: links to other copies, images to
one of a few hundred PNGs under ``/media/``, stylesheets and scripts to paths that are never
fetched, and the page's canonical URL to its own. Listing pages of 20 entries link the
copies, newest first, from ``/index.html``.

``python bench/realsite.py serve DIR --port P`` runs nginx (Debian's package) on 127.0.0.1
over DIR until killed, with its own validators and 304s. nginx, not Python, serves the pages
so that the server is never what the crawl waits for.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.evaluation.devset import DEFAULT_DIR, DevPage, load_pages  # noqa: E402
from crawler.extract.encoding import decode_html, detect_codec  # noqa: E402
from crawler.sample_site.images import mosaic, png_bytes  # noqa: E402

PER_LISTING = 20
IMAGES = 300  # distinct images on the site: real sites reuse their pictures and logos
MARK = "\x00SENTENCE\x00"
SELF = "\x00SELF\x00"
# Words for each copy's sentence: three of them name a copy, 64,000 copies a language.
_EN = [
    "amber", "basalt", "cedar", "delta", "ember", "falcon", "garnet", "harbour", "indigo",
    "juniper", "kestrel", "lantern", "meadow", "nectar", "orchid", "pebble", "quartz", "raven",
    "saffron", "thistle", "umber", "violet", "willow", "yarrow", "zephyr", "acorn", "bramble",
    "copper", "dune", "elm", "fjord", "glacier", "heron", "iris", "jasper", "kelp", "lichen",
    "marble", "nutmeg", "oak",
]  # fmt: skip
_ZH = [
    "青松", "白杨", "红枫", "绿柳", "金桂", "银杏", "紫藤", "黄梅", "翠竹", "丹桂", "苍鹰", "白鹭",
    "云雀", "黄莺", "喜鹊", "海燕", "长江", "黄河", "珠江", "淮河", "泰山", "华山", "衡山", "嵩山",
    "东湖", "西湖", "南湖", "北湖", "春雨", "夏荷", "秋月", "冬雪", "晨曦", "晚霞", "星辰", "明月",
    "清泉", "溪流", "峡谷", "平原",
]  # fmt: skip
_ATTR_URL = re.compile(
    r"""(?P<lead>\s(?P<name>href|src|data-src|data-original|data-lazy-src|poster|action|content)"""
    r"""\s*=\s*)(?:(?P<quote>["'])(?P<url>[^"'<>]*)(?P=quote)|(?P<bare>[^\s"'<>=`]+))""",
    re.IGNORECASE,
)
_TAG = re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>", re.DOTALL)
_DROP_ATTRS = re.compile(r"""\s(?:srcset|data-srcset|integrity)\s*=\s*(["'])[^"']*\1""", re.I)
_ABSOLUTE = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?[^\s"'<>()\\]*""")
_IMAGE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif)(?:[?#]|$)", re.IGNORECASE)
_ASSET = re.compile(r"\.(?:css|js|woff2?|ttf|eot|ico|json|xml)(?:[?#]|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Template:
    """One real page, ready to copy: its text with the sentence's and its own URL's places."""

    id: str
    language: str
    codec: str
    text: str
    title: str
    month: str  # YYYY/MM of its gold date, or of the set's first date


def _digest(value: str) -> int:
    return int.from_bytes(hashlib.blake2b(value.encode(), digest_size=4).digest(), "big")


def _onsite(url: str, own: int, pages: int) -> str:
    """The site's URL standing for ``url`` on copy ``own``: an image, an asset or a copy."""
    if _IMAGE.search(url):
        return f"/media/{_digest(url) % IMAGES}.png"
    if _ASSET.search(url):
        return f"/static/{_digest(url) % 1000}{Path(url.split('?')[0]).suffix.lower()}"
    if url.startswith(("#", "mailto:", "tel:", "javascript:", "data:")) or not url.strip():
        return url
    return f"\x00COPY{(own + 1 + _digest(url) % 97) % pages}\x00"


def _rewrite_tag(match: re.Match[str]) -> str:
    tag = match.group(0)
    name = match.group("tag").lower()
    if name == "base":
        return ""
    lowered = tag.lower()
    if (name == "link" and "canonical" in lowered) or (
        name == "meta" and ("og:url" in lowered or "twitter:url" in lowered)
    ):
        return _ATTR_URL.sub(lambda m: f'{m.group("lead")}"{SELF}"', tag)
    if name == "link" and "alternate" in lowered:
        return ""  # other languages' and feeds' addresses: off the site
    tag = _DROP_ATTRS.sub("", tag)

    def attribute(m: re.Match[str]) -> str:
        url = html.unescape(m.group("url") or m.group("bare") or "").strip()
        if m.group("name").lower() == "content" and not _ABSOLUTE.fullmatch(url):
            return m.group(0)  # a meta's text, not an address
        # What an <img> (or a picture's <source>) shows is an image, whatever its name.
        kind = "IMG" if name in ("img", "source") else "URL"
        return f'{m.group("lead")}"\x00{kind}{html.escape(url)}\x00"'

    return _ATTR_URL.sub(attribute, tag)


def _places(text: str, paragraphs: list[str]) -> list[int]:
    """Where paragraphs that trafilatura keeps start in the page's markup: first those that
    open a ``<p>`` element, then any right after a tag (a heading trafilatura keeps as body
    text is the page's title to an article extractor, not its first paragraph)."""
    in_p, after_tag = [], []
    for paragraph in paragraphs[:12]:
        if len(paragraph) < 40:
            continue
        words = paragraph[:24].split()[:4]
        if len(words) > 1:
            start = r"\s+".join(re.escape(w) for w in words)
        else:  # a language written without spaces
            start = re.escape(paragraph[:12])
        found = re.search(r"<p\b[^>]*>\s*(" + start + ")", text, re.IGNORECASE)
        if found:
            in_p.append(found.start(1))
        found = re.search(r">\s*(" + start + ")", text)
        if found:
            after_tag.append(found.start(1))
    return in_p + after_tag


def make_template(page: DevPage) -> Template | None:
    """The page with its sentence's place: the first that trafilatura keeps once the page's
    addresses are the site's, tried on a copy as the build makes them."""
    import trafilatura

    codec = detect_codec(page.body, None)
    text = decode_html(page.body, None)
    kept = trafilatura.extract(text) or ""
    title = page.gold.get("title") or page.id
    month = (page.gold.get("published") or "2019-11-18")[:7].replace("-", "/")
    # Only paragraphs of the article itself, as the benchmark's authors labelled it: a line
    # of furniture that trafilatura happens to keep is not where a page's news is.
    gold = " ".join((page.gold.get("text") or "").split())
    paragraphs = [
        line.strip()
        for line in kept.splitlines()
        if line.strip() and " ".join(line.split())[:60] in gold
    ]
    for place in _places(text, paragraphs):
        marked = _TAG.sub(_rewrite_tag, text[:place] + MARK + text[place:])
        template = Template(page.id, page.language, codec, marked, title, month)
        urls = [f"/news/{month}/a{n}.html" for n in range(200)]
        if _kept_text(render(0, template, urls), sentence(page.language, 0)):
            return template
    return None


def sentence(language: str, number: int) -> str:
    words = _ZH if language == "zh" else _EN
    a, b, c = (words[number // len(words) ** k % len(words)] for k in range(3))
    if language == "zh":
        return f"本期编号{a}{b}{c}的公告已由秘书处存档。"
    return f"The secretariat filed bulletin {a} {b} {c} for the record. "


def copy_url(number: int, template: Template) -> str:
    return f"/news/{template.month}/a{number}.html"


def render(number: int, template: Template, urls: list[str]) -> bytes:
    pages = len(urls)
    text = template.text.replace(MARK, sentence(template.language, number), 1)
    text = text.replace(SELF, urls[number])
    text = re.sub(
        r"\x00URL(.*?)\x00",
        lambda m: _onsite(m.group(1), number, pages) if m.group(1) else "",
        text,
        flags=re.DOTALL,
    )
    text = re.sub(
        r"\x00IMG(.*?)\x00",
        lambda m: f"/media/{_digest(m.group(1)) % IMAGES}.png" if m.group(1) else "",
        text,
        flags=re.DOTALL,
    )
    text = re.sub(r"\x00COPY(\d+)\x00", lambda m: urls[int(m.group(1))], text)
    return text.encode(template.codec, errors="xmlcharrefreplace")


def _kept_text(body: bytes, wanted: str) -> bool:
    import trafilatura

    kept = trafilatura.extract(decode_html(body, None)) or ""
    return " ".join(wanted.split()) in " ".join(kept.split())


def _kept(args: tuple[Path, str]) -> bool:
    path, wanted = args
    return _kept_text(path.read_bytes(), wanted)


def _listing(number: int, entries: list[tuple[str, str]], last: int) -> bytes:
    items = "\n".join(
        f'<li><a href="{url}">{html.escape(title)}</a></li>' for url, title in entries
    )
    more = f'<a href="/news/index_{number + 1}.html">Next</a>' if number < last else ""
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>News, page {number + 1}</title></head><body><h1>News</h1>"
        f"<ul>\n{items}\n</ul><nav>{more}</nav></body></html>"
    )
    return page.encode()


def build(root: Path, pages: int, dev: Path) -> None:
    with Pool(2) as pool:
        made = pool.map(make_template, load_pages(dev), chunksize=4)
    templates = [t for t in made if t is not None]
    if not templates:
        sys.exit(f"no page of {dev} takes a sentence")
    shutil.rmtree(root, ignore_errors=True)
    order = [templates[n % len(templates)] for n in range(pages)]
    urls = [copy_url(n, t) for n, t in enumerate(order)]
    checks = []
    for number, template in enumerate(order):
        path = root / urls[number].lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(number, template, urls))
        checks.append((path, sentence(template.language, number)))
    with Pool(2) as pool:
        kept = pool.map(_kept, checks, chunksize=16)
    lost = [str(path) for (path, _), ok in zip(checks, kept, strict=True) if not ok]
    if lost:
        sys.exit(f"{len(lost)} copies lose their sentence in trafilatura, first {lost[0]}")
    listings = (pages + PER_LISTING - 1) // PER_LISTING
    newest_first = list(range(pages - 1, -1, -1))
    for number in range(listings):
        chunk = newest_first[number * PER_LISTING : (number + 1) * PER_LISTING]
        entries = [(urls[n], order[n].title) for n in chunk]
        name = "index.html" if number == 0 else f"index_{number}.html"
        (root / "news" / name).write_bytes(_listing(number, entries, listings - 1))
    shutil.copy(root / "news" / "index.html", root / "index.html")
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    media = root / "media"
    media.mkdir()
    for number in range(IMAGES):
        (media / f"{number}.png").write_bytes(png_bytes(mosaic(f"bench {number}", 20, 15)))
    size = sum((root / u.lstrip("/")).stat().st_size for u in urls)
    manifest = {
        "pages": pages,
        "templates": len(templates),
        "languages": sorted({t.language for t in templates}),
        "bytes": size,
    }
    (root / "manifest.json").write_text(json.dumps(manifest, indent=1))
    print(
        f"{pages} copies of {len(templates)} real pages, every one checked, "
        f"{size / pages / 1024:.0f} KB a page",
        flush=True,
    )


NGINX_CONF = """worker_processes 1;
error_log {work}/error.log warn;
pid {work}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
"""


def serve(root: Path, port: int) -> None:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        sys.exit("nginx is missing: apt-get install nginx-light (make bench installs it)")
    work = root.parent / f"nginx-{port}"
    work.mkdir(exist_ok=True)
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(work=work, port=port, root=root.resolve()))
    command = [nginx, "-p", str(work), "-c", str(conf), "-g", "daemon off; master_process off;"]
    print(f"serving {root} on http://127.0.0.1:{port}", flush=True)
    subprocess.run(command, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    making = commands.add_parser("build")
    making.add_argument("root", type=Path)
    making.add_argument("--pages", type=int, default=5000)
    making.add_argument("--dev", type=Path, default=DEFAULT_DIR)
    serving = commands.add_parser("serve")
    serving.add_argument("root", type=Path)
    serving.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    if args.command == "build":
        build(args.root, args.pages, args.dev)
    else:
        serve(args.root, args.port)


if __name__ == "__main__":
    main()
