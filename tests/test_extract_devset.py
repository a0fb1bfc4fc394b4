"""`make eval-dev`: the extraction-dev set's scoring rules, and the report over a small set."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.evaluation import devscore
from crawler.evaluation.devset import load_pages

REPO = Path(__file__).resolve().parent.parent
ARTICLE = """<html><head><title>Ministers meet | Example Office</title></head><body>
<nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<article><h1>Ministers meet in the capital</h1>
<p class="byline">By Anna Reed, 12 May 2023</p>
<p>The ministers of the region met in the capital on Friday to discuss trade and transport
across the borders of the member states, the office said in a statement.</p>
<p>They agreed to open two new crossings next year and to publish the timetable for the
railway link by the end of the summer.</p></article>
<footer>Copyright Example Office</footer></body></html>"""


def test_body_tokens_are_words_or_characters_by_language() -> None:
    assert devscore.tokens("The Cat's 2 cats.", "en") == ["the", "cat", "s", "2", "cats"]
    assert devscore.tokens("北斗，系统！ ＡＢ", "zh") == ["北", "斗", "系", "统", "A", "B"]
    score = devscore.body_score("a b b c", "a b c d", "en")
    assert (score.precision, score.recall) == (0.75, 0.75)
    assert devscore.body_score("", "a b", "en").f1 == 0.0


def test_titles_are_compared_without_case_space_or_punctuation() -> None:
    gold = "ministers meet in the capital"
    assert devscore.title_exact("Ministers  Meet — in the Capital!", gold)
    assert not devscore.title_exact("Ministers meet", "Ministers meet in the capital")
    assert devscore.title_similarity(None, "Anything") == 0.0
    assert 0.5 < devscore.title_similarity("Ministers meet", "Ministers meet today") < 1.0


@pytest.mark.parametrize(
    ("found", "right"),
    [
        ("2023-05-12T10:00:00+08:00", True),
        ("2023/5/12", True),
        ("2023.05.12", True),
        ("2023年5月12日 10:00", True),
        ("updated 2023-05-13, first 2023-05-12", False),  # the first date is the one read
        ("May 12, 2023", False),
        (None, False),
    ],
)
def test_the_first_date_in_the_prediction_must_be_the_gold_day(
    found: str | None, right: bool
) -> None:
    assert devscore.date_correct(found, "2023-05-12") is right


@pytest.mark.parametrize(
    ("found", "gold", "right"),
    [
        ("By Anna Reed", "Anna Reed", True),
        ("Anna Reed and Tom Hill", "Anna Reed", True),  # the gold inside the prediction
        ("Reed", "Anna Maria Reed", False),  # inside the gold but under half its length
        ("Reed", "Anna Reed", True),  # inside the gold and half its length
        (["Tom Hill", "Anna Reed"], "Anna Reed, Li Wei", True),  # one name matches one name
        ("Anna Reed-Smith", "Anna Reed", True),
        ("Editorial team", "Anna Reed", False),
        ("作者：王小明 李华", "李华", True),
        (None, "Anna Reed", False),
    ],
)
def test_author_rules(found: str | list[str] | None, gold: str, right: bool) -> None:
    assert devscore.author_correct(found, gold) is right


def write_page(folder: Path, page_id: str, html: str, gold: dict[str, object]) -> None:
    pages = folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    (pages / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode("utf-8")))
    record = {"id": page_id, "url": f"https://example.org/{page_id}", **gold}
    (pages / f"{page_id}.json").write_text(json.dumps(record), encoding="utf-8")


def small_set(folder: Path) -> Path:
    write_page(
        folder,
        "ex-article",
        ARTICLE,
        {
            "lang": "en",
            "source_dataset": "ex",
            "title": "Ministers meet in the capital",
            "published": "2023-05-12",
            "author": "Anna Reed",
            "text": "The ministers of the region met in the capital on Friday to discuss trade "
            "and transport across the borders of the member states, the office said in a "
            "statement. They agreed to open two new crossings next year and to publish the "
            "timetable for the railway link by the end of the summer.",
        },
    )
    write_page(
        folder,
        "ex-empty",
        "<html><body></body></html>",
        {"lang": "en", "source_dataset": "other", "text": "Nothing here is readable at all."},
    )
    return folder


def test_pages_load_by_id_and_by_source(tmp_path: Path) -> None:
    folder = small_set(tmp_path)
    assert [page.id for page in load_pages(folder)] == ["ex-article", "ex-empty"]
    assert [page.id for page in load_pages(folder, source="other")] == ["ex-empty"]
    assert load_pages(folder, ids=["ex-article"])[0].body.startswith(b"<html>")


def test_eval_dev_prints_both_extractors_per_language_and_source(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "crawler.evaluation.devset", str(small_set(tmp_path))],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=True,
    )
    lines = result.stdout.splitlines()
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == ["measure (secnews / trafilatura)", "all (2)", "en (2)", "ex (1)", "other (1)"]
    rows = {line.split("|")[1].strip(): line for line in lines[2:] if line.startswith("|")}
    assert "body F1 mean" in rows and "ms a page" in rows
    # The empty page fails for both; the article is read whole by secnews.
    assert rows["failures"].split("|")[2].strip() == "1 / 1"
    article_f1 = rows["body F1 mean"].split("|")[4].strip().split(" / ")
    assert float(article_f1[0]) > 0.95
    assert rows["title exact"].split("|")[4].strip().startswith("1.000 / ")
    assert "pages where secnews trails trafilatura" in result.stdout


def test_eval_dev_refuses_a_folder_without_the_set(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "crawler.evaluation.devset", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2 and "no extraction-dev set here" in result.stderr
