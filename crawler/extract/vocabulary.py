"""Words official sites use for byline labels, counters and page furniture, by language."""

from __future__ import annotations

import re

_APOS = "['ʼʻ’‘`]"

# Traditional → simplified for the characters our Chinese labels use, one to one, so that a
# folded string keeps the offsets of the original and values can be cut from the original.
_TRADITIONAL = (
    "發時間來責編輯瀏覽數點擊閱讀號體頁關閉訪問記審對簽錄佈於條聞薦當現網圖鍵詞"
    "縮掃機開權後類頂電話諮詢郵線備處稿護復製屬單構門國務會員區評論標題"
)
_SIMPLIFIED = (
    "发时间来责编辑浏览数点击阅读号体页关闭访问记审对签录布于条闻荐当现网图键词"
    "缩扫机开权后类顶电话咨询邮线备处稿护复制属单构门国务会员区评论标题"
)
_FOLD = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
_FOLDED_CHAR = re.compile(f"[{_TRADITIONAL}]")


def fold(text: str) -> str:
    """Traditional Chinese label characters as simplified; same length as ``text``."""
    # translate looks every character up in a dict; a search scans ten times as fast, and
    # most text (every line of a page is asked about) has none of these characters.
    return text.translate(_FOLD) if _FOLDED_CHAR.search(text) else text


AUTHOR_LABELS = (
    r"作\s*者|撰\s*稿人?|撰\s*文|记\s*者|通讯员|Авторы?(?:\s+материала)?|Authors?|Written by|"
    r"Муаллиф|Muallif|Автор"
)
SOURCE_LABELS = (
    r"信息来源|稿件来源|文章来源|来\s*源|出\s*处|发布机构|发布单位|发布部门|发文机关|Источник|"
    r"Sources?|Manba(?:si)?|Манба(?:си)?|Дереккөз|Дерек\s+көзі|Булак"
)
PUBLISHER_LABELS = r"发布者|发布人|发布员|录\s*入|Опубликовал[аи]?"
EDITOR_LABELS = (
    r"责任编辑|责\s*编|编\s*辑|审\s*核|审\s*校|校\s*对|签\s*发|Редакторы?|Editors?|Muharrir"
)
PUBLISHED_LABELS = (
    r"发布时间|发布日期|发表时间|发表日期|发布于|成文日期|时\s*间|日\s*期|Опубликовано|"
    r"Дата\s+публикации|Дата\s+размещения|Размещено|Дата|Жарияланған|Жарияланды|"
    rf"E{_APOS}?lon\s+qilingan|Эълон\s+қилинган|Жарыяланды|Жарыяланган|Sana|Сана|"
    r"Posted(?:\s+on)?|Published(?:\s+on)?|Date"
)
UPDATED_LABELS = (
    r"更新时间|更新日期|修改时间|修改日期|最后更新|Обновлено|Изменено|Дата\s+изменения|"
    r"(?:Last\s+)?[Uu]pdated(?:\s+on)?|Last\s+modified|Modified|Жаңартылды|Yangilan(?:gan|di)"
)
COUNTER_LABELS = (
    r"浏览次数|浏览人次|浏览量|浏览|点击数|点击量|点击率|点击|阅读量|阅读数|阅读次数|阅读|访问量|访问次数|"
    r"查看次数|人气|Просмотр(?:ов|ы|ено)?|Views|Hits|"
    rf"Ko{_APOS}rishlar(?:\s+soni)?|Кўришлар(?:\s+сони)?|Көрілім|Қаралды|Көрүүлөр|Каралды"
)
TOOL_LABELS = r"字\s*号|字\s*体|分享到|Версия\s+для\s+печати|Поделиться|Share(?:\s+this)?"

# A label is a label when a colon follows; these few also work without one.
_BARE_LABELS = (
    r"Posted\s+on|Published\s+on|Опубликовано|Жарияланған|Жарияланды|"
    rf"E{_APOS}?lon\s+qilingan|Эълон\s+қилинган|Жарыяланды|Updated\s+on|Last\s+updated"
)

LABEL = re.compile(
    rf"(?:(?P<author>{AUTHOR_LABELS})|(?P<source>{SOURCE_LABELS})"
    rf"|(?P<publisher>{PUBLISHER_LABELS})|(?P<editor>{EDITOR_LABELS})"
    rf"|(?P<updated>{UPDATED_LABELS})|(?P<published>{PUBLISHED_LABELS})"
    rf"|(?P<counter>{COUNTER_LABELS})|(?P<tool>{TOOL_LABELS}))\s*[:：]"
    rf"|(?P<bare>{_BARE_LABELS})(?=\s)",
    re.I,
)
BARE_LABEL = re.compile(_BARE_LABELS, re.I)

# Issuing bodies sign a release with a line of its own: "Пресс-служба Губернатора области",
# "ҚР СІМ баспасөз қызметі", "Press Office". Russian and English put the office first,
# Kazakh, Kyrgyz and Uzbek last.
_OFFICE_FIRST = (
    r"Пресс-служб[аы]|Пресс-центр|Информационн(?:ая|ой)\s+служб[аы]|Управлени[ея]\s+информации|"
    r"Press\s+(?:Office|Service|Centre|Center)|Press\s+and\s+Information\s+(?:Office|Department)"
)
_OFFICE_LAST = (
    r"баспасөз\s+қызметі|баспасөз\s+орталығы|басма\s+сөз\s+кызматы|маалымат\s+кызматы|"
    r"matbuot\s+xizmati|axborot\s+xizmati|матбуот\s+хизмати|ахборот\s+хизмати|"
    r"press\s+(?:office|service)"
)
PRESS_OFFICE = re.compile(
    rf"^(?:(?:{_OFFICE_FIRST})(?:\s.{{0,80}})?|.{{0,80}}\s(?:{_OFFICE_LAST}))$", re.I
)
UPDATED_BEFORE = re.compile(rf"(?:{UPDATED_LABELS})\s*[:：]?\s*$", re.I)

