"""Body text: paragraphs only, no furniture; bad pages give None, never an exception."""

from __future__ import annotations

import logging

import pytest

from crawler import extract as extract_package
from crawler.extract import ExtractHints, extract_article
from crawler.extract.body import block_paragraphs, densest_block
from crawler.extract.boilerplate import _text_within, filter_lines
from crawler.extract.markup import parse_html
from crawler.extract.nodes import node_text, select_one

URL = "http://www.org.example/news/show.php?id=9"
LEAD = "秘书处今天召开视频会议，讨论下半年工作安排，各成员国常驻代表出席会议并发言。"


def page(body: str, head: str = "<title>会议召开_秘书处</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "line",
    [
        "【打印本页】【关闭窗口】",
        "【打印本頁】【關閉窗口】",
        "字号：大 中 小",
        "分享到：微信 微博",
        "扫一扫在手机打开当前页",
        "上一篇：秘书处召开年度会议",
        "下一篇：没有了",
        "相关新闻",
        "电话咨询 邮件咨询 在线地图 QQ客服",
        "京ICP备12345678号-1",
        "浏览次数：137",
        "Просмотров: 137",
        "Версия для печати",
        "Поделиться",
        "Share this:",
        "Related news",
        "We use cookies to ensure that we give you the best experience on our website. Accept",
        "图片关键词",
        "Copyright © 2023 Regional Forum",
        "<< Все новости",
    ],
)
def test_furniture_lines_are_dropped(line: str) -> None:
    kept, _ = filter_lines([LEAD, line], [])
    assert kept == [LEAD]


def test_title_and_leading_byline_lines_are_dropped() -> None:
    kept, facts = filter_lines(["会议召开", "2023-05-12 秘书处 3", LEAD], ["会议召开"])
    assert kept == [LEAD]
    assert facts.bare == "秘书处"


def test_signature_date_at_the_end_is_kept() -> None:
    kept, _ = filter_lines([LEAD, "上海合作组织秘书处", "2023年5月12日"], [])
    assert kept == [LEAD, "上海合作组织秘书处", "2023年5月12日"]


def test_block_paragraphs_one_per_block_and_tables_as_rows() -> None:
    root = parse_html(
        "<div id='c'>First <b>para</b>.<br>Second line<p>Third</p>"
        "<table><tr><th>Country</th><th>Share</th></tr><tr><td>Kazakhstan</td><td>40%</td></tr>"
        "</table><ul><li>One</li><li>Two</li></ul></div>"
    )
    assert block_paragraphs(select_one(root, "#c")) == [
        "First para.",
        "Second line",
        "Third",
        "Country | Share",
        "Kazakhstan | 40%",
        "One",
        "Two",
    ]


def test_densest_block_ignores_link_lists() -> None:
    links = "".join(
        f"<li><a href='/n/{i}'>其他新闻标题第{i}条很长很长很长</a></li>" for i in range(30)
    )
    root = parse_html(page(f"<ul id='list'>{links}</ul><div id='text'><p>{LEAD}</p></div>"))
    block = densest_block(root)
    assert block is not None
    assert block.get("id") == "text"


def test_two_sentence_release_kept_whole_without_navigation() -> None:
    menu = "".join(f"<li><a href='/c/{i}'>栏目{i}</a></li>" for i in range(8))
    news = "".join(
        f"<li><a href='/a/{i}.html'>往期新闻标题第{i}条</a> 2023-04-0{i}</li>" for i in range(1, 8)
    )
    html = page(
        f"<div class='top'><ul>{menu}</ul></div><div class='left'><h3>最新新闻</h3><ul>{news}</ul>"
        f"</div><div class='right'><h1>会议召开</h1><div class='content'><p>{LEAD}</p></div></div>"
    )
    record = extract_article(html, URL)
    assert record is not None
    assert record.text == LEAD
    assert record.published is None


def test_body_selector_overrides() -> None:
    html = page(
        "<h1>会议召开</h1><div class='a'><p>" + LEAD * 4 + "</p></div>"
        "<div class='b'><p>选择器指定的正文。</p><p>第二段。</p></div>"
    )
    record = extract_article(html, URL, hints=ExtractHints(selectors={"body": ".b"}))
    assert record is not None
    assert record.text == "选择器指定的正文。\n\n第二段。"


def test_published_and_author_selectors_override() -> None:
    html = page(
        "<h1>会议召开</h1><div class='meta'>2023-05-12 来源：秘书处</div>"
        "<span class='pub' data-x='1'>2023年6月1日 10:00</span><em class='who'>作者：张三</em>"
        f"<div class='content'><p>{LEAD * 3}</p></div>"
    )
    hints = ExtractHints(
        timezone="Asia/Shanghai", selectors={"published": ".pub", "author": ".who"}
    )
    record = extract_article(html, URL, hints=hints)
    assert record is not None
    assert (record.published, record.published_source) == ("2023-06-01T10:00+08:00", "byline")
    assert record.author == "张三"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"\x00\xff\xfe garbage \x81\x82",
        b"<html></html>",
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        b'{"json": "not a page"}',
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        "<<<<<<>>>>>< <p <div>>>",
    ],
)
def test_pages_without_an_article_give_none(body: bytes | str) -> None:
    assert extract_article(body, URL) is None


