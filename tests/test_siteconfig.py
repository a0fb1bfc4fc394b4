"""Site configs: valid files load; every bad one is refused naming file, field and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.sites.config import SiteConfig, SiteConfigError, load_site_file, load_sites

GOOD = """
name = "ministry"
title = "Ministry of Examples"
start_urls = ["https://www.ministry.example/news/"]
language = "ru"
timezone = "Asia/Almaty"

[discovery]
article = ['/news/\\d+/$']
deny = ['/print/']

[selectors]
body = "div.news-detail"

[politeness]
delay = 2
concurrency = 1

[revisit]
days = 14
cycle_days = 60

[capture]
requisites = true
hosts = ["static.ministry.example", "cdn.example:8443"]
"""


def write(tmp_path: Path, text: str, name: str = "ministry") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_full_config_loads(tmp_path: Path) -> None:
    site = load_site_file(write(tmp_path, GOOD))
    assert site.name == "ministry" and site.timezone == "Asia/Almaty"
    assert site.scope == frozenset({"ministry.example"})
    assert site.discovery.article[0].search("https://ministry.example/news/12/")
    assert site.selectors == {"body": "div.news-detail"}
    assert site.politeness.delay == 2.0 and site.politeness.concurrency == 1
    assert (site.revisit_days, site.revisit_cycle_days) == (14, 60)
    assert (site.revisit.recent_days, site.revisit.cycle_days) == (14, 60)
    assert site.capture.requisites is True
    assert site.capture.hosts == ("static.ministry.example", "cdn.example:8443")
    for url in (
        "https://ministry.example/style.css",
        "http://static.ministry.example/fonts/a.woff2",
        "https://cdn.example:8443/x.png",
    ):
        assert site.serves_requisite(url), url
    for url in ("https://cdn.example/x.png", "https://tracker.example/pixel.gif"):
        assert not site.serves_requisite(url), url


def test_requisites_are_off_unless_asked_for(tmp_path: Path) -> None:
    site = load_site_file(write(tmp_path, GOOD[: GOOD.index("[capture]")]))
    assert site.capture.requisites is False and site.capture.hosts == ()
    assert SiteConfig.from_url("http://127.0.0.1:8702/").capture.requisites is False


def test_revisit_defaults_young_for_30_days_and_a_90_day_cycle(tmp_path: Path) -> None:
    without = GOOD[: GOOD.index("[revisit]")]
    site = load_site_file(write(tmp_path, without))
    assert (site.revisit.recent_days, site.revisit.cycle_days) == (30, 90)
    bare = SiteConfig.from_url("http://127.0.0.1:8702/")
    assert (bare.revisit.recent_days, bare.revisit.cycle_days) == (30, 90)


def test_a_bare_url_is_a_site() -> None:
    site = SiteConfig.from_url("http://127.0.0.1:8702/")
    assert site.name == "127.0.0.1-8702" and site.scope == frozenset({"127.0.0.1:8702"})


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (('title = "Ministry of Examples"', 'colour = "red"'), "colour", "unknown key"),
        (
            (
                'start_urls = ["https://www.ministry.example/news/"]',
                'start_urls = ["file:///etc/passwd"]',
            ),
            "start_urls[0]",
            "not an http(s) URL",
        ),
        (
            ('start_urls = ["https://www.ministry.example/news/"]', "start_urls = []"),
            "start_urls",
            "at least one",
        ),
        (('timezone = "Asia/Almaty"', 'timezone = "Mars/Olympus"'), "timezone", "IANA"),
        (("deny = ['/print/']", "deny = ['(unclosed']"), "discovery.deny[0]", "regular expression"),
        (('body = "div.news-detail"', 'body = "div[["'), "selectors.body", "CSS selector"),
        (("delay = 2", 'delay = "slow"'), "politeness.delay", "must be a float"),
        (("concurrency = 1", "concurrency = 100"), "politeness.concurrency", "between"),
        (('name = "ministry"', 'name = "other"'), "name", "differs from the file name"),
        (("[discovery]", "[discovery]\nfollow = 'x'"), "discovery.follow", "must be a list"),
        (("cycle_days = 60", "cycle_days = 0"), "revisit.cycle_days", "between 1 and 3650"),
        (("cycle_days = 60", "cycle_days = 5000"), "revisit.cycle_days", "between 1 and 3650"),
        (("cycle_days = 60", 'cycle_days = "90"'), "revisit.cycle_days", "must be a int"),
        (("days = 14", "days = -1"), "revisit.days", "between 0 and 3650"),
        (("cycle_days = 60", "cycle = 60"), "revisit.cycle", "unknown key"),
        (("requisites = true", 'requisites = "yes"'), "capture.requisites", "must be a bool"),
        (("requisites = true", "scripts = true"), "capture.scripts", "unknown key"),
        (
            ('"cdn.example:8443"', '"https://cdn.example/static"'),
            "capture.hosts[1]",
            "not a host name",
        ),
        (('"cdn.example:8443"', '"10.0.0.7"'), "capture.hosts[1]", "private address"),
    ],
)
def test_bad_configs_name_file_field_and_reason(
    tmp_path: Path, change: tuple[str, str], field: str, reason: str
) -> None:
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(SiteConfigError) as caught:
        load_site_file(path)
    message = str(caught.value)
    assert str(path) in message and f": {field}:" in message and reason in message


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "name = ")
    with pytest.raises(SiteConfigError, match=r"ministry.toml: \(file\): is not valid TOML"):
        load_site_file(path)


def test_bundled_sites_are_valid() -> None:
    sites = load_sites()
    assert sites, "no bundled site configs"
    for name, site in sites.items():
        assert site.name == name and site.start_urls
