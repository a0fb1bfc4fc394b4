"""Names a text spells in Latin or Cyrillic letters, in one Latin form, and when two match.

Cyrillic is transliterated (a plain scheme close to the ones English news uses); Latin names
are compared as spelt, never through a Chinese reading of them, since the versions of a
release name places and people the way their own language spells them. Russian endings
(Ташкенте, Казахстана) are allowed for by comparing the stems.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from difflib import SequenceMatcher

_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "-",
    "ы": "y",
    "ь": "-",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ї": "i",
    "є": "e",
    "ў": "u",
    "ғ": "g",
    "қ": "k",
    "ң": "ng",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "ә": "a",
}  # Russian, then the letters of Ukrainian, Belarusian, Kazakh and Kyrgyz
_NAME = re.compile(r"\b[A-ZА-ЯЁІЇЄЎҒҚҢӨҰҮҺӘ][a-zа-яёіїєўғқңөұүһә'’-]{2,}")
# Capitalised for the sentence or the heading, not for being a name.
_COMMON = frozenset(
    {
        "the",
        "this",
        "that",
        "these",
        "those",
        "they",
        "there",
        "their",
        "then",
        "than",
        "and",
        "but",
        "for",
        "with",
        "from",
        "into",
        "over",
        "under",
        "after",
        "before",
        "during",
        "about",
        "also",
        "more",
        "most",
        "some",
        "many",
        "other",
        "its",
        "his",
        "her",
        "our",
        "your",
        "official",
        "news",
        "press",
        "release",
        "today",
        "yesterday",
        "tomorrow",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "в",
        "во",
        "на",
        "по",
        "при",
        "для",
        "и",
        "но",
        "что",
        "это",
        "как",
        "так",
        "его",
        "её",
        "их",
        "они",
        "она",
        "оно",
        "мы",
        "вы",
        "он",
        "также",
        "официально",
        "новости",
        "сегодня",
        "вчера",
    }
)
_MIN_STEM = 4
_CLOSE = 0.85


def latin(word: str) -> str:
    """``word`` in lower-case Latin letters: Cyrillic transliterated, apostrophes dropped."""
    out = []
    for ch in word.lower():
        mapped = _CYRILLIC.get(ch)
        if mapped is None:
            out.append(ch if ch.isalpha() and ch.isascii() else "")
        elif mapped != "-":
            out.append(mapped)
    return "".join(out)


def _folded(name: str) -> str:
    # Spellings that transliteration schemes disagree on: kh/h, ts/c, y/i/j, doubled letters.
    folded = name.replace("kh", "h").replace("ts", "c").replace("j", "i").replace("y", "i")
    return re.sub(r"(.)\1", r"\1", folded)


def names_in(text: str) -> set[str]:
    """The capitalised words of the text, not the common ones, folded to one Latin form."""
    names = set()
    for match in _NAME.finditer(text):
        word = match.group()
        if word.lower() in _COMMON:
            continue
        form = _folded(latin(word))
        if len(form) >= 3:
            names.add(form)
    return names


def same_name(one: str, other: str) -> bool:
    """Whether two folded names are one: equal, one the other's stem with an ending, or close."""
    if one == other:
        return True
    short, long = sorted((one, other), key=len)
    if len(short) >= _MIN_STEM and long.startswith(short[:-1]) and len(long) - len(short) <= 2:
        return True
    return len(short) >= _MIN_STEM and SequenceMatcher(None, one, other).ratio() >= _CLOSE


def shared_names(one: AbstractSet[str], other: AbstractSet[str]) -> set[str]:
    """The names of ``one`` that ``other`` also spells (in its own way)."""
    return {name for name in one if any(same_name(name, theirs) for theirs in other)}
