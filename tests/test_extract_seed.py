"""The seed page (MetInfo, GBK bytes declared gb2312) must come out clean, field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.records import ArticleRecord
from crawler.extract import ExtractHints, decode_html, extract_article

PAGES = Path(__file__).parent / "data" / "pages"
SEED = PAGES / "zh-metinfo-seed.html"
EXPECTED = json.loads((PAGES / "zh-metinfo-seed.expected.json").read_text("utf-8"))
URL = EXPECTED["url"]
WIDGETS = ("电话咨询", "邮件咨询", "在线地图", "QQ客服")


@pytest.fixture(scope="module")
def record() -> ArticleRecord:
    result = extract_article(SEED.read_bytes(), URL, hints=ExtractHints(timezone="Asia/Shanghai"))
    assert result is not None
    return result


def test_seed_bytes_are_gbk_declared_gb2312() -> None:
    body = SEED.read_bytes()
    assert b"charset=gb2312" in body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "中国—中亚北斗合作论坛" in decode_html(body)


def test_seed_title_drops_category_label(record: ArticleRecord) -> None:
    assert record.title == "中国—中亚北斗合作论坛在甘肃兰州举行"


def test_seed_published_with_site_timezone(record: ArticleRecord) -> None:
    assert record.published == "2022-01-30T19:04:10+08:00"
    assert record.published_source == "byline"
    assert record.published_raw == "2022-01-30 19:04:10"


def test_seed_published_without_timezone() -> None:
    result = extract_article(SEED.read_bytes(), URL)
    assert result is not None
    assert result.published == "2022-01-30T19:04:10"


def test_seed_author_is_bare_byline_token(record: ArticleRecord) -> None:
    assert record.author == "秘书处"


def test_seed_language(record: ArticleRecord) -> None:
    assert record.language == "zh"


def test_seed_text_is_exactly_the_body_paragraphs(record: ArticleRecord) -> None:
    assert record.text == EXPECTED["text"]
    paragraphs = record.text.split("\n\n")
    assert len(paragraphs) == 11
    assert paragraphs[0].startswith("10月15日,在第八届中国—中亚合作论坛期间")
    assert paragraphs[-1].endswith("让中国的北斗更好地服务全球、造福人类。")


@pytest.mark.parametrize(
    "unwanted", ["图片关键词", *WIDGETS, "2022-01-30", "秘书处 1", "上一篇", "为您推荐", "ICP"]
)
def test_seed_text_has_no_furniture(record: ArticleRecord, unwanted: str) -> None:
    assert unwanted not in record.text


def test_seed_images_have_no_placeholder_alt(record: ArticleRecord) -> None:
    assert [image.url for image in record.images] == EXPECTED["images"]
    assert len(record.images) == 5
    assert {image.alt for image in record.images} == {""}
    assert {image.caption for image in record.images} == {""}
    # The logo, the banner and the sidebar thumbnails are not the article's images.
    assert all("/upload/202201/" in image.url for image in record.images)


def test_seed_from_decoded_text_gives_same_record(record: ArticleRecord) -> None:
    text = decode_html(SEED.read_bytes())
    again = extract_article(text, URL, hints=ExtractHints(timezone="Asia/Shanghai"))
    assert again == record
