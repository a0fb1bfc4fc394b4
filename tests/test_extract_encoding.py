"""Decoding page bytes: declared charsets are verified, legacy encodings never mojibake."""

from __future__ import annotations

import codecs

import pytest

from crawler.extract import decode_html
from crawler.extract.encoding import declared_charsets, detect_codec, normalise_charset

ZH = (
    "上海合作组织秘书处发布新闻公报，成员国外长理事会会议在北京举行，"
    "各方就地区安全与经济合作交换了意见。"
)
ZH_GBK_ONLY = "朱镕基同志在讲话中指出，要坚持对外开放，扩大同周边国家的经贸往来。"
ZH_TRADITIONAL = "區域合作促進會於香港舉辦中亞經貿合作研討會，與會者就物流及金融服務進行交流。"
RU = (
    "Сегодня в Москве состоялось заседание Совета министров иностранных дел государств-членов "
    "организации. Участники обсудили вопросы сотрудничества в области экономики и культуры."
)


def page(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("gb2312", "gb18030"),
        ("GBK", "gb18030"),
        ("GB_2312-80", "gb18030"),
        ("x-gbk", "gb18030"),
        ("cp936", "gb18030"),
        ("windows-1251", "cp1251"),
        ("KOI8-R", "koi8_r"),
        ("big5", "big5hkscs"),
        ("iso-8859-1", "cp1252"),
        ("utf8", "utf_8"),
        ("no-such-charset", None),
        (None, None),
    ],
)
def test_charset_labels_map_to_supersets(label: str | None, codec: str | None) -> None:
    assert normalise_charset(label) == codec


def test_header_charset_comes_before_meta() -> None:
    body = page("x", '<meta charset="gb2312">').encode("ascii")
    assert declared_charsets(body, "text/html; charset=windows-1251") == ["cp1251", "gb18030"]


def test_gb2312_label_with_gbk_only_characters_decodes_as_gb18030() -> None:
    body = page(ZH_GBK_ONLY, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    encoded = body.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        encoded.decode("gb2312")
    assert ZH_GBK_ONLY in decode_html(encoded)


def test_declared_gb2312_but_utf8_bytes_is_utf8() -> None:
    body = page(ZH, '<meta charset="gb2312">').encode("utf-8")
    assert detect_codec(body) == "utf-8"
    assert ZH in decode_html(body)


def test_windows_1251_with_charset_only_in_header() -> None:
    body = page(RU).encode("cp1251")
    assert RU in decode_html(body, "text/html; charset=windows-1251")


def test_koi8r_with_charset_only_in_header() -> None:
    body = page(RU).encode("koi8_r")
    assert RU in decode_html(body, "text/html; charset=KOI8-R")


def test_big5_declared_in_meta() -> None:
    body = page(ZH_TRADITIONAL, '<meta charset="big5">').encode("big5")
    assert ZH_TRADITIONAL in decode_html(body)


@pytest.mark.parametrize(
    ("text", "codec"), [(RU, "cp1251"), (RU, "koi8_r"), (ZH, "gb18030"), (ZH, "utf-8")]
)
def test_no_charset_anywhere_is_detected(text: str, codec: str) -> None:
    body = page(text).encode(codec)
    assert text in decode_html(body)


def test_western_server_default_loses_to_the_page_meta() -> None:
    # Servers left unconfigured say ISO-8859-1; the page itself knows better.
    body = page(ZH, '<meta charset="gbk">').encode("gbk")
    assert ZH in decode_html(body, "text/html; charset=ISO-8859-1")


def test_byte_order_mark_wins() -> None:
    body = codecs.BOM_UTF8 + page(RU, '<meta charset="windows-1251">').encode("utf-8")
    decoded = decode_html(body)
    assert RU in decoded
    assert not decoded.startswith("\ufeff")


def test_xml_declaration_is_dropped_after_decoding() -> None:
    body = ('<?xml version="1.0" encoding="gb2312"?>' + page(ZH)).encode("gbk")
    decoded = decode_html(body)
    assert decoded.startswith("<html>")
    assert ZH in decoded


def test_ascii_page_is_utf8() -> None:
    assert detect_codec(b"<html><body>plain</body></html>") == "utf-8"


def test_undecodable_bytes_are_replaced_not_raised() -> None:
    body = page("ok").encode("ascii") + b"\xff\xfe\x81"
    assert "ok" in decode_html(body, "text/html; charset=utf-8")
