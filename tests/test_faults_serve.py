"""Fault suite, `secnews serve`: slow downloaders, ids past SQLite's integers and searches
with nothing to search for neither exhaust the disk nor end in a traceback."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from archive.datasette.livecopy import LiveCopies

from .conftest import REPO
from .snapshot_support import copy_archive

CLIENTS = 6
BALLAST_MB = 64  # more than socket buffers hold, so each download stays in flight


@dataclass
class Served:
    base: str
    scratch: Path
    process: subprocess.Popen[str]

    def get(self, path: str) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection(urlsplit(self.base).netloc, timeout=60)
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, answer.read()

    def copies(self) -> list[Path]:
        return sorted(self.scratch.glob("secnews-download-*"))


@pytest.fixture(scope="module")
def served(sample_crawl: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    tmp = tmp_path_factory.mktemp("serve-faults")
    data = copy_archive(sample_crawl.data_dir, tmp / "data")  # type: ignore[attr-defined]
    with sqlite3.connect(data / "archive.db") as db:
        db.execute("CREATE TABLE ballast (b BLOB)")
        db.executemany("INSERT INTO ballast VALUES (randomblob(1048576))", [()] * BALLAST_MB)
    scratch = tmp / "scratch"
    scratch.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "serve", "--data", str(data), "--port", "0"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert process.stdout is not None
    base = process.stdout.readline().split(" at ")[-1].strip()  # "serving … at URL"
    try:
        yield Served(base, scratch, process)
    finally:
        process.terminate()
        process.wait(timeout=30)


def server_log(served: Served) -> str:
    """Everything the server has written to stderr so far, once it has stopped."""
    served.process.terminate()
    assert served.process.stderr is not None
    return served.process.communicate(timeout=30)[1]


def test_slow_downloads_share_one_copy(served: Served, tmp_path: Path) -> None:
    held = []
    for _ in range(CLIENTS):
        connection = http.client.HTTPConnection(urlsplit(served.base).netloc, timeout=120)
        connection.request("GET", "/-/download/archive.db")
        answer = connection.getresponse()
        assert answer.status == 200 and answer.read(16) == b"SQLite format 3\x00"
        held.append((connection, answer))  # started, and not read on: in flight
    assert len(served.copies()) == 1
    bodies = {b"SQLite format 3\x00" + answer.read() for _, answer in held}
    assert len(bodies) == 1  # every client got the same consistent copy
    copy = tmp_path / "downloaded.db"
    copy.write_bytes(bodies.pop())
    with sqlite3.connect(copy) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM ballast").fetchone() == (BALLAST_MB,)
    assert len({answer.getheader("Last-Modified") for _, answer in held}) == 1
    for connection, _ in held:
        connection.close()


@pytest.mark.parametrize("article", [str(1 << 63), "9" * 40])
def test_an_article_id_past_sqlites_integers_is_not_found(served: Served, article: str) -> None:
    status, _ = served.get(f"/-/article/{article}")
    assert status == 404


@pytest.mark.parametrize("query", ["((((", "-北斗", '"', "NOT"])
def test_a_search_with_nothing_to_search_for_finds_nothing(served: Served, query: str) -> None:
    status, body = served.get(f"/archive/search.json?_shape=array&q={quote(query)}")
    assert status == 200 and json.loads(body) == []


def test_no_traceback_in_the_servers_log(served: Served) -> None:
    # Runs last in this module (pytest keeps file order): it stops the server.
    status, _ = served.get("/-/article/99999999999999999999")
    assert status == 404
    log = server_log(served)
    assert "Traceback" not in log and "raised exception" not in log, log[-2000:]


def test_a_replaced_copy_goes_when_its_last_download_ends(tmp_path: Path) -> None:
    source = tmp_path / "archive.db"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE t (x)")

    async def scenario() -> tuple[bool, bool, bool]:
        copies = LiveCopies(source, max_age=0)  # every request wants a newer copy
        first = await copies.acquire()
        second = await copies.acquire()
        held = first.path.exists() and second.path.exists()
        copies.release(first)
        first_gone = not first.path.exists()
        copies.release(second)  # the current copy stays for the next download
        second_kept = second.path.exists()
        copies.close()
        return held, first_gone, second_kept

    assert asyncio.run(scenario()) == (True, True, True)


def test_downloads_of_the_same_minute_share_a_copy(tmp_path: Path) -> None:
    source = tmp_path / "archive.db"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE t (x)")

    async def scenario() -> int:
        copies = LiveCopies(source)
        taken = await asyncio.gather(*(copies.acquire() for _ in range(CLIENTS)))
        made = len({copy.path for copy in taken})
        for copy in taken:
            copies.release(copy)
        copies.close()
        return made

    assert asyncio.run(scenario()) == 1
