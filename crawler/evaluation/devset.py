"""``make eval-dev``: secnews against plain trafilatura on pages nobody here wrote.

The extraction-dev set (``../shared/extraction-dev``: real pages from public extraction
benchmarks, gold labelled by their authors) is the yardstick for every extraction change;
``make eval`` over our own gold pages is the regression net. Both extractors read each page's
bytes decoded the same way (secnews's decoding) with its URL, and are scored by the set's own
rules (``devscore``), per language and per source. Run it with
``python -m crawler.evaluation.devset [DEV_DIR] [--page ID ...] [--source S] [--dump FILE]``.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import click
import trafilatura

from crawler.evaluation import devscore
from crawler.extract import decode_html, extract_article

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "shared" / "extraction-dev"
EXTRACTORS = ("secnews", "trafilatura")
TRAILING = 0.1  # pages where secnews's body F1 is this much below trafilatura's are listed


@dataclass(frozen=True)
class DevPage:
    id: str
    language: str
    source: str
    url: str | None
    gold: dict[str, Any]
    body: bytes


@dataclass(frozen=True)
class Reading:
    """What one extractor made of one page; ``failed`` when it crashed or found no body."""

    title: str | None = None
    published: str | None = None
    author: str | list[str] | None = None
    text: str = ""
    failed: bool = False
    seconds: float = 0.0


@dataclass
class PageScore:
    """One extractor on one page, scored; title, date and author only where gold has them."""

    body: devscore.BodyScore
    failed: bool
    seconds: float
    title_exact: bool | None = None
    title_similarity: float | None = None
    date: bool | None = None
    author: bool | None = None


@dataclass
class Results:
    pages: list[DevPage] = field(default_factory=list)
    scores: dict[tuple[str, str], PageScore] = field(default_factory=dict)  # (extractor, id)


def load_pages(
    directory: Path, ids: Iterable[str] = (), source: str | None = None
) -> list[DevPage]:
    """The set's pages in file order, or those named, or those of one source."""
    wanted = set(ids)
    pages = []
    for gold_path in sorted((directory / "pages").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        if (wanted and gold["id"] not in wanted) or (source and gold["source_dataset"] != source):
            continue
        body = gzip.decompress((directory / "pages" / f"{gold['id']}.html.gz").read_bytes())
        pages.append(
            DevPage(gold["id"], gold["lang"], gold["source_dataset"], gold.get("url"), gold, body)
        )
    return pages


def _page_url(page: DevPage) -> str:
    return page.url or f"http://unknown.invalid/{page.id}"


def secnews_reading(page: DevPage) -> Reading:
    record = extract_article(page.body, _page_url(page))
    if record is None:
        return Reading(failed=True)
    return Reading(record.title, record.published, record.author, record.text)


def trafilatura_reading(page: DevPage) -> Reading:
    html = decode_html(page.body, None)  # as secnews decodes it: the same input for both
    document = trafilatura.bare_extraction(html, url=_page_url(page), with_metadata=True)
    if document is None:
        return Reading(failed=True)
    found = document if isinstance(document, dict) else document.as_dict()
    if not found.get("text"):
        return Reading(failed=True)
    return Reading(found.get("title"), found.get("date"), found.get("author"), found["text"])


READERS: dict[str, Callable[[DevPage], Reading]] = {
    "secnews": secnews_reading,
    "trafilatura": trafilatura_reading,
}


def read(page: DevPage, extractor: str) -> Reading:
    """One extractor on one page, timed; a crash is a failure, as the set's rules say."""
    started = time.perf_counter()
    try:
        reading = READERS[extractor](page)
    except Exception:
        reading = Reading(failed=True)
    return Reading(**{**asdict(reading), "seconds": time.perf_counter() - started})


def score(page: DevPage, reading: Reading) -> PageScore:
    gold = page.gold
    if reading.failed:  # every field of a failed page scores 0
        reading = Reading(failed=True, seconds=reading.seconds)
    result = PageScore(
        devscore.body_score(reading.text, gold["text"], page.language),
        reading.failed,
        reading.seconds,
    )
    if gold.get("title"):
        result.title_exact = devscore.title_exact(reading.title, gold["title"])
        result.title_similarity = devscore.title_similarity(reading.title, gold["title"])
    if gold.get("published"):
        result.date = devscore.date_correct(reading.published, gold["published"])
    if gold.get("author"):
        result.author = devscore.author_correct(reading.author, gold["author"])
    return result


def evaluate(pages: list[DevPage], dump: Path | None = None) -> Results:
    results = Results(pages=pages)
    for extractor in EXTRACTORS:
        read(pages[0], extractor)  # first calls load models and caches: not a page's cost
    with dump.open("w", encoding="utf-8") if dump else contextlib.nullcontext() as out:
        for page in pages:
            for extractor in EXTRACTORS:
                reading = read(page, extractor)
                results.scores[(extractor, page.id)] = score(page, reading)
                if out is not None:
                    line = {"id": page.id, "extractor": extractor, **asdict(reading)}
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return results


# The report

MEASURES = (
    "body F1 mean",
    "body F1 median",
    "body recall",
    "pages under F1 .5",
    "title exact",
    "title similarity",
    "date",
    "author",
    "failures",
    "ms a page",
)


def _share(values: list[bool | None]) -> float | None:
    counted = [value for value in values if value is not None]
    return sum(counted) / len(counted) if counted else None


def _mean(values: list[float | None]) -> float | None:
    counted = [value for value in values if value is not None]
    return statistics.fmean(counted) if counted else None


def measure(scores: list[PageScore], name: str) -> float | None:
    """One row's figure over a group's pages."""
    f1 = [s.body.f1 for s in scores]
    figures: dict[str, Callable[[], float | None]] = {
        "body F1 mean": lambda: statistics.fmean(f1),
        "body F1 median": lambda: statistics.median(f1),
        "body recall": lambda: statistics.fmean(s.body.recall for s in scores),
        "pages under F1 .5": lambda: sum(value < 0.5 for value in f1) / len(f1),
        "title exact": lambda: _share([s.title_exact for s in scores]),
        "title similarity": lambda: _mean([s.title_similarity for s in scores]),
        "date": lambda: _share([s.date for s in scores]),
        "author": lambda: _share([s.author for s in scores]),
        "failures": lambda: float(sum(s.failed for s in scores)),
        "ms a page": lambda: 1000 * statistics.fmean(s.seconds for s in scores),
    }
    return figures[name]() if scores else None


def groups(results: Results) -> dict[str, list[DevPage]]:
    """All pages, then each language, then each source, largest first."""
    found: dict[str, list[DevPage]] = {"all": list(results.pages)}
    for key in ("language", "source"):
        values = sorted({getattr(page, key) for page in results.pages})
        members = {v: [p for p in results.pages if getattr(p, key) == v] for v in values}
        for value in sorted(members, key=lambda v: (-len(members[v]), v)):
            found[value] = members[value]
    return found


def _format(name: str, value: float | None) -> str:
    if value is None:
        return "—"
    if name == "failures":
        return str(int(value))
    if name == "ms a page":
        return f"{value:.0f}"
    return f"{value:.3f}"


def table(results: Results) -> str:
    """Markdown: a row a measure, a column a group, cells ``secnews / trafilatura``."""
    columns = groups(results)
    lines = [
        "| measure (secnews / trafilatura) | "
        + " | ".join(f"{name} ({len(pages)})" for name, pages in columns.items())
        + " |",
        "| --- |" + " --- |" * len(columns),
    ]
    for name in MEASURES:
        cells = []
        for pages in columns.values():
            figures = [
                _format(name, measure([results.scores[(e, p.id)] for p in pages], name))
                for e in EXTRACTORS
            ]
            cells.append(" / ".join(figures))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def trailing(results: Results) -> list[str]:
    """The pages where secnews's body F1 is more than TRAILING below trafilatura's."""
    lines = []
    for page in results.pages:
        ours = results.scores[("secnews", page.id)].body
        theirs = results.scores[("trafilatura", page.id)].body
        if theirs.f1 - ours.f1 > TRAILING:
            lines.append(
                f"{page.id}: secnews {ours.f1:.2f} (recall {ours.recall:.2f}), "
                f"trafilatura {theirs.f1:.2f}"
            )
    return lines


def shortfalls(results: Results) -> list[str]:
    """Where secnews misses the bars issue 16 set: at least trafilatura's body F1, date and
    author, at most its share of pages under .5, titles 84 % exact, for all pages and for
    English; and no failure on a page where trafilatura found a body."""
    problems = []
    for column in ("all", "en"):
        pages = groups(results).get(column, [])
        mine = {n: measure([results.scores[("secnews", p.id)] for p in pages], n) for n in MEASURES}
        theirs = {
            n: measure([results.scores[("trafilatura", p.id)] for p in pages], n) for n in MEASURES
        }
        for name in ("body F1 mean", "date", "author"):
            ours, other = mine[name], theirs[name]
            if ours is not None and other is not None and ours < other:
                problems.append(f"{column} {name}: {ours:.3f} below {other:.3f}")
        under, their_under = mine["pages under F1 .5"], theirs["pages under F1 .5"]
        if under is not None and their_under is not None and under > their_under:
            problems.append(f"{column} pages under .5: {under:.3f} above {their_under:.3f}")
        if mine["title exact"] is not None and mine["title exact"] < 0.84:
            problems.append(f"{column} title exact: {mine['title exact']:.3f} below 0.84")
    for page in results.pages:
        if (
            results.scores[("secnews", page.id)].failed
            and not results.scores[("trafilatura", page.id)].failed
        ):
            problems.append(f"{page.id}: no body from secnews, trafilatura found one")
    return problems


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument(
    "dev_dir",
    required=False,
    default=str(DEFAULT_DIR),
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option("--page", "ids", multiple=True, help="Only this page id (repeatable).")
@click.option("--source", help="Only this source dataset (wcxb, aeb, fundus, magic-html).")
@click.option(
    "--dump",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every reading (both extractors, each page) here as JSON Lines.",
)
def main(dev_dir: Path, ids: tuple[str, ...], source: str | None, dump: Path | None) -> None:
    """Score secnews and plain trafilatura on the extraction-dev set, per language and source.

    Example: python -m crawler.evaluation.devset ../shared/extraction-dev --source wcxb
    """
    if not (dev_dir / "pages").is_dir():
        raise click.UsageError(f"{dev_dir}: no extraction-dev set here (a pages/ folder)")
    pages = load_pages(dev_dir, ids, source)
    if not pages:
        raise click.UsageError(f"{dev_dir}: no page matches")
    results = evaluate(pages, dump)
    click.echo(table(results))
    behind = trailing(results)
    click.echo(f"\n{len(behind)} pages where secnews trails trafilatura by more than {TRAILING}:")
    for line in behind:
        click.echo(f"  {line}")
    for problem in shortfalls(results):
        click.echo(f"short of the goal: {problem}")


if __name__ == "__main__":
    main()
