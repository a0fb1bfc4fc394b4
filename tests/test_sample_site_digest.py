"""The sample digest: a TRS-style portal whose copies of secretariat news are near-duplicates."""

from __future__ import annotations

import html
import itertools
import re
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from crawler.sample_site import SampleSite, expected_articles, syndicated_pairs, write_site_configs

from .test_sample_site_server import fetch

REPO = Path(__file__).resolve().parents[1]
SECRETARIAT, DIGEST = "sample-secretariat", "sample-digest"
SECRETARIAT_SOURCE = "上海合作组织睦邻友好合作委员会秘书处"
BODY = re.compile(r'<div class="(?:met_editor|TRS_Editor)">(.*?)</div>', re.DOTALL)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def site() -> Iterator[SampleSite]:
    with SampleSite(ephemeral=True) as running:
        yield running


def page_text(url: str) -> str:
    body = fetch(url).body
    return body.decode("utf-8") if "/xwzx/" in url else body.decode("gb18030")


def body_text(url: str) -> str:
    """The article body's text, tags stripped, without white space."""
    match = BODY.search(page_text(url))
    assert match, f"no article body in {url}"
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", match.group(1))))


def jaccard(a: str, b: str, n: int = 5) -> float:
    """Jaccard similarity of the character n-gram sets of two texts."""
    grams_a = {a[i : i + n] for i in range(len(a) - n + 1)}
    grams_b = {b[i : i + n] for i in range(len(b) - n + 1)}
    return len(grams_a & grams_b) / len(grams_a | grams_b)


def soup(url: str) -> BeautifulSoup:
    return BeautifulSoup(page_text(url), "html.parser")


def digest_info(url: str) -> dict[str, str]:
    """The 来源 / 发布时间 / 字号 line of a digest article, as label -> value."""
    spans = [span.get_text(" ", strip=True) for span in soup(url).select(".article .info span")]
    return {label: value.strip() for label, value in (span.split("：", 1) for span in spans)}


def test_copies_are_near_duplicates_and_nothing_else_is(site: SampleSite) -> None:
    pairs = syndicated_pairs(site.urls)
    expected = expected_articles(site.urls)
    assert len(pairs) == 4 and {copy for _, copy in pairs} < expected[DIGEST]
    texts = {url: body_text(url) for url in expected[SECRETARIAT] | expected[DIGEST]}
    for original, copy in pairs:
        assert 0.6 <= jaccard(texts[original], texts[copy]) < 1.0, (original, copy)
    others = [
        (a, b)
        for a, b in itertools.combinations(sorted(texts), 2)
        if (a, b) not in pairs and (b, a) not in pairs
    ]
    worst = max(others, key=lambda pair: jaccard(texts[pair[0]], texts[pair[1]]))
    assert jaccard(texts[worst[0]], texts[worst[1]]) < 0.2, worst


def test_copies_look_like_syndication(site: SampleSite) -> None:
    for original, copy in syndicated_pairs(site.urls):
        source = soup(original)
        headline = source.h1.get_text().removeprefix("官方 - ")
        copied = soup(copy).h1.get_text()
        assert copied != source.h1.get_text() and copied.endswith(headline)
        info = digest_info(copy)
        assert info["来源"] == SECRETARIAT_SOURCE
        first = datetime.fromisoformat(source.select_one(".met_infos span").get_text())
        later = datetime.fromisoformat(info["发布时间"])
        assert timedelta(hours=12) < later - first < timedelta(days=3)
        assert soup(copy).select_one(".met-sidebar") is None  # other boilerplate altogether


def test_own_articles_are_four_and_not_from_the_secretariat(site: SampleSite) -> None:
    copies = {copy for _, copy in syndicated_pairs(site.urls)}
    own = expected_articles(site.urls)[DIGEST] - copies
    assert len(own) == 4
    assert all(digest_info(url)["来源"] != SECRETARIAT_SOURCE for url in own)
    assert len({soup(url).h1.get_text() for url in own}) == 4


def test_digest_is_a_trs_style_portal(site: SampleSite) -> None:
    base = site.urls[DIGEST]
    first, second = soup(base + "xwzx/index.html"), soup(base + "xwzx/index_1.html")
    hrefs = [a["href"] for page in (first, second) for a in page.select("ul.list a")]
    assert len(hrefs) == 8 and all(re.fullmatch(r"\./\d{6}/t\d{8}_\d+\.html", h) for h in hrefs)
    listed = {urljoin(base + "xwzx/index.html", href) for href in hrefs}
    assert listed == expected_articles(site.urls)[DIGEST]
    assert first.find("a", string="下一页")["href"] == "index_1.html"
    assert fetch(base + "xwzx/").body == fetch(base + "xwzx/index.html").body
    assert fetch(base + "xwzx/index_2.html").status == fetch(base + "robots.txt").status == 404
    for url in listed:
        fetched = fetch(url)
        assert fetched.headers["Content-Type"] == "text/html"
        text = fetched.body.decode("utf-8")
        assert 'content="text/html; charset=utf-8"' in text
        page = BeautifulSoup(text, "html.parser")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", digest_info(url)["发布时间"])
        assert digest_info(url)["字号"] == "大 中 小"
        assert page.select_one(".tools").get_text() == "【打印本页】【关闭窗口】"
        for img in page.select(".TRS_Editor img"):
            picture = fetch(urljoin(url, img["src"]))
            assert (picture.status, picture.headers["Content-Type"]) == (200, "image/jpeg")


def test_digest_answers_conditional_gets_as_nginx_does(site: SampleSite) -> None:
    url = sorted(expected_articles(site.urls)[DIGEST])[0]
    first = fetch(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', etag)
    published = datetime.fromisoformat(digest_info(url)["发布时间"]).replace(tzinfo=SHANGHAI)
    assert parsedate_to_datetime(modified) == published.astimezone(UTC)
    assert fetch(url, {"If-None-Match": etag}).status == 304
    assert fetch(url, {"If-Modified-Since": modified}).status == 304
    assert fetch(url, {"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"}).body == first.body


def test_site_configs_include_the_digest(tmp_path: Path) -> None:
    urls = {DIGEST: "http://127.0.0.1:40003/"}
    (path,) = write_site_configs(tmp_path, urls)
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    assert config == {
        "name": DIGEST,
        "title": "欧亚人文交流网 (sample)",
        "start_urls": ["http://127.0.0.1:40003/xwzx/index.html"],
        "language": "zh",
        "timezone": "Asia/Shanghai",
        "politeness": {"delay": 0.0},
        "capture": {"requisites": True},
    }
    bundled = tomllib.loads((REPO / "crawler" / "sites" / f"{DIGEST}.toml").read_text("utf-8"))
    assert bundled["start_urls"] == ["http://127.0.0.1:8703/xwzx/index.html"]
