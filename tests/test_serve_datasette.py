"""The archive in Datasette: metadata, plugins, search box, canned queries, pages, read-only."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
import sqlite_utils

from archive.datasette.app import make_datasette
from tests.conftest import REPO, secnews
from tests.search_corpus import SCRIPT_TITLE, SITE_MIX, SITE_RU


class Client:
    """Datasette's own test client, driven from synchronous tests."""

    def __init__(self, datasette: Any) -> None:
        self.datasette = datasette
        self.loop = asyncio.new_event_loop()

    def get(self, path: str) -> Any:
        return self.loop.run_until_complete(self.datasette.client.get(path))

    def post(self, path: str, data: dict[str, str]) -> Any:
        return self.loop.run_until_complete(self.datasette.client.post(path, data=data))

    def json(self, path: str) -> Any:
        response = self.get(path)
        assert response.status_code == 200, response.text[:500]
        return response.json()


@pytest.fixture(scope="module")
def client(search_archive: Path) -> Iterator[Client]:
    served = Client(make_datasette(search_archive))
    yield served
    served.loop.close()


def db(search_archive: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{search_archive / 'archive.db'}?mode=ro", uri=True)


def article_id(search_archive: Path, title: str) -> int:
    with db(search_archive) as conn:
        return int(conn.execute("SELECT id FROM articles WHERE title = ?", [title]).fetchone()[0])


def test_metadata_generated_from_the_schema(client: Client, search_archive: Path) -> None:
    metadata = client.json("/-/metadata.json")
    articles = metadata["databases"]["archive"]["tables"]["articles"]
    with db(search_archive) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)")]
    assert list(articles["columns"]) == columns and all(articles["columns"].values())
    assert articles["facets"] == ["site", "language", "year", "status"]
    assert articles["sort_desc"] == "published" and articles["label_column"] == "title"
    assert articles["source"].startswith("News pages") and articles["license"]
    assert "Synthetic <Russian> site" in metadata["source"]
    assert set(metadata["databases"]["archive"]["queries"]) == {
        "search",
        "latest_per_site",
        "articles_per_month",
        "versions_of_article",
        "duplicates_of_article",
    }


def test_every_plugin_module_is_loaded(client: Client) -> None:
    names = {plugin["name"] for plugin in client.json("/-/plugins.json")}
    assert {"archive.datasette.plugins", "archive.datasette.snapshots"} <= names


def test_table_page_facets_and_newest_first(client: Client) -> None:
    page = client.json("/archive/articles.json?_size=100")
    published = [row[page["columns"].index("published")] for row in page["rows"]]
    dated = [value for value in published if value]
    assert dated == sorted(dated, reverse=True)
    facets = page["facet_results"]
    assert {"site", "language", "year", "status"} <= set(facets)
    assert {item["value"] for item in facets["site"]["results"]} >= {SITE_RU, SITE_MIX}


def test_a_large_table_opens_without_facets_that_count_every_row(
    search_archive: Path, tmp_path: Path
) -> None:
    from archive.datasette.metadata import FACET_ROWS, build_metadata

    copy = tmp_path / "archive.db"
    with db(search_archive) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        rows = target.execute("SELECT count(*) FROM fetches").fetchone()[0]
        target.executemany(
            "INSERT INTO fetches (url, fetched_at, status) VALUES (?, '2024-01-01T00:00:00Z', 200)",
            ((f"http://example.org/{n}",) for n in range(FACET_ROWS - rows)),
        )
    with sqlite_utils.Database(copy) as archive:
        tables = build_metadata(archive)["databases"]["archive"]["tables"]
    assert tables["fetches"]["facets"] == []  # FACET_ROWS rows: the page would count them all
    assert tables["articles"]["facets"] == ["site", "language", "year", "status"]


@pytest.mark.parametrize("word", ["论坛", "北斗", "兰州", "秘书"])
def test_search_box_finds_two_character_chinese_words(
    client: Client, search_archive: Path, word: str
) -> None:
    rows = client.json(f"/archive/articles.json?_search={quote(word)}&_shape=array&_size=max")
    with db(search_archive) as conn:
        sql = "SELECT id FROM articles WHERE title LIKE ?1 OR text LIKE ?1"
        expected = {row[0] for row in conn.execute(sql, [f"%{word}%"])}
    assert expected and {row["id"] for row in rows} == expected


@pytest.mark.parametrize(
    "args",
    [
        ["北斗"],
        ["саммит"],
        ['"work plan"'],
        ["论坛 -北斗"],
        ["北斗 OR summit", "--site", SITE_MIX],
        ["秘书", "--lang", "zh", "--since", "2021-01-01"],
    ],
)
def test_cli_and_canned_search_agree(client: Client, search_archive: Path, args: list[str]) -> None:
    cli = json.loads(secnews("search", *args, "--data", str(search_archive), "--json").stdout)
    names = {"--site": "site", "--lang": "language", "--since": "since", "--until": "until"}
    options = dict(zip(args[1::2], args[2::2], strict=True))
    params = {"q": args[0], "limit": "20"} | {names[k]: v for k, v in options.items()}
    served = client.json(f"/archive/search.json?{urlencode(params)}&_shape=array")
    # The same ranked rows; the command adds each hit's language versions.
    assert all(hit.pop("versions") == {} for hit in cli)
    assert served == cli and cli


