"""The `secnews` command as a user meets it: help, version, the demo's summary."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .conftest import secnews


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


def test_demo_prints_a_summary_and_leaves_an_archive(tmp_path: Path) -> None:
    result = secnews("demo", "--data", str(tmp_path))
    lines = result.stdout.splitlines()
    rows = {line.split()[0]: line.split()[1] for line in lines[1:4]}
    assert lines[0].split()[:2] == ["site", "articles"]
    assert rows == {"sample-digest": "8", "sample-forum": "15", "sample-secretariat": "24"}
    assert f"archive: {(tmp_path / 'archive.db').resolve()}" in result.stdout
    assert "datasette" in result.stdout
    with sqlite3.connect(tmp_path / "archive.db") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 47
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_extract_prints_the_seed_fields_as_json() -> None:
    import json

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
