"""`make eval`: the gold-set scoring, and the report run on a few pages, both columns shown."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from crawler.evaluation.goldset import FIELDS, GoldPage, leaks, normalised, token_f1, tokens

from .conftest import PAGES, REPO

SUBSET = ("zh-metinfo-seed", "ru-bitrix-cp1251", "en-drupal-jsonld")
CELL = re.compile(r"^(?:\d\.\d\d|—) / (?:\d\.\d\d|—)$")


def test_cjk_text_is_scored_by_characters_and_other_text_by_words() -> None:
    assert tokens("秘书处会见 Ambassador, 12 May") == [*"秘书处会见", "ambassador", "12", "may"]
    assert token_f1("秘书长会见大使", "秘书长会见大使") == 1.0
    recall = 5 / 7  # five of the seven expected characters, nothing extra
    assert token_f1("秘书长会见", "秘书长会见大使") == pytest.approx(2 * recall / (1 + recall))
    assert token_f1("", "") == 1.0
    assert token_f1("share this", "the minister met") == 0.0


def test_authors_compare_without_case_spacing_or_edge_punctuation() -> None:
    assert normalised("  Press  Office. ") == normalised("press office")
    assert normalised(None) == normalised("") == ""


def test_leakage_counts_shared_and_page_specific_furniture() -> None:
    page = GoldPage("p", b"", {"not_contains": ["Просмотров: 137"]})
    assert leaks("Текст. Версия для печати", page)
    assert leaks("Текст. Просмотров: 137", page)
    assert not leaks("Министры обсудили долю экспорта.", page)


def test_eval_prints_both_columns_for_every_field_and_language() -> None:
    args = [arg for name in SUBSET for arg in ("--page", name)]
    result = subprocess.run(
        [sys.executable, "-m", "crawler.evaluation", str(PAGES), *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=True,
    )
    lines = result.stdout.splitlines()
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == ["field (secnews / trafilatura)", "all (3)", "en (1)", "ru (1)", "zh (1)"]
    rows = {line.split("|")[1].strip(): line for line in lines[2:] if line.startswith("|")}
    assert [label.split(" (")[0] for label in rows] == list(FIELDS)
    for line in rows.values():
        cells = [cell.strip() for cell in line.strip("|").split("|")[1:]]
        assert len(cells) == 4 and all(CELL.match(cell) for cell in cells), line
    assert rows["title exact"].split("|")[2].strip().startswith("1.00 / ")
    assert rows["leakage (lower is better)"].split("|")[2].strip().startswith("0.00 / ")
    assert "3 pages; mean time a page: secnews " in result.stdout
    assert "short of the goal" not in result.stdout


def test_eval_refuses_a_directory_without_gold_pages(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "crawler.evaluation", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2 and "no gold pages" in result.stderr
