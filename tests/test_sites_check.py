"""`secnews sites check` and `sites list`: every problem of every file, with file and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import RunningSampleSite, secnews

GOOD = """
name = "good"
start_urls = ["https://www.mfa.example/news/"]
"""
# Four problems in one file: an unknown key, a bad timezone and two bad patterns.
MANY = """
name = "many"
colour = "blue"
start_urls = ["https://www.mfa.example/news/"]
timezone = "Mars/Olympus_Mons"

[discovery]
follow = ["(unclosed", '/news/\\?page=\\d+', "[z-a]"]
"""
WRONG_NAME = """
name = "another"
start_urls = ["https://www.mfa.example/news/"]
"""
NOT_HTTP = """
name = "not-http"
start_urls = ["ftp://files.example/news/"]

[politeness]
concurrency = 99
"""


@pytest.fixture
def sites_dir(tmp_path: Path) -> Path:
    files = {"good": GOOD, "many": MANY, "wrong-name": WRONG_NAME, "not-http": NOT_HTTP}
    for stem, text in files.items():
        (tmp_path / f"{stem}.toml").write_text(text, encoding="utf-8")
    (tmp_path / "broken.toml").write_text('name = "broken\n', encoding="utf-8")
    return tmp_path


def test_check_reports_each_problem_with_file_and_field(sites_dir: Path) -> None:
    result = secnews("sites", "check", "--sites", str(sites_dir), check=False)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    many = f"{sites_dir / 'many.toml'}: "
    expected = [
        f"{many}colour: unknown key",
        f"{many}timezone: 'Mars/Olympus_Mons' is not an IANA timezone",
        f"{many}discovery.follow[0]: bad regular expression",
        f"{many}discovery.follow[2]: bad regular expression",
        f"{sites_dir / 'wrong-name.toml'}: name: 'another' differs from the file name",
        f"{sites_dir / 'not-http.toml'}: start_urls[0]: 'ftp://files.example/news/' is not",
        f"{sites_dir / 'not-http.toml'}: politeness.concurrency: must be between 1 and 16",
        f"{sites_dir / 'broken.toml'}: (file): is not valid TOML",
    ]
    for start in expected:
        assert sum(line.startswith(start) for line in lines) == 1, start
    assert len(lines) == len(expected)
    assert not any("good.toml" in line for line in lines)
    assert "8 problem(s) in 4 of 5 site file(s)" in result.stderr


def test_check_passes_on_good_configs(sample_site: RunningSampleSite) -> None:
    bundled = secnews("sites", "check")
    sample = secnews("sites", "check", "--sites", str(sample_site.sites_dir))
    assert bundled.stdout.endswith("site file(s) OK\n")
    assert sample.stdout == f"{len(sample_site.urls)} site file(s) OK\n"


def test_crawl_all_refuses_a_bad_directory_before_any_request(sites_dir: Path) -> None:
    result = secnews(
        "crawl", "--all", "--sites", str(sites_dir), "--data", "/nonexistent/x", check=False
    )
    assert result.returncode == 2
    assert ".toml: " in result.stderr and "secnews" not in result.stdout
    assert not Path("/nonexistent/x").exists()


def test_list_shows_every_site(sample_site: RunningSampleSite) -> None:
    listed = secnews("sites", "list", "--sites", str(sample_site.sites_dir)).stdout.splitlines()
    assert sorted(line.split()[0] for line in listed) == sorted(sample_site.urls)
    rows = json.loads(
        secnews("sites", "list", "--sites", str(sample_site.sites_dir), "--json").stdout
    )
    forum = next(row for row in rows if row["name"] == "sample-forum")
    assert forum["start_url"] == sample_site.urls["sample-forum"]
    assert forum["path"].endswith("sample-forum.toml")
