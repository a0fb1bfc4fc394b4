"""Page requisites across crawls: fetched once a crawl, asked for again with their
validators when an article changes, and an unchanged one answered 304 is a revisit."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.sample_site import SECOND_EDITION, SampleSite, changes, forum
from crawler.sample_site import forum_pages as pages
from tests.conftest import secnews
from tests.snapshot_support import rows

SITE = "sample-forum"


@pytest.fixture(scope="module")
def two_crawls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The forum, its config asking for requisites, crawled in its first edition and again
    in its second (one post corrected, one added)."""
    tmp = tmp_path_factory.mktemp("forum-requisites")
    data, sites = tmp / "data", tmp / "sites"
    sites.mkdir()
    with SampleSite(ephemeral=True) as site:
        base = site.urls[SITE]
        config = dataclasses.replace(forum.PROFILE, requisites=True).site_config(base)
        (sites / f"{SITE}.toml").write_text(config, encoding="utf-8")
        crawl = ("crawl", SITE, "--sites", str(sites), "--data", str(data))
        secnews(*crawl)
        first = [e for e in site.requests if e["site"] == SITE]
        site.set_state(SECOND_EDITION)
        secnews(*crawl)
        second = [e for e in site.requests if e["site"] == SITE][len(first) :]
        yield {"base": base, "data": data, "first": first, "second": second, "urls": site.urls}


def _asked(log: list[dict[str, Any]], path: str) -> list[dict[str, Any]]:
    return [entry for entry in log if entry["path"] == path]


def test_the_logo_every_page_shows_is_fetched_once_a_crawl(two_crawls: dict[str, Any]) -> None:
    (logo,) = _asked(two_crawls["first"], pages.LOGO)
    assert logo["status"] == 200 and logo["if_none_match"] is None
    pages_fetched = [e for e in two_crawls["first"] if e["path"].startswith("/news/2")]
    assert len(pages_fetched) > 1  # many article pages showed it; it was asked for once


def test_a_changed_article_asks_for_its_requisites_with_their_validators(
    two_crawls: dict[str, Any],
) -> None:
    changed = changes({SITE: two_crawls["base"]})
    assert changed["edited"] | changed["new"]
    (logo,) = _asked(two_crawls["second"], pages.LOGO)
    assert logo["if_none_match"] and logo["status"] == 304
    url = two_crawls["base"] + pages.LOGO[1:]
    fetched = rows(
        Path(two_crawls["data"]) / "archive.db",
        "SELECT run_id, status, record_type FROM fetches WHERE url = ? ORDER BY id",
        url,
    )
    assert fetched == [(1, 200, "response"), (2, 304, "revisit")]
