"""Date reading: every format official sites use, and which source wins."""

from __future__ import annotations

import socket

import pytest

from crawler.extract import ExtractHints, extract_article
from crawler.extract.bylines import BylineFacts
from crawler.extract.dateparse import find_dates, parse_date
from crawler.extract.dates import find_published
from crawler.extract.markup import parse_html
from crawler.extract.metadata import read_metadata


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2022-01-30 19:04:10 秘书处 1", "2022-01-30T19:04:10"),
        ("发布时间：2021-10-16 10:30", "2021-10-16T10:30"),
        ("发布日期：2021/10/16", "2021-10-16"),
        ("时间：2021.10.16", "2021-10-16"),
        ("日期：2022年1月30日", "2022-01-30"),
        ("2022年01月30日 19:04", "2022-01-30T19:04"),
        ("2022年1月30日 19时04分", "2022-01-30T19:04"),
        ("2024年3月5日", "2024-03-05"),
        ("12 мая 2023", "2023-05-12"),
        ("12 мая 2023 г.", "2023-05-12"),
        ("Опубликовано: 12 мая 2023 г., 14:30", "2023-05-12T14:30"),
        ("Дата публикации: 12.05.2023 14:30", "2023-05-12T14:30"),
        ("3 марта 2009 г.", "2009-03-03"),
        ("12 мамыр 2023", "2023-05-12"),
        ("2023 жылғы 12 мамыр", "2023-05-12"),
        ("12 желтоқсан 2022 ж.", "2022-12-12"),
        ("12 may 2023", "2023-05-12"),
        ("12 май 2023", "2023-05-12"),
        ("2023-yil 12-may", "2023-05-12"),
        ("12-май, 2023", "2023-05-12"),
        ("12 May 2023", "2023-05-12"),
        ("May 12, 2023", "2023-05-12"),
        ("Posted on September 3, 2021", "2021-09-03"),
        ("Published: 1 Sept 2021", "2021-09-01"),
        ("May 12, 2023 at 2:30 pm", "2023-05-12T14:30"),
        ("2023-05-12T10:00:00+06:00", "2023-05-12T10:00:00+06:00"),
        ("2023-05-12T04:00:00Z", "2023-05-12T04:00:00+00:00"),
        ("Fri, 12 May 2023 10:00:00 GMT", "2023-05-12T10:00:00+00:00"),
        ("2021-10-16-10:30:15", "2021-10-16T10:30:15"),
    ],
)
def test_date_formats(text: str, iso: str) -> None:
    found = parse_date(text)
    assert found is not None
    assert found.iso() == iso


@pytest.mark.parametrize(
    "text",
    [
        "10月15日,在第八届中国—中亚合作论坛期间",
        "2019年首届论坛",
        "Mayor 12, 2023",
        "version 1.2.2023.4",
        "2023-02-30",
        "31.13.2023",
        "",
    ],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_time_gets_site_offset_only_when_timezone_known() -> None:
    found = parse_date("2022-01-30 19:04:10")
    assert found is not None
    assert found.iso() == "2022-01-30T19:04:10"
    assert found.iso("Asia/Shanghai") == "2022-01-30T19:04:10+08:00"
    assert found.iso("Europe/Moscow") == "2022-01-30T19:04:10+03:00"


def test_date_alone_never_gets_an_offset() -> None:
    found = parse_date("2022年1月30日")
    assert found is not None
    assert found.iso("Asia/Shanghai") == "2022-01-30"


def test_explicit_offset_is_kept_over_site_timezone() -> None:
    found = parse_date("2023-05-12T10:00:00+06:00")
    assert found is not None
    assert found.iso("Asia/Shanghai") == "2023-05-12T10:00:00+06:00"


def test_offset_follows_daylight_saving() -> None:
    summer, winter = parse_date("2023-07-01 12:00"), parse_date("2023-01-15 12:00")
    assert summer is not None and winter is not None
    assert summer.iso("Europe/Berlin").endswith("+02:00")
    assert winter.iso("Europe/Berlin").endswith("+01:00")


def test_unknown_timezone_leaves_time_without_offset() -> None:
    found = parse_date("2022-01-30 19:04")
    assert found is not None
    assert found.iso("Mars/Olympus_Mons") == "2022-01-30T19:04"


def test_raw_and_order_of_found_dates() -> None:
    dates = find_dates("更新时间：2023-05-20 发布时间：2023-05-12 10:00")
    assert [date.raw for date in dates] == ["2023-05-20", "2023-05-12 10:00"]


def published(html: str, url: str = "http://example.org/news/1", **kwargs: object):
    root = parse_html(html)
    return find_published(root, read_metadata(root), url, BylineFacts(), **kwargs)


def test_jsonld_beats_meta_and_time() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2023-05-11">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2023-05-12T10:00:00+06:00"}</script></head>'
        '<body><time datetime="2023-05-10">May 10</time></body></html>'
    )
    result = published(html)
    assert result is not None
    assert (result.value, result.source) == ("2023-05-12T10:00:00+06:00", "jsonld")


