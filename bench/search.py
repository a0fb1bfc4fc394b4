"""Search benchmark: synthetic zh/ru/en archives, index size and build time, query latency.

Usage: python bench/search.py [--sizes 100000 1000000] [--dir DIR] [--queries 100]

For each size it writes an archive of synthetic articles (a third each Chinese, Russian,
English, with Zipf-distributed vocabularies and inflected Russian/English words), times
``rebuild_index`` over it, then times ``archive.search.search`` (ranked, 20 hits, snippets)
for queries drawn from the corpus itself — so frequent words are asked for often, as users
do — next to a ``LIKE '%…%'`` scan of the same table. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path

from archive.search.index import rebuild_index
from archive.search.query import parse_query
from archive.search.ranking import search
from archive.store import Archive

CHUNK = 5_000
RU_ENDINGS = ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах", "ой", "ий", "ая"]
EN_ENDINGS = ["", "", "s", "ed", "ing", "ation", "er"]
CJK_RUN = re.compile("[\u4e00-\u9fff]{4,}")


def zipf_weights(size: int, exponent: float = 1.05) -> list[float]:
    total, weights = 0.0, []
    for rank in range(1, size + 1):
        total += 1 / rank**exponent
        weights.append(total)
    return weights


class Vocabulary:
    """Seeded word lists for the three languages, and cumulative Zipf weights over them."""

    def __init__(self, seed: int = 5) -> None:
        rng = random.Random(seed)
        chars = [chr(c) for c in rng.sample(range(0x4E00, 0x9FA6), 4000)]
        char_weights = zipf_weights(len(chars), 0.9)
        lengths = rng.choices([1, 2, 2, 2, 2, 3, 4], k=40_000)
        self.zh = ["".join(rng.choices(chars, cum_weights=char_weights, k=n)) for n in lengths]
        self.ru = [self._word(rng, "бвгдзклмнпрстфхцчшщ", "аеиоуыя") for _ in range(20_000)]
        self.en = [self._word(rng, "bcdfghjklmnprstvwz", "aeiou") for _ in range(20_000)]
        self.weights = zipf_weights(40_000)

    @staticmethod
    def _word(rng: random.Random, consonants: str, vowels: str) -> str:
        syllables = rng.randint(1, 4)
        return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(syllables))

    def sentence(self, rng: random.Random, language: str) -> str:
        count = rng.randint(6, 18)
        if language == "zh":
            words = rng.choices(self.zh, cum_weights=self.weights, k=count)
            return "".join(words) + rng.choice("，。。")
        lemmas = self.ru if language == "ru" else self.en
        endings = RU_ENDINGS if language == "ru" else EN_ENDINGS
        words = rng.choices(lemmas, cum_weights=self.weights[: len(lemmas)], k=count)
        text = " ".join(word + rng.choice(endings) for word in words)
        return text[0].upper() + text[1:] + "."


VOCABULARY: Vocabulary | None = None


def make_articles(task: tuple[int, int]) -> list[tuple[object, ...]]:
    """Rows for ``articles``: ids start … start + count - 1 (deterministic for a start)."""
    global VOCABULARY
    VOCABULARY = VOCABULARY or Vocabulary()
    start, count = task
    rng = random.Random(start)
    rows = []
    for article_id in range(start, start + count):
        language = ("zh", "ru", "en")[article_id % 3]
        title = VOCABULARY.sentence(rng, language).rstrip("。.")
        paragraphs = [
            " ".join(VOCABULARY.sentence(rng, language) for _ in range(rng.randint(2, 5)))
            for _ in range(rng.randint(2, 5))
        ]
        day = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        url = f"https://{language}.example/news/{article_id}"
        rows.append(
            (article_id, f"bench-{language}", url, url, title, day, language, "\n".join(paragraphs))
        )
    return rows


def generate(data_dir: Path, size: int) -> Archive:
    archive = Archive(data_dir)
    for language in ("zh", "ru", "en"):
        archive.upsert_site(f"bench-{language}", title=f"Bench {language}", language=language)
    tasks = [(start, min(CHUNK, size - start + 1)) for start in range(1, size + 1, CHUNK)]
    with Pool(2) as pool, archive.db.conn:
        for rows in pool.imap(make_articles, tasks):
            archive.db.conn.executemany(
                "INSERT INTO articles (id, site, url, url_key, title, published, language, "
                "text, version, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'live')",
                rows,
            )
    return archive


def sample_queries(archive: Archive, size: int, count: int) -> dict[str, list[str]]:
    """Queries taken from random articles: CJK substrings, whole Russian and English words."""
    rng = random.Random(11)
    queries: dict[str, list[str]] = {
        "zh 2 chars": [],
        "zh 4 chars": [],
        "ru word": [],
        "en word": [],
    }
    while min(len(found) for found in queries.values()) < count:
        article_id = rng.randint(1, size)
        text = archive.db.execute(
            "SELECT text FROM articles WHERE id = ?", [article_id]
        ).fetchone()[0]
        if article_id % 3 == 0:
            runs = CJK_RUN.findall(text)
            run = rng.choice(runs) if runs else ""
            if len(run) >= 4:
                at = rng.randrange(len(run) - 3)
                queries["zh 2 chars"].append(run[at : at + 2])
                queries["zh 4 chars"].append(run[at : at + 4])
        else:
            words = [word for word in re.findall(r"\w{4,}", text)]
            key = "ru word" if article_id % 3 == 1 else "en word"
            queries[key].append(rng.choice(words).lower())
    return {key: found[:count] for key, found in queries.items()}


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1000, result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def like_scan(archive: Archive, query: str) -> list[object]:
    pattern = f"%{query}%"
    return archive.db.execute(
        "SELECT id FROM articles WHERE title LIKE ? OR text LIKE ? "
        "ORDER BY published DESC LIMIT 20",
        [pattern, pattern],
    ).fetchall()


def sizes(archive: Archive) -> tuple[float, float]:
    text = archive.db.execute(
        "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(text AS BLOB))) FROM articles"
    ).fetchone()[0]
    index = archive.db.execute(
        "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'"
    ).fetchone()[0]
    return text / 2**20, index / 2**20


@dataclass
class Report:
    """The two tables the benchmark prints: building, and querying."""

    build: list[str] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)

    def print(self) -> None:
        print("| articles | generate | index build | text | index | index ÷ text |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: |")
        print("\n".join(self.build))
        print()
        print(
            "| articles | query | matches (median) | ranked by bm25 "
            "| FTS p50 | FTS p95 | LIKE p50 | LIKE p95 |"
        )
        print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        print("\n".join(self.queries))


def open_or_generate(data_dir: Path, size: int, report: Report) -> Archive:
    """The archive of ``size`` articles in ``data_dir``, generated and indexed unless there."""
    if (data_dir / "archive.db").exists():
        archive = Archive(data_dir)
        if archive.db["articles"].count == size:
            return archive
        raise SystemExit(f"{data_dir} holds another archive; remove it or pick another --dir")
    generated, archive = timed(lambda: generate(data_dir, size))
    with archive.db.conn:
        built, _ = timed(lambda: rebuild_index(archive.db, workers=2))
    archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    text_mb, index_mb = sizes(archive)
    report.build.append(
        f"| {size:,} | {generated / 1000:.0f} s | {built / 1000:.0f} s | {text_mb:,.0f} MB "
        f"| {index_mb:,.0f} MB | {index_mb / text_mb:.2f} |"
    )
    print(report.build[-1], file=sys.stderr)
    return archive


def matches(archive: Archive, query: str) -> int:
    expression = parse_query(query).fts()
    sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    return int(archive.db.execute(sql, [expression]).fetchone()[0])


def measure(size: int, data_dir: Path, query_count: int, like_count: int, report: Report) -> None:
    archive = open_or_generate(data_dir, size, report)
    for kind, queries in sample_queries(archive, size, query_count).items():
        for query in queries[:5]:
            search(archive.db, query)  # warm the page cache a little, as a server would be
        runs = [timed(lambda q=q: search(archive.db, q)) for q in queries]
        fts = [ms for ms, _ in runs]
        ranked = sum(1 for _, hits in runs if hits and hits[0].score is not None)  # type: ignore[index, attr-defined]
        like = [timed(lambda q=q: like_scan(archive, q))[0] for q in queries[:like_count]]
        found = statistics.median(matches(archive, query) for query in queries)
        report.queries.append(
            f"| {size:,} | {kind} | {found:,.0f} | {100 * ranked / len(queries):.0f} % "
            f"| {percentile(fts, 0.5):.1f} ms "
            f"| {percentile(fts, 0.95):.1f} ms | {percentile(like, 0.5):,.0f} ms "
            f"| {percentile(like, 0.95):,.0f} ms |"
        )
        print(report.queries[-1], file=sys.stderr)
    archive.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--dir", type=Path, help="Keep the archives here and reuse them.")
    parser.add_argument("--queries", type=int, default=100, help="Queries a kind (default 100).")
    parser.add_argument("--like", type=int, default=10, help="LIKE scans a kind (default 10).")
    args = parser.parse_args()
    report = Report()
    with tempfile.TemporaryDirectory() as scratch:
        workdir = args.dir or Path(scratch)
        for size in args.sizes:
            measure(size, workdir / f"bench-{size}", args.queries, args.like, report)
    report.print()


if __name__ == "__main__":
    main()
