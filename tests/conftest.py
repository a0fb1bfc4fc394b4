"""Shared fixtures: the sample site as a subprocess on free ports, and crawls of it."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The suite crawls as a configured operator does; tests of a missing contact unset it.
CONTACT = "secnews test suite <root@localhost>"
os.environ.setdefault("SECNEWS_CONTACT", CONTACT)
PAGES = Path(__file__).parent / "data" / "pages"


@dataclass
class Crawl:
    data_dir: Path
    first: subprocess.CompletedProcess[str]
    requests_before: int  # server log length before the crawl


@dataclass
class RunningSampleSite:
    urls: dict[str, str]
    log_path: Path
    sites_dir: Path
    first_crawl: Crawl | None = None

    def requests(self) -> list[dict]:
        lines = self.log_path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]


def start_sample_site(tmp: Path) -> tuple[subprocess.Popen[str], RunningSampleSite]:
    """Start `python -m crawler.sample_site` on free ports; wait for its `ready` line."""
    from crawler.sample_site import write_site_configs

    log_path = tmp / "requests.jsonl"
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.sample_site", "--ephemeral", "--log", str(log_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    urls: dict[str, str] = {}
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "ready":
            break
        name, url = line.split()
        urls[name] = url
    else:
        raise RuntimeError("the sample site exited before it was ready")
    sites_dir = tmp / "sites"
    sites_dir.mkdir()
    write_site_configs(sites_dir, urls)
    return process, RunningSampleSite(urls=urls, log_path=log_path, sites_dir=sites_dir)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSampleSite]:
    """The sample sites, already crawled once (see ``sample_crawl``) before any test uses them.

    The site's faults play out once per server (the flaky page fails its first two requests),
    so the reference crawl must be the first crawl the server sees.
    """
    process, site = start_sample_site(tmp_path_factory.mktemp("sample-site"))
    site.first_crawl = reference_crawl(site, tmp_path_factory.mktemp("archive"))
    yield site
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def private_sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningSampleSite]:
    """The sample sites for one test module alone, served in this process: crawling them
    leaves the session's sites (their view counts, the flaky page's failures) untouched."""
    from crawler.sample_site import SampleSite, write_site_configs

    tmp = tmp_path_factory.mktemp("private-sample-site")
    with SampleSite(ephemeral=True, log_path=tmp / "requests.jsonl") as site:
        write_site_configs(tmp / "sites", site.urls)
        yield RunningSampleSite(dict(site.urls), tmp / "requests.jsonl", tmp / "sites")


@pytest.fixture(scope="module")
def requisites_crawl(
    private_sample_site: RunningSampleSite, tmp_path_factory: pytest.TempPathFactory
) -> Crawl:
    """The sample digest, whose config asks for page requisites, crawled once for a module."""
    data_dir = tmp_path_factory.mktemp("requisites")
    before = len(private_sample_site.requests())
    sites = str(private_sample_site.sites_dir)
    first = secnews("crawl", "sample-digest", "--sites", sites, "--data", str(data_dir))
    return Crawl(data_dir=data_dir, first=first, requests_before=before)


def secnews(
    *args: str, check: bool = True, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the `secnews` command as a user would, in its own process."""
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    if check and result.returncode != 0:
        command = " ".join(args)
        output = f"{result.stdout}\n{result.stderr[-4000:]}"
        raise AssertionError(f"secnews {command} exited {result.returncode}\n{output}")
    return result


