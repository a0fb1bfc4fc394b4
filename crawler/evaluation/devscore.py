"""The extraction-dev set's scoring rules, as its README states them.

Body: bag-of-tokens precision, recall and F1 (characters for Chinese, Japanese and Korean;
lower-cased words otherwise). Title: exact after normalising, and difflib similarity. Date:
the first year-month-day in the prediction is the gold's day. Author: containment either
way, or one name matching one name.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

CHARACTER_LANGUAGES = ("zh", "ja", "ko")
_WORD = re.compile(r"\w+")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_AUTHOR_LABEL = re.compile(r"^\s*(by|автор|作者|记者)\b[\s:：]*", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:[,;/|&、和]|\band\b|\bи\b)\s*", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class BodyScore:
    precision: float
    recall: float
    f1: float


def _kept(char: str) -> bool:
    """Not whitespace, punctuation, a symbol or a control character."""
    return not char.isspace() and unicodedata.category(char)[0] not in "PSC"


def tokens(text: str, language: str) -> list[str]:
    normal = unicodedata.normalize("NFKC", text)
    if language in CHARACTER_LANGUAGES:
        return [char for char in normal if _kept(char)]
    return _WORD.findall(normal.lower())


def body_score(found: str, gold: str, language: str) -> BodyScore:
    got, want = Counter(tokens(found, language)), Counter(tokens(gold, language))
    common = sum((got & want).values())
    if not common:
        return BodyScore(0.0, 0.0, 0.0)
    precision, recall = common / sum(got.values()), common / sum(want.values())
    return BodyScore(precision, recall, 2 * precision * recall / (precision + recall))


def normal_title(text: str | None) -> str:
    """NFKC, case folded, without whitespace, punctuation or symbols."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(char for char in folded if _kept(char))


def title_exact(found: str | None, gold: str) -> bool:
    return normal_title(found) == normal_title(gold)


def title_similarity(found: str | None, gold: str) -> float:
    return difflib.SequenceMatcher(None, normal_title(found), normal_title(gold)).ratio()


def first_day(text: str | None) -> tuple[int, int, int] | None:
    """The first Y-M-D (also Y/M/D, Y.M.D, Y年M月D日) in a string, as numbers."""
    match = _DATE.search(text or "")
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return year, month, day


def date_correct(found: str | None, gold: str) -> bool:
    day = first_day(found)
    return day is not None and day == first_day(gold)


def _names(text: str) -> list[str]:
    parts = [part for part in _NAME_SPLIT.split(text) if part and part.strip()]
    if _HAN.search(text):
        parts = [name for part in parts for name in part.split()]
    return [name for name in (normal_title(part) for part in parts) if name]


def _overlaps(one: str, other: str) -> bool:
    """Containment either way, the shorter at least 60 % of the longer."""
    short, long = sorted((one, other), key=len)
    return bool(short) and short in long and len(short) >= 0.6 * len(long)


def author_correct(found: str | list[str] | None, gold: str) -> bool:
    if isinstance(found, list):
        found = ", ".join(found)
    found = _AUTHOR_LABEL.sub("", found or "")
    gold = _AUTHOR_LABEL.sub("", gold)
    mine, theirs = normal_title(found), normal_title(gold)
    if not mine:
        return False
    if theirs in mine or (mine in theirs and len(mine) >= len(theirs) / 2):
        return True
    return any(_overlaps(a, b) for a in _names(found) for b in _names(gold))
