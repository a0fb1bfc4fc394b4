"""The bundled sample site behaves like the real sites it imitates, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import re
import signal
import struct
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.utils import parsedate_to_datetime
from importlib.resources import files
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from crawler.sample_site import (
    SampleSite,
    default_urls,
    expected_articles,
    write_site_configs,
)
from crawler.sample_site.forum_content import load_content as load_forum_content
from crawler.sample_site.images import jpeg_bytes, mosaic, png_bytes
from crawler.sample_site.state import FIRST_EDITION

REPO = Path(__file__).resolve().parents[1]
SECRETARIAT, FORUM = "sample-secretariat", "sample-forum"
SEED = "shownews.php?lang=cn&id=708"
ALIAS = "shownews.php?lang=cn&id=708&utm_source=wechat"
FLAKY = "news/2023/03/08/statement-international-womens-day-2023/"
SCHOLARSHIP = "news/2023/05/12/scholarship-scheme-young-water-engineers/"
OFF_SITE = "https://www.mfa.gov.example/news/1.html"
WIDGET = ["电话咨询", "邮件咨询", "在线地图", "QQ客服"]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


# No proxies: whatever the environment says, 127.0.0.1 is reached directly.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
NO_REDIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


@dataclass
class Fetched:
    status: int
    headers: Message
    body: bytes


def fetch(url: str, headers: dict[str, str] | None = None, *, follow: bool = True) -> Fetched:
    opener = OPENER if follow else NO_REDIRECT
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
            return Fetched(r.status, r.headers, r.read())
    except urllib.error.HTTPError as error:
        with error:
            return Fetched(error.code, error.headers, error.read())


def fetch_settled(url: str) -> Fetched:
    """Fetch as a crawler with two retries on 5xx would."""
    for _ in range(3):
        fetched = fetch(url)
        if fetched.status < 500:
            break
    return fetched


def gbk_soup(fetched: Fetched) -> BeautifulSoup:
    return BeautifulSoup(fetched.body.decode("gb18030"), "html.parser")


def views(fetched: Fetched) -> int:
    return int(gbk_soup(fetched).select_one(".met_infos .views").get_text())


@pytest.fixture
def site(tmp_path: Path) -> Iterator[SampleSite]:
    with SampleSite(ephemeral=True, log_path=tmp_path / "requests.jsonl") as running:
        yield running


def test_secretariat_serves_gbk_with_charset_only_in_meta(site: SampleSite) -> None:
    fetched = fetch(site.urls[SECRETARIAT] + SEED)
    assert fetched.status == 200
    assert fetched.headers["Content-Type"] == "text/html"
    with pytest.raises(UnicodeDecodeError):
        fetched.body.decode("utf-8")
    html = fetched.body.decode("gb18030")
    assert '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />' in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.get_text() == "官方 - 中国—中亚北斗合作论坛在甘肃兰州举行"
    assert soup.title.get_text() == (
        "官方 - 中国—中亚北斗合作论坛在甘肃兰州举行-上海合作组织睦邻友好合作委员会秘书处"
    )
    assert soup.select_one(".met-position").get_text() == "当前位置：首页 > 新闻动态 > 官方"


def test_gbk_only_characters_defeat_a_strict_gb2312_decoder(site: SampleSite) -> None:
    fetched = fetch(site.urls[SECRETARIAT] + "shownews.php?lang=cn&id=793")
    with pytest.raises(UnicodeDecodeError):
        fetched.body.decode("gb2312")
    assert "王喆" in fetched.body.decode("gb18030")


def _seed_lines() -> list[str]:
    text = (files("crawler.sample_site") / "content" / "secretariat-article.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_seed_article_has_the_seed_body_images_and_byline(site: SampleSite) -> None:
    lines = _seed_lines()
    body = [line for line in lines[2:] if line not in WIDGET]
    soup = gbk_soup(fetch(site.urls[SECRETARIAT] + SEED))
    editor = soup.select_one(".met_editor")
    paragraphs = [p.get_text() for p in editor.find_all("p") if p.get_text()]
    assert paragraphs == [line for line in body if line != "图片关键词"]
    images = editor.find_all("img")
    assert len(images) == body.count("图片关键词") == 5
    assert {img["alt"] for img in images} == {"图片关键词"}
    assert all(re.fullmatch(r"/upload/202110/\d+\.jpg", img["src"]) for img in images)
    spans = [span.get_text() for span in soup.select(".met_infos span")]
    assert spans == ["2022-01-30 19:04:10", "秘书处", "1"]
    for img in images:
        picture = fetch(urljoin(site.urls[SECRETARIAT], img["src"]))
        assert picture.status == 200
        assert picture.headers["Content-Type"] == "image/jpeg"
        assert picture.body[:2] == b"\xff\xd8" and picture.body[-2:] == b"\xff\xd9"


@pytest.mark.parametrize(
    "path", ["", "news.php?lang=cn&class2=5&page=2", SEED, "show.php?lang=cn&id=3"]
)
def test_every_secretariat_page_has_the_chrome(site: SampleSite, path: str) -> None:
    soup = gbk_soup(fetch(site.urls[SECRETARIAT] + path))
    assert [a.get_text() for a in soup.select(".met-online a")] == WIDGET
    assert soup.select_one(".met-logo img")["src"] == "/templates/met/images/logo.png"
    assert re.search(r"京ICP备\d+号", soup.select_one(".met-foot").get_text())
    assert soup.find("h3", string="最新动态") and soup.find("h3", string="热点新闻")
    editor = soup.select_one(".met_editor")
    if editor is not None:
        assert not any(label in editor.get_text() for label in WIDGET)
        assert "【打印本页】【关闭窗口】" in soup.select_one(".met_tools").get_text()
        assert "上一篇：" in soup.select_one(".met_page").get_text()


def test_view_counter_counts_every_request_aliases_included(site: SampleSite) -> None:
    base = site.urls[SECRETARIAT]
    counts = [views(fetch(base + SEED)), views(fetch(base + SEED)), views(fetch(base + ALIAS))]
    assert counts == [1, 2, 3]


def test_alias_url_serves_the_canonical_page(site: SampleSite) -> None:
    base = site.urls[SECRETARIAT]
    hot = [a["href"] for a in gbk_soup(fetch(base)).select(".met-box a")]
    assert ALIAS in hot
    counter = re.compile(rb'<span class="views">\d+</span>')
    canonical, alias = fetch(base + SEED), fetch(base + ALIAS)
    assert alias.status == canonical.status == 200
    assert counter.sub(b"", alias.body) == counter.sub(b"", canonical.body)


def test_listing_pages_run_newest_first_with_pagination(site: SampleSite) -> None:
    base = site.urls[SECRETARIAT]
    first = fetch(base + "news.php?lang=cn&class2=5")
    assert first.body == fetch(base + "news.php?lang=cn&class2=5&page=1").body
    dates: list[str] = []
    listed: set[str] = set()
    for page in (1, 2, 3):
        soup = gbk_soup(fetch(f"{base}news.php?lang=cn&class2=5&page={page}"))
        entries = soup.select(".met-news-list li")
        assert 7 <= len(entries) <= 10
        dates += [entry.select_one(".time").get_text() for entry in entries]
        listed |= {urljoin(base, entry.a["href"]) for entry in entries}
        pager = soup.select_one(".met_pager").get_text(" ")
        assert re.fullmatch(r"上一页 1 2 3 下一页", " ".join(pager.split()))
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in dates)
    assert dates == sorted(dates, reverse=True)
    expected = expected_articles(site.urls)[SECRETARIAT]
    assert expected < listed
    (withdrawn,) = listed - expected
    assert fetch(withdrawn).status == 404


def test_secretariat_has_no_robots_sitemap_or_feed(site: SampleSite) -> None:
    base = site.urls[SECRETARIAT]
    for path in ("robots.txt", "sitemap.xml", "feed/", "rss.xml"):
        assert fetch(base + path).status == 404
    assert b"application/rss+xml" not in fetch(base).body


def test_flaky_article_fails_twice_per_server_then_serves(site: SampleSite) -> None:
    url = site.urls[FORUM] + FLAKY
    assert [fetch(url).status for _ in range(4)] == [500, 500, 200, 200]
    assert url in expected_articles(site.urls)[FORUM]
    with SampleSite(ephemeral=True) as other:
        assert fetch(other.urls[FORUM] + FLAKY).status == 500


def test_forum_robots_txt_keeps_crawlers_out_of_internal(site: SampleSite) -> None:
    base = site.urls[FORUM]
    robots = fetch(base + "robots.txt")
    assert robots.headers["Content-Type"].startswith("text/plain")
    lines = robots.body.decode().splitlines()
    assert {"User-agent: *", "Disallow: /internal/", f"Sitemap: {base}sitemap.xml"} <= set(lines)
    parser = RobotFileParser()
    parser.parse(lines)
    internal = {
        urljoin(base, a["href"])
        for path in ("", "news/2023/11/28/ministers-agree-2024-work-plan/")
        for a in BeautifulSoup(fetch(base + path).body, "html.parser").find_all("a", href=True)
        if a["href"].startswith("/internal/")
    }
    assert {base + "internal/", base + "internal/drafts/annual-report-2023/"} <= internal
    assert not any(parser.can_fetch("secnews-test", url) for url in internal)
    assert parser.can_fetch("secnews-test", base + SCHOLARSHIP)


def test_sitemap_and_feed_list_articles_that_exist(site: SampleSite) -> None:
    base = site.urls[FORUM]
    expected = expected_articles(site.urls)[FORUM]
    sitemap = ElementTree.fromstring(fetch(base + "sitemap.xml").body)
    entries = sitemap.findall("sm:url", SITEMAP_NS)
    assert {entry.findtext("sm:loc", namespaces=SITEMAP_NS) for entry in entries} == expected
    for entry in entries:
        assert datetime.fromisoformat(
            entry.findtext("sm:lastmod", namespaces=SITEMAP_NS)
        ).utcoffset()
    feed = ElementTree.fromstring(fetch(base + "feed/").body)
    items = feed.findall("./channel/item")
    assert len(items) == 8
    links = [item.findtext("link") for item in items]
    assert set(links) < expected
    published = [parsedate_to_datetime(item.findtext("pubDate")) for item in items]
    assert published == sorted(published, reverse=True)
    assert all(fetch_settled(url).status == 200 for url in set(links) | expected)
    home = BeautifulSoup(fetch(base).body, "html.parser")
    assert home.find("link", rel="alternate", type="application/rss+xml")["href"] == "/feed/"


def test_dead_links_answer_404(site: SampleSite) -> None:
    forum = site.urls[FORUM]
    soup = BeautifulSoup(
        fetch(forum + "news/2022/05/24/chair-statement-charter-anniversary/").body, "html.parser"
    )
    dead = urljoin(forum, soup.select_one(".entry-content a")["href"])
    assert fetch(dead).status == 404
    assert fetch(site.urls[SECRETARIAT] + "shownews.php?lang=cn&id=771").status == 404
    assert fetch(site.urls[SECRETARIAT] + "shownews.php?lang=cn&id=9999").status == 404


def _links(url: str, encoding: str) -> set[str]:
    soup = BeautifulSoup(fetch(url).body.decode(encoding), "html.parser")
    return {urljoin(url, a["href"]) for a in soup.find_all("a", href=True)}


def test_off_site_links_point_only_at_reserved_names(site: SampleSite) -> None:
    sec, forum = site.urls[SECRETARIAT], site.urls[FORUM]
    pages = {
        sec + "shownews.php?lang=cn&id=716": "gb18030",
        sec: "gb18030",
        forum + "news/2022/11/03/energy-transit-protocol-enters-into-force/": "utf-8",
        forum: "utf-8",
    }
    links = {link for url, encoding in pages.items() for link in _links(url, encoding)}
    assert OFF_SITE in _links(sec + "shownews.php?lang=cn&id=716", "gb18030")
    assert OFF_SITE in _links(
        forum + "news/2022/11/03/energy-transit-protocol-enters-into-force/", "utf-8"
    )
    own = {urlsplit(sec).netloc, urlsplit(forum).netloc}
    web = [urlsplit(link) for link in links if urlsplit(link).scheme in ("http", "https")]
    hosts = {parts.hostname or "" for parts in web if parts.netloc not in own}
    assert hosts and all(host.endswith(".example") for host in hosts)


def test_request_log_gets_one_json_line_per_request(site: SampleSite, tmp_path: Path) -> None:
    sec, forum = site.urls[SECRETARIAT], site.urls[FORUM]
    headers = {
        "User-Agent": "secnews-test (+mailto:test@example.org)",
        "If-None-Match": '"abc"',
        "If-Modified-Since": "Sat, 01 Jan 2022 00:00:00 GMT",
    }
    fetch(sec + SEED, headers)
    fetch(forum + "robots.txt")
    fetch(forum + "no-such-page/")
    lines = (tmp_path / "requests.jsonl").read_text(encoding="utf-8").splitlines()
    logged = [json.loads(line) for line in lines]
    assert len(logged) == 3
    assert [(e["site"], e["path"], e["status"]) for e in logged] == [
        (SECRETARIAT, "/" + SEED, 200),
        (FORUM, "/robots.txt", 200),
        (FORUM, "/no-such-page/", 404),
    ]
    first = logged[0]
    assert (first["method"], first["user_agent"]) == ("GET", headers["User-Agent"])
    assert (first["if_none_match"], first["if_modified_since"]) == (
        '"abc"',
        headers["If-Modified-Since"],
    )
    assert logged[1]["if_none_match"] is None
    assert datetime.fromisoformat(first["time"]).utcoffset() is not None
    assert site.requests == logged


def test_expected_articles_all_answer_200(site: SampleSite) -> None:
    expected = expected_articles(site.urls)
    assert (len(expected[SECRETARIAT]), len(expected[FORUM])) == (24, 15)
    for url in expected[SECRETARIAT]:
        assert re.fullmatch(
            re.escape(site.urls[SECRETARIAT]) + r"shownews\.php\?lang=cn&id=\d+", url
        )
    assert all("utm_" not in url and "#" not in url for urls in expected.values() for url in urls)
    statuses = {url: fetch_settled(url).status for urls in expected.values() for url in urls}
    assert set(statuses.values()) == {200}


def test_forum_article_carries_the_metadata_of_a_wordpress_post(site: SampleSite) -> None:
    fetched = fetch(site.urls[FORUM] + SCHOLARSHIP)
    assert fetched.headers["Content-Type"] == "text/html; charset=UTF-8"
    soup = BeautifulSoup(fetched.body.decode("utf-8"), "html.parser")
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["@type"] == "NewsArticle"
    assert ld["datePublished"] == "2023-05-12T10:30:00+02:00"
    assert ld["author"] == {"@type": "Organization", "name": "Press Office"}
    assert soup.find("meta", property="og:url")["content"] == site.urls[FORUM] + SCHOLARSHIP
    assert soup.time["datetime"] == "2023-05-12T10:30:00+02:00"
    assert " ".join(soup.select_one(".entry-meta").get_text().split()) == (
        "Posted on 12 May 2023 by Press Office"
    )
    assert soup.select_one(".entry-content figure figcaption").get_text()
    assert fetch(urljoin(site.urls[FORUM], soup.select_one("figure img")["src"])).status == 200
    text = soup.get_text()
    assert "Share this" in text and "Related news" in text and "We use cookies" in text


def test_forum_listings_paginate_and_wordpress_redirects(site: SampleSite) -> None:
    base = site.urls[FORUM]
    sizes = []
    for path in ("news/", "news/page/2/", "news/page/3/"):
        soup = BeautifulSoup(fetch(base + path).body, "html.parser")
        sizes.append(len(soup.select("article.post")))
    assert sizes == [6, 6, 3]
    assert fetch(base + "news/page/4/").status == 404
    soup = BeautifulSoup(fetch(base + "news/").body, "html.parser")
    assert soup.find("a", string="Older posts »")["href"] == "/news/page/2/"
    moved = fetch(base + "news/page/1/", follow=False)
    assert (moved.status, moved.headers["Location"]) == (301, "/news/")
    moved = fetch(base + SCHOLARSHIP.rstrip("/"), follow=False)
    assert (moved.status, moved.headers["Location"]) == (301, "/" + SCHOLARSHIP)
    moved = fetch(base + "?p=1274", follow=False)
    assert (moved.status, moved.headers["Location"]) == (301, "/" + SCHOLARSHIP)
    statements = BeautifulSoup(fetch(base + "news/category/statements/").body, "html.parser")
    assert len(statements.select("article.post")) == 5
    for path in ("about/", "contact/", "events/"):
        assert fetch(base + path).status == 200


def test_generated_images_are_well_formed() -> None:
    tiles = mosaic("seed", 3, 2)
    png = png_bytes(tiles)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    (length,) = struct.unpack(">I", png[33:37])
    pixels = zlib.decompress(png[41 : 41 + length])
    assert (width, height, len(pixels)) == (24, 16, 16 * (1 + 3 * 24))
    jpeg = jpeg_bytes(tiles)
    sof = jpeg.index(b"\xff\xc0")
    assert struct.unpack(">HH", jpeg[sof + 5 : sof + 9]) == (16, 24)
    assert jpeg_bytes(mosaic("other", 3, 2)) != jpeg


def test_write_site_configs_writes_toml_the_loader_accepts(tmp_path: Path) -> None:
    urls = {SECRETARIAT: "http://127.0.0.1:40001/", FORUM: "http://127.0.0.1:40002/"}
    paths = write_site_configs(tmp_path / "sites", urls)
    assert [path.name for path in paths] == [f"{SECRETARIAT}.toml", f"{FORUM}.toml"]
    configs = {path.stem: tomllib.loads(path.read_text(encoding="utf-8")) for path in paths}
    for name, config in configs.items():
        keys = {"name", "title", "start_urls", "language", "timezone", "politeness", "capture"}
        assert set(config) == keys
        assert config["name"] == name
        assert config["politeness"] == {"delay": 0.0}
        assert config["capture"] == {
            "requisites": True
        }  # the sample sites archive their pages whole
    assert configs[SECRETARIAT]["start_urls"] == [
        "http://127.0.0.1:40001/news.php?lang=cn&class2=5"
    ]
    assert (configs[SECRETARIAT]["language"], configs[SECRETARIAT]["timezone"]) == (
        "zh",
        "Asia/Shanghai",
    )
    assert configs[FORUM]["start_urls"] == ["http://127.0.0.1:40002/"]
    assert (configs[FORUM]["language"], configs[FORUM]["timezone"]) == ("en", "Europe/Brussels")


def test_bundled_site_configs_match_the_default_ports(tmp_path: Path) -> None:
    for path in write_site_configs(tmp_path, default_urls()):
        bundled = REPO / "crawler" / "sites" / path.name
        assert bundled.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_command_line_serves_until_terminated(tmp_path: Path) -> None:
    log = tmp_path / "cli.jsonl"
    command = [sys.executable, "-m", "crawler.sample_site", "--ephemeral", "--log", str(log)]
    with subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True) as process:
        try:
            lines = []
            while not lines or lines[-1] != "ready":
                line = process.stdout.readline()
                assert line, "server exited before it was ready"
                lines.append(line.strip())
            urls = dict(line.split(" ", 1) for line in lines[:-1])
            assert set(urls) == {SECRETARIAT, FORUM, "sample-digest"}
            assert all(re.fullmatch(r"http://127\.0\.0\.1:\d+/", url) for url in urls.values())
            assert fetch(urls[FORUM] + "robots.txt").status == 200
            assert fetch(urls[SECRETARIAT] + SEED).status == 200
            logged = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
            assert [entry["path"] for entry in logged] == ["/robots.txt", "/" + SEED]
        finally:
            process.send_signal(signal.SIGTERM)
            returncode = process.wait(timeout=10)
    assert returncode == 0


def test_secretariat_navigation_reaches_the_static_pages(site: SampleSite) -> None:
    base = site.urls[SECRETARIAT]
    nav = {a.get_text(): a["href"] for a in gbk_soup(fetch(base)).select(".met-nav a")}
    for title in ("关于我们", "组织机构", "联系我们"):
        page = fetch(urljoin(base, nav[title]))
        assert page.status == 200
        assert gbk_soup(page).h2.get_text() == title
        assert gbk_soup(page).select_one(".met_infos") is None  # no byline: not an article


def test_forum_dates_carry_the_brussels_offset_of_their_day() -> None:
    brussels = ZoneInfo("Europe/Brussels")
    for article in load_forum_content(FIRST_EDITION).articles:
        for moment in filter(None, (article.published, article.modified)):
            assert moment.utcoffset() == brussels.utcoffset(moment.replace(tzinfo=None))