def test_unclosed_tags_still_extract() -> None:
    html = "<html><body><h1>会议召开</h1><div class=content><p>" + LEAD + "<p>" + LEAD[::-1]
    record = extract_article(html, URL)
    assert record is not None
    assert LEAD in record.text


def test_internal_failure_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(extract_package, "find_headline", broken)
    with caplog.at_level(logging.WARNING, logger="crawler.extract"):
        assert extract_article(page(f"<p>{LEAD}</p>"), URL) is None
    assert "extraction failed" in caplog.text


def test_interview_lines_in_the_middle_are_text_not_bylines() -> None:
    lines = [
        LEAD,
        "记者：请问本次会议的主要成果有哪些，今后将如何落实各方达成的共识？",
        "秘书长：会议通过了年度工作计划，各方同意加强交通、能源和人文领域合作。",
        LEAD[::-1],
        "后续工作将按计划推进。",
        "各方表示满意。",
        "会议在友好气氛中结束。",
    ]
    kept, facts = filter_lines(lines, [])
    assert kept == lines
    assert facts.authors == []


def test_list_of_dated_titles_loses_to_article_prose() -> None:
    items = "".join(
        f"<li><a href='/n/{i}'>往期新闻标题{i}</a><span>2023-04-01</span></li>" for i in range(300)
    )
    prose = "".join(f"<p>第{i}段：{LEAD}</p>" for i in range(10))
    root = parse_html(page(f"<ul id='list'>{items}</ul><div id='text'>{prose}</div>"))
    block = densest_block(root)
    assert block is not None
    assert block.get("id") == "text"


def test_short_article_after_breadcrumb_is_not_taken_for_furniture() -> None:
    html = page(
        f"<div class='box'><div>当前位置：首页 &gt; 新闻</div><h1>会议召开</h1><p>{LEAD}</p></div>"
    )
    record = extract_article(html, URL)
    assert record is not None
    assert record.text == LEAD


def test_binary_sent_as_html_gives_none() -> None:
    noise = bytes((index * 7919 + 13) % 256 for index in range(200_000))
    assert extract_article(noise, URL, content_type="text/html") is None


def test_pathologically_deep_nesting_does_not_overflow() -> None:
    html = page("<h1>会议召开</h1>" + "<div><span>" * 3000 + f"<p>{LEAD}</p>")
    record = extract_article(html, URL)
    assert record is None or LEAD in record.text


def test_hints_are_hashable_and_compare_by_value() -> None:
    hints = ExtractHints("Asia/Shanghai", "zh", {"body": ".content"})
    assert hints == ExtractHints("Asia/Shanghai", "zh", {"body": ".content"})
    assert {hints: 1}[ExtractHints("Asia/Shanghai", "zh", {"body": ".content"})] == 1


def test_layout_table_cells_keep_their_paragraphs_apart() -> None:
    first = "记者从海关获悉，今年前四个月口岸进出境货物同比增长两成，创同期历史新高。"
    second = "据介绍，中欧班列通行数量增长是口岸货运量上升的主要原因，开行线路覆盖欧洲多国。"
    layout = (
        f"<table><tr><td><h2>口岸货运量创新高</h2><p>{first}</p><p>{second}</p></td></tr></table>"
    )
    record = extract_article(page(layout, "<title>口岸货运量创新高</title>"), URL)
    assert record is not None
    assert record.text == f"{first}\n\n{second}"


def test_word_table_with_one_paragraph_a_cell_stays_a_table() -> None:
    table = (
        "<table><tr><td><p>国家</p></td><td><p>增长</p></td></tr>"
        "<tr><td><p>哈萨克斯坦</p></td><td><p>18.2%</p></td></tr></table>"
    )
    record = extract_article(page(f"<div><p>{LEAD}</p>{table}</div>"), URL)
    assert record is not None
    assert record.text.split("\n\n")[1:] == ["国家 | 增长", "哈萨克斯坦 | 18.2%"]


@pytest.mark.parametrize("limit", [0, 10, 11, 12, 20, 23, 24, 40])
def test_chrome_size_test_reads_the_collapsed_text(limit: int) -> None:
    # Spaces, newlines and nested inline tags: the joined strings are longer than the text.
    root = parse_html(
        "<html><body><nav id='menu'>  Home \n\n <b> News </b>\t<i>x</i>  </nav></body></html>"
    )
    menu = select_one(root, "#menu")
    assert menu is not None
    # "Home News x", 11 characters; the strings joined with spaces are 24.
    assert node_text(menu) == "Home News x"
    assert _text_within(menu, limit) is (len(node_text(menu)) <= limit)