def test_meta_date_is_made_precise_by_a_same_day_time() -> None:
    html = (
        '<html><head><meta name="PubDate" content="2021-10-16"></head>'
        '<body><time datetime="2021-10-16T10:30">10:30</time></body></html>'
    )
    result = published(html, timezone="Asia/Shanghai")
    assert result is not None
    assert (result.value, result.source) == ("2021-10-16T10:30+08:00", "time")


def test_published_time_tag_preferred_over_updated_one() -> None:
    html = (
        '<html><body><article><time class="updated" datetime="2023-05-20">x</time>'
        '<time class="entry-date published" datetime="2023-05-12">y</time></article>'
        "</body></html>"
    )
    result = published(html)
    assert result is not None
    assert (result.value, result.source) == ("2023-05-12", "time")


@pytest.mark.parametrize(
    ("url", "iso"),
    [
        ("https://example.org/2021/10/16/slug/", "2021-10-16"),
        ("http://www.gov.example/art/2021/10/16/art_123_4567.html", "2021-10-16"),
        ("http://www.gov.example/xxgk/202511/t20251111_31508236.html", "2025-11-11"),
        ("http://www.assoc.example/a/20211015/123.html", "2021-10-15"),
        ("http://www.assoc.example/news/2021/1015/88.html", "2021-10-15"),
    ],
)
def test_url_dates(url: str, iso: str) -> None:
    result = published("<html><body><p>text</p></body></html>", url)
    assert result is not None
    assert (result.value, result.source) == (iso, "url")


def test_url_query_numbers_are_not_dates() -> None:
    assert (
        published("<html><body><p>x</p></body></html>", "http://a.example/s.php?id=20211015")
        is None
    )


def test_chinese_byline_date_is_not_htmldates_january_first() -> None:
    # htmldate reads "2024年3月5日" as 2024-01-01; the byline rule must answer first.
    html = (
        "<html><head><title>通知_某市</title></head><body><h1>关于开展调研的通知</h1>"
        "<div>发布日期：2024年3月5日</div><div><p>"
        + "为进一步做好相关工作，现将有关事项通知如下。" * 5
        + "</p></div></body></html>"
    )
    record = extract_article(html, "http://www.city.example/news/show.php?id=7")
    assert record is not None
    assert (record.published, record.published_source) == ("2024-03-05", "byline")
    assert record.published_raw == "2024年3月5日"


def test_updated_byline_date_is_not_the_published_one() -> None:
    html = (
        "<html><body><h1>Council meets</h1><p>Updated: 20 May 2023 | Published: 12 May 2023</p>"
        "<div><p>"
        + "The council met to discuss the annual programme of work. " * 5
        + "</p></div></body></html>"
    )
    record = extract_article(html, "https://council.example/news/meeting")
    assert record is not None
    assert record.published == "2023-05-12"


def test_sidebar_dates_are_not_taken_for_the_article() -> None:
    html = (
        "<html><body><aside class='sidebar'><ul><li><a href='/1'>Older news</a> 2020-01-01</li>"
        "</ul></aside><h1>Short release</h1><div class='text'><p>The secretariat held a "
        "meeting.</p></div></body></html>"
    )
    record = extract_article(html, "https://sec.example/news/show?id=5")
    assert record is not None
    assert record.published is None


def test_timezone_hint_applies_to_byline_times() -> None:
    html = (
        "<html><body><h1>Заседание</h1><div class='date'>12.05.2023 14:30</div>"
        "<div><p>"
        + "Состоялось заседание рабочей группы по вопросам сотрудничества. " * 4
        + "</p></div></body></html>"
    )
    record = extract_article(html, "https://a.example/news/1/", hints=ExtractHints("Asia/Almaty"))
    assert record is not None
    assert record.published == "2023-05-12T14:30+06:00"


def test_htmldate_is_the_last_resort_and_never_goes_online(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    text = "The working group met in Bishkek to review the draft programme. " * 3
    html = (
        "<html><body><h1>Working group meets</h1><div class='text'>"
        f"<p>{text}</p><p>The meeting was held on 12 March 2023 at the secretariat.</p>"
        f"<p>{text}</p><p>{text}</p><p>{text}</p><p>{text}</p></div></body></html>"
    )
    record = extract_article(html, "https://wg.example/news/view?id=3")
    assert record is not None
    assert (record.published, record.published_source) == ("2023-03-12", "htmldate")


def test_a_never_edited_wordpress_post_time_is_published_and_updated() -> None:
    html = (
        '<html><body><article><time class="entry-date published updated" '
        'datetime="2024-03-05T14:00:00+00:00">March 5, 2024</time></article></body></html>'
    )
    result = published(html)
    assert result is not None
    assert (result.value, result.source) == ("2024-03-05T14:00:00+00:00", "time")
