"""secnews against plain trafilatura on the gold set, per language and field.

Both read the same decoded pages in the same run. ``make eval`` runs it as
``python -m crawler.evaluation [PAGES_DIR] [--page NAME ...]``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import click
import trafilatura
from trafilatura.settings import Document

from crawler.evaluation.goldset import FIELDS, Extraction, GoldPage, Score, load_gold, score_page
from crawler.extract import decode_html, extract_article

DEFAULT_PAGES = Path(__file__).resolve().parents[2] / "tests" / "data" / "pages"
EXTRACTORS = ("secnews", "trafilatura")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)[^)]*\)")
_LOWER_IS_BETTER = frozenset({"leakage"})


def secnews_reading(page: GoldPage) -> Extraction:
    """secnews on the page's bytes, as a crawl would see them."""
    record = extract_article(page.body, page.url, content_type=page.content_type, hints=page.hints)
    if record is None:
        return Extraction()
    return Extraction(
        title=record.title,
        published=record.published,
        author=record.author,
        text=record.text,
        images=tuple(image.url for image in record.images),
    )


def trafilatura_reading(page: GoldPage) -> Extraction:
    """Plain trafilatura with metadata on the page as secnews decoded it."""
    html = decode_html(page.body, page.content_type)
    document = _fields(trafilatura.bare_extraction(html, url=page.url, with_metadata=True))
    return Extraction(
        title=document.get("title"),
        published=document.get("date"),
        author=document.get("author"),
        text=document.get("text") or "",
    )


def _fields(document: Document | dict[str, Any] | None) -> dict[str, Any]:
    if document is None:
        return {}
    return document if isinstance(document, dict) else document.as_dict()


def trafilatura_images(page: GoldPage) -> tuple[str, ...]:
    """The body images trafilatura reports when asked to keep them (a second, untimed call:
    plain trafilatura leaves images out)."""
    html = decode_html(page.body, page.content_type)
    document = _fields(trafilatura.bare_extraction(html, url=page.url, include_images=True))
    return tuple(_MARKDOWN_IMAGE.findall(document.get("text") or ""))


@dataclass
class Report:
    """Scores by extractor and language ("all" included), and time spent per extractor."""

    scores: dict[tuple[str, str], Score] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def score(self, extractor: str, language: str) -> Score:
        return self.scores.setdefault((extractor, language), Score())

    def languages(self) -> list[str]:
        ranked = sorted(self.pages, key=lambda code: (-self.pages[code], code))
        return ["all", *ranked]


def evaluate(pages: list[GoldPage]) -> Report:
    """Run both extractors over every page and score them."""
    readers: dict[str, Callable[[GoldPage], Extraction]] = {
        "secnews": secnews_reading,
        "trafilatura": trafilatura_reading,
    }
    report = Report()
    for reader in readers.values():
        reader(pages[0])  # first calls load models and caches: not a page's cost
    for page in pages:
        report.pages[page.language] = report.pages.get(page.language, 0) + 1
        for name, reader in readers.items():
            started = time.perf_counter()
            found = reader(page)
            report.seconds[name] = report.seconds.get(name, 0.0) + time.perf_counter() - started
            if name == "trafilatura":
                found = replace(found, images=trafilatura_images(page))
            for language in ("all", page.language):
                score_page(report.score(name, language), page, found)
    return report


def _cell(report: Report, name: str, language: str) -> str:
    values = [report.score(extractor, language).value(name) for extractor in EXTRACTORS]
    return " / ".join("—" if value is None else f"{value:.2f}" for value in values)


def table(report: Report) -> str:
    """A Markdown table: one row a field, one column a language, ``secnews / trafilatura``."""
    languages = report.languages()
    total = sum(report.pages.values())
    counts = [f"all ({total})", *(f"{code} ({report.pages[code]})" for code in languages[1:])]
    lines = [
        "| field (secnews / trafilatura) | " + " | ".join(counts) + " |",
        "| --- |" + " --- |" * len(languages),
    ]
    for name in FIELDS:
        label = f"{name} (lower is better)" if name in _LOWER_IS_BETTER else name
        cells = [_cell(report, name, language) for language in languages]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def shortfalls(report: Report) -> list[str]:
    """Where secnews is behind trafilatura or under the issue's bars (empty when done)."""
    problems = []
    for language in report.languages():
        ours, theirs = report.score("secnews", language), report.score("trafilatura", language)
        for name in FIELDS:
            mine, other = ours.value(name), theirs.value(name)
            if mine is None or other is None:
                continue
            worse = mine > other if name in _LOWER_IS_BETTER else mine < other
            if worse:
                problems.append(f"{language} {name}: {mine:.2f} behind {other:.2f}")
    everything = report.score("secnews", "all")
    bars = {"date same-day": 0.95, "title exact": 0.95, "image recall": 0.9}
    for name, bar in bars.items():
        value = everything.value(name)
        if value is not None and value < bar:
            problems.append(f"all {name}: {value:.2f} under {bar}")
    if (everything.value("leakage") or 0.0) > 0:
        problems.append("all leakage: above 0")
    return problems


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument(
    "pages_dir",
    required=False,
    default=str(DEFAULT_PAGES),
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option("--page", "names", multiple=True, help="Only this page (repeatable).")
def main(pages_dir: Path, names: tuple[str, ...]) -> None:
    """Score secnews and plain trafilatura on the gold set, per language and field.

    Example: python -m crawler.evaluation tests/data/pages --page zh-metinfo-seed
    """
    pages = load_gold(pages_dir, list(names))
    if not pages:
        raise click.UsageError(f"no gold pages in {pages_dir}")
    report = evaluate(pages)
    click.echo(table(report))
    click.echo("")
    timing = ", ".join(
        f"{name} {1000 * report.seconds[name] / len(pages):.0f} ms" for name in EXTRACTORS
    )
    click.echo(f"{len(pages)} pages; mean time a page: {timing}")
    for problem in shortfalls(report):
        click.echo(f"short of the goal: {problem}")
