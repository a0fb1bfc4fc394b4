"""Fault suite, malicious site configs: unknown keys, wrong types, ``file://`` and private
addresses, regular expressions that never finish — each refused before any request, with
the file, the field and the reason."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.sample_site.hostile import HostileSite
from crawler.sites.config import SiteConfigError, load_site_file
from crawler.sites.regexcheck import PATTERN_SECONDS

from .conftest import secnews

pytestmark = pytest.mark.e2e
START = "http://127.0.0.1:9/news/"  # replaced by the live server's URL in the e2e tests

# (case, TOML lines after name and title, field named, words of the reason)
CASES = [
    ("unknown-key", f'start_urls = ["{START}"]\nscript = "rm -rf /"', "script", "unknown key"),
    ("wrong-type", f'start_urls = "{START}"', "start_urls", "must be a list"),
    (
        "wrong-nested-type",
        f'start_urls = ["{START}"]\n[politeness]\ndelay = "fast"',
        "politeness.delay",
        "must be a float",
    ),
    ("file-url", 'start_urls = ["file:///etc/passwd"]', "start_urls[0]", "not an http(s) URL"),
    ("private", 'start_urls = ["http://10.0.0.7/news/"]', "start_urls[0]", "private address"),
    (
        "metadata",
        'start_urls = ["http://169.254.169.254/latest/"]',
        "start_urls[0]",
        "link-local address 169.254.169.254",
    ),
    ("decimal-ip", 'start_urls = ["http://2886729729/"]', "start_urls[0]", "172.16.0.1"),
    ("mapped-ipv6", 'start_urls = ["http://[::ffff:192.168.0.1]/"]', "start_urls[0]", "private"),
    ("unspecified", 'start_urls = ["http://0.0.0.0:8080/"]', "start_urls[0]", "unspecified"),
    ("multicast", 'start_urls = ["http://224.0.0.251/"]', "start_urls[0]", "multicast"),
    (
        "private-domain",
        f'start_urls = ["{START}"]\nallowed_domains = ["192.168.1.1"]',
        "allowed_domains[0]",
        "private address",
    ),
    (
        "private-sitemap",
        f'start_urls = ["{START}"]\n[discovery]\nsitemaps = ["http://10.1/sitemap.xml"]',
        "discovery.sitemaps[0]",
        "private address 10.0.0.1",
    ),
    (
        "nested-quantifier",
        f'start_urls = ["{START}"]\n[discovery]\ndeny = ["/print/", "(a+)+$"]',
        "discovery.deny[1]",
        "nested in a repeat",
    ),
    (
        "overlapping-alternatives",
        f'start_urls = ["{START}"]\n[discovery]\nfollow = ["/news/"]\narticle = ["(a|aa)+$"]',
        "discovery.article[0]",
        "backtracks",
    ),
]


def config(name: str, body: str, start: str = START) -> str:
    return f'name = "{name}"\ntitle = "Hostile config"\n' + body.replace(START, start) + "\n"


@pytest.mark.parametrize(("case", "body", "field", "reason"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_config_is_refused_naming_the_field(
    tmp_path: Path, case: str, body: str, field: str, reason: str
) -> None:
    path = tmp_path / f"{case}.toml"
    path.write_text(config(case, body), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(SiteConfigError) as refused:
        load_site_file(path)
    assert (refused.value.source, refused.value.field_name) == (str(path), field)
    assert reason in refused.value.reason
    assert time.monotonic() - started < PATTERN_SECONDS + 3  # the probe has a time limit


def test_loopback_and_public_hosts_stay_allowed(tmp_path: Path) -> None:
    body = 'start_urls = ["http://127.0.0.1:8701/", "https://[::1]/", "https://gov.example/"]'
    path = tmp_path / "fine.toml"
    path.write_text(
        config("fine", body + '\n[discovery]\narticle = ["(?:/[a-z0-9-]+)+\\\\.html$"]')
    )
    assert len(load_site_file(path).start_urls) == 3


@pytest.fixture(scope="module")
def server() -> Iterator[HostileSite]:
    with HostileSite() as site:
        yield site


E2E = [
    "unknown-key",
    "wrong-type",
    "private-domain",
    "nested-quantifier",
    "overlapping-alternatives",
]


@pytest.mark.parametrize("case", E2E)
def test_a_crawl_with_a_bad_config_makes_no_request(
    server: HostileSite, tmp_path: Path, case: str
) -> None:
    _, body, field, reason = next(c for c in CASES if c[0] == case)
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / f"{case}.toml").write_text(config(case, body, server.urls["hostile"]))
    before = len(server.requests)
    result = secnews(
        "crawl", case, "--sites", str(sites), "--data", str(tmp_path / "d"), check=False
    )
    assert result.returncode == 2
    assert f"{sites / case}.toml: {field}: " in result.stderr and reason in result.stderr
    assert len(server.requests) == before
    assert not (tmp_path / "d" / "archive.db").exists()


def test_a_private_start_url_on_the_command_line_is_refused(tmp_path: Path) -> None:
    result = secnews("crawl", "http://192.168.0.1/news/", "--data", str(tmp_path), check=False)
    assert result.returncode == 2
    assert "private address 192.168.0.1" in result.stderr
