"""Search forms of text: folding, CJK characters as tokens, word stems and CJK bigrams.

Both the index and the query parser see text only through this module, so a query and the
text it should find are always cut and folded alike. *Folding* is per character: NFKC,
casefold, ``ё`` → ``е``, Latin diacritics and stray combining marks dropped. In the *search
form* every CJK character stands alone as a token and a private-use break token stands where
punctuation or space touched a CJK character. The *stem form* holds one token for every word
(its Snowball stem where the language has one) and one for every pair of adjacent CJK
characters, so a two-character word is a single token.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import Literal

import snowballstemmer

# A token for unicode61 (private use counts as a letter) that no folded text or query holds.
BREAK = "\ue000"
_CJK = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_SEPARATOR_RUN = re.compile(rf"(?<=[{_CJK}])[\W_]+|[\W_]+(?=[{_CJK}])")
_OTHER_SEPARATOR_RUN = re.compile(rf"(?:[^\w{BREAK}]|_)+")
# One search-form token in folded text: a separator run, one CJK character, or a word.
_PIECE = re.compile(rf"(?P<sep>[\W_]+)|(?P<cjk>[{_CJK}])|(?P<word>(?:(?![{_CJK}])[^\W_])+)")
_WORD_TOKEN = re.compile(rf"(?:(?![{_CJK}])[^\W_])+")
_CJK_RUN = re.compile(rf"[{_CJK}](?: [{_CJK}])+")
_LONE_CJK = re.compile(rf"(?<!\S)[{_CJK}](?!\S)")
_WORD = re.compile(rf"[^\s{BREAK}{_CJK}]+")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_LATIN = re.compile("[a-z\u00c0-\u024f]")
# Articles in these languages (or of unknown language) have their Cyrillic words stemmed as
# Russian and their Latin words as English; words of other languages (Kazakh, Uzbek, …) are
# indexed as they are written, and found by their exact form.
STEMMED_LANGUAGES = frozenset({"ru", "en", "zh", "ja", "ko"})
# Russian noun and adjective endings: a query word is expanded over them (see query_stems).
_RU_ENDINGS = (
    *("а", "я", "о", "е", "ь", "й", "ы", "и", "у", "ю", "ом", "ем", "ой", "ей", "ою", "ею"),
    *("ам", "ям", "ами", "ями", "ах", "ях", "ов", "ев", "ий", "ый", "ая", "яя", "ое", "ее"),
    *("ые", "ие", "ого", "его", "ому", "ему", "ым", "им", "ых", "их", "ую", "юю"),
)

Kind = Literal["word", "cjk", "break"]


class _CharTable(dict[int, str]):
    """``str.translate`` table that maps each character on first sight and remembers it."""

    def __init__(self, convert: Callable[[str], str]):
        super().__init__()
        self.convert = convert

    def __missing__(self, code: int) -> str:
        converted = self.convert(chr(code))
        self[code] = converted
        return converted


def _fold_char(char: str) -> str:
    if char == BREAK:
        return " "
    folded = unicodedata.normalize("NFKC", char).casefold().replace("ё", "е")
    if all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in folded):
        folded = unicodedata.normalize("NFD", folded)  # Latin: drop the diacritics
    return "".join(c for c in folded if unicodedata.category(c) != "Mn")


_FOLD = _CharTable(_fold_char)
# Characters outside the ranges whose folding is plain ``str.casefold``: ASCII, the Russian
# letters but ё and Ё, CJK ideographs and hangul syllables (no diacritics, NFKC leaves them).
_MAYBE_SPECIAL = re.compile("[^\x00-\x7f\u0410-\u044f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")


# A space on each side of a CJK character (a zero-width pattern's substitution at every CJK
# edge costs half as much again).
_SPACED = _CharTable(lambda char: f" {char} " if _CJK_CHAR.match(char) else char)


def fold(text: str) -> str:
    """``text`` folded for matching (the same text in any case, width or accent folds alike)."""
    text = unicodedata.normalize("NFC", text)
    # Most characters fold as ``str.casefold`` folds them, and casefold runs in C where the
    # table costs a lookup a character: only the few that fold otherwise (ё, accented Latin,
    # full-width forms, combining marks) are replaced by the table's folding first. Both fold
    # each character on its own, so the result is the table's, character for character.
    # Only characters outside ranges that fold as casefold does need looking at: a set of
    # every character of a text costs more than the rest of the folding.
    candidates = set(_MAYBE_SPECIAL.findall(text))
    special = {c: target for c in candidates if (target := _FOLD[ord(c)]) != c.casefold()}
    targets = special.values()
    if any(target.casefold() != target or set(target) & special.keys() for target in targets):
        return text.translate(_FOLD)  # casefold would alter a replacement: use the table
    for char, target in special.items():
        text = text.replace(char, target)
    return text.casefold()


def fold_by_table(text: str) -> str:
    """``fold`` one character at a time through the table: what ``fold`` must equal."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def is_cjk(token: str) -> bool:
    return len(token) == 1 and _CJK_CHAR.match(token) is not None


def search_form(text: str) -> str:
    """``text`` as the index stores it: folded, with CJK characters as separate tokens."""
    folded = fold(text)
    if _CJK_CHAR.search(folded) is None:  # the CJK passes would change nothing
        return " ".join(_OTHER_SEPARATOR_RUN.sub(" ", folded).split())
    return _search_form_of_folded(folded)


