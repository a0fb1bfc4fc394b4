"""The sample sites' faults: each breaks the sites in its own way, and can be mended again."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crawler.sample_site import SampleSite, expected_articles
from crawler.sample_site.faults import FAULTS, MOVED_TO

from .conftest import secnews


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    """One GET without following redirects."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", path or "/")
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def site() -> Iterator[SampleSite]:
    with SampleSite(ephemeral=True) as served:
        yield served


def forum_article(site: SampleSite) -> str:
    return sorted(expected_articles(site.urls)["sample-forum"])[0]


def test_each_fault_breaks_the_sites_its_own_way(site: SampleSite) -> None:
    forum = site.urls["sample-forum"]
    healthy = get(forum_article(site))[2]
    try:
        site.set_fault("server-errors")
        assert get(forum)[0] == 500 and get(forum + "robots.txt")[0] == 500
        site.set_fault("robots-closed")
        assert get(forum + "robots.txt")[2] == b"User-agent: *\nDisallow: /\n"
        assert get(forum)[0] == 200
        site.set_fault("moved")
        status, headers, _ = get(forum + "news/?a=1")
        assert status == 301 and headers["Location"] == f"{MOVED_TO}/news/?a=1"
        site.set_fault("redesign")
        redesigned = get(forum_article(site))[2]
        assert 0 < len(redesigned) < len(healthy)
    finally:
        site.set_fault(None)
    assert get(forum_article(site))[2] == healthy


def test_unknown_faults_are_refused(site: SampleSite) -> None:
    with pytest.raises(ValueError, match="no sample-site fault 'flood'"):
        site.set_fault("flood")


def test_the_cli_offers_every_fault() -> None:
    help_text = " ".join(secnews("sample-site", "-h").stdout.split())
    for fault in FAULTS:
        assert fault in help_text


@pytest.mark.parametrize(
    ("fault", "reason"),
    [("moved", f"it redirects to {MOVED_TO}/"), ("robots-closed", "robots.txt disallows it")],
)
def test_sites_add_refuses_a_site_it_may_not_or_cannot_read(
    site: SampleSite, tmp_path: Path, fault: str, reason: str
) -> None:
    site.set_fault(fault)
    try:
        args = ("sites", "add", site.urls["sample-forum"], "--sites", str(tmp_path))
        result = secnews(*args, "--name", "forum", "--delay", "0", check=False)
    finally:
        site.set_fault(None)
    assert result.returncode == 2 and reason in result.stderr
    assert list(tmp_path.iterdir()) == []
