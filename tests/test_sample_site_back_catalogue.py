"""The forum's back catalogue: posts dated two years before today, then corrected, taken down
(410, a redirect to the news section) or only unlisted; the editions without it unchanged."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from crawler.sample_site import (
    BACK_CATALOGUE,
    BACK_CATALOGUE_REVISED,
    FIRST_EDITION,
    SampleSite,
    SiteState,
    changes,
    expected_articles,
    unlisted,
)
from crawler.sample_site.forum_content import two_years_before

from .test_sample_site_server import SITEMAP_NS, fetch

FORUM = "sample-forum"
LISTINGS = ["news/", "news/page/2/", "news/page/3/", "news/page/4/"]
CATEGORIES = [f"news/category/{slug}/" for slug in ("statements", "meetings", "programmes")]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[SampleSite]:
    log = tmp_path / "requests.jsonl"
    with SampleSite(ephemeral=True, log_path=log, state=BACK_CATALOGUE) as running:
        yield running


def sitemap(base: str) -> dict[str, str]:
    root = ElementTree.fromstring(fetch(base + "sitemap.xml").body)
    return {
        url.findtext("sm:loc", "", SITEMAP_NS): url.findtext("sm:lastmod", "", SITEMAP_NS)
        for url in root.iterfind("sm:url", SITEMAP_NS)
    }


def feed(base: str) -> dict[str, str]:
    root = ElementTree.fromstring(fetch(base + "feed/").body)
    return {i.findtext("link") or "": i.findtext("title") or "" for i in root.iter("item")}


def listed(base: str) -> set[str]:
    urls = set()
    for path in ["", *LISTINGS, *CATEGORIES]:
        page = fetch(base + path)
        if page.status == 200:
            soup = BeautifulSoup(page.body, "html.parser")
            urls |= {urljoin(base, a["href"]) for a in soup.select("h2.entry-title a")}
    return urls


def back_catalogue(urls: dict[str, str]) -> set[str]:
    forum = expected_articles(urls, BACK_CATALOGUE)[FORUM]
    return forum - expected_articles(urls, FIRST_EDITION)[FORUM]


def test_back_catalogue_posts_are_two_years_old_whatever_the_year(site: SampleSite) -> None:
    base = site.urls[FORUM]
    posts = back_catalogue(site.urls)
    anniversary = two_years_before(datetime.now(UTC).date())
    assert len(posts) == 6 and posts <= listed(base) and posts <= sitemap(base).keys()
    for url in posts:
        page = fetch(url)
        assert page.status == 200
        published = BeautifulSoup(page.body, "html.parser").select_one("time.published")
        day = date.fromisoformat(published["datetime"][:10])
        assert 0 <= (anniversary - day).days <= 30
    assert two_years_before(date(2028, 2, 29)) == date(2026, 2, 28)


def test_the_revised_back_catalogue_corrects_takes_down_and_unlists(site: SampleSite) -> None:
    base = site.urls[FORUM]
    lastmods, titles = sitemap(base), feed(base)
    changed = changes(site.urls, BACK_CATALOGUE, BACK_CATALOGUE_REVISED)
    (hidden,) = unlisted(site.urls)
    site.set_state(BACK_CATALOGUE_REVISED)
    now_lastmods, now_titles = sitemap(base), feed(base)

    statuses = {url: fetch(url, follow=False) for url in changed["removed"]}
    assert sorted(page.status for page in statuses.values()) == [301, 410]
    (moved,) = [page for page in statuses.values() if page.status == 301]
    assert moved.headers["Location"] == "/news/"
    off_the_lists = changed["removed"] | {hidden}
    assert not off_the_lists & (listed(base) | now_lastmods.keys() | now_titles.keys())
    assert fetch(hidden).status == 200

    retitled = {url for url in changed["edited"] if titles.get(url) != now_titles.get(url)}
    (title_edit,) = retitled
    assert now_lastmods[title_edit] > lastmods[title_edit]  # the CMS recorded the edit
    (quiet_edit,) = changed["edited"] - retitled
    assert now_lastmods[quiet_edit] == lastmods[quiet_edit]  # a quiet one: the page alone
    unchanged = back_catalogue(site.urls) - changed["edited"] - off_the_lists
    assert all(now_lastmods[url] == lastmods[url] for url in unchanged)


def test_without_the_back_catalogue_every_edition_serves_what_it_did(site: SampleSite) -> None:
    posts = back_catalogue(site.urls)
    base = site.urls[FORUM]
    for edition in (1, 2):
        site.set_state(SiteState(edition=edition))
        assert not posts & (listed(base) | sitemap(base).keys() | feed(base).keys())
        assert {fetch(url).status for url in posts} == {404}
        assert not unlisted(site.urls, SiteState(edition=edition), SiteState(edition=edition))
    with pytest.raises(ValueError, match="back catalogue"):
        SiteState(back_catalogue=3)
