"""A new site's timezone, from the evidence its address and pages give, or none.

A site config's ``timezone`` gives bylines without a UTC offset the site's offset, so a wrong
one shifts every such date. ``sites add`` therefore proposes one only from evidence about
the site's country, strongest first:

1. the country-code domain (``.se``, ``gov.cn``), unless it is one sold to anyone (``.io``);
2. the region of the page's declared language (``zh-CN``, ``sv-SE``);
3. the language its pages are written in, when the Unicode CLDR names one home country for
   it and every country where it is the official language of most people keeps that
   country's offsets (Japanese, Uzbek; not Russian, spoken in three offsets, nor English).

A country with one timezone gives it. A country with several gives its capital's, proposed
commented out, as official bodies publish from the capital but a city's portal may not. No
evidence gives no timezone, and the config says so: never a guess from another continent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel.core import get_global

# Country-code domains sold to anyone, used as generic ones: no evidence of a country.
GENERIC_CCTLDS = frozenset({"ai", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "to", "tv", "ws"})
# The capital's zone of countries that keep several (CLDR lists them all); a country that
# keeps several and is not here gets no proposal.
CAPITAL_ZONES = {
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "CY": "Asia/Nicosia",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "GL": "America/Nuuk",
    "ID": "Asia/Jakarta",
    "KZ": "Asia/Almaty",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "US": "America/New_York",
    "UZ": "Asia/Tashkent",
}
# Countries whose law keeps one time though tzdb lists a local usage too (Xinjiang's).
ONE_OFFICIAL_TIME = frozenset({"CN"})
MAJORITY = 50  # percent of a country's people for whom a language is theirs
_OFFICIAL = ("official", "de_facto_official")
# Two instants half a year apart: a zone's offsets in winter and in summer.
_SEASONS = (datetime(2025, 1, 15, 12), datetime(2025, 7, 15, 12))


@dataclass(frozen=True)
class TimezoneGuess:
    """A proposed timezone, whether it is certain enough to set, and the evidence."""

    zone: str
    settled: bool  # the country keeps one time: write it as a setting, not a suggestion
    evidence: str


def guess_timezone(
    url: str, declared: str | None, language: str | None
) -> tuple[TimezoneGuess | None, str]:
    """The timezone the evidence points to, or None, with the evidence (or its lack) said."""
    for country, evidence in _country_evidence(url, declared, language):
        known = _country_zone(country)
        if known is not None:
            zone, settled = known
            if not settled:
                evidence += f"; the capital's, as {country} keeps several: check it"
            return TimezoneGuess(zone, settled, evidence), evidence
        if _zones(country):
            return None, f"{evidence}, a country of several timezones"
    return None, "no evidence of the site's country"


def _country_zone(country: str) -> tuple[str, bool] | None:
    """A country's zone, and whether it is the country's one time; None if it has several
    and no capital here."""
    zones = _zones(country)
    if zones and (len({_offsets(zone) for zone in zones}) == 1 or country in ONE_OFFICIAL_TIME):
        return CAPITAL_ZONES.get(country, zones[0]), True
    if country in CAPITAL_ZONES:
        return CAPITAL_ZONES[country], False
    return None


def _country_evidence(
    url: str, declared: str | None, language: str | None
) -> list[tuple[str, str]]:
    found = []
    label = (urlsplit(url).hostname or "").rsplit(".", 1)[-1].lower()
    if len(label) == 2 and label.isalpha() and label not in GENERIC_CCTLDS:
        found.append((label.upper(), f"the .{label} domain"))
    parts = (declared or "").replace("_", "-").split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    if region:
        found.append((region.upper(), f"the pages' declared language {declared}"))
    home = _home_country(language) if language else None
    if home:
        found.append((home, f"the pages' language ({language})"))
    return found


@cache
def _home_country(language: str) -> str | None:
    """The one country a language points to: CLDR's likely region for it, if every country
    where it is the official language of most people keeps that region's offsets."""
    likely = get_global("likely_subtags").get(language, "")
    home = likely.rsplit("_", 1)[-1] if "_" in likely else ""
    known = _country_zone(home) if len(home) == 2 else None
    if known is None:
        return None
    for country, spoken in get_global("territory_languages").items():
        share = spoken.get(language, {})
        majority = share.get("population_percent", 0) >= MAJORITY
        if majority and share.get("official_status") in _OFFICIAL:
            theirs = _country_zone(country)
            if theirs is None or _offsets(theirs[0]) != _offsets(known[0]):
                return None
    return home


def _zones(country: str) -> list[str]:
    return list(get_global("territory_zones").get(country, ()))


@cache
def _offsets(zone: str) -> tuple[float, ...]:
    tz = ZoneInfo(zone)
    return tuple(
        moment.replace(tzinfo=tz).utcoffset().total_seconds()  # type: ignore[union-attr]
        for moment in _SEASONS
    )
