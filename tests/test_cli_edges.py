"""The sharp edges a new user meets first: each answered with what was wrong and what to do."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Crawl, secnews

SAVED_PAGE = """<html><head><title>Summit opens</title>
<link rel="canonical" href="https://www.example.gov/news/2024/05/summit.html">
</head><body><article><h1>Summit opens in the capital</h1>
<p>The summit opened on Tuesday with delegations from twelve member states attending the
first session in the main hall of the congress centre.</p>
<p><img src="../../img/summit.jpg" alt="Delegations in the main hall"></p>
<p>Ministers discussed transport links and trade, and agreed to meet again in the autumn to
sign the agreement on road freight.</p></article></body></html>"""


@pytest.fixture
def saved_page(tmp_path: Path) -> Path:
    path = tmp_path / "summit.html"
    path.write_text(SAVED_PAGE, encoding="utf-8")
    return path


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_a_saved_page_resolves_its_images_against_the_address_it_declares(
    saved_page: Path,
) -> None:
    record = json.loads(secnews("extract", str(saved_page), "--json").stdout)
    assert record["url"] == "https://www.example.gov/news/2024/05/summit.html"
    assert [image["url"] for image in record["images"]] == [
        "https://www.example.gov/news/img/summit.jpg"
    ]
    # --url still decides when given.
    given = "http://mirror.example.org/a/b/c.html"
    record = json.loads(secnews("extract", str(saved_page), "--url", given, "--json").stdout)
    assert record["images"][0]["url"] == "http://mirror.example.org/img/summit.jpg"


def test_a_bad_timezone_is_a_usage_error(saved_page: Path) -> None:
    result = secnews("extract", str(saved_page), "--timezone", "Europe/Atlantis", check=False)
    assert result.returncode == 2 and result.stdout == ""
    assert "--timezone Europe/Atlantis: not an IANA timezone" in result.stderr


def test_an_address_without_its_scheme_gets_a_hint(tmp_path: Path) -> None:
    result = secnews("crawl", "www.example.gov/news", "--data", str(tmp_path), check=False)
    assert result.returncode == 2
    assert "a start URL needs its scheme: https://www.example.gov/news" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_serve_on_a_busy_port_names_it(busy_port: int, sample_crawl: Crawl) -> None:
    data = str(sample_crawl.data_dir)
    result = secnews("serve", "--port", str(busy_port), "--data", data, check=False, timeout=60)
    assert result.returncode == 2
    assert f"127.0.0.1:{busy_port} is in use (pass another --port)" in result.stderr
    assert "Traceback" not in result.stderr
