"""Filing links the language versions a page declares, whichever is archived first."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from archive.languages.content import link_by_content
from archive.languages.tables import versions_of
from archive.records import Alternate, ArticleRecord, ImageRecord
from archive.store import Archive
from archive.store.schema import MIGRATIONS, SCHEMA_VERSION

ZH = "https://office.example/zh/news/5"
EN = "https://office.example/en/news/5"
RU = "https://office.example/ru/news/5"
TEXTS = {
    ZH: ("代表团访问塔什干", "7月12日，代表团访问塔什干，二百余名代表出席论坛。", "zh"),
    EN: ("Delegation visits Tashkent", "On 12 July the delegation visited Tashkent.", "en"),
    RU: ("Делегация посетила Ташкент", "12 июля делегация посетила Ташкент.", "ru"),
}


def record(url: str, *alternates: Alternate, published: str = "2022-07-14") -> ArticleRecord:
    title, text, language = TEXTS[url]
    return ArticleRecord(
        url, title, text, published=published, language=language, alternates=alternates
    )


def opened(path: Path) -> Archive:
    archive = Archive(path)
    archive.upsert_site("o")
    return archive


def releases(archive: Archive) -> list[set[str]]:
    rows = archive.db.execute(
        "SELECT r.release_id, a.url FROM release_versions r JOIN articles a ON a.id = r.article_id"
    ).fetchall()
    groups: dict[int, set[str]] = {}
    for release_id, url in rows:
        groups.setdefault(release_id, set()).add(url)
    return sorted(groups.values(), key=sorted)


def test_the_declaring_page_may_come_first_or_last(tmp_path: Path) -> None:
    with opened(tmp_path / "first") as archive:
        archive.save_article("o", record(ZH, Alternate(EN, "en", "hreflang")), ZH)
        assert releases(archive) == []  # the English version is not archived yet
        english = archive.save_article("o", record(EN), EN).article_id
        assert releases(archive) == [{ZH, EN}]
        assert [v["url"] for v in versions_of(archive.db, english)] == [ZH]
    with opened(tmp_path / "last") as archive:
        archive.save_article("o", record(RU), RU)
        archive.save_article("o", record(EN, Alternate(RU, "ru", "switch")), EN)
        archive.save_article("o", record(ZH, Alternate(EN, "en", "hreflang")), ZH)
        assert releases(archive) == [{ZH, EN, RU}]
        kinds = {row[0] for row in archive.db.execute("SELECT linked_by FROM language_links")}
        assert kinds == {"hreflang", "switch"}


def test_two_pages_in_one_language_that_name_each_other_are_not_versions(tmp_path: Path) -> None:
    mirror = "https://mirror.example/en/news/5"
    with opened(tmp_path) as archive:
        archive.save_article("o", record(EN, Alternate(mirror, "ru", "switch")), EN)
        same = ArticleRecord(mirror, "Other", "The delegation went home.", language="en")
        archive.save_article("o", same, mirror)
        assert releases(archive) == []


def test_the_content_pass_links_once_and_never_twice_in_a_language(tmp_path: Path) -> None:
    photo = (ImageRecord("https://office.example/upload/1.jpg"),)
    with opened(tmp_path) as archive:
        for url in (ZH, EN):
            archive.save_article(
                "o", ArticleRecord(**{**record(url).__dict__, "images": photo}), url
            )
        other = ArticleRecord(
            "https://office.example/en/news/6",
            "Museum seminar",
            "A seminar on museums was held online.",
            published="2022-07-14",
            language="en",
            images=photo,  # the same photo, but the release has its English version already
        )
        archive.save_article("o", other, other.url)
        first = link_by_content(archive.db, "o")
        again = link_by_content(archive.db, "o")
        assert releases(archive) == [{ZH, EN}]  # a tie goes to the older pair
        assert first.linked == again.linked == 1 and again.releases == 1


def test_an_archive_of_the_schema_before_is_migrated_in_place(tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "archive.db")
    for migration in MIGRATIONS[: SCHEMA_VERSION - 1]:
        migration(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    db["sites"].insert({"name": "o"})
    db["articles"].insert({"id": 3, "site": "o", "url": ZH, "url_key": "office.example/zh/news/5"})
    db.conn.commit()
    db.close()
    with Archive(tmp_path) as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 12
        assert {"article_alternates", "language_links", "release_versions"} <= set(
            archive.db.table_names()
        )
        assert archive.article_for_url(ZH) == 3
