"""`sites add` proposes a timezone only on evidence of the site's country (its domain, its
declared language's region, a language of one country), and says when there is none."""

from __future__ import annotations

import tomllib

import pytest

from crawler.discovery.dryrun import Discovered
from crawler.sites.timezones import guess_timezone
from crawler.sites.tools import site_toml


@pytest.mark.parametrize(
    ("url", "declared", "language", "zone", "settled"),
    [
        ("https://www.ekbacka.se/nyheter", "sv", "sv", "Europe/Stockholm", True),
        ("https://www.mfa.gov.cn/", None, "zh", "Asia/Shanghai", True),  # Xinjiang aside
        ("https://example.org/", "zh", "zh", "Asia/Shanghai", True),
        ("https://example.org/", "ja", "ja", "Asia/Tokyo", True),
        ("https://example.org/", "sv-SE", "sv", "Europe/Stockholm", True),
        ("https://www.kremlin.ru/", "ru", "ru", "Europe/Moscow", False),  # eleven offsets
        ("https://example.gov/", "en-US", "en", "America/New_York", False),
        ("https://mfa.uz/", None, "ru", "Asia/Tashkent", True),  # the domain outranks
    ],
)
def test_a_country_gives_its_time(
    url: str, declared: str | None, language: str, zone: str, settled: bool
) -> None:
    guess, _ = guess_timezone(url, declared, language)
    assert guess is not None
    assert (guess.zone, guess.settled) == (zone, settled)


@pytest.mark.parametrize(
    ("url", "declared", "language"),
    [
        ("https://example.org/", "en", "en"),  # spoken in every offset
        ("https://example.org/", "ru", "ru"),  # Minsk, Moscow and Astana differ
        ("https://example.org/", "sv", "sv"),  # Åland keeps Finland's time
        ("https://example.io/", None, "en"),  # .io is sold to anyone
        ("http://127.0.0.1:8000/", None, None),
    ],
)
def test_no_evidence_no_timezone(url: str, declared: str | None, language: str | None) -> None:
    guess, said = guess_timezone(url, declared, language)
    assert guess is None
    assert said == "no evidence of the site's country"


def _written(url: str, declared: str | None, language: str | None) -> tuple[str, dict]:
    found = Discovered(url, title="A site", language=language, declared_language=declared)
    text = site_toml("a-site", found)
    return text, tomllib.loads(text)


def test_the_file_sets_a_settled_zone_and_suggests_a_capital() -> None:
    text, data = _written("https://www.ekbacka.se/", "sv", "sv")
    assert data["timezone"] == "Europe/Stockholm"
    assert 'timezone = "Europe/Stockholm"   # from the .se domain' in text
    text, data = _written("https://example.gov/", "en-US", "en")
    assert "timezone" not in data
    assert '# timezone = "America/New_York"   # from the pages\' declared language en-US' in text


def test_the_file_says_when_nothing_points_to_a_country() -> None:
    text, data = _written("https://example.org/", "en", "en")
    assert "timezone" not in data and "Europe/" not in text
    assert "# no evidence of the site's country: set it if bylines carry no UTC offset" in text
