"""The crawl benchmark's peers (a naive spider, news-please) and its results table."""

from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import measure

REPO = Path(__file__).resolve().parent.parent
NEWS_PLEASE = Path("/tmp/np/bin/news-please")  # its own venv: `make bench-news-please-venv`


@dataclass
class Row:
    name: str
    pages: int
    measured: measure.Measured | None
    requests: int = 0  # where it differs from pages: every request sent
    note: str = ""

    @property
    def rate(self) -> float:
        m = self.measured
        return self.pages / m.wall if m and m.wall and self.pages else 0.0

    def line(self) -> str:
        if self.measured is None:
            return f"{self.name}: not measured ({self.note})"
        return f"{self.name}: {self.pages} pages, {self.measured}, {self.rate:.1f} pages/s"


def table(rows: list[Row]) -> str:
    limit = rows[0].rate
    width = max(len(row.name) for row in rows)
    head = f"{'':{width}} {'pages':>7} {'wall s':>7} {'pages/s':>8} {'CPU s/page':>10} "
    lines = [head + f"{'peak RSS MB':>11} {'÷ limit':>8}"]
    for row in rows:
        m = row.measured
        if m is None:
            lines.append(f"{row.name:{width}} not measured: {row.note}")
            continue
        cpu = m.cpu / row.pages if row.pages else 0.0
        lines.append(
            f"{row.name:{width}} {row.pages:7d} {m.wall:7.1f} {row.rate:8.1f} {cpu:10.4f} "
            f"{m.peak_rss_mb:11.0f} {row.rate / limit if limit else 0:8.2f}"
        )
    return "\n".join([*lines, "", *ratios(rows)])


def ratios(rows: list[Row]) -> list[str]:
    by = {row.name.split(" (")[0].strip(): row for row in rows}
    crawl, recrawl = by.get("secnews crawl→archive"), by.get("secnews no-change recrawl")
    out = []
    if crawl and crawl.measured:
        for name, row in by.items():
            # The recrawl and the frontier runs are other work, not peers of the crawl.
            others = row is crawl or row is recrawl or "frontier" in name
            if not others and row.measured and row.rate:
                out.append(f"secnews crawl pages/s ÷ {name}: {crawl.rate / row.rate:.2f}")
    if crawl and recrawl and crawl.measured and recrawl.measured:
        out.append(
            f"recrawl ÷ first crawl: requests "
            f"{recrawl.pages / (crawl.requests or crawl.pages):.3f}, "
            f"time {recrawl.measured.wall / crawl.measured.wall:.3f}"
        )
    return out


def naive(work: Path, starts: list[str]) -> Row:
    """Scrapy + trafilatura with no archive, run outside the repository (no project settings)."""
    out = work / "naive.count"
    scratch = work / "naive"
    scratch.mkdir(exist_ok=True)
    spider = REPO / "bench" / "naive_spider.py"
    scrapy = Path(sys.executable).parent / "scrapy"
    command = [str(scrapy), "runspider", str(spider), "-a", f"start={','.join(starts)}"]
    command += ["-a", f"out={out}"]
    used = measure.run(command, work / "naive.log", cwd=scratch)
    responses, extracted = (int(n) for n in out.read_text().split())
    return Row(f"naive Scrapy+trafilatura, no archive ({extracted} extracted)", responses, used)


# news-please's RecursiveCrawler always starts at the site's root and takes its allowed domain
# from the URL text: "127.0.0.1:PORT", port included, which never equals a request's host name,
# so Scrapy's OffsiteMiddleware drops every followed link (a host name fails the same way while
# it carries a port; "localhost" has no dot and its URL parser picks "index.html" as the
# domain). So the offsite filter is off (Scrapy setting) and the site's own ignore_regex keeps
# the crawl on site instead: news-please follows a link only where that regex matches nothing,
# which it does for URLs under the site's root and not for any other. Pages count as articles
# by news-please's own meta_contains_article_keyword heuristic: our articles carry
# article:published_time, listings and section pages no such meta.
NP_SITE = {
    "crawler": "RecursiveCrawler",
    "overwrite_heuristics": {
        "og_type": False,
        "linked_headlines": False,
        "self_linked_headlines": False,
        "meta_contains_article_keyword": True,
    },
    "pass_heuristics_condition": "meta_contains_article_keyword",
}
# [Scrapy] settings added to its packaged config.cfg: the concurrency and pacing secnews and the
# naive spider run with, and no telnet or remote-control console listening on a port.
NP_SCRAPY = """DOWNLOAD_DELAY = 0
AUTOTHROTTLE_ENABLED = False
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
DOWNLOADER_MIDDLEWARES = {'scrapy.downloadermiddlewares.offsite.OffsiteMiddleware': None}
"""


