"""Snippets and highlights cut from an article's original text, never from its search form.

A query's terms are matched against the tokens of the original text exactly as the index
matches them (same folding, same stems, same CJK adjacency), so what is marked is what was
found. Output is HTML: the text escaped, matches in ``<mark>``.
"""

from __future__ import annotations

import unicodedata
from html import escape

from archive.search.query import Query, Term
from archive.search.textforms import Folded, Token, stems_language, tokens, word_stem, word_tokens

Span = tuple[int, int, int]  # start, end, index of the term it matches

MARK, UNMARK = "<mark>", "</mark>"
SNIPPET_CHARS = 180  # for alphabetic text; CJK text gets half as many characters
ELLIPSIS = "…"


def match_spans(text: str, query: Query, *, stemmed: bool = True) -> list[Span]:
    """Where each of the query's terms matches in ``text`` (NFC), as spans of it."""
    folded = Folded.of(text)
    words: list[Token] | None = None
    found: list[Token] | None = None
    spans: list[Span] = []
    for number, term in enumerate(query.terms):
        if term.kind == "cjk":
            pairs = _cjk_spans(folded, "".join(term.forms))
        elif term.kind in ("word", "exact"):
            words = list(word_tokens(folded)) if words is None else words
            pairs = _word_spans(words, term, stemmed)
        else:
            found = tokens(text)[1] if found is None else found
            pairs = _phrase_spans(found, term)
        spans.extend((start, end, number) for start, end in pairs)
    return sorted(spans)


def _cjk_spans(folded: Folded, needle: str) -> list[tuple[int, int]]:
    # A CJK string matches where its characters stand together in the folded text: any
    # separator between them would have broken the index's run of bigrams as well.
    spans, at = [], folded.text.find(needle)
    while at != -1:
        spans.append(folded.span(at, at + len(needle)))
        at = folded.text.find(needle, at + 1)
    return spans


def _word_spans(words: list[Token], term: Term, stemmed: bool) -> list[tuple[int, int]]:
    exact = term.forms[0]
    stems = term.stems if stemmed and term.kind == "word" else frozenset()
    return [
        (token.start, token.end)
        for token in words
        if token.form == exact or (stems and word_stem(token.form) in stems)
    ]


def _phrase_spans(found: list[Token], term: Term) -> list[tuple[int, int]]:
    size, first = len(term.forms), term.forms[0]
    return [
        (found[i].start, found[i + size - 1].end)
        for i in range(len(found) - size + 1)
        if found[i].form == first and all(found[i + k].form == term.forms[k] for k in range(size))
    ]


def snippet(text: str, query: Query, *, language: str | None = None) -> str:
    """A short HTML excerpt of ``text`` around its best cluster of matches."""
    text = unicodedata.normalize("NFC", text)
    spans = match_spans(text, query, stemmed=stems_language(language))
    width = _width(text)
    start = _best_start(spans, width) if spans else 0
    end = min(len(text), start + width)
    start, end = _snap(text, start, end)
    body = _marked(text, spans, start, end).replace("\n", " ")
    return (ELLIPSIS if start > 0 else "") + body + (ELLIPSIS if end < len(text) else "")


def highlighted(text: str, query: Query, *, language: str | None = None) -> str:
    """All of ``text`` as HTML with every match marked (line breaks kept as ``\\n``)."""
    text = unicodedata.normalize("NFC", text)
    spans = match_spans(text, query, stemmed=stems_language(language))
    return _marked(text, spans, 0, len(text))


def _width(text: str) -> int:
    sample = text[:400]
    cjk = sum(1 for char in sample if "\u2e80" <= char <= "\U0003134f")
    return SNIPPET_CHARS // 2 if cjk * 3 > len(sample) else SNIPPET_CHARS


def _best_start(spans: list[Span], width: int) -> int:
    """The window start that shows the most distinct terms (then the most matches)."""
    best, best_score = 0, (-1, -1)
    for anchor, _, _ in spans:
        start = max(0, anchor - width // 4)
        inside = [span for span in spans if span[0] >= start and span[1] <= start + width]
        score = (len({span[2] for span in inside}), len(inside))
        if score > best_score:
            best, best_score = start, score
    return best


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Move a cut off the middle of a word (to the nearest space within a few characters)."""
    if start > 0:
        space = text.find(" ", start, start + 15)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", max(start, end - 15), end)
        end = space if space != -1 else end
    return start, end


def _marked(text: str, spans: list[Span], start: int, end: int) -> str:
    pieces: list[str] = []
    cursor = start
    for span_start, span_end, _ in spans:
        span_start, span_end = max(span_start, cursor), min(span_end, end)
        if span_start >= span_end:
            continue
        pieces.append(escape(text[cursor:span_start], quote=False))
        inner = escape(text[span_start:span_end], quote=False)
        pieces.append(MARK + inner.replace("\n", f"{UNMARK}\n{MARK}") + UNMARK)
        cursor = span_end
    pieces.append(escape(text[cursor:end], quote=False))
    return "".join(pieces)
