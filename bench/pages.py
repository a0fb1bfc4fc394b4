"""Page benchmark: the pages a visitor of `secnews serve` opens, timed at up to a million
articles.

Usage: python bench/pages.py [--sizes 100000 1000000] [--dir DIR] [--repeat 5]

For each size it builds an archive (kept in --dir to be reused): three sites, articles spread
over fifteen years with a few copies and gone ones, each with one version, one URL and one fetch,
as a crawl files them, with short texts, as a page's cost is in its counts and indexes, not
in text nobody reads (``bench/search.py`` times search over full texts). Then it asks a
Datasette made as `secnews serve` makes it for each page a visitor reaches without typing a
URL, once to warm the caches (as a server up for a while would be), then ``--repeat`` times,
through Datasette's own ASGI client (the server's work, without a network), and prints the
median and the slowest beside the 200 ms target.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from archive.datasette.app import make_datasette
from archive.store import Archive

TARGET_MS = 200
SITES = ("bench-zh", "bench-ru", "bench-en")

# Articles by id: a site, a language, a day in 2010–2024, every 50th a copy of the one
# before, every 200th gone.
_ARTICLES = """
WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < :size)
INSERT INTO articles (id, site, url, url_key, title, published, language, text, content_hash,
  duplicate_of, version, status, first_seen, last_seen, last_changed)
SELECT id,
  'bench-' || lang,
  'https://' || lang || '.example/news/' || id,
  lang || '.example/news/' || id,
  'Article ' || id,
  date('2010-01-01', '+' || (id * 7919 % 5475) || ' days'),
  lang,
  'Text of article ' || id || '.',
  printf('%064x', id),
  CASE WHEN id % 50 = 0 THEN id - 1 END,
  1,
  CASE WHEN id % 200 = 0 THEN 'gone' ELSE 'live' END,
  '2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z', '2025-01-01T00:00:00Z'
FROM (SELECT id, CASE id % 3 WHEN 0 THEN 'zh' WHEN 1 THEN 'ru' ELSE 'en' END AS lang FROM n)
"""
_VERSIONS = """
INSERT INTO article_versions (article_id, version, fetched_at, title, published, text,
  content_hash, extractor, origin)
SELECT id, 1, first_seen, title, published, text, content_hash, 'bench', 'crawl' FROM articles
"""
_URLS = "INSERT INTO article_urls (url, article_id) SELECT url, id FROM articles"
_FETCHES = (
    "INSERT INTO fetches (url, fetched_at, status, content_type, bytes) "
    "SELECT url, first_seen, 200, 'text/html', 20000 FROM articles"
)


def build(data_dir: Path, size: int) -> float:
    """An archive of ``size`` articles in ``data_dir`` (made unless there); seconds taken."""
    if (data_dir / "archive.db").exists():
        with Archive(data_dir) as archive:
            if archive.db["articles"].count == size:
                return 0.0
        raise SystemExit(f"{data_dir} holds another archive; remove it or pick another --dir")
    started = time.monotonic()
    with Archive(data_dir) as archive:
        for site in SITES:
            archive.upsert_site(site, title=site.title(), language=site[-2:])
        with archive.db.conn:
            for sql in (_ARTICLES, _VERSIONS, _URLS, _FETCHES):
                archive.db.execute(sql, {"size": size})
        archive.db.execute("ANALYZE")
        archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.monotonic() - started


def default_pages(article_id: int) -> dict[str, str]:
    """The pages a visitor reaches without typing a URL: the home page, the search page, the
    tables and views it links, and an article's pages."""
    return {
        "home": "/",
        "search form": "/-/search",
        "database": "/archive",
        "articles table": "/archive/articles",
        "site status": "/archive/site_status",
        "chart": "/-/chart",
        "article page": f"/-/article/{article_id}",
        "article row": f"/archive/articles/{article_id}",
        "versions": f"/archive/article_versions?article_id={article_id}",
        "fetches table": "/archive/fetches",
    }


async def _time_pages(datasette: Any, pages: dict[str, str], repeat: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    for name, path in pages.items():
        response = await datasette.client.get(path)  # warm: Datasette's caches, the page cache
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            await datasette.client.get(path)
            runs.append((time.perf_counter() - started) * 1000)
        timings[name] = runs
    return timings


def page_rows(size: int, data_dir: Path, repeat: int) -> list[str]:
    """One Markdown row a page: articles, page, median, slowest, within the target."""
    datasette = make_datasette(data_dir)  # as `secnews serve` makes it
    timings = asyncio.run(_time_pages(datasette, default_pages(size // 2 + 1), repeat))
    rows = []
    for name, runs in timings.items():
        slowest = max(runs)
        verdict = "yes" if slowest < TARGET_MS else "**no**"
        median = statistics.median(runs)
        rows.append(f"| {size:,} | {name} | {median:.0f} ms | {slowest:.0f} ms | {verdict} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--dir", type=Path, help="Keep the archives here and reuse them.")
    parser.add_argument("--repeat", type=int, default=5, help="Timed requests a page.")
    args, _ = parser.parse_known_args()  # BENCH_ARGS may carry bench/search.py's options too
    lines = [
        f"| articles | page | median | slowest | under {TARGET_MS} ms |",
        "| ---: | --- | ---: | ---: | --- |",
    ]
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.dir or Path(scratch)
        for size in args.sizes:
            built = build(workdir / f"pages-{size}", size)
            if built:
                print(f"built {size:,} articles in {built:.0f} s", file=sys.stderr)
            lines += page_rows(size, workdir / f"pages-{size}", args.repeat)
            print(lines[-1], file=sys.stderr)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
