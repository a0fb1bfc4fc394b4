"""`secnews crawl --all`: every configured site in one process and one run; progress in a tty."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from archive.urls import canonical_url
from crawler.sample_site import expected_articles

from .conftest import RunningSampleSite, run_in_terminal, secnews

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def all_crawl(
    private_sample_site: RunningSampleSite, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    data = tmp_path_factory.mktemp("all") / "data"
    result = secnews(
        "crawl",
        "--all",
        "--sites",
        str(private_sample_site.sites_dir),
        "--data",
        str(data),
        "--delay",
        "0",
    )
    names = sorted(path.stem for path in private_sample_site.sites_dir.glob("*.toml"))
    assert result.stdout.startswith("run 1 ok: ")
    assert f"health: {len(names)} site(s) ok" in result.stdout
    return data


def test_all_crawls_every_configured_site_in_one_run(
    all_crawl: Path, private_sample_site: RunningSampleSite
) -> None:
    names = sorted(path.stem for path in private_sample_site.sites_dir.glob("*.toml"))
    assert len(names) >= 3
    with sqlite3.connect(all_crawl / "archive.db") as db:
        (sites,) = db.execute("SELECT sites FROM crawl_runs").fetchone()
        per_site = dict(db.execute("SELECT site, articles_new FROM site_runs WHERE run_id = 1"))
        archived = db.execute("SELECT site, url FROM articles").fetchall()
    assert sorted(json.loads(sites)) == names
    assert sorted(per_site) == names and all(count > 0 for count in per_site.values())
    expected = expected_articles(private_sample_site.urls)
    for name in names:
        urls = {url for site, url in archived if site == name}
        assert urls == {canonical_url(url) for url in expected[name]}, name


def test_status_lists_every_site_with_its_last_run(
    all_crawl: Path, private_sample_site: RunningSampleSite
) -> None:
    table = secnews("status", "--data", str(all_crawl)).stdout
    rows = {line.split("│")[1].strip(): line for line in table.splitlines() if "│" in line}
    for name in private_sample_site.urls:
        assert name in rows and " ok " in rows[name], table
    listed = json.loads(secnews("status", "--data", str(all_crawl), "--json").stdout)
    assert {row["site"] for row in listed} == set(private_sample_site.urls)
    assert all(
        row["last_run"] == 1 and row["new"] > 0 and row["errors"] is not None for row in listed
    )


def test_all_and_names_together_is_a_usage_error(private_sample_site: RunningSampleSite) -> None:
    both = secnews("crawl", "--all", "sample-forum", check=False)
    neither = secnews("crawl", check=False)
    assert both.returncode == neither.returncode == 2
    assert "--all" in both.stderr and "--all" in neither.stderr


def test_a_terminal_gets_a_live_progress_table(
    private_sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    command = [sys.executable, "-m", "crawler.cli", "crawl", "sample-forum", "--delay", "0"]
    command += ["--sites", str(private_sample_site.sites_dir), "--data", str(tmp_path)]
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    returncode, text = run_in_terminal(command, env)
    assert returncode == 0
    assert "1/1 sites done" in text and "sample-forum" in text
    assert "run 1 ok" in text and "health: 1 site(s) ok" in text
