"""Headlines: compared across sources, site names and CMS category labels removed."""

from __future__ import annotations

import pytest

from crawler.extract.markup import parse_html
from crawler.extract.metadata import read_metadata
from crawler.extract.titles import best_core, find_headline, strip_category, strip_site_names

HEADLINE = "中国—中亚北斗合作论坛在甘肃兰州举行"


def headline_of(head: str, body: str = "") -> str:
    root = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    return find_headline(root, read_metadata(root)).title


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        (f"{HEADLINE} - 秘书处", ["秘书处"], HEADLINE),
        (
            "王毅会见哈萨克斯坦外长_中华人民共和国外交部",
            ["中华人民共和国外交部"],
            "王毅会见哈萨克斯坦外长",
        ),
        ("Ministers meet in Astana | SCO", ["SCO"], "Ministers meet in Astana"),
        ("SCO | Ministers meet in Astana", ["SCO"], "Ministers meet in Astana"),
        (f"{HEADLINE}-上合组织睦邻友好合作委员会", ["上合组织睦邻友好合作委员会"], HEADLINE),
        ("中国-中亚合作论坛开幕", ["中国"], "中国-中亚合作论坛开幕"),
    ],
)
def test_strip_site_names(title: str, names: list[str], expected: str) -> None:
    assert strip_site_names(title, names) == expected


@pytest.mark.parametrize(
    ("title", "sources", "expected"),
    [
        (f"官方 - {HEADLINE}", [], HEADLINE),
        (f"【视频】{HEADLINE}", [], HEADLINE),
        (
            "News | Ministers meet in Astana",
            ["Ministers meet in Astana – SCO"],
            "Ministers meet in Astana",
        ),
        (
            "Kazakhstan - China talks held in Beijing",
            [],
            "Kazakhstan - China talks held in Beijing",
        ),
        ("王毅：中方愿同中亚国家深化合作", [], "王毅：中方愿同中亚国家深化合作"),
    ],
)
def test_strip_category(title: str, sources: list[str], expected: str) -> None:
    assert strip_category(title, sources) == expected


def test_best_core_keeps_what_other_sources_confirm() -> None:
    assert best_core(f"官方 - {HEADLINE}", [f"{HEADLINE}-秘书处"]) == HEADLINE
    assert best_core("Talks | Kazakhstan - China", ["Kazakhstan - China"]) == "Kazakhstan - China"


def test_h1_with_category_label_and_title_with_site_suffix() -> None:
    title = headline_of(
        f"<title>{HEADLINE}-上合组织睦邻友好合作委员会秘书处</title>", f"<h1>官方 - {HEADLINE}</h1>"
    )
    assert title == HEADLINE


def test_label_present_in_every_source_still_goes_when_short() -> None:
    title = headline_of(f"<title>官方 - {HEADLINE}</title>", f"<h1>官方 - {HEADLINE}</h1>")
    assert title == HEADLINE


def test_og_title_and_jsonld_headline_agree_with_h1() -> None:
    head = (
        "<title>Council meets – Regional Forum</title>"
        '<meta property="og:title" content="Council meets | RF">'
        '<meta property="og:site_name" content="Regional Forum">'
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Council meets"}'
        "</script>"
    )
    assert headline_of(head, "<h1>Council meets</h1>") == "Council meets"


def test_logo_h1_is_not_the_headline() -> None:
    body = (
        '<header><h1 class="logo"><a href="/">Ministry of Foreign Affairs</a></h1></header>'
        '<div class="news"><h2 class="title">Consultations held in Tashkent</h2></div>'
    )
    head = "<title>Consultations held in Tashkent - Ministry of Foreign Affairs</title>"
    assert headline_of(head, body) == "Consultations held in Tashkent"


def test_no_h1_uses_the_title_part_shown_on_the_page() -> None:
    head = "<title>协会赴喀什开展调研_新闻动态_中国—中亚友好协会</title>"
    body = '<div class="title"><h2>协会赴喀什开展调研</h2></div>'
    assert headline_of(head, body) == "协会赴喀什开展调研"


def test_only_a_title_tag_drops_the_short_site_suffix() -> None:
    assert headline_of("<title>Ministers meet in Astana to discuss trade | SCO</title>") == (
        "Ministers meet in Astana to discuss trade"
    )


def test_logo_alt_names_the_site() -> None:
    head = "<title>Постоянный комитет :: Итоги совещания экспертов</title>"
    body = '<img src="/img/top_logo.gif" alt="Постоянный комитет"><p>text</p>'
    assert headline_of(head, body) == "Итоги совещания экспертов"


def test_title_selector_overrides() -> None:
    root = parse_html(
        "<html><head><title>Wrong</title></head><body><h1>Site</h1>"
        "<div class='news-title'>Right headline</div></body></html>"
    )
    found = find_headline(root, read_metadata(root), ".news-title")
    assert found.title == "Right headline"


def test_empty_page_has_empty_title() -> None:
    assert headline_of("", "") == ""


def test_section_banner_h1_loses_to_the_headline_shown_elsewhere() -> None:
    head = "<title>秘书长会见哈萨克斯坦驻华大使_新闻中心_某协会</title>"
    body = (
        "<div class='banner'><h1>新闻中心</h1></div>"
        "<div class='news-title'>秘书长会见哈萨克斯坦驻华大使</div>"
    )
    assert headline_of(head, body) == "秘书长会见哈萨克斯坦驻华大使"


def test_a_closing_guillemet_stays_when_the_site_name_is_cut() -> None:
    title = "Итоги конференции «Транспортные коридоры» - Транспортный союз"
    assert strip_site_names(title, ["Транспортный союз"]) == (
        "Итоги конференции «Транспортные коридоры»"
    )


def test_banner_h1_loses_to_a_heading_the_title_joins_with_a_bare_hyphen() -> None:
    head = "<title>商会组织企业参加塔什干国际工业博览会-中国—中亚商会</title>"
    body = (
        "<div class='jumbotron'><h1>新闻中心</h1></div>"
        "<h2 class='text-center'>商会组织企业参加塔什干国际工业博览会</h2><p>正文。</p>"
    )
    assert headline_of(head, body) == "商会组织企业参加塔什干国际工业博览会"
