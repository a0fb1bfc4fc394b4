"""The search tests' archive: a copy of the reference crawl plus synthetic articles.

The sample sites are Chinese and English; the synthetic articles add what they lack: Russian
paradigms (and a Kazakh article, indexed unstemmed), ё/е, mixed scripts, markup in a title,
CJK words split by punctuation, an image not downloaded yet, a copy on another site.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from archive.records import ArticleRecord, ImageRecord
from archive.store import DB_NAME, Archive

SITE_RU = "synthetic-ru"
SITE_MIX = "synthetic-mix"
SCRIPT_TITLE = "<script>alert('secnews')</script> Заявление <b>пресс-службы</b>"

ARTICLES: list[tuple[str, ArticleRecord]] = [
    (
        SITE_RU,
        ArticleRecord(
            url="https://ru.example/news/1",
            title="Саммит ШОС открылся в Астане",
            text="Участники саммита обсудили транспорт.\nНа саммите приняли декларацию.",
            published="2024-07-03",
            language="ru",
        ),
    ),
    (
        SITE_RU,
        ArticleRecord(
            url="https://ru.example/news/2",
            title="Подготовка к встрече",
            text="Министры готовятся к саммиту. Перед саммитом прошли консультации.",
            published="2024-06-20",
            language="ru",
        ),
    ),
    (
        SITE_RU,
        ArticleRecord(
            url="https://ru.example/news/3",
            title="Ёлка на главной площади",
            text="Главную елку зажгли вечером. Саммиты и встречи завершены.",
            published="2023-12-25",
            language="ru",
        ),
    ),
    (
        SITE_RU,
        ArticleRecord(
            url="https://ru.example/news/4",
            title="Самолёт прибыл в Ташкент",
            text="Самолеты и самокаты: сами по себе ничего не значат. Самбо тоже.",
            published="2022-03-01",
            language="ru",
        ),
    ),
    (
        SITE_RU,
        ArticleRecord(
            url="https://kz.example/news/5",
            title="Саммит туралы хабарлама",
            text="Астанада саммит өтті. Саммиттің қатысушылары кездесті.",
            published="2024-07-04",
            language="kk",
        ),
    ),
    (
        SITE_RU,
        ArticleRecord(
            url="https://ru.example/news/6",
            title=SCRIPT_TITLE,
            text="Текст с <i>разметкой</i> & амперсандом. 北斗 упомянут один раз.",
            published="2024-01-15",
            language="ru",
            images=(
                ImageRecord("https://ru.example/img/not-downloaded.jpg", "Фото <саммита>", "Зал"),
            ),
        ),
    ),
    (
        SITE_MIX,
        ArticleRecord(
            url="https://mix.example/a/1",
            title="北斗 navigation summit: Спутники и 导航",
            text="The summits on 北斗系统 brought ministers together. Министр выступил.",
            published="2023-05-10",
            language="en",
        ),
    ),
    (
        SITE_MIX,
        ArticleRecord(
            url="https://mix.example/a/2",
            title="城市合作",
            text="北京，上海和兰州。论坛在北京举行。서울 회의도 열렸다.",
            published="2023-05-11",
            language="zh",
        ),
    ),
    (
        SITE_MIX,
        ArticleRecord(
            url="https://mix.example/a/3",
            title="Заявление пресс-службы",
            text="Текст с <i>разметкой</i> & амперсандом. 北斗 упомянут один раз.",
            published="2024-01-16",
            language="ru",
        ),
    ),
]


def copy_archive(source: Path, target: Path) -> None:
    """A consistent copy of an archive (database and downloaded media) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source / DB_NAME) as live, sqlite3.connect(target / DB_NAME) as copy:
        live.backup(copy)
    if (source / "media").is_dir():
        shutil.copytree(source / "media", target / "media")


def build_search_archive(reference: Path, target: Path) -> Path:
    """The reference crawl copied to ``target`` with ``ARTICLES`` filed in; returns target."""
    copy_archive(reference, target)
    with Archive(target) as archive:
        archive.upsert_site(SITE_RU, title="Synthetic <Russian> site", language="ru")
        archive.upsert_site(SITE_MIX, title="Synthetic mixed site")
        for site, record in ARTICLES:
            archive.save_article(site, record, record.url)
    return target
