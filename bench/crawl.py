"""Crawl benchmark: secnews crawl→archive on a generated site against the extraction limit,
a naive Scrapy+trafilatura spider and news-please; a no-change recrawl; a large frontier.

``make bench`` (BENCH_PAGES=400 for a quick run). Needs no network: the site is on 127.0.0.1.
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
from datetime import UTC, datetime
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


def build_site(work: Path, pages: int) -> Path:
    # Named after the generator too: a site built by an older bench/site.py is not reused.
    generator = hashlib.sha256((BENCH / "site.py").read_bytes()).hexdigest()[:8]
    root = work / f"site-{pages}-{generator}"
    if not (root / ".complete").exists():
        shutil.rmtree(root, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, BENCH / "site.py", "build", root, "--pages", str(pages)], check=True
        )
        (root / ".complete").touch()
        print(f"built {root} in {time.perf_counter() - started:.0f} s", flush=True)
    return root


def start_server(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, BENCH / "site.py", "serve", root, "--port", str(port)],
        stdout=subprocess.PIPE,
    )
    assert server.stdout is not None
    server.stdout.readline()  # "serving ...": the socket is listening
    return server, f"http://127.0.0.1:{port}"


def _extract_one(path: Path) -> bool:
    import trafilatura

    return trafilatura.bare_extraction(path.read_bytes(), with_metadata=True) is not None


def _secnews_one(path: Path) -> bool:
    from crawler.extract import ExtractHints, extract_article

    url = "http://127.0.0.1/" + path.as_posix().split("/site-", 1)[1].split("/", 1)[1]
    hints = ExtractHints(timezone="Asia/Shanghai")
    return (
        extract_article(path.read_bytes(), url, content_type="text/html", hints=hints) is not None
    )


def extraction_alone(root: Path, one: object) -> tuple[measure.Measured, int]:
    """Extraction over every saved page with a pool of two (both cores), nothing else."""
    files = sorted(root.rglob("*.html"))

    def work() -> None:
        with Pool(2) as pool:
            list(pool.imap_unordered(one, files, chunksize=8))  # type: ignore[arg-type]

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


def run_requests(data: Path) -> list[tuple[int, int, int]]:
    """(run id, requests sent, articles stored) of every run, oldest first."""
    db = sqlite3.connect(data / "archive.db")
    try:
        runs = [r[0] for r in db.execute("SELECT id FROM crawl_runs ORDER BY id")]
        return [
            (
                run,
                db.execute("SELECT count(*) FROM fetches WHERE run_id = ?", [run]).fetchone()[0],
                db.execute("SELECT count(*) FROM articles").fetchone()[0],
            )
            for run in runs
        ]
    finally:
        db.close()


def seed_frontier(data: Path, base: str, count: int) -> None:
    """``count`` pending URLs in the frontier, as a crawl killed early would leave them."""
    from archive.store import Archive

    with Archive(data):
        pass  # the schema
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    db = sqlite3.connect(data / "archive.db")
    with db:
        db.executemany(
            "INSERT OR IGNORE INTO frontier (url, site, state, via, discovered_at) "
            "VALUES (?, 'bench-site', 'pending', 'link', ?)",
            ((f"{base}/zh/pending/{n}.html", now) for n in range(count)),
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
    parser.add_argument("--frontier", default="10000,50000,100000")
    parser.add_argument("--frontier-budget", type=int, default=1000)
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    root = build_site(work, args.pages)
    server, base = start_server(root)
    try:
        rows = bench(work, root, base, args)
    finally:
        server.terminate()
        server.wait()
    print()
    print(f"secnews crawl benchmark, {args.pages} articles, {os.cpu_count()} cores")
    print(peers.table(rows))


def bench(work: Path, root: Path, base: str, args: argparse.Namespace) -> list[peers.Row]:
    sites = work / "sites"
    sites.mkdir(exist_ok=True)
    (sites / "bench-site.toml").write_text(SITE_TOML.format(base=base), "utf-8")
    rows: list[peers.Row] = []
    # The limit is measured just before the crawl and again just after it, and the crawl is
    # compared with the mean of the two: this machine's speed drifts over minutes, and a
    # drift during the run then weighs on both sides of the ratio.
    before, files = extraction_alone(root, _extract_one)
    print(peers.Row("limit, before the crawl", files, before).line(), flush=True)
    own, _ = extraction_alone(root, _secnews_one)
    rows.append(peers.Row("secnews extractor alone, pool of 2", files, own))
    print(rows[-1].line(), flush=True)
    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    first = secnews(["bench-site"], data, sites, work / "crawl-1.log")
    after, _ = extraction_alone(root, _extract_one)
    print(peers.Row("limit, after the crawl", files, after).line(), flush=True)
    rows[:0] = [
        peers.Row("limit: trafilatura alone, pool of 2", files, mean(before, after)),
        peers.Row("  the limit, before the crawl", files, before),
        peers.Row("  the limit, after the crawl", files, after),
    ]
    second = secnews(["bench-site"], data, sites, work / "crawl-2.log")
    (_, req1, articles), (_, req2, _) = run_requests(data)[-2:]
    rows.append(peers.Row(f"secnews crawl→archive ({articles} articles)", req1, first))
    rows.append(peers.Row("secnews no-change recrawl", req2, second))
    print(rows[-2].line(), rows[-1].line(), sep="\n", flush=True)
    rows.append(peers.naive(work, base))
    print(rows[-1].line(), flush=True)
    rows.append(peers.news_please(work, base))
    print(rows[-1].line(), flush=True)
    for count in [int(n) for n in args.frontier.split(",") if n]:
        fdata = work / f"frontier-{count}"
        shutil.rmtree(fdata, ignore_errors=True)
        seed_frontier(fdata, base, count)
        budget = ["--max-pages", str(args.frontier_budget)]
        # Peak RSS is the figure here; a run still draining its refused requests is stopped.
        log = work / f"frontier-{count}.log"
        used = secnews(["bench-site", *budget], fdata, sites, log, timeout=300)
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