def _search_form_of_folded(folded: str) -> str:
    # Plain-string replacements only: a Python callback a match costs more than the rest.
    marked = _CJK_SEPARATOR_RUN.sub(f" {BREAK} ", folded)
    spaced = _OTHER_SEPARATOR_RUN.sub(" ", marked).translate(_SPACED)
    return " ".join(spaced.split())  # runs of spaces (two between CJK characters) as one


def _separator(match: re.Match[str]) -> str:
    string, start, end = match.string, match.start(), match.end()
    before = string[start - 1] if start else ""
    after = string[end] if end < len(string) else ""
    if _CJK_CHAR.match(before) or _CJK_CHAR.match(after):
        return f" {BREAK} "
    return " "


def stem_form(form: str, language: str | None = None) -> str:
    """The stem form of a search form: word stems, CJK bigrams, breaks between CJK runs."""
    stemmed = stems_language(language)
    if BREAK not in form and _CJK_CHAR.search(form) is None:
        # Only words, one a space-separated token: no pattern match needed to find them.
        words = " ".join(map(word_stem, form.split())) if stemmed else form
        return " ".join(words.split())
    return _stem_form_by_patterns(form, stemmed)


def _stem_form_by_patterns(form: str, stemmed: bool) -> str:
    bigrams = _CJK_RUN.sub(_bigrams, form)
    alone = _LONE_CJK.sub("", bigrams)
    words = _WORD.sub(lambda m: word_stem(m.group()) if stemmed else m.group(), alone)
    return " ".join(words.split())


def _bigrams(match: re.Match[str]) -> str:
    chars = match.group()[::2]
    return " ".join(first + second for first, second in pairwise(chars))


def stems_language(language: str | None) -> bool:
    return language is None or language.split("-")[0].lower() in STEMMED_LANGUAGES


@lru_cache(maxsize=200_000)
def word_stem(word: str) -> str:
    """The Snowball stem of a folded word: Russian for Cyrillic, English for Latin script."""
    if _CYRILLIC.search(word):
        return str(_stemmer("russian").stemWord(word))
    if _LATIN.search(word):
        return str(_stemmer("english").stemWord(word))
    return word


@lru_cache(maxsize=4)
def _stemmer(algorithm: str) -> snowballstemmer.Stemmer:
    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=4096)
def query_stems(word: str) -> frozenset[str]:
    """Every stem an inflected form of ``word`` may have in the index.

    Snowball is not consistent across a Russian paradigm (``саммит`` → ``самм`` but
    ``саммита`` → ``саммит``), so a Cyrillic query word is re-inflected: its bases (the word,
    and the word less each noun/adjective ending it has) take each ending, and the stems of
    all those forms are looked up.
    """
    if not _CYRILLIC.search(word):
        return frozenset({word_stem(word)})
    bases = {word} | {
        word[: -len(e)] for e in _RU_ENDINGS if word.endswith(e) and len(word) > len(e) + 2
    }
    forms = {base + ending for base in bases for ending in ("", *_RU_ENDINGS)}
    return frozenset(word_stem(form) for form in forms)


@dataclass(frozen=True, slots=True)
class Token:
    """One search-form token and the span of the original text it came from."""

    start: int
    end: int
    form: str
    kind: Kind


def tokens(text: str) -> tuple[str, list[Token]]:
    """``text`` (NFC) and its search-form tokens with their spans in it."""
    text = unicodedata.normalize("NFC", text)
    folded = Folded.of(text)
    found: list[Token] = []
    for match in _PIECE.finditer(folded.text):
        start, end = folded.span(match.start(), match.end())
        if match.lastgroup == "word":
            found.append(Token(start, end, match.group(), "word"))
        elif match.lastgroup == "cjk":
            found.append(Token(start, end, match.group(), "cjk"))
        elif _separator(match) == f" {BREAK} ":
            found.append(Token(start, end, BREAK, "break"))
    return text, found


def word_tokens(folded: Folded) -> Iterator[Token]:
    """The word tokens alone (no CJK, no breaks): cheaper than ``tokens`` for long CJK text."""
    for match in _WORD_TOKEN.finditer(folded.text):
        start, end = folded.span(match.start(), match.end())
        yield Token(start, end, match.group(), "word")


@dataclass(frozen=True)
class Folded:
    """An NFC text folded, and where each folded character came from (None: one to one)."""

    text: str
    origin: list[int] | None

    @classmethod
    def of(cls, text: str) -> Folded:
        folded = text.translate(_FOLD)
        if len(folded) == len(text) and all(len(_FOLD[ord(c)]) == 1 for c in set(text)):
            return cls(folded, None)
        pieces: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            pieces.append(_FOLD[ord(char)])
            origin.extend([index] * len(pieces[-1]))
        return cls("".join(pieces), origin)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that folded ``[start, end)`` came from."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def cjk_runs(found: list[Token]) -> Iterator[list[Token]]:
    """Runs of adjacent CJK tokens (what the stem form cuts into bigrams)."""
    run: list[Token] = []
    for token in found:
        if token.kind == "cjk":
            run.append(token)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run
