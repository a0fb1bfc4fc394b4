"""Benchmark of `secnews snapshot`: a synthetic archive, time and peak memory per format.

    python bench/snapshot.py                      # 100k articles (and 10k, to show memory flat)
    python bench/snapshot.py --sizes 20000 --work /tmp/bench

The synthetic archive is built once per size under --work and reused. Each format runs in a
fresh process, which reports its own wall time and peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a checkout without installing

FORMATS = ("sqlite", "parquet", "jsonl", "csv", "text")
SITES = 8
WORDS = {
    "en": [
        "the",
        "forum",
        "secretariat",
        "ministers",
        "agreed",
        "cooperation",
        "transport",
        "water",
        "trade",
        "programme",
        "members",
        "meeting",
        "statement",
        "annual",
        "session",
        "working",
        "group",
        "delegation",
    ],
    "ru": [
        "секретариат",
        "форум",
        "министры",
        "сотрудничество",
        "транспорт",
        "водные",
        "ресурсы",
        "торговля",
        "программа",
        "заседание",
        "делегация",
        "заявление",
        "рабочая",
        "группа",
    ],
    "zh": list("上海合作组织睦邻友好委员会秘书处论坛在北京举行中国中亚合作发展交流会议代表团"),
}


def _text(rng: random.Random, language: str, paragraphs: int) -> str:
    words = WORDS[language]
    joiner = "" if language == "zh" else " "
    return "\n\n".join(
        joiner.join(rng.choice(words) for _ in range(rng.randint(40, 90))) + "。."[language != "zh"]
        for _ in range(paragraphs)
    )


def _rows(count: int, seed: int = 6) -> Iterator[tuple[Any, ...]]:
    """(article, versions, images, urls, fetch) for ``count`` synthetic articles."""
    rng = random.Random(seed)
    for number in range(1, count + 1):
        site = f"site-{number % SITES}"
        language = ("en", "ru", "zh")[number % 3]
        day = f"20{10 + number % 14:02d}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        url = f"https://{site}.example/news/{number}.html"
        text = _text(rng, language, rng.randint(3, 7))
        title = _text(rng, language, 1)[:80]
        seen = f"2024-06-{1 + number % 28:02d}T08:00:00Z"
        article = (
            number,
            site,
            url,
            url,
            title,
            f"{day}T10:00:00+06:00",
            "byline",
            day,
            "Press Office",
            language,
            text,
            len(text.split()),
            f"h{number}",
            1,
            "live",
            seen,
            seen,
            seen,
        )
        versions = [(number, 1, seen, title, day, "Press Office", text, f"h{number}", "bench")]
        if number % 5 == 0:  # a fifth of the articles were edited once
            versions.insert(
                0,
                (number, 0, seen, title, day, "Press Office", text[:200], f"h{number}-0", "bench"),
            )
        images = [(number, 0, f"https://{site}.example/img/{number}.jpg", "A photo", "")]
        yield article, versions, images, (url, number, seen), (url, seen, 200, len(text))


def _insert(conn: sqlite3.Connection, rows: tuple[Any, ...], index_columns: list[str]) -> None:
    article, versions, images, url, fetch = rows
    marks = ", ".join("?" * len(article))
    conn.execute(
        "INSERT INTO articles (id, site, url, url_key, title, published, published_source, "
        "published_raw, author, language, text, word_count, content_hash, version, status, "
        f"first_seen, last_seen, last_changed) VALUES ({marks})",
        article,
    )
    conn.executemany(
        "INSERT INTO article_versions (article_id, version, fetched_at, title, published, "
        "author, text, content_hash, extractor) VALUES (?, ? + 1, ?, ?, ?, ?, ?, ?, ?)",
        versions,
    )
    conn.executemany(
        "INSERT INTO images (article_id, position, url, alt, caption) VALUES (?, ?, ?, ?, ?)",
        images,
    )
    conn.execute("INSERT INTO article_urls VALUES (?, ?, ?)", url)
    conn.execute(
        "INSERT INTO fetches (run_id, url, fetched_at, status, bytes) VALUES (1, ?, ?, ?, ?)",
        fetch,
    )
    # Whatever columns the search index has: titles in title*, texts in text*.
    values = [article[4] if c.startswith("title") else article[10] for c in index_columns]
    conn.execute(
        f"INSERT INTO articles_fts (rowid, {', '.join(index_columns)}) "
        f"VALUES (?, {', '.join('?' * len(index_columns))})",
        [article[0], *values],
    )


def build(path: Path, count: int) -> None:
    """Write a synthetic archive of ``count`` articles with the archive's own schema."""
    from archive.store import Archive

    path.mkdir(parents=True, exist_ok=True)
    Archive(path).close()  # schema: every migration
    conn = sqlite3.connect(path / "archive.db")
    conn.execute("PRAGMA journal_mode = WAL")
    index = [row[1] for row in conn.execute("PRAGMA table_info(articles_fts)")]
    index_columns = [column for column in index if column.startswith(("title", "text"))]
    with conn:
        conn.executemany(
            "INSERT INTO sites (name, title, base_url, language) VALUES (?, ?, ?, 'en')",
            [(f"site-{n}", f"Site {n}", f"https://site-{n}.example/") for n in range(SITES)],
        )
        conn.execute(
            "INSERT INTO crawl_runs (id, started_at, status) VALUES (1, '2024-06-01', 'ok')"
        )
        for rows in _rows(count):
            _insert(conn, rows, index_columns)
    conn.close()


