"""End to end: each health rule fails when the sample site breaks that way, and only then.

The sample sites run in this process (so a test can break them between crawls, on the same
ports); every crawl is `secnews crawl` in its own process, into a real archive.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_site import SampleSite, write_site_configs

from .conftest import copy_data_dir, secnews

pytestmark = pytest.mark.e2e

SITES = ("sample-secretariat", "sample-forum")


@dataclass
class Served:
    """The sample sites served here, and a directory of configs for two of them."""

    site: SampleSite
    sites_dir: Path

    def set_fault(self, fault: str | None) -> None:
        self.site.set_fault(fault)

    @property
    def requests(self) -> list[dict[str, Any]]:
        return self.site.requests


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with SampleSite(ephemeral=True) as site:
        sites_dir = tmp_path_factory.mktemp("fault-sites")
        write_site_configs(sites_dir, {name: site.urls[name] for name in SITES})
        yield Served(site, sites_dir)


@pytest.fixture
def healthy(served: Served) -> Iterator[Served]:
    served.set_fault(None)
    yield served
    served.set_fault(None)


def crawl(served: Served, data: Path, *extra: str) -> Any:
    args = ("crawl", *SITES, "--sites", str(served.sites_dir), "--data", str(data))
    return secnews(*args, "--delay", "0", "--log-level", "WARNING", *extra, check=False)


def findings(data: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(data / "archive.db") as db:
        return db.execute("SELECT site, rule, message FROM health ORDER BY site, id").fetchall()


@pytest.fixture(scope="module")
def first_crawl(served: Served, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of one healthy crawl of both sites, to copy."""
    served.set_fault(None)
    data = tmp_path_factory.mktemp("healthy") / "data"
    result = crawl(served, data)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "health: 2 site(s) ok" in result.stdout
    return data


def copy_of(archive: Path, tmp_path: Path) -> Path:
    return copy_data_dir(archive, tmp_path / "data")


def test_a_healthy_crawl_and_its_recrawl_find_nothing(
    healthy: Served, first_crawl: Path, tmp_path: Path
) -> None:
    assert findings(first_crawl) == []
    data = copy_of(first_crawl, tmp_path)
    again = crawl(healthy, data)
    assert again.returncode == 0, again.stdout + again.stderr[-3000:]
    assert findings(data) == []
    with sqlite3.connect(data / "archive.db") as db:
        results = db.execute("SELECT site, result FROM site_status ORDER BY site").fetchall()
    assert results == [("sample-forum", "ok"), ("sample-secretariat", "ok")]