# "137 次浏览", "Просмотров: 137", "👁 137"; a counter on its own.
# Reading-time notes sit in bylines like view counters: "6 min read", "Время чтения: 5 мин".
_READING_TIME = (
    r"\d+\s*(?:min(?:ute)?s?|мин(?:ут[аы]?)?\.?)\s+(?:read|чтения)"
    r"|(?:reading\s+time|время\s+чтения|阅读时间|阅读时长|预计阅读)\s*[:：]?\s*(?:约\s*)?"
    r"\d+\s*(?:min(?:ute)?s?|мин(?:ут[аы]?)?\.?|分钟)"
)
COUNTER = re.compile(
    rf"(?:(?:{COUNTER_LABELS})\s*[:：]?\s*\d+\s*(?:次|人次)?"
    r"|\d+\s*(?:次浏览|次阅读|人次|views?|просмотр(?:ов|а)?|hits)"
    rf"|{_READING_TIME})",
    re.I,
)

# Whole lines (or whole elements) that are page furniture, not article text.
# Furniture text runs on a little after its keyword ("上一篇：<title>", "当前位置：首页 > 新闻");
# bounded, so a short article that merely starts with such a line is never swallowed whole.
_TAIL = r".{0,80}"
_FURNITURE = [
    r"[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|返回顶部|收藏本页|加入收藏|打印此页|我要打印)\s*[】\]]?",
    r"字\s*号\s*[:：]?\s*(?:[大中小]\s*)+|[【\[]?\s*[大中小]\s*[】\]]?",
    rf"分享到\s*[:：]?{_TAIL}|扫一扫{_TAIL}|微信扫一扫{_TAIL}|用手机扫描{_TAIL}",
    rf"(?:上一篇|下一篇|上一条|下一条|上一页|下一页)\s*[:：]?{_TAIL}",
    r"(?:相关新闻|相关文章|相关链接|相关阅读|推荐阅读|热点新闻|为您推荐|延伸阅读)\s*[:：]?",
    rf"(?:您的位置|当前位置|所在位置|您现在的位置)\s*[:：]{_TAIL}",
    rf"[\u4e00-\u9fff]{{1,2}}ICP[备证][^\s]*|{_TAIL}ICP备\d+号{_TAIL}|{_TAIL}公网安备\s*\d+号{_TAIL}",
    r"电话咨询|邮件咨询|在线地图|QQ客服|在线客服|微信咨询|在线咨询|返回顶部|网站地图",
    rf"版权所有{_TAIL}|Copyright\s*(?:©|\(c\)){_TAIL}|©\s*\d{{4}}{_TAIL}|All rights reserved\.?",
    r"Все права защищены\.?",
    rf"Версия\s+для\s+печати|Поделиться{_TAIL}|Распечатать|Назад\s+к\s+списку|Вернуться\s+к\s+списку",
    r"(?:Share(?:\s+this)?|Print|Tweet|Related\s+(?:news|articles|posts|stories)|Read\s+more)"
    r"\s*[:：]?",
    rf"(?:Previous|Next)\s+(?:post|article|news|story)\s*[:：]?{_TAIL}|[←«]\s*(?:Previous|Next){_TAIL}",
    rf"Предыдущая\s+новость{_TAIL}|Следующая\s+новость{_TAIL}|Другие\s+новости|Похожие\s+новости",
    r".{0,40}(?:use[sd]?\s+cookies|использует\s+(?:файлы\s+)?cookie).{0,200}",
    r"(?:Accept|Decline|Принять|Согласен|OK)(?:\s+(?:all\s+)?cookies)?",
    r"Chop\s+etish|Ulashish|Чоп\s+этиш|Улашиш|Басып\s+шығару|Бөлісу|Басып\s+чыгаруу|Бөлүшүү",
    r"(?:<<|«|←|‹)?\s*(?:Все\s+новости|Назад|Вернуться|All\s+news|"
    r"Back(?:\s+to\s+(?:news|list))?|返回列表|返回上一页|返回|Barcha\s+yangiliklar|Барлық\s+жаңалықтар|"
    r"Барча\s+янгиликлар|Бардык\s+жаңылыктар|Артқа|Orqaga|Артка)"
    r"\s*(?:>>|»|→|›)?",
]
# One or more furniture items and nothing else ("【打印本页】【关闭窗口】"); atomic, so a long
# line that is not furniture fails fast instead of backtracking through every split.
FURNITURE_LINE = re.compile(r"^\s*(?:(?>{})\s*)+$".format("|".join(_FURNITURE)), re.I)

# CMS placeholders editors leave as alt text, and file names used as alt text.
PLACEHOLDER_ALTS = frozenset(
    [
        "图片关键词",
        "图片",
        "图像",
        "照片",
        "图",
        "插图",
        "缩略图",
        "image",
        "images",
        "img",
        "photo",
        "photos",
        "picture",
        "pic",
        "pics",
        "foto",
        "фото",
        "фотография",
        "изображение",
        "картинка",
        "rasm",
        "surat",
        "сурет",
        "фото-сурет",
        "untitled",
        "null",
        "none",
        "undefined",
        "alt",
        "default",
        "thumbnail",
        "thumb",
        "1",
        "0",
    ]
)
FILE_NAME_ALT = re.compile(
    r"^(?:[\w\-.() ]+\.(?:jpe?g|png|gif|webp|bmp|svg|tiff?)|(?:img|dsc|dscn|dscf|image|photo|"
    r"pic|p|wx|mmexport|微信图片)[_\-\s]?\d[\d_\-]*)$",
    re.I,
)
