"""The `secnews` command as a user meets it: help, version, the demo's summary."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from .conftest import secnews

SECRETARIAT = "sample-secretariat"


def test_every_command_has_help_with_an_example() -> None:
    listing = secnews("--help").stdout
    commands = [
        line.split()[0] for line in listing.split("Commands:")[1].splitlines() if line.strip()
    ]
    assert {"crawl", "demo", "extract", "sample-site"} <= set(commands)
    for command in commands:
        assert "Example:" in secnews(command, "-h").stdout, f"`secnews {command} -h` has no example"


def test_version() -> None:
    assert secnews("--version").stdout.startswith("secnews, version ")


@pytest.fixture(scope="module")
def demo_twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """`secnews demo` run twice into one data directory, as a user re-running `make demo`
    does: the sample sites come up on other ports the second time."""
    data = tmp_path_factory.mktemp("demo")
    runs = [secnews("demo", "--data", str(data)) for _ in range(2)]
    return data, [run.stdout + run.stderr for run in runs]


def _counts(output: str) -> dict[str, str]:
    lines = output.splitlines()
    assert lines[0].split()[:2] == ["site", "articles"]
    return {line.split()[0]: line.split()[1] for line in lines[1:4]}


def test_demo_prints_a_summary_and_leaves_an_archive(demo_twice: tuple[Path, list[str]]) -> None:
    data, (first, _) = demo_twice
    assert _counts(first) == {"sample-digest": "8", "sample-forum": "15", SECRETARIAT: "24"}
    assert f"archive: {(data / 'archive.db').resolve()}" in first
    assert "datasette" in first and "health: 3 site(s) ok" in first
    with sqlite3.connect(data / "archive.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_demo_prints_no_warning_and_no_object_dump(demo_twice: tuple[Path, list[str]]) -> None:
    for output in demo_twice[1]:
        assert "WARNING" not in output and "PageItem(" not in output, output
        assert len(output.splitlines()) <= 12, output  # the summary, nothing besides


def test_the_same_text_at_other_ports_is_one_article(demo_twice: tuple[Path, list[str]]) -> None:
    data, (first, second) = demo_twice
    assert "run 2: ok" in second and _counts(second) == _counts(first)
    with sqlite3.connect(data / "archive.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 47
        ports = db.execute(
            "SELECT count(DISTINCT substr(u.url, 1, instr(substr(u.url, 8), '/') + 7)) "
            "FROM article_urls u JOIN articles a ON a.id = u.article_id "
            "WHERE a.site = 'sample-digest' AND a.duplicate_of IS NOT NULL"
        ).fetchone()[0]
    assert ports == 2  # each digest copy is known at both runs' addresses, as one article


def test_status_after_the_demo_shows_every_site_with_its_run(
    demo_twice: tuple[Path, list[str]],
) -> None:
    listed = json.loads(secnews("status", "--data", str(demo_twice[0]), "--json").stdout)
    assert {row["site"] for row in listed} == {"sample-digest", "sample-forum", SECRETARIAT}
    assert all(row["last_run"] == 2 and row["result"] == "ok" for row in listed), listed


def test_extract_prints_the_seed_fields_as_json() -> None:
    page = Path(__file__).parent / "data" / "pages" / "zh-metinfo-seed.html"
    result = secnews(
        "extract",
        str(page),
        "--url",
        "http://127.0.0.1/shownews.php?id=708",
        "--timezone",
        "Asia/Shanghai",
        "--json",
    )
    data = json.loads(result.stdout)
    assert set(data) >= {"url", "title", "published", "author", "language", "text", "images"}
    assert data["title"] == "中国—中亚北斗合作论坛在甘肃兰州举行"
    assert data["published"] == "2022-01-30T19:04:10+08:00"
    assert data["author"] == "秘书处"


def test_bad_since_is_a_usage_error() -> None:
    result = secnews("crawl", "http://127.0.0.1:9/", "--since", "last week", check=False)
    assert result.returncode == 2 and "--since last week" in result.stderr
