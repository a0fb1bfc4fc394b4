"""Crawl benchmark: secnews crawl→archive against the extraction limit, a naive
Scrapy+trafilatura spider and news-please, on two sites; a no-change recrawl; a large frontier.

The first site is made of real pages (``bench/realsite.py``: extraction-dev's pages replicated,
each copy one sentence apart, served by nginx); the second is generated (``bench/site.py``:
Chinese and Russian articles in a CMS's chrome). ``make bench`` (``BENCH_ARGS='--pages 400'``
for a quick run). Needs no network: both sites are on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from multiprocessing import Pool
from pathlib import Path

import measure
import peers

REPO = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
FAST = [
    "--delay",
    "0",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "-s",
    "AUTOTHROTTLE_ENABLED=False",
    "--no-progress",
    "--log-level",
    "WARNING",
]
REAL_TOML = """name = "bench-real"
title = "Real pages, replicated"
start_urls = ["{base}/index.html"]
timezone = "UTC"
[politeness]
delay = 0.0
[discovery]
follow = ['/(news/)?index(_\\d+)?\\.html$']
article = ['/news/\\d{{4}}/\\d{{2}}/a\\d+\\.html$']
"""
SITE_TOML = """name = "bench-site"
title = "Generated benchmark site"
start_urls = ["{base}/zh/news/index.html", "{base}/ru/news/index.html"]
timezone = "Asia/Shanghai"
[politeness]
delay = 0.0
[discovery]
follow = ['/news/index(_\\d+)?\\.html$']
article = ['/news/\\d{{4}}/\\d{{2}}/t\\d+_\\d+\\.html$']
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Site:
    """One benchmark site as built: where its files are, its config, where its articles are."""

    label: str
    name: str  # the site config's name
    root: Path
    toml: str
    starts: tuple[str, ...]  # paths the peers start from
    articles: str  # glob of its article files under root
    pages: int  # articles on it


def build(work: Path, script: str, label: str, pages: int) -> Path:
    """The site built by ``bench/<script>``, or the one built before by the same generator."""
    generator = hashlib.sha256((BENCH / script).read_bytes()).hexdigest()[:8]
    root = work / f"{label}-{pages}-{generator}"
    if not (root / ".complete").exists():
        shutil.rmtree(root, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, BENCH / script, "build", root, "--pages", str(pages)], check=True
        )
        (root / ".complete").touch()
        print(f"built {root} in {time.perf_counter() - started:.0f} s", flush=True)
    return root


def sites(work: Path, pages: int, which: str) -> list[Site]:
    found = []
    if "real" in which:
        root = build(work, "realsite.py", "real", pages)
        found.append(
            Site(
                "real pages",
                "bench-real",
                root,
                REAL_TOML,
                ("/index.html",),
                "news/*/*/*.html",
                pages,
            )
        )
    if "generated" in which:
        root = build(work, "site.py", "site", pages)
        found.append(
            Site(
                "generated zh/ru",
                "bench-site",
                root,
                SITE_TOML,
                ("/zh/news/index.html", "/ru/news/index.html"),
                "*/news/*/*/*.html",
                pages,
            )
        )
    return found


