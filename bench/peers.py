"""The crawl benchmark's peers (a naive spider, news-please) and its results table."""

from __future__ import annotations

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
    head = f"{'':44} {'pages':>7} {'wall s':>7} {'pages/s':>8} {'CPU s/page':>10} "
    lines = [head + f"{'peak RSS MB':>11} {'÷ limit':>8}"]
    for row in rows:
        m = row.measured
        if m is None:
            lines.append(f"{row.name:44} not measured: {row.note}")
            continue
        cpu = m.cpu / row.pages if row.pages else 0.0
        lines.append(
            f"{row.name:44} {row.pages:7d} {m.wall:7.1f} {row.rate:8.1f} {cpu:10.4f} "
            f"{m.peak_rss_mb:11.0f} {row.rate / limit if limit else 0:8.2f}"
        )
    return "\n".join([*lines, "", *ratios(rows)])


def ratios(rows: list[Row]) -> list[str]:
    by = {row.name.split(" (")[0]: row for row in rows}
    crawl, recrawl = by.get("secnews crawl→archive"), by.get("secnews no-change recrawl")
    out = []
    if crawl and crawl.measured:
        for name, row in by.items():
            if row is not crawl and row.measured and row.rate and "frontier" not in name:
                out.append(f"secnews crawl pages/s ÷ {name}: {crawl.rate / row.rate:.2f}")
    if crawl and recrawl and crawl.measured and recrawl.measured:
        out.append(
            f"recrawl ÷ first crawl: requests {recrawl.pages / crawl.pages:.3f}, "
            f"time {recrawl.measured.wall / crawl.measured.wall:.3f}"
        )
    return out


def naive(work: Path, base: str) -> Row:
    """Scrapy + trafilatura with no archive, run outside the repository (no project settings)."""
    out = work / "naive.count"
    scratch = work / "naive"
    scratch.mkdir(exist_ok=True)
    spider = REPO / "bench" / "naive_spider.py"
    scrapy = Path(sys.executable).parent / "scrapy"
    starts = f"{base}/zh/news/index.html,{base}/ru/news/index.html"
    command = [str(scrapy), "runspider", str(spider), "-a", f"start={starts}", "-a", f"out={out}"]
    used = measure.run(command, work / "naive.log", cwd=scratch)
    responses, extracted = (int(n) for n in out.read_text().split())
    return Row(f"naive Scrapy+trafilatura, no archive ({extracted} extracted)", responses, used)


NP_SITES = """{{"base_urls": [{{"url": "{base}/zh/news/index.html", "crawler": "RecursiveCrawler",
  "overwrite_heuristics": {{"og_type": false, "linked_headlines": false,
    "self_linked_headlines": false, "is_not_from_subdomain": true}},
  "pass_heuristics_condition": "is_not_from_subdomain"}},
 {{"url": "{base}/ru/news/index.html", "crawler": "RecursiveCrawler",
  "overwrite_heuristics": {{"og_type": false, "linked_headlines": false,
    "self_linked_headlines": false, "is_not_from_subdomain": true}},
  "pass_heuristics_condition": "is_not_from_subdomain"}}]}}
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
        "LOG_LEVEL = INFO": "LOG_LEVEL = WARNING",
        "CONCURRENT_REQUESTS_PER_DOMAIN=4": "CONCURRENT_REQUESTS_PER_DOMAIN=16",
        "number_of_parallel_crawlers = 5": "number_of_parallel_crawlers = 2",
    }
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    (config / "config.cfg").write_text(text)
    (config / "sitelist.hjson").write_text(NP_SITES.format(base=base))
    return config


def news_please(work: Path, base: str) -> Row:
    name = "news-please, RecursiveCrawler"
    if not NEWS_PLEASE.exists():
        return Row(name, 0, None, f"{NEWS_PLEASE} missing: python -m venv /tmp/np && pip install")
    config = news_please_config(work, base)
    # The whole benchmark runs in scripts/offline (crawl.py makes sure): nothing leaves.
    command = [str(NEWS_PLEASE), "-c", str(config), "-no-confirm"]
    used = measure.run(command, work / "news-please.log", timeout=300)
    articles = len(list((config / "repo" / "data").rglob("*.json")))
    if not articles:
        return Row(name, 0, None, f"stored no article; see {work / 'news-please.log'}")
    return Row(f"{name} ({articles} articles)", articles, used)
