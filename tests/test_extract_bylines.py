"""Byline lines: what is the author, what is the source, what is a counter to drop."""

from __future__ import annotations

import pytest

from crawler.extract import extract_article
from crawler.extract.bylines import BylineFacts, choose_author, is_byline, is_counter, parse_byline


def facts_of(text: str) -> BylineFacts:
    facts = parse_byline(text)
    assert facts is not None, text
    return facts


def test_metinfo_byline_date_author_and_bare_view_count() -> None:
    facts = facts_of("2022-01-30 19:04:10 秘书处 1")
    assert [date.raw for date in facts.published] == ["2022-01-30 19:04:10"]
    assert facts.bare == "秘书处"
    assert facts.authors == facts.sources == []


def test_trs_byline_source_and_tools() -> None:
    facts = facts_of(
        "发布时间：2021-10-16 10:30 来源：外交部 字号：大 中 小 【打印本页】【关闭窗口】"
    )
    assert facts.sources == ["外交部"]
    assert facts.bare == ""
    assert [date.raw for date in facts.published] == ["2021-10-16 10:30"]


def test_editor_is_not_the_author() -> None:
    facts = facts_of("来源：新华社 作者：张三 责任编辑：李四")
    assert (facts.authors, facts.sources, facts.editors) == (["张三"], ["新华社"], ["李四"])
    assert (
        choose_author(
            facts_of("责任编辑：李四"),
            declared=[],
            meta_author=None,
            meta_source=None,
            site_names=[],
        )
        is None
    )


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Posted on May 12, 2023 by Jane Doe", "Jane Doe"),
        ("By Jane Doe", "Jane Doe"),
        ("Автор: Иван Петров | 12 мая 2023", "Иван Петров"),
        ("作者：王小明 来源：人民网", "王小明"),
    ],
)
def test_named_authors(line: str, author: str) -> None:
    assert facts_of(line).authors == [author]


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("Дата публикации: 12.05.2023 14:30 Источник: Пресс-служба МИД", "Пресс-служба МИД"),
        ("Eʼlon qilingan: 12 may 2023 Manba: Matbuot xizmati", "Matbuot xizmati"),
        ("Жарияланған: 12 мамыр 2023 Дереккөз: СІМ баспасөз қызметі", "СІМ баспасөз қызметі"),
        ("發布日期：2022年11月8日 來源：區域合作促進會 瀏覽次數：12", "區域合作促進會"),
        ("信息来源：市商务局  浏览次数：86", "市商务局"),
    ],
)
def test_sources(line: str, source: str) -> None:
    assert facts_of(line).sources == [source]


@pytest.mark.parametrize(
    "line", ["Published 7 May 2024", "Posted 2024-05-07", "Last updated 7 May 2024 10:00"]
)
def test_a_date_word_without_a_colon_is_no_author(line: str) -> None:
    facts = facts_of(line)
    assert facts.has_date and (facts.authors, facts.bare) == ([], "")


def test_posted_before_the_date_and_by_after_it() -> None:
    assert facts_of("Posted 7 May 2024 by Jane Doe").authors == ["Jane Doe"]


def test_issuing_body_without_label_is_the_bare_token() -> None:
    facts = facts_of("12 мая 2023 Пресс-служба Министерства иностранных дел")
    assert facts.bare == "Пресс-служба Министерства иностранных дел"


@pytest.mark.parametrize(
    "line",
    [
        "浏览次数：137",
        "点击：56次",
        "阅读：59",
        "Просмотров: 137",
        "Koʻrishlar soni: 254",
        "12 views",
    ],
)
def test_counters(line: str) -> None:
    assert is_counter(line)
    assert facts_of(line).counted


def test_script_filled_counter_leaves_nothing_behind() -> None:
    facts = facts_of("来源:未知 作者:佚名 点击: 次")
    assert (facts.authors, facts.sources, facts.bare) == ([], [], "")
    assert facts.counted


def test_updated_label_keeps_its_date_apart() -> None:
    facts = facts_of("Updated: 2023-05-20 Published: 2023-05-12")
    assert [date.raw for date in facts.published] == ["2023-05-12"]
    assert [date.raw for date in facts.updated] == ["2023-05-20"]


