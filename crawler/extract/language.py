"""Detect an article's language from its text; a declared language only breaks near-ties."""

from __future__ import annotations

import logging
import math
import re

import py3langid

logger = logging.getLogger(__name__)

# The model reads UTF-8 bytes one at a time in Python, so the sample is capped in bytes:
# 3000 of them are 3000 Latin letters, 1500 Cyrillic or 1000 Chinese characters, each
# plenty for a confident answer, and a long Chinese report costs no more than a Latin one.
_SAMPLE_BYTES = 3000
_HINT_SHARE = 0.25  # a declared language wins when the text gives it this much probability
# Written Chinese on official sites is standard Chinese; the model's regional labels and
# script variants are folded into the codes the archive uses.
_ALIASES = {"yue": "zh", "wuu": "zh", "uzs": "uz", "zxx": ""}
_LETTERS = re.compile(r"[^\W\d_]")
# Text whose letters are Han characters, with no kana or hangul among them, is Chinese; the
# model says so too, after reading every byte of the sample in Python. Japanese and Korean
# also write Han characters, so a page declared in either is left to the model.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_KANA_HANGUL = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\uac00-\ud7af]")
_HAN_SHARE = 0.8  # of the letters: acronyms and Latin names are common in Chinese news
_ALSO_HAN = ("ja", "ko")
# Likewise Russian, the one language of Cyrillic script that writes only the 33 letters of
# its alphabet and uses ы and э often: Ukrainian and Belarusian write і, Kazakh, Kyrgyz,
# Tatar or Mongolian letters of their own, Serbian and Macedonian ј; Bulgarian has neither
# ы nor э (and writes ъ as a vowel). Text that fits is "ru" unless the page declares
# another language; anything else, a Russian text quoting an і included, goes to the model.
_RUSSIAN = re.compile("[а-яё]")  # on lower-cased text
_OTHER_CYRILLIC = re.compile("[\u0450\u0452-\u045f\u0460-\u052f\u1c80-\u1c8f\ua640-\ua69f]")
_RUSSIAN_SHARE = 0.8  # of the letters, as for Han
# ы and э are about 2% of a Russian text's letters; ъ under 0.1%, and 2% or more in Bulgarian.
_VOWEL_SHARE, _HARD_SIGN_SHARE = 0.008, 0.004  # of the Russian letters


def language_code(tag: str | None) -> str | None:
    """The primary subtag of a language tag: ``zh-CN`` → ``zh``, ``uz_Latn`` → ``uz``."""
    if not tag:
        return None
    primary = re.split(r"[-_\s]", tag.strip().lower(), maxsplit=1)[0]
    if not primary.isalpha() or not 2 <= len(primary) <= 3:
        return None
    return _ALIASES.get(primary, primary) or None


def _probabilities(text: str) -> list[tuple[str, float]]:
    ranking = py3langid.rank(text)[:8]
    if not ranking:
        return []
    top = ranking[0][1]
    weights = [(code, math.exp(score - top)) for code, score in ranking]
    total = sum(weight for _, weight in weights)
    return [(code, weight / total) for code, weight in weights]


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many times a one-character pattern matches (``subn`` counts without a list)."""
    return pattern.subn("", text)[1]


def _written_chinese(sample: str, letters: int) -> bool:
    return _count(_HAN, sample) >= _HAN_SHARE * letters and not _KANA_HANGUL.search(sample)


def _written_russian(sample: str, letters: int) -> bool:
    lower = sample.lower()
    russian = _count(_RUSSIAN, lower)
    if russian < _RUSSIAN_SHARE * letters or _OTHER_CYRILLIC.search(lower):
        return False
    vowels, hard_signs = lower.count("ы") + lower.count("э"), lower.count("ъ")
    return vowels >= _VOWEL_SHARE * russian and hard_signs <= _HARD_SIGN_SHARE * russian


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The language of ``text`` as a short code; ``declared`` decides only close calls."""
    hint = language_code(declared)
    sample = text[:_SAMPLE_BYTES].encode("utf-8")[:_SAMPLE_BYTES].decode("utf-8", "ignore")
    letters = _count(_LETTERS, sample)
    if letters < 2:
        return hint
    if hint not in _ALSO_HAN and _written_chinese(sample, letters):
        return "zh"
    if hint in (None, "ru") and _written_russian(sample, letters):
        return "ru"
    merged: dict[str, float] = {}
    for code, share in _probabilities(sample):
        key = language_code(code)
        if key:
            merged[key] = merged.get(key, 0.0) + share
    if not merged:
        return hint
    best = max(merged, key=lambda code: merged[code])
    if hint and hint != best and merged.get(hint, 0.0) >= _HINT_SHARE:
        logger.debug("declared %s preferred over detected %s", hint, best)
        return hint
    return best