class _Hook(BaseHTTPRequestHandler):
    received: list[dict[str, Any]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        self.received.append(json.loads(self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []
    handler = type("Hook", (_Hook,), {"received": received})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()
    server.server_close()


def test_a_site_answering_500_fails_fetch_errors_and_alerts_the_webhook(
    healthy: Served, tmp_path: Path, webhook: tuple[str, list[dict[str, Any]]]
) -> None:
    url, received = webhook
    healthy.set_fault("server-errors")
    result = crawl(healthy, tmp_path / "data", "--webhook", url)
    assert result.returncode == 1
    assert {(s, rule) for s, rule, _ in findings(tmp_path / "data")} == {
        (name, "fetch-errors") for name in SITES
    }
    assert "health: sample-forum: fetch-errors: " in result.stdout
    (alert,) = received  # posted before the crawl exited
    assert {f["rule"] for f in alert["findings"]} == {"fetch-errors"}
    assert alert["run"]["id"] == 1 and "fetch-errors" in alert["text"]


def test_a_redesign_that_loses_text_and_authors_is_extraction_drift(
    healthy: Served, first_crawl: Path, tmp_path: Path
) -> None:
    data = copy_of(first_crawl, tmp_path)
    healthy.set_fault("redesign")
    result = crawl(healthy, data, "--full")  # every article fetched again, in the new template
    assert result.returncode == 1, result.stdout + result.stderr[-3000:]
    found = findings(data)
    assert {(s, rule) for s, rule, _ in found} == {(name, "extraction-drift") for name in SITES}
    messages = [message for s, _, message in found if s == "sample-secretariat"]
    assert any(m.startswith("median text length fell") for m in messages)
    assert "author found on 0% of this run's pages, 100% before" in messages


def age_archive(data: Path, days: int) -> None:
    """Move every time the archive holds ``days`` into the past: as if crawled long ago."""
    shift = f"-{days} days"
    columns = {
        "articles": ("first_seen", "last_seen", "last_changed"),
        "article_versions": ("fetched_at",),
        "crawl_runs": ("started_at", "finished_at"),
        "site_runs": ("started_at", "finished_at"),
    }
    with sqlite3.connect(data / "archive.db") as db:
        for table, names in columns.items():
            sets = ", ".join(
                f"{name} = strftime('%Y-%m-%dT%H:%M:%SZ', {name}, '{shift}')" for name in names
            )
            db.execute(f"UPDATE {table} SET {sets}")


def test_a_site_silent_far_beyond_its_rhythm_is_stale(
    healthy: Served, first_crawl: Path, tmp_path: Path
) -> None:
    data = copy_of(first_crawl, tmp_path)
    age_archive(data, 400)  # the sites published every month or so; nothing new since
    result = crawl(healthy, data)
    assert result.returncode == 1, result.stdout + result.stderr[-3000:]
    found = findings(data)
    assert {(s, rule) for s, rule, _ in found} == {(name, "stale") for name in SITES}
    assert all(message.startswith("no new article for 400 days") for _, _, message in found)
    status = json.loads(secnews("status", "--data", str(data), "--json").stdout)
    assert {row["site"]: row["rules"] for row in status} == dict.fromkeys(SITES, "stale")


def test_robots_txt_closing_the_site_fails_and_nothing_else_is_fetched(
    healthy: Served, tmp_path: Path
) -> None:
    before = len(healthy.requests)
    healthy.set_fault("robots-closed")
    result = crawl(healthy, tmp_path / "data", "--webhook", "http://127.0.0.1:9/closed")
    assert result.returncode == 1
    assert {(s, rule) for s, rule, _ in findings(tmp_path / "data")} == {
        (name, "robots-closed") for name in SITES
    }
    assert {entry["path"] for entry in healthy.requests[before:]} == {"/robots.txt"}
    assert "alert to http://127.0.0.1:9/closed failed" in result.stderr


def test_a_start_url_redirecting_off_the_site_fails(healthy: Served, tmp_path: Path) -> None:
    healthy.set_fault("moved")
    result = crawl(healthy, tmp_path / "data")
    assert result.returncode == 1
    found = findings(tmp_path / "data")
    assert {(s, rule) for s, rule, _ in found} == {(name, "start-offsite") for name in SITES}
    assert all("https://www.moved-site.example/" in message for _, _, message in found)


def test_an_unreachable_site_fails_fetch_errors(tmp_path: Path) -> None:
    result = secnews(
        "crawl", "http://127.0.0.1:9/", "--data", str(tmp_path), "--delay", "0", check=False
    )
    assert result.returncode == 1
    ((site, rule, message),) = findings(tmp_path)
    assert (site, rule) == ("127.0.0.1-9", "fetch-errors")
    assert "failed after retries (100%" in message


def test_thresholds_are_settings_of_a_site_and_of_the_environment(
    healthy: Served,
    first_crawl: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A site that publishes rarely is given more days in its own file: only the other is stale.
    sites_dir = Path(shutil.copytree(healthy.sites_dir, tmp_path / "sites"))
    forum = sites_dir / "sample-forum.toml"
    forum.write_text(forum.read_text() + "\n[health]\nstale_min_days = 500\n")
    data = copy_of(first_crawl, tmp_path)
    age_archive(data, 400)
    args = ("crawl", *SITES, "--sites", str(sites_dir), "--data", str(data), "--delay", "0")
    result = secnews(*args, check=False)
    assert result.returncode == 1, result.stdout + result.stderr[-3000:]
    assert {(s, rule) for s, rule, _ in findings(data)} == {("sample-secretariat", "stale")}
    # secnews.env (the environment) changes them for every site.
    monkeypatch.setenv("SECNEWS_HEALTH_STALE_MIN_DAYS", "450")
    result = secnews(*args, check=False)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "health: 2 site(s) ok" in result.stdout


def test_a_bad_threshold_stops_the_crawl_before_any_request(
    healthy: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = len(healthy.requests)
    monkeypatch.setenv("SECNEWS_HEALTH_MIN_ERRORS", "a few")
    result = crawl(healthy, tmp_path / "data")
    assert result.returncode == 2
    assert "SECNEWS_HEALTH_MIN_ERRORS: 'a few' is not a whole number of 0 or more" in result.stderr
    monkeypatch.delenv("SECNEWS_HEALTH_MIN_ERRORS")
    sites_dir = Path(shutil.copytree(healthy.sites_dir, tmp_path / "sites"))
    forum = sites_dir / "sample-forum.toml"
    forum.write_text(forum.read_text() + "\n[health]\nstale_days = 30\n")
    checked = secnews("sites", "check", "--sites", str(sites_dir), check=False)
    assert checked.returncode == 2
    assert f"{forum}: health.stale_days: unknown key" in checked.stdout
    assert len(healthy.requests) == before
