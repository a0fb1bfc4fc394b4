"""Fault suite, readers during a crawl: SQLite readers, a Datasette and ``secnews search``
hammer the archive while a crawl writes it — no "database is locked", no torn reads."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest

from archive.store.schema import SCHEMA_VERSION

from .conftest import REPO, RunningSampleSite
from .faultkit import rows

pytestmark = pytest.mark.e2e
# One statement, so one snapshot: what a reader must never see half-written.
TORN = """SELECT
  (SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_versions v
     WHERE v.article_id = a.id AND v.version = a.version)),
  (SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_urls u
     WHERE u.article_id = a.id)),
  (SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM articles_fts f
     WHERE f.rowid = a.id)),
  (SELECT count(*) FROM articles_fts WHERE rowid NOT IN (SELECT id FROM articles)),
  (SELECT count(*) FROM articles)"""


class Readers:
    """Reader threads that loop until told to stop, keeping every error they meet."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.stop = threading.Event()
        self.errors: list[str] = []
        self.reads: Counter[str] = Counter()
        self.threads: list[threading.Thread] = []

    def start(self, name: str, loop: Callable[[], None]) -> None:
        def run() -> None:
            try:
                loop()
            except Exception as exc:  # a reader that dies is a failure to report
                self.errors.append(f"{name}: {type(exc).__name__}: {exc}")

        thread = threading.Thread(target=run, name=name, daemon=True)
        thread.start()
        self.threads.append(thread)

    def check(self, name: str, snapshot: list[int], last: list[int]) -> None:
        torn, count = snapshot[:4], snapshot[4]
        if any(torn):
            self.errors.append(f"{name}: torn read {snapshot}")
        if count < last[0]:
            self.errors.append(f"{name}: articles went from {last[0]} to {count}")
        last[0] = count
        self.reads[name] += 1

    def sqlite(self, name: str) -> None:
        last = [0]
        while not self.stop.is_set():
            db = sqlite3.connect(self.db, timeout=5)
            try:
                self.check(name, list(db.execute(TORN).fetchone()), last)
                db.execute(
                    "SELECT rowid, title FROM articles_fts WHERE articles_fts MATCH '合作' LIMIT 5"
                ).fetchall()
            finally:
                db.close()

    def datasette(self) -> None:
        from datasette.app import Datasette

        async def hammer() -> None:
            datasette = Datasette([str(self.db)])
            last = [0]
            while not self.stop.is_set():
                response = await datasette.client.get(
                    f"/archive.json?sql={quote(TORN)}&_shape=array"
                )
                if response.status_code != 200:
                    self.errors.append(f"datasette: {response.status_code} {response.text[:300]}")
                    continue
                self.check("datasette", list(response.json()[0].values()), last)
                page = await datasette.client.get("/archive/articles.json?_size=5")
                if page.status_code != 200:
                    self.errors.append(f"datasette table: {page.status_code} {page.text[:300]}")

        asyncio.run(hammer())

    def search(self) -> None:
        while not self.stop.is_set():
            command = [sys.executable, "-m", "crawler.cli", "search", "合作", "--json"]
            result = subprocess.run(
                [*command, "--data", str(self.db.parent)], capture_output=True, text=True, cwd=REPO
            )
            if result.returncode != 0 or "locked" in result.stderr:
                self.errors.append(f"search exited {result.returncode}: {result.stderr[-500:]}")
            else:
                json.loads(result.stdout)
                self.reads["search"] += 1


def test_readers_never_meet_a_lock_or_a_torn_write(
    sample_site: RunningSampleSite, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    stderr = tmp_path / "crawl.log"
    command = [sys.executable, "-m", "crawler.cli", "crawl", "sample-secretariat", "sample-forum"]
    command += ["--sites", str(sample_site.sites_dir), "--data", str(data), "--delay", "0"]
    command += ["-s", "AUTOTHROTTLE_ENABLED=0"]
    with stderr.open("w") as log:
        crawl = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=log)
        readers = Readers(data / "archive.db")
        deadline = time.monotonic() + 60
        while not rows_ready(data):
            assert crawl.poll() is None and time.monotonic() < deadline, "no archive to read"
            time.sleep(0.02)
        for number in range(3):
            readers.start(f"sqlite-{number}", lambda n=number: readers.sqlite(f"sqlite-{n}"))
        readers.start("datasette", readers.datasette)
        readers.start("search", readers.search)
        returncode = crawl.wait(timeout=180)
        readers.stop.set()
        for thread in readers.threads:
            thread.join(timeout=60)
    output = stderr.read_text()
    assert returncode == 0, output[-3000:]
    assert readers.errors == []
    assert "locked" not in output and "Traceback" not in output
    assert min(readers.reads[name] for name in ("sqlite-0", "datasette")) >= 20, readers.reads
    assert readers.reads["search"] >= 1, readers.reads
    assert rows(data, "PRAGMA integrity_check")[0][0] == "ok"


def rows_ready(data: Path) -> bool:
    """Whether the crawl is under way: the archive's schema is complete (the migrations
    rebuild the search index while they run) and a first exchange is recorded."""
    try:
        version = rows(data, "PRAGMA user_version")[0][0]
        return version == SCHEMA_VERSION and bool(rows(data, "SELECT 1 FROM fetches LIMIT 1"))
    except Exception:
        return False
