"""Search forms: folding, CJK tokens and breaks, stems and bigrams, query-side inflections."""

from __future__ import annotations

import random

import pytest

from archive.search import textforms
from archive.search.textforms import (
    BREAK,
    fold,
    fold_by_table,
    query_stems,
    search_form,
    stem_form,
    tokens,
    word_stem,
)


def test_cjk_characters_are_tokens_and_punctuation_is_a_break() -> None:
    assert search_form("北京，上海") == f"北 京 {BREAK} 上 海"
    assert search_form("G20峰会 summit") == f"g20 峰 会 {BREAK} summit"
    assert search_form("Hello, World!") == "hello world"


def test_folding_case_width_yo_and_latin_accents() -> None:
    assert fold("ЁЛКА Ёж") == "елка еж"
    assert search_form("ＡＢＣ café Straße") == "abc cafe strasse"
    assert search_form("за\u0301мок") == "замок"  # a stress mark does not split the word
    assert search_form("Қазақстан йод") == "қазақстан йод"  # Cyrillic letters keep their marks


def test_a_private_use_break_in_the_text_is_not_a_token() -> None:
    assert BREAK not in search_form(f"a{BREAK}b")


def test_stem_form_has_bigrams_within_runs_and_stems() -> None:
    form = search_form("北京大学，在。Саммиты прошли")
    assert stem_form(form, "ru") == f"北京 京大 大学 {BREAK} {BREAK} саммит прошл"
    assert stem_form(form, "kk").endswith("саммиты прошли")  # Kazakh: no Russian stemmer


def test_fast_and_offset_tokenizers_agree() -> None:
    alphabet = [*"北京大学论坛", *"саммитЁёйАБ", *"abcÉéßİﬁ", *" ,.，。_-\n\t", "①", "㈱", BREAK]
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        normalized, found = tokens(text)
        assert search_form(text) == " ".join(token.form for token in found), repr(text)
        for token in found:
            assert 0 <= token.start < token.end <= len(normalized)


def test_token_spans_point_into_the_original_text() -> None:
    text, found = tokens("Ｇ２０峰会 «Саммит»")
    assert [(token.form, text[token.start : token.end]) for token in found] == [
        ("g20", "Ｇ２０"),
        ("峰", "峰"),
        ("会", "会"),
        (BREAK, " «"),
        ("саммит", "Саммит"),
    ]


@pytest.mark.parametrize(
    "form",
    ["саммит", "саммита", "саммиту", "саммитом", "саммите", "саммиты", "саммитов", "саммитах"],
)
def test_every_inflection_of_a_russian_query_word_is_covered(form: str) -> None:
    # Snowball alone is inconsistent here: саммит → самм, саммита → саммит.
    assert word_stem(form) in query_stems("саммит")
    assert word_stem("саммит") in query_stems(form)


def test_query_stems_do_not_reach_other_words() -> None:
    stems = query_stems("саммит")
    for other in ("самолет", "самокаты", "самбо", "сами"):
        assert word_stem(other) not in stems
    assert query_stems("meetings") == frozenset({"meet"})


# Characters that fold otherwise than str.casefold, or trip it: ё, accents, full width,
# combining marks, ß, dotted İ, final sigma, ligatures, the break token, CJK, Hangul.
TRICKY = "ЁёÉéÅåßİıΣσςﬁＡａ\u0301\u0308\u0327ǅǄ" + BREAK + "北京，한국어 Ǆ𝐀①½™"


def test_fold_equals_the_per_character_table() -> None:
    for start in range(0, 0x30000, 128):  # every character of the BMP and the CJK planes
        codes = (code for code in range(start, start + 128) if not 0xD800 <= code < 0xE000)
        block = "".join(map(chr, codes))
        assert fold(block) == fold_by_table(block), hex(start)
        assert fold("Текст " + block + " текст") == fold_by_table("Текст " + block + " текст")
    rng = random.Random(7)
    pool = TRICKY + "abc АБВ где 123 ,.!"
    for _ in range(2000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 30)))
        assert fold(text) == fold_by_table(text), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "Министерство иностранных дел сообщило, что визит состоится 5 мая.",
        "The Secretariat's report — 2024/25 (final), ÉDITION spéciale!",
        "Ёлка_и_ёж 3.14 e-mail: press@mid.ru",
        "",
        "   ",
    ],
)
def test_forms_without_cjk_take_the_short_path_to_the_same_result(text: str) -> None:
    folded = fold(text)
    assert search_form(text) == textforms._search_form_of_folded(folded)
    form = search_form(text)
    for language in ("ru", "kk", None):
        stemmed = textforms.stems_language(language)
        assert stem_form(form, language) == textforms._stem_form_by_patterns(form, stemmed)
