"""Search forms: folding, CJK tokens and breaks, stems and bigrams, query-side inflections."""

from __future__ import annotations

import random

import pytest

from archive.textforms import (
    BREAK,
    fold,
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