def ensure(work: Path, count: int) -> Path:
    data = work / f"archive-{count}"
    ready = data / "ready"
    if not ready.exists():
        shutil.rmtree(data, ignore_errors=True)
        started = time.perf_counter()
        print(f"building a synthetic archive of {count} articles in {data} …", flush=True)
        build(data, count)
        ready.write_text(f"{time.perf_counter() - started:.1f}\n")
    return data


def run_one(data: Path, out: Path, formats: str, pack: str | None) -> dict[str, Any]:
    """In this process: one snapshot, its wall time and peak memory; then its verification."""
    from archive.snapshot.take import SnapshotOptions, take_snapshot
    from archive.snapshot.verify import verify_snapshot

    options = SnapshotOptions(out_dir=out, formats=tuple(formats.split(",")), archive=pack)
    started = time.perf_counter()
    result = take_snapshot(data, options)
    seconds = time.perf_counter() - started
    # This process and the largest of its export workers, before verify adds its own.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    started = time.perf_counter()
    ok = verify_snapshot(result.path).ok
    verify = time.perf_counter() - started
    size = sum(p.stat().st_size for p in result.path.rglob("*") if p.is_file())
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "worker_peak_mb": worker,
        "verify_seconds": verify,
        "ok": ok,
        "mb": size / 2**20,
        "files": result.files,
        "load": os.getloadavg()[0],
    }


def measure(data: Path, work: Path, formats: str, pack: str | None = None) -> dict[str, float]:
    out = work / "out"
    _settle(out)
    command = [sys.executable, __file__, "run", str(data), str(out), formats]
    command += [pack] if pack else []
    answer = subprocess.run(command, capture_output=True, text=True, check=True)
    _settle(out)
    return dict(json.loads(answer.stdout.splitlines()[-1]))


def _settle(out: Path) -> None:
    """Remove a run's output and let the disk finish with it (a deleted 3 GB of files,
    trimmed and journalled, would otherwise slow the next run down)."""
    shutil.rmtree(out, ignore_errors=True)
    os.sync()
    time.sleep(2)  # not synchronisation: a pause between measurements


def report(work: Path, sizes: list[int]) -> None:
    print(
        "| articles | formats | time (s) | peak memory, main / worker (MB) | snapshot (MB) "
        "| files | verify (s) | load |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for count in sizes:
        data = ensure(work, count)
        runs = [(f, f, None) for f in FORMATS] + [("all", ",".join(FORMATS), None)]
        runs += [("all + tar.gz", ",".join(FORMATS), "tar.gz")]
        for label, formats, pack in runs:
            m = measure(data, work, formats, pack)
            assert m["ok"], f"{label}: the snapshot did not verify"
            print(
                f"| {count:,} | {label} | {m['seconds']:.1f} | {m['peak_mb']:.0f} / "
                f"{m['worker_peak_mb']:.0f} | {m['mb']:.0f} | {m['files']:,} | "
                f"{m['verify_seconds']:.1f} | {m['load']:.1f} |",
                flush=True,
            )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "run":
        data, out, formats, *pack = sys.argv[2:]
        print(json.dumps(run_one(Path(data), Path(out), formats, pack[0] if pack else None)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="article counts, comma separated")
    parser.add_argument("--work", type=Path, default=Path("/tmp/secnews-bench-snapshot"))
    args = parser.parse_args()
    report(args.work, [int(size) for size in args.sizes.split(",")])


if __name__ == "__main__":
    main()
