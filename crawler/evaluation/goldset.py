"""The gold set of saved pages, and how an extraction of one of them is scored."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.extract import ExtractHints

# Strings that are page furniture on every site: widgets, counters, share and print
# buttons, ICP lines, placeholder alt text. A page's own ``not_contains`` list adds to these.
BOILERPLATE = (
    "电话咨询", "邮件咨询", "在线地图", "QQ客服", "在线客服", "浏览次数", "点击数", "阅读次数",
    "分享到", "扫一扫", "打印本页", "关闭窗口", "【打印】", "返回顶部", "上一篇", "下一篇",
    "相关新闻", "相关文章", "当前位置", "您的位置", "ICP备", "公网安备", "版权所有", "图片关键词",
    "字号：", "Версия для печати", "Поделиться", "Просмотров", "Все права защищены",
    "Назад к списку", "Другие новости", "Share this", "Previous post", "Next post",
    "Skip to content", "All rights reserved", "Related news", "cookies", "Print this page",
    "Ulashish", "Koʻrishlar", "Бөлісу", "Басып шығару", "Бөлүшүү", "Көрүүлөр", "Ulashing",
    "Улашиш", "Кўришлар",
)  # fmt: skip
FIELDS = ("body F1", "title exact", "date same-day", "author exact", "leakage", "image recall")
_CJK = r"\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_SPACES = re.compile(r"\s+")
_EDGES = " \t\n.,;:·•|-–—/()（）[]【】«»\"'“”"


@dataclass(frozen=True)
class GoldPage:
    """One saved page: its bytes and what extraction must make of it."""

    name: str
    body: bytes
    expected: dict[str, Any]

    @property
    def url(self) -> str:
        return str(self.expected["url"])

    @property
    def language(self) -> str:
        return str(self.expected["language"])

    @property
    def content_type(self) -> str | None:
        return self.expected.get("content_type")

    @property
    def hints(self) -> ExtractHints:
        return ExtractHints(
            timezone=self.expected.get("timezone"), language=self.expected.get("language_hint")
        )


@dataclass(frozen=True)
class Extraction:
    """What one extractor read from one page, in the terms the gold set uses."""

    title: str | None = None
    published: str | None = None
    author: str | None = None
    text: str = ""
    images: tuple[str, ...] = ()


@dataclass
class Score:
    """Per-page results for one extractor; each list holds one value a page that counts."""

    body: list[float] = field(default_factory=list)
    title: list[float] = field(default_factory=list)
    date: list[float] = field(default_factory=list)
    author: list[float] = field(default_factory=list)
    leakage: list[float] = field(default_factory=list)
    images_found: int = 0
    images_expected: int = 0

    def value(self, name: str) -> float | None:
        """The field's figure: a mean over pages, or a share of all expected images."""
        if name == "image recall":
            return self.images_found / self.images_expected if self.images_expected else None
        values = {
            "body F1": self.body,
            "title exact": self.title,
            "date same-day": self.date,
            "author exact": self.author,
            "leakage": self.leakage,
        }[name]
        return sum(values) / len(values) if values else None


def load_gold(directory: Path, names: list[str] | None = None) -> list[GoldPage]:
    """Every ``<name>.html`` with its ``<name>.expected.json``, by name; or the named ones."""
    pages = []
    for path in sorted(directory.glob("*.expected.json")):
        name = path.name.removesuffix(".expected.json")
        if names and name not in names:
            continue
        expected = json.loads(path.read_text("utf-8"))
        pages.append(GoldPage(name, (directory / f"{name}.html").read_bytes(), expected))
    return pages


def tokens(text: str) -> list[str]:
    """Words, lower-cased; each CJK character is a token of its own."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower())


def token_f1(found: str, expected: str) -> float:
    """F1 of the token multisets of two texts (1.0 when both are empty)."""
    got, want = Counter(tokens(found)), Counter(tokens(expected))
    if not got and not want:
        return 1.0
    common = sum((got & want).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def normalised(text: str | None) -> str:
    """Whitespace collapsed, case folded, edge punctuation stripped."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip(_EDGES).casefold()


def leaks(text: str, page: GoldPage) -> bool:
    """Whether the text holds a boilerplate string, the shared ones or the page's own."""
    folded = text.casefold()
    unwanted = [*BOILERPLATE, *page.expected.get("not_contains", [])]
    return any(item.casefold() in folded for item in unwanted)


def expected_text(page: GoldPage) -> str:
    """The reference body: the exact text, else the sentences it must contain."""
    return str(page.expected.get("text") or "\n\n".join(page.expected["contains"]))


def score_page(score: Score, page: GoldPage, found: Extraction) -> None:
    """Add one page's results to ``score``."""
    expected = page.expected
    score.body.append(token_f1(found.text, expected_text(page)))
    score.title.append(float(normalised(found.title) == normalised(expected["title"])))
    want_date = (expected["published"] or "")[:10]
    score.date.append(float((found.published or "")[:10] == want_date))
    score.author.append(float(normalised(found.author) == normalised(expected["author"])))
    score.leakage.append(float(leaks(found.text, page)))
    wanted = expected["images"]
    score.images_found += sum(1 for url in wanted if url in found.images)
    score.images_expected += len(wanted)