@contextmanager
def serving(data_dir: Path) -> Iterator[str]:
    """``secnews serve`` of ``data_dir`` on a free port, in its own process; yields its URL
    once it answers."""
    command = ["serve", "--port", "0", "--data", str(data_dir)]
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        line = process.stdout.readline()  # "serving DATA/archive.db at http://127.0.0.1:PORT/"
        if " at http" not in line:
            raise AssertionError(f"secnews serve did not start: {line}{process.stderr.read()}")
        url = line.rsplit(" at ", 1)[1].strip()
        # The socket is listening before the line is printed: this waits for the first answer.
        with urllib.request.urlopen(url + "-/versions.json", timeout=60) as answer:
            assert answer.status == 200
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def copy_data_dir(source: Path, target: Path) -> Path:
    """A copy of a data directory another test may still be reading: the archive through
    SQLite's backup (a reader's connection, closed by the garbage collector at any moment,
    takes its ``-shm`` file with it), everything else as files."""
    database = ("archive.db", "archive.db-wal", "archive.db-shm")
    shutil.copytree(
        source,
        target,
        ignore=lambda folder, names: [
            name for name in names if Path(folder) == source and name in database
        ],
    )
    if (source / "archive.db").exists():
        reader, writer = (
            sqlite3.connect(source / "archive.db"),
            sqlite3.connect(target / "archive.db"),
        )
        try:
            reader.backup(writer)
        finally:
            reader.close()
            writer.close()
    return target


def reference_crawl(site: RunningSampleSite, data_dir: Path) -> Crawl:
    """Both sample sites crawled once, by name, from their configs."""
    first = secnews(
        "crawl",
        "sample-secretariat",
        "sample-forum",
        "--sites",
        str(site.sites_dir),
        "--data",
        str(data_dir),
        "--delay",
        "0",
    )
    return Crawl(data_dir=data_dir, first=first, requests_before=0)


@pytest.fixture(scope="session")
def sample_crawl(sample_site: RunningSampleSite) -> Crawl:
    """The reference crawl of the sample sites (made when the sites started)."""
    assert sample_site.first_crawl is not None
    return sample_site.first_crawl


@pytest.fixture(scope="session")
def search_archive(sample_crawl: Crawl, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir: the reference crawl copied, plus synthetic articles for search tests."""
    from tests.search_corpus import build_search_archive

    return build_search_archive(sample_crawl.data_dir, tmp_path_factory.mktemp("search"))


def run_in_terminal(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run ``command`` on a pseudo-terminal, as from a shell; (exit code, all it wrote)."""
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen(command, stdout=terminal, stderr=terminal, cwd=REPO, env=env)
    os.close(terminal)
    output = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other side closed: the command has exited
            break
        if not chunk:
            break
        output += chunk
    os.close(controller)
    return process.wait(timeout=120), output.decode("utf-8", "replace")


@dataclass
class LanguageCrawl:
    """The sample secretariat with its English and Russian columns, crawled over HTTP."""

    data_dir: Path
    base_url: str
    releases_after_crawl: set[frozenset[str]]  # linked while filing, before link-languages


def archived_releases(data_dir: Path) -> set[frozenset[str]]:
    """The archive's releases, each as the set of its versions' URLs."""
    import sqlite3

    with sqlite3.connect(data_dir / "archive.db") as db:
        rows = db.execute(
            "SELECT r.release_id, a.url FROM release_versions r JOIN articles a "
            "ON a.id = r.article_id"
        ).fetchall()
    groups: dict[int, set[str]] = {}
    for release_id, url in rows:
        groups.setdefault(release_id, set()).add(url)
    return {frozenset(urls) for urls in groups.values()}


@pytest.fixture(scope="session")
def language_crawl(tmp_path_factory: pytest.TempPathFactory) -> LanguageCrawl:
    """The secretariat in three languages (served here, its own ports), crawled by name,
    then linked on content with `secnews link-languages`."""
    from crawler.sample_site import SampleSite, write_site_configs
    from crawler.sample_site.state import WITH_LANGUAGES

    tmp = tmp_path_factory.mktemp("languages")
    name = "sample-secretariat"
    with SampleSite(ephemeral=True, state=WITH_LANGUAGES) as site:
        base_url = site.urls[name]
        write_site_configs(tmp / "sites", {name: base_url})
        data = tmp / "data"
        secnews("crawl", name, "--sites", str(tmp / "sites"), "--data", str(data), "--delay", "0")
    after_crawl = archived_releases(data)
    secnews("link-languages", "--data", str(data))
    return LanguageCrawl(data, base_url, after_crawl)