def test_article_page_escapes_markup_and_shows_images(client: Client, search_archive: Path) -> None:
    number = article_id(search_archive, SCRIPT_TITLE)
    html = client.get(f"/-/article/{number}").text
    assert "<script>alert(" not in html and "&lt;script&gt;alert(" in html
    assert "&lt;i&gt;разметкой&lt;/i&gt;" in html and "&lt;b&gt;пресс-службы" in html
    assert 'href="https://ru.example/news/6"' in html  # the original
    assert "https://ru.example/img/not-downloaded.jpg" in html and "Фото &lt;саммита&gt;" in html
    assert f"/archive/versions_of_article?id={number}" in html
    for page in (f"/archive/articles/{number}", f"/archive/articles?id={number}"):
        assert "<script>alert(" not in client.get(page).text


def test_downloaded_images_are_served_from_media(client: Client, search_archive: Path) -> None:
    with db(search_archive) as conn:
        found = conn.execute(
            "SELECT article_id, path FROM images WHERE path IS NOT NULL LIMIT 1"
        ).fetchone()
    assert found, "the sample crawl downloads images"
    html = client.get(f"/-/article/{found[0]}").text
    source = re.search(r'<img src="([^"]+)"', html)
    assert source and source.group(1) == "/" + found[1]
    image = client.get(source.group(1))
    assert image.status_code == 200 and image.headers["content-type"].startswith("image/")
    # opened on its own, an image (an SVG with a script) can run nothing here
    assert "sandbox" in image.headers["content-security-policy"]
    assert image.headers["x-content-type-options"] == "nosniff"


def test_search_results_link_to_article_pages_with_marks(client: Client) -> None:
    redirect = client.get(f"/archive/search?q={quote('саммит')}")
    assert redirect.status_code == 302
    assert redirect.headers["location"] == f"/-/search?q={quote('саммит')}"
    html = client.get(redirect.headers["location"]).text
    link = r'<a href="/-/article/\d+\?q=[^"]+">Саммит ШОС открылся в Астане</a>'
    assert re.search(link, html)
    assert "<mark>саммита</mark>" in html
    marked = client.get(f"/-/search?q={quote('пресс-службы')}").text
    assert "&lt;script&gt;alert(" in marked and "<script>alert(" not in marked
    canned = client.get(f"/archive/search.json?_shape=array&q={quote('саммит')}").json()
    assert any(hit["title"] == "Саммит ШОС открылся в Астане" for hit in canned)


@pytest.mark.parametrize(
    "path",
    ["/archive/search", "/archive/articles", "/archive", "/-/article/1", "/archive/-/create"],
)
def test_writes_are_refused(client: Client, path: str, search_archive: Path) -> None:
    with db(search_archive) as conn:
        before = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    response = client.post(path, {"sql": "DELETE FROM articles", "q": "x"})
    assert response.status_code == 405
    sql = client.get("/archive.json?sql=" + quote("DELETE FROM articles"))
    assert sql.status_code == 400
    with db(search_archive) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == before
    allowed = client.loop.run_until_complete(
        client.datasette.permission_allowed(None, "insert-row", ("archive", "articles"))
    )
    assert allowed is False


def test_chart_of_articles_per_month_per_site(client: Client, search_archive: Path) -> None:
    html = client.get("/-/chart").text
    with db(search_archive) as conn:
        sites = [row[0] for row in conn.execute("SELECT DISTINCT site FROM articles")]
    assert "<svg" in html and html.count("<polyline") == len(sites)
    assert all(f">{site}</text>" in html for site in sites)
    monthly = client.json("/archive/articles_per_month.json?_shape=array")
    assert {"month", "site", "articles"} <= set(monthly[0])


def test_versions_duplicates_and_latest_queries(client: Client, search_archive: Path) -> None:
    copy = article_id(search_archive, "Заявление пресс-службы")
    original = article_id(search_archive, SCRIPT_TITLE)
    rows = client.json(f"/archive/duplicates_of_article.json?id={copy}&_shape=array")
    assert [(row["role"], row["id"]) for row in rows] == [("original", original), ("copy", copy)]
    versions = client.json(f"/archive/versions_of_article.json?id={original}&_shape=array")
    assert [row["version"] for row in versions] == [1]
    latest = client.json("/archive/latest_per_site.json?_shape=array")
    assert {row["site"] for row in latest} >= {SITE_RU, SITE_MIX}


def test_plain_datasette_opens_the_archive_with_the_metadata(
    search_archive: Path, tmp_path: Path
) -> None:
    metadata = tmp_path / "metadata.json"
    metadata.write_text(secnews("serve", "--print-metadata", "--data", str(search_archive)).stdout)
    datasette = [sys.executable, "-m", "datasette", str(search_archive / "archive.db")]
    path = "/archive/articles.json?_shape=array&_search=" + quote("北斗")
    result = subprocess.run(
        [*datasette, "-m", str(metadata), "--get", path],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # No plugin here: the search box still finds a two-character word (a bigram token).
    assert len(json.loads(result.stdout)) == 4
