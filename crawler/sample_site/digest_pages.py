"""HTML of the sample digest: static pages a TRS publishing system writes for a gov-style portal."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .digest_content import COLUMN_PATH, DigestArticle, DigestPage
from .secretariat_content import Paragraph, Picture

SITE_TITLE = "欧亚人文交流网"
PUBLISHER = "欧亚民间交流促进中心"
COLUMN = "新闻资讯"
LOGO = "/images/logo.png"
BADGE = "/images/gongan.png"
STYLESHEET = "/images/common.css"
# What the stylesheet names, relative to it: the banner's background and the body's font.
BANNER_BACKGROUND = "/images/banner-bg.png"
FONT = "/images/fonts/sitesong.woff2"
STYLESHEET_TEXT = (
    '@charset "utf-8";\n'
    '@font-face { font-family: "SiteSong"; src: url(fonts/sitesong.woff2) format("woff2"); }\n'
    'body { margin: 0; color: #333; font: 14px/1.8 "SiteSong", "Microsoft YaHei", serif; }\n'
    ".banner { height: 90px; background: #a01010 url('banner-bg.png') repeat-x; }\n"
    ".nav li { display: inline-block; padding: 0 12px; }\n"
    ".main { width: 960px; margin: 0 auto; }\n"
    ".footer { border-top: 2px solid #a01010; font-size: 12px; }\n"
)

_NAV = (("/", "首页"), ("/zxgk/", "中心概况"), (COLUMN_PATH, COLUMN), ("/lxwm/", "联系我们"))
_ZOOM = (
    "".join(
        f'<a href="javascript:doZoom({size})">{label}</a> '
        for size, label in ((18, "大"), (16, "中"))
    )
    + '<a href="javascript:doZoom(14)">小</a>'
)


def _a(href: str, text: str, extra: str = "") -> str:
    return f'<a href="{escape(href)}"{extra}>{escape(text)}</a>'


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{escape(content)}" />\n'


def document(title: str, trail: Sequence[tuple[str, str]], main: str, meta: str = "") -> str:
    """A whole page: head with the TRS meta tags, banner, navigation, position line, footer."""
    nav = "".join(f"<li>{_a(href, text)}</li>" for href, text in _NAV)
    crumbs = " &gt; ".join(_a(href, text) for href, text in (("/", "首页"), *trail))
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        '<meta http-equiv="X-UA-Compatible" content="IE=edge" />\n'
        f"<title>{escape(title)}</title>\n"
        f"{_meta('SiteName', SITE_TITLE)}{meta}"
        f'<link href="{STYLESHEET}" rel="stylesheet" type="text/css" />\n'
        "</head>\n<body>\n"
        '<div class="top"><div class="wrap"><span class="date" id="today"></span>'
        '<span class="toplink"><a href="javascript:addFavorite()">加入收藏</a> | '
        '<a href="javascript:setHome()">设为首页</a></span></div></div>\n'
        f'<div class="banner"><a href="/"><img src="{LOGO}" alt="{SITE_TITLE}" /></a></div>\n'
        f'<div class="nav"><ul>{nav}</ul></div>\n'
        f'<div class="position">您当前的位置：{crumbs}</div>\n'
        f'<div class="main">\n{main}</div>\n{_footer()}</body>\n</html>\n'
    )


def _footer() -> str:
    licence = _a("https://beian.miit.example/", "京ICP备87654321号-2", ' target="_blank"')
    return (
        '<div class="footer">\n'
        f"<p>主办单位：{PUBLISHER}　承办：中心信息部</p>\n"
        "<p>地址：北京市西城区示例路8号　邮编：100000　电话：010-66000000</p>\n"
        f"<p>{licence}　"
        f'<img src="{BADGE}" alt="" />京公网安备 11010202000002号　网站标识码：XX00000001</p>\n'
        "</div>\n"
    )


def _list_items(articles: Sequence[DigestArticle], prefix: str) -> str:
    return "".join(
        f'<li><span class="date">{article.date}</span>'
        f'<a href="{prefix}{article.href[2:]}" target="_blank" title="{escape(article.headline)}">'
        f"{escape(article.headline)}</a></li>\n"
        for article in articles
    )


def home_main(latest: Sequence[DigestArticle], about: DigestPage) -> str:
    more = _a(COLUMN_PATH, "更多>>", ' class="more"')
    return (
        f'<div class="index-news"><div class="hd"><h2>{COLUMN}</h2>{more}</div>\n'
        f'<ul class="list">\n{_list_items(latest, COLUMN_PATH)}</ul></div>\n'
        f'<div class="index-about"><div class="hd"><h2>{escape(about.title)}</h2></div>'
        f"<p>{escape(about.paragraphs[0])}</p></div>\n"
    )


def _page_file(number: int) -> str:
    """TRS names the pages of a column index.html, index_1.html, index_2.html, ..."""
    return "index.html" if number == 0 else f"index_{number}.html"


def _pager(current: int, count: int, total: int) -> str:
    def link(number: int, text: str) -> str:
        return _a(_page_file(number), text)

    parts = [f"共{total}条　第{current + 1}/{count}页", link(0, "首页")]
    parts.append(link(current - 1, "上一页") if current > 0 else "<span>上一页</span>")
    parts.append(link(current + 1, "下一页") if current + 1 < count else "<span>下一页</span>")
    parts.append(link(count - 1, "尾页"))
    script = (
        '<script type="text/javascript">var countPage = '
        f'{count}; var currentPage = {current}; var prevName = "index"; var fileExt = "html";'
        "</script>\n"
    )
    return f'{script}<div class="page">{" ".join(parts)}</div>\n'


def listing_main(entries: Sequence[DigestArticle], current: int, count: int, total: int) -> str:
    """One page of the column; links relative to the column folder, as TRS writes them."""
    return (
        f'<div class="column-list"><div class="hd"><h2>{COLUMN}</h2></div>\n'
        f'<ul class="list">\n{_list_items(entries, "./")}</ul>\n'
        f"{_pager(current, count, total)}</div>\n"
    )


def article_meta(article: DigestArticle) -> str:
    return "".join(
        _meta(name, value)
        for name, value in (
            ("ColumnName", COLUMN),
            ("ArticleTitle", article.headline),
            ("PubDate", article.published),
            ("ContentSource", article.source),
        )
    )


def _body_block(block: Paragraph | Picture) -> str:
    if isinstance(block, Paragraph):
        return f'<p style="text-indent: 2em;">{escape(block.text)}</p>\n'
    name = block.src.rsplit("/", 1)[1]
    return f'<p style="text-align: center;"><img src="./{name}" oldsrc="{name}" /></p>\n'


def article_main(article: DigestArticle) -> str:
    body = "".join(_body_block(block) for block in article.blocks)
    return (
        '<div class="article">\n'
        f'<h1 class="title">{escape(article.headline)}</h1>\n'
        f'<div class="info"><span>来源：{escape(article.source)}</span>'
        f"<span>发布时间：{article.published}</span>"
        f'<span class="zoom">字号：{_ZOOM}</span></div>\n'
        f'<div class="content" id="zoom"><div class="TRS_Editor">\n{body}</div></div>\n'
        '<div class="tools">【<a href="javascript:window.print()">打印本页</a>】'
        '【<a href="javascript:window.opener=null;window.close()">关闭窗口</a>】</div>\n'
        "</div>\n"
    )


def page_main(page: DigestPage) -> str:
    paragraphs = "".join(f"<p>{escape(text)}</p>\n" for text in page.paragraphs)
    return f'<div class="single">\n<h2>{escape(page.title)}</h2>\n{paragraphs}</div>\n'
