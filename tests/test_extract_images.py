"""Body images: absolute URLs, real alt text, captions; no logos, icons or pixels."""

from __future__ import annotations

import pytest

from crawler.extract import extract_article
from crawler.extract.images import body_images, caption_of, real_alt
from crawler.extract.markup import parse_html
from crawler.extract.nodes import first, select_one

PARAGRAPH = (
    "<p>" + "The delegation visited the logistics centre and met local exporters. " * 4 + "</p>"
)


@pytest.mark.parametrize(
    ("alt", "expected"),
    [
        ("图片关键词", ""),
        ("圖片關鍵詞", ""),
        ("image", ""),
        ("IMG", ""),
        ("photo", ""),
        ("Фото", ""),
        ("DSC01234", ""),
        ("IMG_20230512_101500", ""),
        ("sovet-ministrov.jpg", ""),
        ("meeting", ""),
        ("Участники заседания в Астане", "Участники заседания в Астане"),
        ("  The Secretary-General  at the forum ", "The Secretary-General at the forum"),
    ],
)
def test_real_alt(alt: str, expected: str) -> None:
    assert real_alt(alt, "https://a.example/upload/2023/meeting.jpg") == expected


def images_of(body: str, url: str = "https://a.example/news/2023/item.html"):
    root = parse_html(f"<html><body><div id='c'>{body}</div></body></html>")
    return body_images(select_one(root, "#c"), url)


def test_relative_lazy_and_srcset_sources_become_absolute() -> None:
    found = images_of(
        '<img src="../img/a.jpg" alt="A">'
        '<img src="/static/loading.gif" data-src="/upload/b.jpg" alt="B">'
        '<img srcset="/upload/c-800.jpg 800w, /upload/c-400.jpg 400w" alt="C">'
    )
    assert [image.url for image in found] == [
        "https://a.example/news/img/a.jpg",
        "https://a.example/upload/b.jpg",
        "https://a.example/upload/c-800.jpg",
    ]


def test_decorative_images_are_skipped() -> None:
    found = images_of(
        '<img src="/images/logo.png" alt="Ministry">'
        '<img src="/img/spacer.gif" width="1" height="1">'
        '<img src="/i/x.gif" style="width:1px;height:1px">'
        '<img src="/upload/icons/print.png" alt="print">'
        '<img src="https://mc.yandex.ru/watch/123" alt="">'
        '<img class="avatar" src="/u/face.jpg" width="60" height="60">'
        '<img src="data:image/gif;base64,R0lGOD" alt="">'
        '<img src="/upload/2023/05/real.jpg" alt="Real photo" width="800">'
        '<img src="/upload/2023/05/real.jpg" alt="again">'
    )
    assert [(image.url, image.alt) for image in found] == [
        ("https://a.example/upload/2023/05/real.jpg", "Real photo")
    ]


def test_images_in_furniture_inside_the_body_are_skipped() -> None:
    found = images_of(
        '<div class="share"><img src="/upload/wechat-qr.jpg" width="200"></div>'
        '<img src="/upload/photo.jpg" width="600">'
    )
    assert [image.url for image in found] == ["https://a.example/upload/photo.jpg"]


def test_figcaption() -> None:
    root = parse_html(
        "<figure><img src='/a.jpg' alt='x'><figcaption> The forum opens. </figcaption></figure>"
    )
    assert caption_of(first(root, "img")) == "The forum opens."


def test_centred_short_line_under_the_image() -> None:
    root = parse_html(
        "<div><p style='text-align:center'><img src='/a.jpg'></p>"
        "<p style='text-align: center'>论坛开幕式现场</p><p>正文第一段。</p></div>"
    )
    assert caption_of(first(root, "img")) == "论坛开幕式现场"


def test_caption_in_the_same_centred_block() -> None:
    root = parse_html("<p align='center'><img src='/a.jpg'><br>Opening ceremony</p>")
    assert caption_of(first(root, "img")) == "Opening ceremony"


def test_long_paragraph_after_image_is_not_a_caption() -> None:
    root = parse_html("<div><p><img src='/a.jpg' title='图片关键词'></p>" + PARAGRAPH + "</div>")
    assert caption_of(first(root, "img")) == ""


def test_title_attribute_is_the_last_caption_source() -> None:
    root = parse_html("<p><img src='/a.jpg' title='Delegates at the secretariat'></p><p>x</p>")
    assert caption_of(first(root, "img")) == "Delegates at the secretariat"


def test_base_href_is_honoured_and_sidebar_images_excluded() -> None:
    html = (
        "<html><head><base href='https://cdn.example/site/'></head><body>"
        "<aside class='sidebar'><img src='thumb.jpg' width='200'></aside>"
        "<h1>Delegation visit</h1><div class='article'>"
        + PARAGRAPH
        + "<p><img src='upload/visit.jpg' width='640' alt='图片关键词'></p>"
        + PARAGRAPH
        + "</div><footer><img src='footer-banner.jpg' width='900'></footer></body></html>"
    )
    record = extract_article(html, "https://site.example/news/1")
    assert record is not None
    assert [(i.url, i.alt) for i in record.images] == [
        ("https://cdn.example/site/upload/visit.jpg", "")
    ]
