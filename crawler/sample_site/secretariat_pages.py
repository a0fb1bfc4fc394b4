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
class Chrome:
    """The words of one language's pages, and the links the header shows above them."""

    lang: str = "cn"
    site_title: str = SITE_TITLE
    home: str = "首页"
    news: str = "新闻动态"
    column: str = COLUMN
    position: str = "当前位置："
    latest: str = "最新动态"
    hot: str = "热点新闻"
    more: str = "更多>>"
    newer: str = "上一篇"
    older: str = "下一篇"
    none: str = "没有了"
    empty: str = "没有找到相关信息"
    previous_page: str = "上一页"
    next_page: str = "下一页"
    count: str = "共 {total} 条记录 {page}/{pages} 页"
    head_links: str = ""  # extra <link> elements for the page's head
    language_bar: Sequence[tuple[str, str]] = ()  # (href, label) of the language switcher

    @property
    def listing(self) -> str:
        return f"news.php?lang={self.lang}&class2=5"


CHINESE = Chrome()


@dataclass(frozen=True)
class Sidebar:
    latest: Sequence[CmsArticle]
    hot: Sequence[tuple[str, str]]  # (href, title): hand-picked, tracking links included


def _a(href: str, text: str, extra: str = "") -> str:
    return f'<a href="{escape(href)}"{extra}>{escape(text)}</a>'


def _list(items: Sequence[tuple[str, str]]) -> str:
    return "".join(f"<li>{_a(href, title, _NEW_WINDOW)}</li>\n" for href, title in items)


def _sidebar(sidebar: Sidebar, chrome: Chrome) -> str:
    latest = [(article.href, article.headline) for article in sidebar.latest]
    boxes = "".join(
        f'<div class="met-box"><h3>{heading}</h3>'
        f'<ul class="list-none">\n{_list(items)}</ul></div>\n'
        for heading, items in ((chrome.latest, latest), (chrome.hot, sidebar.hot))
        if items
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
    chrome: Chrome = CHINESE,
) -> str:
    """A whole page: header, navigation, breadcrumb, sidebar, main column and footer."""
    crumbs = " &gt; ".join(escape(text) if href is None else _a(href, text) for href, text in trail)
    nav_links = _NAV if chrome.lang == "cn" else ((f"/index.php?lang={chrome.lang}", chrome.home),)
    nav = "".join(f"<li>{_a(href, text)}</li>" for href, text in nav_links)
    switcher = " | ".join(_a(href, label) for href, label in chrome.language_bar)
    bar = f'<div class="met-langlist">{switcher}</div>\n' if switcher else ""
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />\n'
        f"<title>{escape(title)}</title>\n{chrome.head_links}"
        '<meta name="keywords" content="睦邻友好,上海合作组织,民间交流,秘书处" />\n'
        f'<meta name="description" content="{escape(description or SITE_TITLE)}" />\n'
        '<meta name="generator" content="MetInfo 5.3.19" />\n'
        "</head>\n<body>\n"
        '<div class="met-head"><div class="met-logo">'
        f'<a href="/index.php?lang={chrome.lang}"><img src="{LOGO}" '
        f'alt="{escape(chrome.site_title)}" /></a></div>\n{bar}'
        f'<ul class="met-nav">{nav}</ul></div>\n'
        f'<div class="met-position">{chrome.position}{crumbs}</div>\n'
        f'<div class="met-main">\n{_sidebar(sidebar, chrome)}'
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


def _pager(page: int, pages: int, chrome: Chrome) -> str:
    def link(number: int, text: str) -> str:
        return _a(f"{chrome.listing}&page={number}", text)

    before, after = chrome.previous_page, chrome.next_page
    parts = [link(page - 1, before) if page > 1 else f"<span>{before}</span>"]
    for number in range(1, pages + 1):
        current = f'<span class="PageText">{number}</span>'
        parts.append(current if number == page else link(number, str(number)))
    parts.append(link(page + 1, after) if page < pages else f"<span>{after}</span>")
    return f'<div class="met_pager">{" ".join(parts)}</div>\n'


def listing_main(
    entries: Sequence[CmsArticle], page: int, pages: int, total: int, chrome: Chrome = CHINESE
) -> str:
    rows = "".join(
        f'<li><span class="time">{article.date}</span>'
        f"{_a(article.href, article.headline, _NEW_WINDOW)}</li>\n"
        for article in entries
    )
    if not rows:
        rows = f"<li>{chrome.empty}</li>\n"
    count = chrome.count.format(total=total, page=page, pages=pages)
    return (
        f'<div class="met-column"><h2>{chrome.column}</h2>\n'
        f'<ul class="met-news-list">\n{rows}</ul>\n'
        f'<div class="met_count">{count}</div>\n{_pager(page, pages, chrome)}</div>\n'
    )


def _body_block(block: Paragraph | Picture) -> str:
    if isinstance(block, Paragraph):
        return f'<p style="text-indent:2em;">{escape(block.text)}</p>\n'
    return (
        f'<p style="text-align:center;"><img src="{block.src}" alt="{IMAGE_PLACEHOLDER}" /></p>\n'
    )


def _neighbour(label: str, article: CmsArticle | None, chrome: Chrome) -> str:
    return f"{label}：{_a(article.href, article.headline) if article else chrome.none}"


def article_main(
    article: CmsArticle,
    views: int,
    newer: CmsArticle | None,
    older: CmsArticle | None,
    chrome: Chrome = CHINESE,
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
        f'<div class="met_page">{_neighbour(chrome.newer, newer, chrome)}<br />'
        f"{_neighbour(chrome.older, older, chrome)}</div>\n"
        "</div>\n"
    )


def static_main(page: StaticPage) -> str:
    paragraphs = "".join(f"<p>{escape(text)}</p>\n" for text in page.paragraphs)
    return f'<div class="met_about">\n<h2>{escape(page.title)}</h2>\n{paragraphs}</div>\n'
