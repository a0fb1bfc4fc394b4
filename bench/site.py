"""A generated news site for the crawl benchmark: Chinese and Russian articles, served locally.

``python bench/site.py build DIR --pages N`` writes the site as static files (about half the
articles in each language, 50–150 KB a page with a CMS's chrome: a mega-menu, sidebars, a
footer, inline script); ``python bench/site.py serve DIR --port P`` serves it on 127.0.0.1
with Last-Modified and 304s, and answers any unknown path with a small 404.
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PER_LISTING = 20
COLUMNS = 40  # section pages a language: each linked from every page's menu
_ZH = (
    "秘书处 成员国 合作 会议 代表团 发展 安全 经济 文化 交流 论坛 峰会 协议 签署 双方 "
    "加强 推动 地区 稳定 繁荣 友好 睦邻 委员会 主席 副主席 外交部 部长 大使 访问 会谈 "
    "共同 倡议 项目 投资 贸易 能源 交通 互联互通 人文 青年 教育 卫生 旅游 媒体 智库 "
    "专家 学者 联合 声明 宣言 框架 机制 对话 伙伴 关系 战略 务实 深化 拓展 落实 共识 "
    "表示 指出 强调 认为 希望 愿意 支持 欢迎 祝贺 感谢 出席 举行 召开 开幕 闭幕 仪式 "
    "北京 上海 莫斯科 阿斯塔纳 塔什干 比什凯克 杜尚别 新德里 伊斯兰堡 德黑兰 明斯克 "
    "的 的 的 了 在 和 与 是 对 将 为 中 上 也 并 就 等 已 都 向 从 这 一 个 有"
)  # function words as well, as in real prose: extractors that count stopwords need them
_RU = (
    "секретариат государства-члены сотрудничество заседание делегация развитие "
    "безопасность экономика культура обмен форум саммит соглашение подписание стороны "
    "укрепление продвижение регион стабильность процветание дружба добрососедство комитет "
    "председатель заместитель министерство министр посол визит переговоры совместный "
    "инициатива проект инвестиции торговля энергетика транспорт связанность гуманитарный "
    "молодежь образование здравоохранение туризм СМИ эксперты учёные заявление декларация "
    "механизм диалог партнёрство стратегический практический углубление расширение "
    "реализация консенсус подчеркнул отметил выразил поддержку приветствовал поблагодарил "
    "принял участие состоялось открытие закрытие церемония Москва Пекин Астана Ташкент "
    "Бишкек Душанбе Минск Тегеран Нью-Дели Исламабад в на по с для о и при между"
)
ZH_WORDS, RU_WORDS = tuple(_ZH.split()), tuple(_RU.split())
LANGS = {
    "zh": ("上海合作组织睦邻友好合作委员会", "新闻动态", "下一页", "。", ""),
    "ru": ("Комитет добрососедства и сотрудничества", "Новости", "Следующая", ". ", " "),
}
NEWEST = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def article_path(lang: str, index: int) -> str:
    when = published(index)
    return f"/{lang}/news/{when:%Y/%m}/t{when:%Y%m%d}_{index}.html"


def published(index: int) -> datetime:
    """Newest first, a little under two articles a day a language going back."""
    return NEWEST - timedelta(hours=13 * index)


def sentence(rng: random.Random, lang: str) -> str:
    words = ZH_WORDS if lang == "zh" else RU_WORDS
    _, _, _, stop, space = LANGS[lang]
    text = space.join(rng.choice(words) for _ in range(rng.randint(8, 22)))
    return text[0].upper() + text[1:] + stop.strip()


def _menu(lang: str) -> str:
    site, news, *_ = LANGS[lang]
    items = [f'<li><a href="/{lang}/news/index.html">{news}</a></li>']
    for column in range(1, COLUMNS + 1):
        sub = "".join(
            f'<li><a href="/{lang}/col/{column}.html#s{k}">{site[:4]} {column}.{k}</a></li>'
            for k in range(1, 4)
        )
        items.append(
            f'<li class="nav-item dropdown"><a class="nav-link" href="/{lang}/col/{column}.html">'
            f'{site[:6]} {column}</a><ul class="dropdown-menu">{sub}</ul></li>'
        )
    return f'<nav id="mainnav" class="navbar"><ul class="navbar-nav">{"".join(items)}</ul></nav>'


def _sidebar(lang: str, rng: random.Random, total: int) -> str:
    links = []
    for index in sorted(rng.sample(range(total), min(12, total))):
        title = sentence(rng, lang)[:40]
        links.append(f'<li><a href="{article_path(lang, index)}">{title}</a></li>')
    return f'<aside class="sidebar"><h3>热点 / Популярное</h3><ul>{"".join(links)}</ul></aside>'


def _footer(lang: str) -> str:
    cols = "".join(
        f'<a href="/{lang}/col/{c}.html">{LANGS[lang][0][:5]} {c}</a> | '
        for c in range(1, COLUMNS + 1)
    )
    return (
        f'<footer id="footer"><div class="links">{cols}</div><div class="friends">'
        '<a href="https://www.mfa.example/">MFA</a> <a href="https://www.gov.example/">Gov</a>'
        "</div><p>© 2026 · ICP备00000000号</p></footer>"
    )


def _script(rng: random.Random, size: int) -> str:
    """Inline analytics and widget code, as CMS pages carry: bulk that is not the article."""
    chunks, length = [], 0
    while length < size:
        name = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=8))
        chunks.append(f"var {name}=function(e,t){{return e&&t?e[{rng.randint(0, 999)}]:null}};")
        length += len(chunks[-1])
    return "<script>" + "".join(chunks) + "</script>"


def page(lang: str, title: str, main: str, rng: random.Random, total: int, size: int) -> str:
    site = LANGS[lang][0]
    head = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title} - {site}</title>"
        '<link rel="stylesheet" href="/static/site.css"></head><body>'
        f'<header><div class="logo"><a href="/{lang}/news/index.html">{site}</a></div>'
        f"{_menu(lang)}</header>"
        '<div class="breadcrumb"><a href="/">Home</a> &gt; '
        f'<a href="/{lang}/news/index.html">{LANGS[lang][1]}</a></div>'
        f'<div class="container"><div class="content">{main}</div>'
        f"{_sidebar(lang, rng, total)}</div>{_footer(lang)}"
    )
    padding = max(size - len(head.encode()), 0)
    return head + _script(rng, padding) + "</body></html>"


def article(lang: str, index: int, total: int) -> str:
    rng = random.Random(f"{lang}{index}")
    when = published(index)
    title = sentence(rng, lang)[:60]
    paragraphs = "".join(
        "<p>" + "".join(sentence(rng, lang) for _ in range(rng.randint(3, 7))) + "</p>"
        for _ in range(rng.randint(6, 24))
    )
    main = (
        f'<article><h1 class="title">{title}</h1><div class="info">'
        f'<span class="date">{when:%Y-%m-%d %H:%M}</span> <span class="source">{LANGS[lang][0]}'
        f'</span></div><meta property="article:published_time" content="{when.isoformat()}">'
        f'<div class="article-body">{paragraphs}</div></article>'
    )
    return page(lang, title, main, rng, total, rng.randint(50_000, 150_000))


def listing(lang: str, number: int, pages: int, total: int) -> str:
    rng = random.Random(f"{lang}-list-{number}")
    first = (number - 1) * PER_LISTING
    entries = "".join(
        f'<li><a href="{article_path(lang, i)}">{sentence(random.Random(f"{lang}{i}"), lang)[:60]}'
        f"</a><span>{published(i):%Y-%m-%d}</span></li>"
        for i in range(first, min(first + PER_LISTING, total))
    )
    pager = "".join(
        f'<a href="{_listing_path(lang, n)}">{n}</a> '
        for n in range(max(1, number - 4), min(pages, number + 5) + 1)
    )
    if number < pages:
        pager += f'<a href="{_listing_path(lang, number + 1)}">{LANGS[lang][2]}</a>'
    main = f'<ul class="news-list">{entries}</ul><div class="pager">{pager}</div>'
    return page(lang, LANGS[lang][1], main, rng, total, 60_000)


def _listing_path(lang: str, number: int) -> str:
    return f"/{lang}/news/index.html" if number == 1 else f"/{lang}/news/index_{number}.html"


def build(root: Path, pages: int) -> list[Path]:
    """Write the site under ``root``; returns the article files."""
    articles = []
    for lang in LANGS:
        total = pages // 2
        for index in range(total):
            path = root / article_path(lang, index).lstrip("/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article(lang, index, total), encoding="utf-8")
            articles.append(path)
        listings = -(-total // PER_LISTING)
        for number in range(1, listings + 1):
            path = root / _listing_path(lang, number).lstrip("/")
            path.write_text(listing(lang, number, listings, total), encoding="utf-8")
        (root / lang / "col").mkdir(exist_ok=True)
        for column in range(1, COLUMNS + 1):
            rng = random.Random(f"{lang}-col-{column}")
            about = "<div class='about'>" + sentence(rng, lang) * 3 + "</div>"
            (root / lang / "col" / f"{column}.html").write_text(
                page(lang, f"{LANGS[lang][0]} {column}", about, rng, total, 40_000), "utf-8"
            )
    (root / "static").mkdir(exist_ok=True)
    (root / "static" / "site.css").write_text("body{font-family:sans-serif}", "utf-8")
    home = "".join(f'<a href="{_listing_path(lang, 1)}">{LANGS[lang][1]}</a> ' for lang in LANGS)
    (root / "index.html").write_text(f"<html><body>{home}</body></html>", "utf-8")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n", "utf-8")
    return articles


class QuietHandler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real server

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(root: Path, port: int) -> None:
    handler = partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    print(f"serving {root} on http://127.0.0.1:{server.server_port}/", flush=True)
    server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("build")
    make.add_argument("root", type=Path)
    make.add_argument("--pages", type=int, default=5000)
    run = sub.add_parser("serve")
    run.add_argument("root", type=Path)
    run.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if args.command == "build":
        print(f"{len(build(args.root, args.pages))} articles in {args.root}")
    else:
        serve(args.root, args.port)


if __name__ == "__main__":
    main()
