"""Search finds every article it should and no other: checked against LIKE and regular
expressions over the stored text, on the crawled sample sites plus synthetic articles."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from archive.records import ArticleRecord
from archive.search.ranking import SearchFilters, search
from archive.store import DB_NAME, Archive

Articles = dict[int, str]  # id → title and text
Truth = Callable[[Articles, sqlite3.Connection], set[int]]


def like(fragment: str) -> Truth:
    """Articles whose title or text holds ``fragment`` (SQLite LIKE: exact for CJK)."""

    def truth(articles: Articles, db: sqlite3.Connection) -> set[int]:
        sql = "SELECT id FROM articles WHERE title LIKE ?1 OR text LIKE ?1"
        return {row[0] for row in db.execute(sql, [f"%{fragment}%"])}

    return truth


def words(*forms: str) -> Truth:
    """Articles holding one of ``forms`` as a whole word (any case, ё read as е)."""
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(forms) + r")(?![^\W_])", re.I)

    def truth(articles: Articles, db: sqlite3.Connection) -> set[int]:
        return {id_ for id_, text in articles.items() if pattern.search(text.replace("ё", "е"))}

    return truth


def both(first: Truth, second: Truth, combine: Callable[[set[int], set[int]], set[int]]) -> Truth:
    return lambda articles, db: combine(first(articles, db), second(articles, db))


SUMMIT_RU = words(*("саммит" + e for e in ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")))
ELKA = words(*("елк" + e for e in ("а", "и", "е", "у", "ой")))
MINISTER_RU = words(*("министр" + e for e in ("", "а", "у", "ом", "е", "ы", "ов", "ам")))

CASES: list[tuple[str, Truth]] = [
    ("北斗", like("北斗")),
    ("兰州", like("兰州")),
    ("论坛", like("论坛")),
    ("秘书", like("秘书")),
    ("导航", like("导航")),
    ("서울", like("서울")),
    ("斗", like("斗")),
    ("北斗系统", like("北斗系统")),
    ("秘书处", like("秘书处")),
    ("睦邻友好合作委员会", like("睦邻友好合作委员会")),
    ("京上", like("京上")),  # 北京，上海: never across the comma
    ("саммит", SUMMIT_RU),
    ("саммитами", SUMMIT_RU),
    ("САММИТЕ", SUMMIT_RU),
    ("ёлка", ELKA),
    ("елку", ELKA),
    ("министр", MINISTER_RU),
    ("minister", words("minister", "ministers")),
    ("summits", words("summit", "summits")),
    ('"summits"', words("summits")),
    ('"work plan"', words(r"work\W+plan")),
    ("北斗 summit", both(like("北斗"), words("summit", "summits"), set.__and__)),
    ("北斗 OR саммит", both(like("北斗"), SUMMIT_RU, set.__or__)),
    ("саммит -шос", both(SUMMIT_RU, words("шос"), set.__sub__)),
    ("论坛 -北斗", both(like("论坛"), like("北斗"), set.__sub__)),
    ("导航 Спутники", both(like("导航"), words("спутники"), set.__and__)),
]


@pytest.fixture(scope="module")
def corpus(search_archive: Path) -> tuple[Archive, Articles, sqlite3.Connection]:
    db = sqlite3.connect(search_archive / DB_NAME)
    rows = db.execute("SELECT id, coalesce(title, '') || '\n' || coalesce(text, '') FROM articles")
    archive = Archive(search_archive)
    yield archive, dict(rows.fetchall()), db
    archive.close()
    db.close()


@pytest.mark.parametrize(("query", "truth"), CASES, ids=[query for query, _ in CASES])
def test_search_finds_exactly_the_ground_truth(
    corpus: tuple[Archive, Articles, sqlite3.Connection], query: str, truth: Truth
) -> None:
    archive, articles, db = corpus
    expected = truth(articles, db)
    found = {hit.id for hit in search(archive.db, query, SearchFilters(limit=1000))}
    assert found == expected, f"{query}: missing {expected - found}, extra {found - expected}"


Corpus = tuple[Archive, Articles, sqlite3.Connection]


def test_the_ground_truth_is_not_trivial(corpus: Corpus) -> None:
    _, articles, db = corpus
    sizes = {query: len(truth(articles, db)) for query, truth in CASES}
    assert sizes["北斗"] >= 3 and sizes["论坛"] >= 3 and sizes["саммит"] >= 4
    assert sizes["minister"] >= 2 and sizes["京上"] == 0


def test_inflections_and_kazakh_exact_form(corpus: Corpus) -> None:
    archive, _, _ = corpus
    titles = {hit.title for hit in search(archive.db, "саммит", SearchFilters(limit=100))}
    assert "Саммит ШОС открылся в Астане" in titles  # саммита, саммите
    assert "Подготовка к встрече" in titles  # саммиту, саммитом
    assert "Саммит туралы хабарлама" in titles  # Kazakh, unstemmed: the exact word
    assert "Самолёт прибыл в Ташкент" not in titles


RUSSIAN_FORMS = ("заседание", "заседания", "заседании", "заседанию", "заседанием", "заседаний")
ENGLISH_FORMS = ("meeting", "meetings")


@pytest.fixture(scope="module")
def paradigm(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """One article a form of заседание (and of meeting), nothing else in common."""
    archive = Archive(tmp_path_factory.mktemp("paradigm"))
    archive.upsert_site("one", title="One", language="ru")
    for number, form in enumerate(RUSSIAN_FORMS + ENGLISH_FORMS):
        record = ArticleRecord(
            f"https://one.example/news/{number}",
            f"Сообщение номер {number}",
            f"Секретариат сообщает: {form}. Документ {number} опубликован на сайте.",
            "2024-05-01",
            language="en" if form in ENGLISH_FORMS else "ru",
        )
        archive.save_article("one", record, record.url)
    return archive


@pytest.mark.parametrize("query", RUSSIAN_FORMS + ENGLISH_FORMS)
def test_one_inflected_form_finds_the_others(paradigm: Archive, query: str) -> None:
    forms = RUSSIAN_FORMS if query in RUSSIAN_FORMS else ENGLISH_FORMS
    found = {hit.url for hit in search(paradigm.db, query, SearchFilters(limit=100))}
    offset = 0 if forms is RUSSIAN_FORMS else len(RUSSIAN_FORMS)
    assert found == {f"https://one.example/news/{offset + n}" for n in range(len(forms))}