@pytest.mark.parametrize(
    "line",
    [
        "10月15日,在第八届中国—中亚合作论坛期间,新一届中国—中亚北斗合作论坛在甘肃兰州成功举办。",
        "2022年1月30日，论坛在兰州举行，来自9个国家的代表参加了会议并在会上发言。",
        "The Secretary-General received the Youth Council on 12 May 2023 in the capital city.",
        "Bygone days",
        "",
    ],
)
def test_article_sentences_are_not_bylines(line: str) -> None:
    assert not is_byline(line)


def test_choose_author_prefers_named_author_over_source() -> None:
    facts = facts_of("来源：新华社 作者：张三")
    assert (
        choose_author(facts, declared=[], meta_author=None, meta_source=None, site_names=[])
        == "张三"
    )


def test_choose_author_treats_site_name_meta_author_as_issuing_body() -> None:
    facts = facts_of("来源：外交部 2021-10-16")
    author = choose_author(
        facts, declared=[], meta_author="外交部网站", meta_source=None, site_names=["外交部网站"]
    )
    assert author == "外交部"


def test_choose_author_from_jsonld_then_meta() -> None:
    empty = BylineFacts()
    assert (
        choose_author(
            empty,
            declared=["A. Nurlanova", "B. Saidov"],
            meta_author="x",
            meta_source=None,
            site_names=[],
        )
        == "A. Nurlanova, B. Saidov"
    )
    assert (
        choose_author(
            empty,
            declared=[],
            meta_author="https://example.org/author/1",
            meta_source="新华社",
            site_names=[],
        )
        == "新华社"
    )


def test_byline_line_removed_from_text_and_used_for_author() -> None:
    html = (
        "<html><body><h1>论坛开幕</h1><div class='content'>"
        "<p>" + "论坛在北京开幕，各国代表出席开幕式并致辞，共同探讨合作前景。" * 3 + "</p>"
        "<p>（来源：新华社）</p><p>责任编辑：李四</p></div></body></html>"
    )
    record = extract_article(html, "http://news.example/a/1.html")
    assert record is not None
    assert record.author == "新华社"
    assert "来源" not in record.text and "李四" not in record.text


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the meeting, ministers agreed",
        "by 2025 the corridor will be complete",
        "Posted on May 12, 2023 by the editorial team of the council",
    ],
)
def test_sentences_starting_with_by_are_not_bylines(line: str) -> None:
    facts = parse_byline(line)
    assert facts is None or facts.authors == []


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By A. Nurlanova and B. Saidov", "A. Nurlanova and B. Saidov"),
        ("by Ursula von der Leyen", "Ursula von der Leyen"),
    ],
)
def test_by_lines_with_real_names(line: str, author: str) -> None:
    assert facts_of(line).authors == [author]


@pytest.mark.parametrize(
    "line",
    [
        "Пресс-служба Губернатора Самарской области",
        "ҚР Сыртқы істер министрлігінің баспасөз қызметі",
        "КР ТИМдин басма сөз кызматы",
        "Oʻzbekiston Respublikasi TIV Axborot xizmati",
        "Press Office",
    ],
)
def test_a_press_office_signing_alone_is_the_source(line: str) -> None:
    facts = facts_of(line)
    assert facts.sources == [line] and facts.labelled


@pytest.mark.parametrize(
    "line",
    [
        "Пресс-служба министерства сообщила, что встреча перенесена.",
        "Как сообщает пресс-служба.",
        "The press office will publish the full programme on Monday, 3 June, at noon today.",
    ],
)
def test_sentences_about_a_press_office_are_text(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("line", "source", "iso"),
    [
        ("Жарыяланды: 12.05.2023 10:15 Булак: КР ТИМ Көрүүлөр: 87", "КР ТИМ", "2023-05-12T10:15"),
        ("Эълон қилинган: 2023 йил 14 сентябр Манба: ЎзА", "ЎзА", "2023-09-14"),
    ],
)
def test_kyrgyz_and_uzbek_cyrillic_labels(line: str, source: str, iso: str) -> None:
    facts = facts_of(line)
    assert facts.sources == [source]
    assert [date.iso() for date in facts.published] == [iso]


def test_visits_counter_with_person_times() -> None:
    facts = facts_of("發布單位：國際貿易署 瀏覽人次：3056")
    assert facts.sources == ["國際貿易署"] and facts.counted