def news_please_config(work: Path, base: str) -> Path:
    """A news-please config dir: recursive crawl of our site, JSON files, same concurrency."""
    config = work / "news-please"
    shutil.rmtree(config, ignore_errors=True)
    config.mkdir()
    packaged = next(NEWS_PLEASE.parent.parent.glob("lib/python*/site-packages/newsplease/config"))
    text = (packaged / "config.cfg").read_text()
    replace = {
        "default = SitemapCrawler": "default = RecursiveCrawler",
        "working_path = ~/news-please-repo/": f"working_path = {config}/repo/",
        "CONCURRENT_REQUESTS_PER_DOMAIN=4": "CONCURRENT_REQUESTS_PER_DOMAIN=16\n" + NP_SCRAPY,
        "number_of_parallel_crawlers = 5": "number_of_parallel_crawlers = 1",
    }
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    # Its packaged INFO level stays: Scrapy's closing stats (responses) are logged at INFO,
    # and news-please adds only a line or two a page.
    assert "LOG_LEVEL = INFO" in text
    (config / "config.cfg").write_text(text)
    # One entry, the root: it would start a second crawler of the whole site for a second URL.
    site = {**NP_SITE, "url": f"{base}/", "ignore_regex": f"(?!{re.escape(base)}/).+"}
    (config / "sitelist.hjson").write_text(json.dumps({"base_urls": [site]}, indent=1))
    return config


def np_responses(log: Path) -> int:
    """Responses from Scrapy's closing stats in news-please's log (0 if it has none)."""
    found = re.findall(r"'downloader/response_count': (\d+)", log.read_text("utf-8", "replace"))
    return sum(int(n) for n in found)


def news_please(work: Path, base: str) -> Row:
    """news-please's RecursiveCrawler over the whole site; pages are its responses."""
    name = "news-please, RecursiveCrawler"
    if not NEWS_PLEASE.exists():
        return Row(name, 0, None, note=f"{NEWS_PLEASE} missing: make bench-news-please-venv")
    # newspaper4k, its first extractor, fails every Chinese page without jieba: half a crawl.
    if not list(NEWS_PLEASE.parent.parent.glob("lib/python*/site-packages/jieba")):
        return Row(name, 0, None, note="jieba missing from its venv: make bench-news-please-venv")
    config = news_please_config(work, base)
    # The whole benchmark runs in scripts/offline (crawl.py makes sure): nothing leaves. Still,
    # tldextract (in newspaper4k) would download the public suffix list into a cache under
    # $HOME when first used; with no list URLs it takes the snapshot it ships, fetching nothing.
    env = ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS=", f"TLDEXTRACT_CACHE={config / 'tldextract'}"]
    command = ["env", *env, str(NEWS_PLEASE), "-c", str(config), "-no-confirm"]
    log = work / "news-please.log"
    # It ran at 10-15 responses/s on 2 cores here: 5000 articles take 6-9 minutes.
    used = measure.run(command, log, timeout=1800)
    stored = list((config / "repo" / "data").rglob("*.json"))
    if not stored:
        return Row(name, 0, None, note=f"stored no article; see {log}")
    # Stored is not extracted: say how many of its JSON files have a body text.
    texts = sum(bool(json.loads(path.read_bytes()).get("maintext")) for path in stored)
    name = f"{name} ({len(stored)} articles, {texts} with text"
    if used.returncode:  # killed at the timeout, or failed part way: the figures are partial
        name += f", exit {used.returncode}"
    responses = np_responses(log)
    if not responses:  # no closing stats in its log: count what it stored instead
        return Row(f"{name}; pages = articles)", len(stored), used)
    return Row(f"{name})", responses, used)
