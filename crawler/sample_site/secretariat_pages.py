"""HTML of the sample secretariat: a MetInfo-style PHP CMS page with all of its chrome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from .secretariat_content import (
    FOOTER_WIDGET,
    IMAGE_PLACEHOLDER,
    CmsArticle,
    Paragraph,
    Picture,
    StaticPage,
)

SITE_TITLE = "上海合作组织睦邻友好合作委员会秘书处"
COLUMN = "官方"  # the news column (class2=5) under 新闻动态
LISTING = "news.php?lang=cn&class2=5"
LOGO = "/templates/met/images/logo.png"
BANNER = "/templates/met/images/banner.jpg"

NOT_FOUND = (
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
    "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)

_NAV = (
    ("/index.php?lang=cn", "网站首页"),
    ("/show.php?lang=cn&id=1", "关于我们"),
    ("/" + LISTING, "新闻动态"),
    ("/show.php?lang=cn&id=2", "组织机构"),
    ("/show.php?lang=cn&id=3", "联系我们"),
)
_FRIEND_LINKS = (
    ("https://www.mfa.gov.example/", "外交部"),
    ("http://www.sectsco.example/", "上海合作组织秘书处"),
)
_WIDGET_LINKS = (
    "tel:010-65000000",
    "mailto:office@secretariat.example",
    "https://map.example/marker?title=%E7%A7%98%E4%B9%A6%E5%A4%84",
    "tencent://message/?uin=10000&Site=&Menu=yes",
)
_NEW_WINDOW = ' target="_blank"'


@dataclass(frozen=True)
class Sidebar:
    latest: Sequence[CmsArticle]
    hot: Sequence[tuple[str, str]]  # (href, title): hand-picked, tracking links included


def _a(href: str, text: str, extra: str = "") -> str:
    return f'<a href="{escape(href)}"{extra}>{escape(text)}</a>'


def _list(items: Sequence[tuple[str, str]]) -> str:
    return "".join(f"<li>{_a(href, title, _NEW_WINDOW)}</li>\n" for href, title in items)


def _sidebar(sidebar: Sidebar) -> str:
    latest = [(article.href, article.headline) for article in sidebar.latest]
    boxes = "".join(
        f'<div class="met-box"><h3>{heading}</h3>'
        f'<ul class="list-none">\n{_list(items)}</ul></div>\n'
        for heading, items in (("最新动态", latest), ("热点新闻", sidebar.hot))
    )
    return f'<div class="met-sidebar">\n{boxes}</div>\n'


def _footer() -> str:
    friends = " | ".join(_a(href, name, _NEW_WINDOW) for href, name in _FRIEND_LINKS)
    widget = "".join(
        f"<li>{_a(href, label)}</li>\n"
        for href, label in zip(_WIDGET_LINKS, FOOTER_WIDGET, strict=True)
    )
    return (
        '<div class="met-foot">\n'
        f'<div class="met-links">友情链接：{friends}</div>\n'
        f"<p>Copyright &copy; 2012-2023 {SITE_TITLE} 版权所有</p>\n"
        "<p>地址：北京市东城区示例大街1号　电话：010-65000000　邮编：100000</p>\n"
        f"<p>{_a('https://beian.miit.example/', '京ICP备12345678号-1', _NEW_WINDOW)}</p>\n"
        "</div>\n"
        f'<div class="met-online" id="onlinebox"><ul>\n{widget}</ul></div>\n'
    )


def document(
    title: str,
    trail: Sequence[tuple[str | None, str]],
    main: str,
    sidebar: Sidebar,
    description: str = "",
) -> str:
    """A whole page: header, navigation, breadcrumb, sidebar, main column and footer."""
    crumbs = " &gt; ".join(escape(text) if href is None else _a(href, text) for href, text in trail)
    nav = "".join(f"<li>{_a(href, text)}</li>" for href, text in _NAV)
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n'
        f"<title>{escape(title)}</title>\n"
        '<meta name="keywords" content="睦邻友好,上海合作组织,民间交流,秘书处" />\n'
        f'<meta name="description" content="{escape(description or SITE_TITLE)}" />\n'
        '<meta name="generator" content="MetInfo 5.3.19" />\n'
        "</head>\n<body>\n"
        '<div class="met-head"><div class="met-logo">'
        f'<a href="/index.php?lang=cn"><img src="{LOGO}" alt="{SITE_TITLE}" /></a></div>\n'
        f'<ul class="met-nav">{nav}</ul></div>\n'
        f'<div class="met-position">当前位置：{crumbs}</div>\n'
        f'<div class="met-main">\n{_sidebar(sidebar)}'
        f'<div class="met-content">\n{main}</div>\n</div>\n'
        f"{_footer()}</body>\n</html>\n"
    )


def home_main(latest: Sequence[CmsArticle], about: StaticPage) -> str:
    items = "".join(
        f'<li><span class="time">{article.date}</span>{_a(article.href, article.headline)}</li>\n'
        for article in latest
    )
    return (
        f'<div class="met-banner"><img src="{BANNER}" alt="banner" /></div>\n'
        f'<div class="met-index-news"><h2>新闻动态</h2><ul>\n{items}</ul>\n'
        f'<p class="more">{_a(LISTING, "更多>>")}</p></div>\n'
        f'<div class="met-index-about"><h2>{escape(about.title)}</h2>'
        f"<p>{escape(about.paragraphs[0])}</p>"
        f'<p class="more">{_a(f"show.php?lang=cn&id={about.id}", "详细>>")}</p></div>\n'
    )


def _pager(page: int, pages: int) -> str:
    def link(number: int, text: str) -> str:
        return _a(f"{LISTING}&page={number}", text)

    parts = [link(page - 1, "上一页") if page > 1 else "<span>上一页</span>"]
    for number in range(1, pages + 1):
        current = f'<span class="PageText">{number}</span>'
        parts.append(current if number == page else link(number, str(number)))
    parts.append(link(page + 1, "下一页") if page < pages else "<span>下一页</span>")
    return f'<div class="met_pager">{" ".join(parts)}</div>\n'


def listing_main(entries: Sequence[CmsArticle], page: int, pages: int, total: int) -> str:
    rows = "".join(
        f'<li><span class="time">{article.date}</span>'
        f"{_a(article.href, article.headline, _NEW_WINDOW)}</li>\n"
        for article in entries
    )
    if not rows:
        rows = "<li>没有找到相关信息</li>\n"
    return (
        f'<div class="met-column"><h2>{COLUMN}</h2>\n<ul class="met-news-list">\n{rows}</ul>\n'
        f'<div class="met_count">共 {total} 条记录 {page}/{pages} 页</div>\n'
        f"{_pager(page, pages)}</div>\n"
    )


def _body_block(block: Paragraph | Picture) -> str:
    if isinstance(block, Paragraph):
        return f'<p style="text-indent:2em;">{escape(block.text)}</p>\n'
    return (
        f'<p style="text-align:center;"><img src="{block.src}" alt="{IMAGE_PLACEHOLDER}" /></p>\n'
    )


def _neighbour(label: str, article: CmsArticle | None) -> str:
    return f"{label}：{_a(article.href, article.headline) if article else '没有了'}"


def article_main(
    article: CmsArticle, views: int, newer: CmsArticle | None, older: CmsArticle | None
) -> str:
    body = "".join(_body_block(block) for block in article.blocks)
    related = ""
    if article.link is not None:
        related = (
            f'<div class="met_related">相关链接：{_a(article.link[1], article.link[0])}</div>\n'
        )
    return (
        f'<div class="met_article">\n<h1 class="met_title">{escape(article.headline)}</h1>\n'
        f'<div class="met_infos"><span>{article.published}</span> '
        f'<span>{escape(article.author)}</span> <span class="views">{views}</span></div>\n'
        f'<div class="met_editor">\n{body}</div>\n{related}'
        '<div class="met_tools">【<a href="javascript:window.print()">打印本页</a>】'
        '【<a href="javascript:self.close()">关闭窗口</a>】</div>\n'
        f'<div class="met_page">{_neighbour("上一篇", newer)}<br />'
        f"{_neighbour('下一篇', older)}</div>\n"
        "</div>\n"
    )


def static_main(page: StaticPage) -> str:
    paragraphs = "".join(f"<p>{escape(text)}</p>\n" for text in page.paragraphs)
    return f'<div class="met_about">\n<h2>{escape(page.title)}</h2>\n{paragraphs}</div>\n'