def start_server(site: Site) -> tuple[subprocess.Popen[bytes], str]:
    """The site's server on a free loopback port, once it accepts connections."""
    port = free_port()
    script = "realsite.py" if site.name == "bench-real" else "site.py"
    server = subprocess.Popen(
        [sys.executable, BENCH / script, "serve", site.root, "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                sys.exit(f"the {site.label} server did not start on port {port}")
            time.sleep(0.05)  # polling for the listening socket, not waiting out a guess
    return server, f"http://127.0.0.1:{port}"


def _extract_one(path: Path) -> bool:
    import trafilatura

    return trafilatura.bare_extraction(path.read_bytes(), with_metadata=True) is not None


def _secnews_one(root: Path, path: Path) -> bool:
    from crawler.extract import ExtractHints, extract_article

    url = "http://127.0.0.1/" + path.relative_to(root).as_posix()
    hints = ExtractHints(timezone="Asia/Shanghai")
    return (
        extract_article(path.read_bytes(), url, content_type="text/html", hints=hints) is not None
    )


def extraction_alone(site: Site, one: Callable[[Path], bool]) -> tuple[measure.Measured, int]:
    """Extraction over every article page with a pool of two (both cores), nothing else."""
    files = sorted(site.root.glob(site.articles))

    def work() -> None:
        with Pool(2) as pool:
            list(pool.imap_unordered(one, files, chunksize=8))

    return measure.in_process(work), len(files)


def mean(one: measure.Measured, other: measure.Measured) -> measure.Measured:
    """Two runs of the same work as one: mean time and CPU, the higher peak."""
    return measure.Measured(
        (one.wall + other.wall) / 2,
        (one.cpu + other.cpu) / 2,
        max(one.peak_rss_mb, other.peak_rss_mb),
    )


def secnews(
    args: list[str], data: Path, sites: Path, log: Path, timeout: float | None = None
) -> measure.Measured:
    command = [str(VENV_BIN / "secnews"), "crawl", *args, "--data", str(data), "--sites"]
    return measure.run([*command, str(sites), *FAST], log, timeout=timeout)


def sentences_kept(data: Path) -> int:
    """Stored articles whose text holds the sentence that makes their page one of a kind."""
    db = sqlite3.connect(data / "archive.db")
    try:
        return int(
            db.execute(
                "SELECT count(*) FROM articles WHERE text LIKE '%The secretariat filed bulletin%'"
                " OR text LIKE '%的公告已由秘书处存档%'"
            ).fetchone()[0]
        )
    finally:
        db.close()


@dataclass(frozen=True)
class RunCounts:
    requests: int  # every request the run sent: pages, robots.txt, images
    pages: int  # HTML pages among them: what the limit's pages are
    articles: int  # articles in the archive when it ended


def run_counts(data: Path) -> list[RunCounts]:
    """What each run fetched and what the archive held after it, oldest run first."""
    db = sqlite3.connect(data / "archive.db")
    try:
        runs = [r[0] for r in db.execute("SELECT id FROM crawl_runs ORDER BY id")]
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        return [
            RunCounts(
                db.execute("SELECT count(*) FROM fetches WHERE run_id = ?", [run]).fetchone()[0],
                db.execute(
                    "SELECT count(*) FROM fetches WHERE run_id = ? "
                    "AND content_type LIKE 'text/html%'",
                    [run],
                ).fetchone()[0],
                articles,
            )
            for run in runs
        ]
    finally:
        db.close()


def seed_frontier(data: Path, site: str, base: str, count: int) -> None:
    """``count`` pending URLs in the frontier, as a crawl killed early would leave them."""
    from archive.store import Archive

    with Archive(data):
        pass  # the schema
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    db = sqlite3.connect(data / "archive.db")
    with db:
        db.executemany(
            "INSERT OR IGNORE INTO frontier (url, site, state, via, discovered_at) "
            "VALUES (?, ?, 'pending', 'link', ?)",
            ((f"{base}/news/pending/{n}.html", site, now) for n in range(count)),
        )
    db.close()


def offline() -> None:
    """Re-run this script in a network namespace with only loopback (scripts/offline)."""
    if os.environ.get("SECNEWS_BENCH_OFFLINE") != "1":
        os.environ["SECNEWS_BENCH_OFFLINE"] = "1"
        command = [str(REPO / "scripts" / "offline"), sys.executable, __file__, *sys.argv[1:]]
        os.execv(command[0], command)


def main() -> None:
    offline()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=int(os.environ.get("BENCH_PAGES", 5000)))
    parser.add_argument("--work", type=Path, default=Path("/tmp/secnews-bench"))
    parser.add_argument("--sites", default="real,generated", help="real, generated or both")
    parser.add_argument("--frontier", default="10000,50000,100000")
    parser.add_argument("--frontier-budget", type=int, default=1000)
    parser.add_argument("--no-peers", action="store_true", help="secnews and the limit only")
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    tables = []
    for number, site in enumerate(sites(work, args.pages, args.sites)):
        server, base = start_server(site)
        try:
            rows = bench(work / site.name, site, base, args, frontier=number == 0)
        finally:
            server.terminate()
            server.wait()
        tables.append(f"{site.label}: {site.root.name}\n{peers.table(rows)}")
    print()
    print(f"secnews crawl benchmark, {args.pages} articles a site, {os.cpu_count()} cores")
    print("\n\n".join(tables))


def bench(
    work: Path, site: Site, base: str, args: argparse.Namespace, frontier: bool
) -> list[peers.Row]:
    shutil.rmtree(work, ignore_errors=True)
    configs = work / "sites"
    configs.mkdir(parents=True)
    (configs / f"{site.name}.toml").write_text(site.toml.format(base=base), "utf-8")
    rows: list[peers.Row] = []
    # The limit is measured just before the crawl and again just after it, and the crawl is
    # compared with the mean of the two: this machine's speed drifts over minutes, and a
    # drift during the run then weighs on both sides of the ratio.
    before, files = extraction_alone(site, _extract_one)
    print(peers.Row(f"{site.label}: limit, before the crawl", files, before).line(), flush=True)
    own, _ = extraction_alone(site, partial(_secnews_one, site.root))
    rows.append(peers.Row("secnews extractor alone, pool of 2", files, own))
    print(rows[-1].line(), flush=True)
    data = work / "data"
    first = secnews([site.name], data, configs, work / "crawl-1.log")
    after, _ = extraction_alone(site, _extract_one)
    print(peers.Row("limit, after the crawl", files, after).line(), flush=True)
    rows[:0] = [
        peers.Row("limit: trafilatura alone, pool of 2", files, mean(before, after)),
        peers.Row("  the limit, before the crawl", files, before),
        peers.Row("  the limit, after the crawl", files, after),
    ]
    kept = sentences_kept(data) if site.name == "bench-real" else None
    second = secnews([site.name], data, configs, work / "crawl-2.log")
    one, two = run_counts(data)[-2:]
    stored = f"{one.articles} of {site.pages} articles stored"
    if kept is not None:
        stored += f", {kept} with their own sentence"
    stored += f"; {one.requests} requests"
    # Its pages are the HTML pages it fetched, as the limit's and the peers' are; the
    # recrawl's share is of requests, robots.txt and images included.
    rows.append(peers.Row(f"secnews crawl→archive ({stored})", one.pages, first, one.requests))
    rows.append(peers.Row("secnews no-change recrawl", two.requests, second, two.requests))
    print(rows[-2].line(), rows[-1].line(), sep="\n", flush=True)
    if not args.no_peers:
        starts = [base + path for path in site.starts]
        rows.append(peers.naive(work, starts))
        print(rows[-1].line(), flush=True)
        rows.append(peers.news_please(work, base))
        print(rows[-1].line(), flush=True)
    if not frontier:
        return rows
    for count in [int(n) for n in args.frontier.split(",") if n]:
        fdata = work / f"frontier-{count}"
        seed_frontier(fdata, site.name, base, count)
        budget = ["--max-pages", str(args.frontier_budget)]
        # Peak RSS is the figure here; a run still draining its refused requests is stopped.
        log = work / f"frontier-{count}.log"
        used = secnews([site.name, *budget], fdata, configs, log, timeout=300)
        rows.append(
            peers.Row(
                f"frontier of {count} pending, {args.frontier_budget} requests",
                args.frontier_budget,
                used,
            )
        )
        print(rows[-1].line(), flush=True)
    return rows


if __name__ == "__main__":
    main()
