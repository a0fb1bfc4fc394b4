"""Site-config patterns checked for catastrophic backtracking (``crawler.sites.regexcheck``)."""

from __future__ import annotations

import re
import time

import pytest

from crawler.sites.regexcheck import (
    PATTERN_SECONDS,
    URL_LENGTH,
    adversarial_urls,
    nested_quantifier,
    problems,
)

# What people write in site configs, and what `sites add` proposes: all must pass.
USUAL = [
    r"/news/\?PAGEN_1=\d+",
    r"/news/detail\.php\?ID=\d+",
    r"shownews\.php\?lang=cn&id=\d+",
    r"/news/\d+/\d+/\d+/[^/]+/",
    r"^https?://[^/]+/news/.*\.html?$",
    r"(?:/[a-z0-9-]+)+\.html$",
    r"(?:news|article)s?/[\w-]+",
    r"[^?]*\?(?:[^&]*&)*id=\d+",
    r"/(\d{4})/(\d{2})/",
    r"(?>a+)+$",
    r"lang=kz",
]


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)*$", r"(?:x*)*y", r"(\d+-?){2,}$"])
def test_a_repeat_of_a_repeat_is_refused_by_its_shape(pattern: str) -> None:
    assert nested_quantifier(pattern)
    assert [index for index, _ in problems(["/ok/", pattern])] == [1]


@pytest.mark.parametrize("pattern", [r"(a|aa)+$", r"(.*,)+$", r"(.*a){12}$"])
def test_a_pattern_that_backtracks_is_caught_by_the_probe(pattern: str) -> None:
    assert not nested_quantifier(pattern)
    started = time.monotonic()
    ((index, reason),) = problems(["/news/", pattern])
    assert index == 1 and "backtracks" in reason
    assert time.monotonic() - started < PATTERN_SECONDS + 2


def test_usual_patterns_pass_quickly() -> None:
    started = time.monotonic()
    assert list(problems(USUAL)) == []
    assert not any(nested_quantifier(pattern) for pattern in USUAL)
    assert time.monotonic() - started < 10


def test_the_probe_uses_long_urls_made_of_the_patterns_own_characters() -> None:
    urls = list(adversarial_urls(r"id=\d+"))
    assert all(len(url) > URL_LENGTH - 2 for url in urls)
    assert any(url.startswith("0000") for url in urls) and any("id" in url for url in urls)
    assert all(re.search(r"id=\d+$", url) is None for url in urls)  # each ends by breaking it
