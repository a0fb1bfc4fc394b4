"""Fault suite, fetches outside a crawl: ``secnews extract URL`` and ``secnews sites add``
fetch through the crawl's own downloader, so they hold to the crawl's policy — no private
address, no redirect off the site, bodies cut at ``DOWNLOAD_MAXSIZE`` while they stream or
inflate, and a time limit on the whole answer, which a slowloris cannot stretch.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.sample_site.hostile import HostileSite
from crawler.sample_site.hostile_pages import GIB

from .faultkit import CrawlResult, run_secnews

pytestmark = pytest.mark.e2e
MAX_RSS_MB = 400
TIMEOUT = 3  # DOWNLOAD_TIMEOUT given to the commands here, seconds
MAX_SIZE = 32 * 1024 * 1024  # DOWNLOAD_MAXSIZE


@pytest.fixture(scope="module")
def site() -> Iterator[HostileSite]:
    with HostileSite() as served:
        yield served


def secnews(tmp_path: Path, *args: str, timeout: float = 120) -> CrawlResult:
    """``secnews ARGS`` in its own process, measured; killed after ``timeout`` seconds."""
    return run_secnews(tmp_path / "data", args, timeout=timeout, logs=tmp_path)


def extract(
    site: HostileSite, tmp_path: Path, path: str, *args: str, timeout: float = 120
) -> CrawlResult:
    url = site.urls["hostile"] + path
    return secnews(tmp_path, "extract", url, "--json", *args, timeout=timeout)


def test_extract_refuses_a_redirect_to_the_metadata_service(
    site: HostileSite, tmp_path: Path
) -> None:
    result = extract(site, tmp_path, "fault/private")
    assert result.returncode == 2
    assert "fault/private: refused: link-local address 169.254.169.254" in result.stderr
    assert result.stdout == ""


def test_extract_never_follows_a_redirect_to_another_port(
    site: HostileSite, tmp_path: Path
) -> None:
    """Another port of the loopback address plays the metadata service: its credentials
    must not be fetched, let alone printed."""
    result = extract(site, tmp_path, "fault/offsite-metadata")
    assert result.returncode == 2
    assert f"redirects off the site, to {site.urls['elsewhere']}latest/" in result.stderr
    assert "ASIASECNEWSFAKEKEY" not in result.stdout + result.stderr
    assert site.requests_to("elsewhere") == []


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("limits/huge", "cut at DOWNLOAD_MAXSIZE (33554432 bytes)"),
        ("limits/huge-declared", "Expected to receive 1073741824 bytes"),
        ("limits/gzip-bomb", "exceeded DOWNLOAD_MAXSIZE (33554432 B) during decompression"),
    ],
)
def test_extract_cuts_an_oversized_answer_at_the_size_limit(
    site: HostileSite, tmp_path: Path, path: str, reason: str
) -> None:
    result = extract(site, tmp_path, path)
    assert result.returncode == 2 and reason in result.stderr
    assert result.max_rss_mb < MAX_RSS_MB, f"peak RSS {result.max_rss_mb:.0f} MB"
    if path == "limits/huge":  # the command hung up: a few times the limit sent, never 1 GiB
        assert MAX_SIZE < site.streamed("/limits/huge") < GIB // 8


def test_extract_gives_up_on_a_slowloris_at_its_time_limit(
    site: HostileSite, tmp_path: Path
) -> None:
    result = extract(site, tmp_path, "fault/slow", "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT}", timeout=60)
    assert result.returncode == 2
    assert f"took longer than {TIMEOUT:.1f} seconds" in result.stderr
    assert result.seconds < 30  # startup, then the time limit: not the trickle's half hour


def test_sites_add_gives_up_on_a_slowloris_at_its_time_limit(
    site: HostileSite, tmp_path: Path
) -> None:
    start = site.urls["quiet"] + "fault/slow"
    (tmp_path / "sites").mkdir()
    result = secnews(
        tmp_path,
        *("sites", "add", start, "--sites", str(tmp_path / "sites"), "--name", "slow"),
        *("--delay", "0", "-s", f"DOWNLOAD_TIMEOUT={TIMEOUT}"),
        timeout=60,
    )
    assert result.returncode == 2
    assert f"took longer than {TIMEOUT:.1f} seconds" in result.stdout
    assert f"{start}: it could not be read; not adding the site" in result.stderr
    assert result.seconds < 30
    assert not (tmp_path / "sites" / "slow.toml").exists()


def test_sites_add_refuses_a_redirect_to_a_private_address(
    site: HostileSite, tmp_path: Path
) -> None:
    start = site.urls["quiet"] + "fault/private"
    result = secnews(
        tmp_path,
        *("sites", "add", start, "--sites", str(tmp_path), "--name", "private", "--delay", "0"),
    )
    assert result.returncode == 2
    assert "refused: link-local address 169.254.169.254" in result.stdout
    assert [entry["path"] for entry in site.requests_to("quiet")][-1] == "/fault/private"


def test_sites_add_reads_a_failing_robots_txt_as_a_crawl_does(
    site: HostileSite, tmp_path: Path
) -> None:
    """RFC 9309, as in a crawl: a robots.txt answering 500 allows nothing, not everything."""
    start = site.urls["robots-error"]
    result = secnews(
        tmp_path,
        *("sites", "add", start, "--sites", str(tmp_path), "--name", "shut", "--delay", "0"),
    )
    assert result.returncode == 2
    assert "robots.txt    HTTP 500" in result.stdout
    assert "robots.txt could not be read (HTTP 500), so a crawl would request nothing" in (
        result.stderr
    )
    assert {entry["path"] for entry in site.requests_to("robots-error")} == {"/robots.txt"}
