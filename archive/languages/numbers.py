"""The numbers a text gives, in digits or Chinese numerals: values that compare across languages."""

from __future__ import annotations

import re
from datetime import date

# 1,200 / 1 200 / 1.5 — thousands grouped by a comma or (Russian) space, or a decimal point.
_DIGITS = re.compile(r"\d{1,3}(?:[,\u00a0 ]\d{3})+(?![\d.,])|\d+(?:[.,]\d+)?")
_SCALE_AFTER = re.compile(
    r"\s*(万|亿|million|billion|млн|млрд|миллион\w*|миллиард\w*|тыс\.?|тысяч\w*|thousand)",
    re.I,
)
_SCALES = {
    "万": 10_000,
    "亿": 100_000_000,
    "thousand": 1_000,
    "тыс": 1_000,
    "тысяч": 1_000,
    "million": 1_000_000,
    "млн": 1_000_000,
    "миллион": 1_000_000,
    "billion": 1_000_000_000,
    "млрд": 1_000_000_000,
    "миллиард": 1_000_000_000,
}
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMERAL = re.compile("[零〇一二两三四五六七八九十百千万亿]+")
# Below this a number is a month, a weekday, a small count: every release has some.
DISTINCTIVE_FROM = 13


def numbers_in(text: str) -> set[float]:
    """Every number the text gives: digits (with a scale word after them) and Chinese numerals."""
    found: set[float] = set()
    for match in _DIGITS.finditer(text):
        value = _digits_value(match.group())
        scale = _SCALE_AFTER.match(text, match.end())
        if scale:
            value *= _scale(scale.group(1))
        found.add(value)
    for match in _CN_NUMERAL.finditer(text):
        numeral = chinese_numeral(match.group())
        if numeral is not None:
            found.add(float(numeral))
    return found


def distinctive_numbers(text: str, published: date | None) -> set[float]:
    """The numbers that tell a release from others of its day: not small, and not its date
    again (the year, the day and the days beside it are the date's evidence, not new)."""
    restated: set[float] = set()
    if published is not None:
        restated = {float(published.year), *(float(published.day + d) for d in (-1, 0, 1))}
    return {n for n in numbers_in(text) if n >= DISTINCTIVE_FROM and n not in restated}


def _digits_value(raw: str) -> float:
    compact = raw.replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", compact):
        return float(compact.replace(",", ""))
    return float(compact.replace(",", "."))


def _scale(word: str) -> int:
    word = word.lower().rstrip(".")
    for stem, factor in _SCALES.items():
        if word.startswith(stem):
            return factor
    return 1


def chinese_numeral(numeral: str) -> int | None:
    """The value of a Chinese numeral (二百 200, 两千零五 2005, 一九九六 1996, 3万 aside);
    None for characters that only look like one (a lone 万 is "ten thousand" or a name)."""
    if numeral in ("万", "亿"):
        return None
    if not any(ch in _CN_UNITS or ch in "万亿" for ch in numeral):
        # Digit by digit, as years are written: 二〇二一
        return int("".join(str(_CN_DIGITS[ch]) for ch in numeral))
    total, section, digit = 0, 0, 0
    for ch in numeral:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[ch]
            digit = 0
        else:  # 万 or 亿 closes a section
            total = (total + section + digit) * (10_000 if ch == "万" else 100_000_000)
            section, digit = 0, 0
    return total + section + digit
